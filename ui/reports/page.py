"""The Reports page: a heading and one tab per report.

The client data report is for whoever may print it (reception and the manager); the record
of processing for whoever keeps the salon's settings (the manager). Hiding a tab is a
courtesy that mirrors the services' checks — they refuse anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from ui.pages.tabbed import TabbedSection
from ui.privacy.client_rights import REPORT_NAME
from ui.reports.client_report import ClientReportPanel
from ui.reports.record_panel import RecordPanel

if TYPE_CHECKING:
    from ui.pages import PageEnv

TITLE = N_("Reports")
RECORD_TAB = N_("Record of processing")


class ReportsPage(TabbedSection):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, "reports_tabs", parent)
        self.setObjectName("reports_page")
        self.client_report = ClientReportPanel(env)
        self.add_tab(self.client_report, REPORT_NAME)
        self.record: RecordPanel | None = None
        if env.session.can(Permission.SETTINGS_MANAGE):
            self.record = RecordPanel(env)
            self.add_tab(self.record, RECORD_TAB)
        self.retranslate()


    def clear(self) -> None:
        """Called by the lock: the chosen client goes. The record of processing holds no
        client data (the salon's own texts and staff names only), so it stays."""
        self.client_report.clear()
