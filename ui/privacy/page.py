"""The Privacy & consents page: a heading and one tab per kind of privacy work.

Tabs appear by role, mirroring the services' permission checks (hiding is a courtesy; the
services refuse anyway): client consents (with the client's data report and logging a
request) for whoever records consents; the marketing lists for whoever may export contact
data; the requests register and the retention review for the data-protection permission
(ERASE); the wordings for whoever manages the salon's settings — the last three being the
manager's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from ui.pages.tabbed import TabbedSection
from ui.privacy.consents_panel import ConsentsPanel
from ui.privacy.marketing_panel import MarketingPanel
from ui.privacy.requests_panel import RequestsPanel
from ui.privacy.retention_panel import RetentionPanel
from ui.privacy.wordings_panel import WordingsPanel

if TYPE_CHECKING:
    from salon_desktop.services.base import Session
    from ui.pages import PageEnv

TITLE = N_("Privacy & consents")
CONSENTS_TAB = N_("Client consents")
MARKETING_TAB = N_("Marketing lists")
WORDINGS_TAB = N_("Consent wordings")
REQUESTS_TAB = N_("Data protection requests")
RETENTION_TAB = N_("Retention")


def may_see_marketing(session: Session) -> bool:
    return session.can(Permission.DATA_EXPORT) and session.can(Permission.CLIENT_CONTACT_READ)


class PrivacyPage(TabbedSection):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, "privacy_tabs", parent)
        self.setObjectName("privacy_page")
        self.env = env
        self.consents = ConsentsPanel(env)
        self.add_tab(self.consents, CONSENTS_TAB)
        self.marketing: MarketingPanel | None = None
        if may_see_marketing(env.session):
            self.marketing = MarketingPanel(env)
            self.add_tab(self.marketing, MARKETING_TAB)
        self.requests: RequestsPanel | None = None
        self.retention: RetentionPanel | None = None
        if env.session.can(Permission.ERASE):  # the data-protection permission
            self.requests = RequestsPanel(env)
            self.add_tab(self.requests, REQUESTS_TAB)
        self.wordings: WordingsPanel | None = None
        if env.session.can(Permission.SETTINGS_MANAGE):
            self.wordings = WordingsPanel(env)
            self.add_tab(self.wordings, WORDINGS_TAB)
        if env.session.can(Permission.ERASE):
            self.retention = RetentionPanel(env)
            self.add_tab(self.retention, RETENTION_TAB)
        self.retranslate()


    def clear(self) -> None:
        """Called by the lock (``ui/lock/drafts.clear_pages``): every tab drops its client
        data before the window goes, so nothing of the last view stays in memory."""
        for panel in (self.consents, self.marketing, self.requests, self.retention):
            if panel is not None:
                panel.clear()
