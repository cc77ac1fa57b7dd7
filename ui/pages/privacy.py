"""The Privacy & consents section; a calm placeholder until its issue lands."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desktop.i18n import N_
from ui.pages import PageEnv, PageSpec
from ui.pages.placeholder import PlaceholderPage

TITLE = N_("Privacy & consents")
EMPTY_TEXT = (
    N_("Clients' consents will be recorded and withdrawn here, and data protection "
       "requests followed up within their one-month deadline."))


def build(env: PageEnv) -> QWidget:
    return PlaceholderPage(TITLE, EMPTY_TEXT, "privacy")


PAGE = PageSpec("privacy", TITLE, "privacy", build)
