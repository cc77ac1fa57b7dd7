"""The Reports page: a heading and one tab per report.

The client data report is for whoever may print it (reception and the manager); the record
of processing for whoever keeps the salon's settings (the manager). Hiding a tab is a
courtesy that mirrors the services' checks — they refuse anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_, _
from ui.privacy.client_rights import REPORT_NAME
from ui.reports.client_report import ClientReportPanel
from ui.reports.record_panel import RecordPanel
from ui.widgets import TextBinder, heading

if TYPE_CHECKING:
    from ui.pages import PageEnv

TITLE = N_("Reports")
RECORD_TAB = N_("Record of processing")


class ReportsPage(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports_page")
        self.texts = TextBinder()
        title = heading(1.35)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reports_tabs")
        self.tabs.setDocumentMode(True)
        self._titles: list[str] = []
        self.client_report = ClientReportPanel(env)
        self._add(self.client_report, REPORT_NAME)
        self.record: RecordPanel | None = None
        if env.session.can(Permission.SETTINGS_MANAGE):
            self.record = RecordPanel(env)
            self._add(self.record, RECORD_TAB)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.texts.bind(title.setText, TITLE)
        self.retranslate()

    def _add(self, panel: QWidget, title: str) -> None:
        self.tabs.addTab(panel, "")
        self._titles.append(title)

    def show_tab(self, panel: QWidget | None) -> bool:
        index = self.tabs.indexOf(panel) if panel is not None else -1
        if index >= 0:
            self.tabs.setCurrentIndex(index)
        return index >= 0

    def clear(self) -> None:
        """Called by the lock: the chosen client goes. The record of processing holds no
        client data (the salon's own texts and staff names only), so it stays."""
        self.client_report.clear()

    def retranslate(self) -> None:
        self.texts.apply()
        for index, title in enumerate(self._titles):
            self.tabs.setTabText(index, _(title))
        self.client_report.retranslate()
        if self.record is not None:
            self.record.retranslate()
