"""The Administration section: one page with a tab per area the manager looks after.

A tab appears only when the signed-in role has that area's permission (the services check
every call anyway). Each tab loads its data the first time it is shown, so signing in does
not wait for the staff list or thousands of audit entries.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from ui.admin.audit_page import AuditTab
from ui.admin.settings_page import SettingsTab
from ui.admin.staff_page import StaffTab
from ui.pages import PageEnv
from ui.pages.tabbed import TabbedSection

STAFF, AUDIT_LOG, SETTINGS = N_("Staff"), N_("Audit log"), N_("Settings")


class AdminPage(TabbedSection):
    def __init__(self, env: PageEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, "admin_tabs", parent)
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


