"""The Clients section: the searchable list on the left, the open card on the right.

Keyboard first (reception talks to the client while typing): Ctrl+F searches, Ctrl+N
registers a new client, Enter opens, Esc closes the card. The shortcuts belong to this page
and act only while it is the section on screen. ``clear()`` drops every client from memory
for the lock screen; ``reload()`` asks again after unlocking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from salon_desktop.domain.clients import ClientCard, ClientPage
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_, _
from ui.clients.card import ClientCardView
from ui.clients.form import ClientFormDialog
from ui.clients.import_wizard import ImportWizard
from ui.clients.list_model import ClientListModel
from ui.clients.list_pane import ClientListPane
from ui.clients.visit_dialog import VisitDialog
from ui.errors import message_for
from ui.pages import PageEnv, PageSpec

if TYPE_CHECKING:
    from salon_desktop.services.base import Session

TITLE = N_("Clients")


class ClientsPage(QWidget):
    #: "Book" on a card: the appointment book may connect to this
    book_requested = Signal(int, str)
    #: the forms whose unsaved edits the lock keeps and this page reopens (ui/lock/drafts.py)
    draft_kinds = ("client", "visit")

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        session = env.session
        self._started = False
        self._draft: tuple[str, int, dict[str, Any]] | None = None

        def fetch(text: str, limit: int, offset: int, with_total: bool) -> ClientPage:
            return env.ctx.services.clients.search(text, limit, offset, with_total=with_total)

        def run(fn: Callable[[], Any], on_done: Callable[[Any], None],
                on_error: Callable[[BaseException], None]) -> None:
            env.worker.run(fn, on_done, on_error, owner=self)

        self.model = ClientListModel(fetch, run, parent=self)
        self.model.failed.connect(lambda error: env.show_status(message_for(error)))
        self.can_create = session.can(Permission.CLIENT_BASIC_WRITE)
        self.can_import = _may_import(session)
        self.list_pane = ClientListPane(
            self.model, TITLE, contact_search=session.can(Permission.CLIENT_CONTACT_READ),
            can_create=self.can_create, can_import=self.can_import)
        self.card = ClientCardView(env)
        self.list_pane.open_requested.connect(self.open_client)
        self.list_pane.new_requested.connect(self.new_client)
        self.list_pane.import_requested.connect(self.import_clients)
        self.card.edit_requested.connect(self.edit_client)
        self.card.new_visit_requested.connect(self.new_visit)
        self.card.book_requested.connect(self.book_requested)
        self.card.closed.connect(self.list_pane.focus_search)
        self.card.loaded.connect(self._card_loaded)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 760])
        self.list_pane.setMinimumWidth(300)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._shortcut("Ctrl+F", self.list_pane.focus_search)
        if self.can_create:
            self._shortcut("Ctrl+N", self.new_client)

    def showEvent(self, event: QShowEvent) -> None:
        """The first query runs when the section is first shown, not when it is built."""
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.model.set_query("")

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> QAction:
        """A shortcut of this page: Qt fires it only while the page is visible."""
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- actions ---------------------------------------------------------------------------
    def open_client(self, client_id: int) -> None:
        self.card.open_client(client_id)
        row = self.model.row_of(client_id)
        if row is not None:
            self.list_pane.table.selectRow(row)
        self.card.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_client(self) -> ClientFormDialog | None:
        if not self.can_create:
            return None
        dialog = ClientFormDialog(self.env, parent=self)
        self._connect_form(dialog)
        dialog.open()
        return dialog

    def edit_client(self, card: ClientCard) -> ClientFormDialog:
        dialog = ClientFormDialog(self.env, card, dict(self.card.revealed), parent=self)
        self._connect_form(dialog)
        dialog.open()
        return dialog

    def _connect_form(self, dialog: ClientFormDialog) -> None:
        dialog.saved.connect(self._saved)
        dialog.open_existing.connect(self.open_client)

    def _saved(self, client_id: int, created: bool) -> None:
        self.env.show_status(_("Client registered.") if created else _("Changes saved."))
        self.model.refresh()
        if created or self.card.client_id != client_id:
            self.card.open_client(client_id)
        else:
            self.card.reload()

    def new_visit(self, card: ClientCard) -> VisitDialog:
        dialog = VisitDialog(self.env, card, parent=self)
        dialog.recorded.connect(self._visit_recorded)
        dialog.open()
        return dialog

    def _visit_recorded(self, client_id: int) -> None:
        self.env.show_status(_("Visit recorded."))
        if self.card.client_id == client_id:
            self.card.reload()

    def import_clients(self) -> ImportWizard | None:
        if not self.can_import:
            return None
        wizard = ImportWizard(self.env, parent=self)
        wizard.imported.connect(lambda _count: self.model.refresh())
        wizard.open()
        return wizard

    # -- the lock ----------------------------------------------------------------------------
    def reopen_draft(self, kind: str, key: str, payload: dict[str, Any]) -> None:
        """After unlocking: open the form again with what was typed ("client:new",
        "client:<id>", "visit:<client id>"); edits of a card wait for the card."""
        ident = key.partition(":")[2]
        if kind == "client" and ident == "new":
            dialog = self.new_client()
            if dialog is not None:
                dialog.restore_draft(payload)
            return
        self._draft = (kind, int(ident), payload)
        self.open_client(int(ident))

    def _card_loaded(self) -> None:
        card = self.card.card
        if self._draft is None or card is None or card.id != self._draft[1]:
            return
        kind, _client_id, payload = self._draft
        self._draft = None
        form = self.edit_client(card) if kind == "client" else self.new_visit(card)
        form.restore_draft(payload)

    def clear(self) -> None:
        """Forget every client: the list, the open card, revealed values, the search
        (the lock calls this before the window goes)."""
        self.list_pane.controller.cancel()
        self.list_pane.search.blockSignals(True)
        self.list_pane.search.clear()
        self.list_pane.search.blockSignals(False)
        self.card.close_card()
        self.model.clear()

    def reload(self) -> None:
        self.model.set_query(self.list_pane.search.text().strip())

    def retranslate(self) -> None:
        self.list_pane.retranslate()
        self.card.retranslate()


def _may_import(session: Session) -> bool:
    return (session.can(Permission.CLIENT_BASIC_WRITE)
            and session.can(Permission.CLIENT_CONTACT_WRITE))


def build(env: PageEnv) -> QWidget:
    return ClientsPage(env)


PAGE = PageSpec("clients", TITLE, "clients", build, draft_kinds=ClientsPage.draft_kinds)
