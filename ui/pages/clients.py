"""The Clients section; a calm placeholder until its issue lands."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desktop.i18n import N_
from ui.pages import PageEnv, PageSpec
from ui.pages.placeholder import PlaceholderPage

TITLE = N_("Clients")
EMPTY_TEXT = (
    N_("Client cards will be here: contact details, preferences, allergies and patch "
       "tests, colour formulas and past visits. You will find a client with Ctrl+F and "
       "add a new one with Ctrl+N."))


def build(env: PageEnv) -> QWidget:
    return PlaceholderPage(TITLE, EMPTY_TEXT, "clients")


PAGE = PageSpec("clients", TITLE, "clients", build)
