"""The Reports section; a calm placeholder until its issue lands."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desktop.i18n import N_
from ui.pages import PageEnv, PageSpec
from ui.pages.placeholder import PlaceholderPage

TITLE = N_("Reports")
EMPTY_TEXT = (
    N_("Here you will print a client's data report in the client's language and export "
       "their data."))


def build(env: PageEnv) -> QWidget:
    return PlaceholderPage(TITLE, EMPTY_TEXT, "reports")


PAGE = PageSpec("reports", TITLE, "reports", build)
