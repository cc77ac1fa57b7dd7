"""The client card (right pane): who the client is, health, consents, visits.

The card holds only what ``get_card`` returned (audited as ``client.view``) plus what the
person revealed with an eye button (audited as ``client.reveal``). Revealed values stay
until the card closes (Esc, another client, ``close_card()`` from the lock); then every
value is dropped from memory, not just hidden. The window title never names the client.
"Report…" (reception and manager) previews and prints the client data report, or saves it,
in the client's language, through the privacy section's ``ClientRights``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.clients import HEALTH, HEALTH_CONSENT, ClientCard
from salon_desktop.domain.consents import ConsentState, Method, Purpose
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.visits import Visit
from salon_desktop.i18n import N_, _
from ui.clients import card_sections as sections
from ui.clients.consents_row import ConsentsRow
from ui.errors import message_for
from ui.pages import PageEnv
from ui.privacy.client_rights import PRINT, ClientRights
from ui.widgets import ErrorLabel, TextBinder, busy_bar, heading, label

MORE_VISITS = 50


class ClientCardView(QWidget):
    edit_requested = Signal(object)       # the ClientCard
    new_visit_requested = Signal(object)  # the ClientCard
    book_requested = Signal(int, str)     # client id and "Last, First", for the book
    loaded = Signal()                     # a card arrived (or was reloaded)
    closed = Signal()

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.card: ClientCard | None = None
        self.consents: ConsentState | None = None
        self.revealed: dict[str, Any] = {}
        self.visits: list[Visit] = []
        self._opening: int | None = None
        self._sequence = 0  # bumps on every open/close: late answers for another card drop

        self.hint = label("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texts.bind(self.hint.setText, N_("Find a client on the left (Ctrl+F) and press "
                                              "Enter to open the card."))
        self.name = heading(1.5)
        self.name.setObjectName("client_name")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = busy_bar()
        self.busy.hide()
        session = env.session
        self.edit_button = self._button(N_("Edit"), N_("Change the client's details"),
                                        lambda: self._emit_card(self.edit_requested),
                                        session.can(Permission.CLIENT_BASIC_WRITE))
        self.visit_button = self._button(N_("New visit"), N_("Record a visit for this client"),
                                         lambda: self._emit_card(self.new_visit_requested),
                                         session.can(Permission.VISIT_WRITE))
        self.book_button = self._button(N_("Book"), N_("Book an appointment for this client"),
                                        self._book, session.can(Permission.BOOKING_WRITE))
        self.report_error = ErrorLabel()
        self.rights = ClientRights(env, self, self.report_error)
        self.rights.busy.connect(self._report_busy)
        self.report_button = self._button(
            N_("Report…"), N_("Preview and print the client data report, or save it as a "
                              "PDF, in the client's language"),
            lambda: None, session.can(Permission.REPORT_PRINT))
        self.report_button.setObjectName("report_button")
        report_menu = QMenu(self.report_button)
        for name, msgid, run in (("report_print", PRINT, self.rights.preview_report),
                                 ("report_save", N_("Save as PDF…"), self.rights.save_report)):
            action = report_menu.addAction("")
            action.setObjectName(name)
            self.texts.bind(action.setText, msgid)
            action.triggered.connect(lambda _c=False, r=run: self._report(r))
        self.report_button.setMenu(report_menu)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.edit_button, self.visit_button, self.book_button,
                       self.report_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.body_holder = QVBoxLayout()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 12, 16, 16)
        column.addWidget(self.name)
        column.addLayout(buttons)
        column.addWidget(self.report_error)
        column.addWidget(self.busy)
        column.addLayout(self.body_holder)
        column.addStretch(1)
        self.body: QWidget | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(content)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click on the card, then Esc
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_card)

    def _button(self, text: str, tip: str, slot: Callable[[], None],
                visible: bool) -> QPushButton:
        button = QPushButton()
        self.texts.bind(button.setText, text)
        self.texts.bind(button.setToolTip, tip)
        button.clicked.connect(slot)
        button.setVisible(visible)
        return button

    # -- opening and closing -----------------------------------------------------------------
    @property
    def client_id(self) -> int | None:
        return self.card.id if self.card else self._opening

    def open_client(self, client_id: int) -> None:
        """Load the card on the worker; the previous client's data goes at once."""
        self._drop()
        self._opening = client_id
        self._load(client_id)

    def reload(self) -> None:
        """After an edit, a visit or a consent change: the same card, fresh from the
        service, drawn over the old one (no flicker); revealed values stay revealed."""
        if self.card is not None:
            self._sequence += 1
            self._load(self.card.id)

    def _load(self, client_id: int) -> None:
        services, can = self.env.ctx.services, self.env.session.can
        self.busy.show()

        def load() -> tuple[ClientCard, ConsentState | None]:
            card = services.clients.get_card(client_id)
            consents = (services.consents.state(client_id)
                        if can(Permission.CONSENT_FLAG_READ) else None)
            return card, consents

        self._run(self._sequence, load, self._loaded)

    def close_card(self) -> None:
        """Esc, or the lock: every value of the card leaves memory."""
        was_open = self.card is not None or self._opening is not None
        self._drop()
        self.stack.setCurrentIndex(0)
        if was_open:
            self.closed.emit()

    def _drop(self) -> None:
        self._sequence += 1
        self.card, self.consents, self._opening = None, None, None
        self.revealed, self.visits = {}, []
        self.name.clear()
        self.busy.hide()
        self.rights.cancel()
        self.report_error.clear_error()
        self._discard_body()

    def _discard_body(self) -> None:
        """Out of the window at once (not at the next event-loop turn), deleted once the
        click that may have led here has returned."""
        if self.body is not None:
            self.body.hide()
            self.body.setParent(None)  # type: ignore[call-overload]
            self.body.deleteLater()
            self.body = None

    def _run(self, sequence: int, job: Callable[[], Any],
             done: Callable[[Any], None]) -> None:
        def finished(result: Any) -> None:
            if sequence == self._sequence:
                self.busy.hide()
                done(result)

        def failed(error: BaseException) -> None:
            if sequence != self._sequence:
                return
            self.busy.hide()
            self.env.show_status(message_for(error))
            if self.card is None:
                self.close_card()
            else:
                self.render()

        self.env.worker.run(job, finished, failed, owner=self)

    def _loaded(self, result: tuple[ClientCard, ConsentState | None]) -> None:
        self.card, self.consents = result
        self._opening = None
        self.visits = list(self.card.recent_visits)
        if HEALTH not in self.card.masked_fields:
            self.revealed.pop(HEALTH, None)  # consent withdrawn meanwhile: hidden at once
        self.stack.setCurrentIndex(1)
        self.render()
        self.loaded.emit()

    # -- the masked fields, consents and more visits ------------------------------------------
    def reveal(self, field: str) -> None:
        if self.card is None:
            return
        client_id, clients = self.card.id, self.env.ctx.services.clients

        def done(value: object) -> None:
            self.revealed[field] = value
            self.render()

        self._run(self._sequence, lambda: clients.reveal(client_id, field), done)  # type: ignore[arg-type]

    def toggle_consent(self, purpose: Purpose, give: bool) -> None:
        if self.card is None:
            return
        client_id, services = self.card.id, self.env.ctx.services

        def record() -> ConsentState:
            if give:
                services.consents.give(client_id, purpose, Method.DESK)
            else:
                services.consents.withdraw(client_id, purpose, Method.DESK)
            return services.consents.state(client_id)

        def done(state: ConsentState) -> None:
            self.env.show_status(_("Consent recorded.") if give
                                 else _("Withdrawal recorded."))
            if purpose is Purpose.HEALTH:
                self.reload()  # the health section follows the consent at once
            else:
                self.consents = state
                self.render()

        self._run(self._sequence, record, done)

    def load_more_visits(self) -> None:
        if self.card is None:
            return
        client_id, offset = self.card.id, len(self.visits)
        visits = self.env.ctx.services.visits

        def done(more: tuple[Visit, ...]) -> None:
            self.visits.extend(more)
            self.render()

        self._run(self._sequence, lambda: visits.history(client_id, MORE_VISITS, offset), done)

    def _emit_card(self, signal: Any) -> None:
        if self.card is not None:
            signal.emit(self.card)

    def _report(self, run: Callable[[int], None]) -> None:
        if self.card is not None:
            run(self.card.id)

    def _report_busy(self, running: bool) -> None:
        self.report_button.setEnabled(not running)
        self.busy.setVisible(running)

    def _book(self) -> None:
        if self.card is not None:
            self.book_requested.emit(self.card.id,
                                     f"{self.card.last_name}, {self.card.first_name}")

    # -- drawing ---------------------------------------------------------------------------
    def render(self) -> None:
        """Rebuild the body from the data held (also after a language switch)."""
        card = self.card
        if card is None:
            return
        self._discard_body()
        self.name.setText(f"{card.first_name} {card.last_name}")
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        column.addWidget(sections.details(card, self.revealed, self.reveal))
        health = sections.health(card, self.revealed, self.reveal)
        if health is not None:
            column.addWidget(sections.section_title(_("Health")))
            column.addWidget(health)
        if self.consents is not None:
            column.addWidget(sections.section_title(_("Consents")))
            row = ConsentsRow(self.consents,
                              can_write=self.env.session.can(Permission.CONSENT_WRITE),
                              show_health=HEALTH_CONSENT in card.visible_fields)
            row.toggle_requested.connect(self.toggle_consent)
            column.addWidget(row)
        column.addWidget(sections.visits_section(card, self.visits, self.load_more_visits))
        self.body_holder.addWidget(self.body)

    def retranslate(self) -> None:
        self.texts.apply()
        self.report_error.retranslate()
        self.render()
