"""The Appointments section; a calm placeholder until its issue lands."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desktop.i18n import N_
from ui.pages import PageEnv, PageSpec
from ui.pages.placeholder import PlaceholderPage

TITLE = N_("Appointments")
EMPTY_TEXT = (
    N_("Each stylist's day and week will be here, to book and move appointments. You "
       "will book with Ctrl+B."))


def build(env: PageEnv) -> QWidget:
    return PlaceholderPage(TITLE, EMPTY_TEXT, "appointments")


PAGE = PageSpec("appointments", TITLE, "appointments", build)
