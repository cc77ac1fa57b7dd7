"""Administration: the manager's section (staff accounts, the audit log, settings).

Visible only to a role that may do one of those things; the services check each call
anyway, so hiding the section is a courtesy, not the protection. The screens themselves live
in ``ui.admin``. Imported at the top (not in ``build``): ``ui.app`` imports every page module
on the worker while "Opening…" shows, so the first click on this section, which builds it
(ui/main_window.py), does not also wait ~35 ms for the imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from ui.admin.page import AdminPage
from ui.backup.tab import TAB_TITLE, BackupsTab
from ui.pages import PageEnv, PageSpec

if TYPE_CHECKING:
    from salon_desktop.services.base import Session

TITLE = N_("Administration")

_MANAGER_PERMISSIONS = (Permission.STAFF_MANAGE, Permission.SETTINGS_MANAGE,
                        Permission.AUDIT_READ, Permission.BACKUP)


def _visible(session: Session) -> bool:
    return any(session.can(permission) for permission in _MANAGER_PERMISSIONS)


def build(env: PageEnv) -> QWidget:
    page = AdminPage(env, TITLE)
    if env.session.can(Permission.BACKUP):  # the last tab (ui/backup, docs/backups.md)
        page.add_tab(BackupsTab(env), TAB_TITLE)
    return page


PAGE = PageSpec("administration", TITLE, "administration", build, visible=_visible)
