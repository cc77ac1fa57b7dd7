"""Administration: the manager's section (staff, settings, backups, audit log).

Visible only to a role that may do one of those things; the services check each call
anyway, so hiding the section is a courtesy, not the protection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from ui.pages import PageEnv, PageSpec
from ui.pages.placeholder import PlaceholderPage

if TYPE_CHECKING:
    from salon_desktop.services.base import Session

TITLE = N_("Administration")
EMPTY_TEXT = (
    N_("Staff accounts and roles, the salon's settings, backups and the audit log will "
       "be managed here."))

_MANAGER_PERMISSIONS = (Permission.STAFF_MANAGE, Permission.SETTINGS_MANAGE,
                        Permission.AUDIT_READ, Permission.BACKUP)


def _visible(session: Session) -> bool:
    return any(session.can(permission) for permission in _MANAGER_PERMISSIONS)


def build(env: PageEnv) -> QWidget:
    return PlaceholderPage(TITLE, EMPTY_TEXT, "administration")


PAGE = PageSpec("administration", TITLE, "administration", build, visible=_visible)
