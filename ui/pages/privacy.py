"""The Privacy & consents section (``ui/privacy``): the salon-wide privacy work.

Visible to whoever may read the consent details (reception and the manager); a stylist
sees only whether a client's health consent stands, on the card, so the section is hidden
from them. The services check every call anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from ui.pages import PageEnv, PageSpec
from ui.privacy.page import TITLE, PrivacyPage

if TYPE_CHECKING:
    from salon_desktop.services.base import Session


def _visible(session: Session) -> bool:
    return session.can(Permission.CONSENT_READ)


def build(env: PageEnv) -> QWidget:
    return PrivacyPage(env)


PAGE = PageSpec("privacy", TITLE, "privacy", build, visible=_visible)
