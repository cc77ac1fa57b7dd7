"""The Administration section: one page with a tab per area the manager looks after.

A tab appears only when the signed-in role has that area's permission (the services check
every call anyway). Each tab loads its data the first time it is shown, so signing in does
not wait for the staff list or thousands of audit entries.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_, _
from ui.admin.audit_page import AuditTab
from ui.admin.settings_page import SettingsTab
from ui.admin.staff_page import StaffTab
from ui.pages import PageEnv
from ui.widgets import TextBinder, heading

STAFF, AUDIT_LOG, SETTINGS = N_("Staff"), N_("Audit log"), N_("Settings")
T = TypeVar("T", bound=QWidget)


class AdminPage(QWidget):
    def __init__(self, env: PageEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        self.title = heading(1.35)
        self.texts.bind(self.title.setText, title)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("admin_tabs")
        self.tabs.setDocumentMode(True)
        self._titles: list[str] = []
        self.staff: StaffTab | None = None
        self.audit: AuditTab | None = None
        self.settings: SettingsTab | None = None
        session = env.session
        if session.can(Permission.STAFF_MANAGE):
            self.staff = self.add_tab(StaffTab(env), STAFF)
        if session.can(Permission.AUDIT_READ):
            self.audit = self.add_tab(AuditTab(env), AUDIT_LOG)
        if session.can(Permission.SETTINGS_MANAGE):
            self.settings = self.add_tab(SettingsTab(env), SETTINGS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)

    def add_tab(self, tab: T, title: str) -> T:
        """Append a tab (``title`` a msgid marked with N_); it re-translates with the page and
        its ``retranslate()`` is called if it has one. Other areas (backups) plug in here."""
        self.tabs.addTab(tab, _(title))
        self._titles.append(title)
        return tab

    _add = add_tab  # the name the backups tab uses today

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

    def retranslate(self) -> None:
        self.texts.apply()
        for index, title in enumerate(self._titles):
            self.tabs.setTabText(index, _(title))
            page = self.tabs.widget(index)
            retranslate = getattr(page, "retranslate", None)
            if callable(retranslate):
                retranslate()
