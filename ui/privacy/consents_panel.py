"""Client consents: pick a client, see every purpose, give or withdraw, read the history.

The card on the Clients page already has one-click consents "at the desk"; this panel is the
full picture for the privacy work: how the client said it (paper form, desk, screen, phone,
a reply to a message), the whole ledger, the paper form, the objection to marketing, the
restriction (manager), and erasing health data after the health consent is withdrawn.
Every change reloads the client from the ledger, so what is shown is what was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.clients import ClientListItem
from salon_desktop.domain.consents import METHOD_LABELS, PURPOSE_LABELS, Method, Purpose
from salon_desktop.domain.errors import NotFound
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_, _
from ui.clients.picker import ClientPicker
from ui.privacy.client_consents import ClientConsents, load_client
from ui.privacy.client_rights import ClientRights
from ui.privacy.health_note import HealthEraseNote
from ui.privacy.history import HistoryTable
from ui.privacy.paper_form import PaperForms
from ui.privacy.purpose_grid import PurposeGrid
from ui.privacy.texts import CHOOSABLE_METHODS, language_word
from ui.widgets import ErrorLabel, TextBinder, heading, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

PICK_HINT = N_("Choose a client on the left to see and record their consents.")
LANGUAGE = N_("Client's language: {language}")
METHOD = N_("How the client tells you:")
OBJECTING = N_("Objects to direct marketing")
OBJECTING_TIP = N_("The client objects to marketing messages: kept off every marketing list, "
                   "whatever the consents say, until this is cleared.")
RESTRICTED = N_("Processing restricted (data protection request)")
RESTRICTED_TIP = N_("While restricted, the client is kept off every marketing list. Only the "
                    "manager sets or lifts this.")
OBJECTION_ON = N_("Objection recorded: the client is off every marketing list.")
OBJECTION_OFF = N_("Objection cleared: the consents decide again.")
RESTRICTION_ON = N_("Restriction recorded: the client is off every marketing list.")
RESTRICTION_OFF = N_("Restriction lifted.")
HISTORY = N_("History")
GIVEN_STATUS = N_("Consent recorded: {purpose}.")
WITHDRAWN_STATUS = N_("Withdrawal recorded: {purpose}. It takes effect at once.")
HEALTH_ERASED = N_("Health data erased.")


class ConsentsPanel(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.loaded: ClientConsents | None = None
        self.client: ClientListItem | None = None
        self._ticket = 0
        session = env.session
        self.can_write = session.can(Permission.CONSENT_WRITE)
        self.can_restrict = session.can(Permission.ERASE)

        self.picker = ClientPicker(env)
        self.picker.setFixedWidth(230)
        self.picker.picked.connect(self.open_client)
        self.hint = label("hint")
        self.detail = QWidget()
        self.detail.hide()
        self.error = ErrorLabel()

        self.name = heading(1.25)
        self.language = label("hint", word_wrap=False)
        self.paper = PaperForms(self)
        self.rights = ClientRights(env, self, self.error, changed=self.reload,
                                   erased=self.forget_erased)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.paper.print_button)
        top.addWidget(self.paper.record_button)
        top.addWidget(self.rights.menu_button(lambda: self.client))

        self.method = QComboBox()
        self.method.setObjectName("consent_method")
        for method in CHOOSABLE_METHODS:
            self.method.addItem("", method)
        self.method.currentIndexChanged.connect(
            lambda _i: self.grid.set_method(self.chosen_method()))
        method_label = label(word_wrap=False)
        method_label.setBuddy(self.method)
        method_row = QHBoxLayout()
        method_row.addWidget(method_label)
        method_row.addWidget(self.method)
        method_row.addStretch(1)
        method_row.addWidget(self.language)

        self.grid = PurposeGrid()
        self.grid.requested.connect(self.record)
        self.objecting = QCheckBox()
        self.objecting.setObjectName("objecting")
        self.objecting.clicked.connect(self.set_objection)
        self.restricted = QCheckBox()
        self.restricted.setObjectName("restricted")
        self.restricted.clicked.connect(self.set_restriction)
        if not self.can_restrict:  # not setVisible(True): no parent yet, a window
            self.restricted.hide()
        flags = QHBoxLayout()
        flags.addWidget(self.objecting)
        flags.addWidget(self.restricted)
        flags.addStretch(1)
        self.health = HealthEraseNote()
        self.health.erase_confirmed.connect(self.erase_health)
        self.history_title = heading(1.1)
        self.history = HistoryTable()

        column = QVBoxLayout(self.detail)
        column.setContentsMargins(0, 0, 4, 0)
        column.addLayout(top)
        column.addLayout(method_row)
        column.addWidget(self.grid)
        column.addLayout(flags)
        column.addWidget(self.health)
        column.addWidget(self.history_title)
        column.addWidget(self.history, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        right = QVBoxLayout(inner)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.error)
        right.addWidget(self.hint)
        right.addWidget(self.detail, 1)
        right.addStretch(0)
        scroll.setWidget(inner)
        layout = QHBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(scroll, 1)
        search = QShortcut(QKeySequence.StandardKey.Find, self)
        search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search.activated.connect(lambda: self.picker.edit.setFocus())

        self.texts.bind(self.hint.setText, PICK_HINT)
        self.texts.bind(method_label.setText, METHOD)
        self.texts.bind(self.objecting.setText, OBJECTING)
        self.texts.bind(self.objecting.setToolTip, OBJECTING_TIP)
        self.texts.bind(self.restricted.setText, RESTRICTED)
        self.texts.bind(self.restricted.setToolTip, RESTRICTED_TIP)
        self.texts.bind(self.history_title.setText, HISTORY)
        self.retranslate()

    # -- showing ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if not self.picker.loaded:
            self.picker.search_now()
        elif self.client is not None:
            self.reload()  # the card or another tab may have changed the ledger meanwhile
        super().showEvent(event)

    def chosen_method(self) -> Method:
        return Method(self.method.currentData())

    def open_client(self, client: ClientListItem) -> None:
        """Load this client's consents (an answer for an earlier pick is dropped)."""
        self.client = client
        self.reload()

    def reload(self) -> None:
        if self.client is None:
            return
        self._ticket += 1
        ticket, client, can_write = self._ticket, self.client, self.can_write
        services = self.env.ctx.services
        self.env.worker.run(lambda: load_client(services, client, can_write=can_write),
                            lambda loaded: self._show(ticket, loaded),
                            lambda error: self._failed(ticket, error), owner=self)

    def _show(self, ticket: int, loaded: ClientConsents) -> None:
        if ticket != self._ticket:
            return
        self.loaded = loaded
        self.error.clear_error()
        self.hint.hide()
        self.detail.show()
        self.grid.show_states(loaded.shown_purposes(), loaded.wordings,
                              can_write=self.can_write)
        self.history.show_events(loaded.history)
        for box, value in ((self.objecting, loaded.state.objecting),
                           (self.restricted, loaded.state.restricted)):
            box.setChecked(bool(value))
        self.objecting.setEnabled(self.can_write)
        self.health.client_name = loaded.name
        self.health.setVisible(loaded.health_data_left)
        self.paper.sync()
        self.retranslate()

    def _failed(self, ticket: int, error: BaseException) -> None:
        if ticket != self._ticket:
            return
        if isinstance(error, NotFound):  # erased meanwhile (retention, another PC)
            self.forget_erased()
            return
        self.grid.set_busy(False)
        self.error.show_error(error)

    def retranslate(self) -> None:
        self.texts.apply()
        self.picker.retranslate()
        for row in range(self.method.count()):
            self.method.setItemText(row, _(METHOD_LABELS[Method(self.method.itemData(row))]))
        self.grid.retranslate()
        self.history.retranslate()
        self.health.retranslate()
        self.paper.retranslate()
        self.rights.retranslate()
        self.error.retranslate()
        if self.loaded is not None:
            self.name.setText(self.loaded.name)
            self.language.setText(_(LANGUAGE).format(
                language=language_word(self.loaded.client.language)))

    # -- recording -------------------------------------------------------------------------
    def _change(self, job: Callable[[], object], status: str) -> None:
        """Run a ledger change, then reload the client; the status bar says what happened."""
        def done(_result: object) -> None:
            self.env.show_status(status)
            self.reload()

        def failed(error: BaseException) -> None:
            self.error.show_error(error)
            self.reload()  # the grid and the boxes show the ledger again, not the click

        self.error.clear_error()
        self.env.worker.run(job, done, failed, owner=self)

    def record(self, purpose: Purpose, give: bool) -> None:
        if self.client is None:
            return
        consents, client_id, method = self.env.ctx.services.consents, self.client.id, \
            self.chosen_method()
        label_text = _(PURPOSE_LABELS[purpose])
        if give:
            self._change(lambda: consents.give(client_id, purpose, method),
                         _(GIVEN_STATUS).format(purpose=label_text))
        else:
            self._change(lambda: consents.withdraw(client_id, purpose, method),
                         _(WITHDRAWN_STATUS).format(purpose=label_text))

    def set_objection(self, objecting: bool) -> None:
        if self.client is not None:
            consents, client_id = self.env.ctx.services.consents, self.client.id
            self._change(lambda: consents.record_objection(client_id, objecting),
                         _(OBJECTION_ON if objecting else OBJECTION_OFF))

    def set_restriction(self, restricted: bool) -> None:
        if self.client is not None:
            consents, client_id = self.env.ctx.services.consents, self.client.id
            self._change(lambda: consents.set_restriction(client_id, restricted),
                         _(RESTRICTION_ON if restricted else RESTRICTION_OFF))

    def erase_health(self) -> None:
        if self.client is not None:
            consents, client_id = self.env.ctx.services.consents, self.client.id
            self._change(lambda: consents.erase_health_data(client_id), _(HEALTH_ERASED))

    def clear(self) -> None:
        """Forget the client on screen (nothing of them stays after a lock)."""
        self._ticket += 1
        self.rights.cancel()
        self.client = self.loaded = None
        self.picker.clear()
        self.detail.hide()
        self.hint.show()

    def forget_erased(self) -> None:
        """The client was erased: nothing of them stays on screen, the list is fresh."""
        self.clear()
        self.picker.search_now()
