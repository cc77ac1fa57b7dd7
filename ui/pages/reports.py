"""The Reports section (``ui/reports``): the client data report and the record of processing.

Visible to whoever may print the client data report (reception and the manager); a stylist
has nothing to print here. The record of processing inside it is the manager's. The
services check every call anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from ui.pages import PageEnv, PageSpec
from ui.reports.page import TITLE, ReportsPage

if TYPE_CHECKING:
    from salon_desktop.services.base import Session


def _visible(session: Session) -> bool:
    return session.can(Permission.REPORT_PRINT)


def build(env: PageEnv) -> QWidget:
    return ReportsPage(env)


PAGE = PageSpec("reports", TITLE, "reports", build, visible=_visible)
