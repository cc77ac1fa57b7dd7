"""The one client picker: type a name (or, for roles that may see contacts, a phone number or
e-mail), the matching clients follow, arrows and Enter choose one.

Used wherever a client has to be chosen outside the Clients page: the booking dialog, the
Privacy section's consents panel and new-request dialog, the Reports section's client data
report. One widget, so the search, the keyboard and the privacy rules are the same
everywhere:

- Each pause in typing asks ``ClientService.search`` on the worker. The service cuts the
  results to the role (a stylist gets names only and finds clients by name only), and the
  placeholder says so. An answer that arrives after newer typing is dropped, so the list
  always matches the field.
- Enter picks the highlighted row (the first one unless the arrows moved it). Enter pressed
  before the answer for the latest typing has arrived waits for that answer and picks its
  first row, so a fast typist never gets the row of an older, shorter search.

Two presentations, chosen by the caller (``PickerMode``):

- ``FIELD`` (a form's field, the booking dialog): the list opens inline under the field only
  while searching (no popup window that could outlive the lock screen), Up/Down move the
  highlight while the caret stays in the field, and the choice fills the field ("Šmidt, Õie ·
  +372 5555 0101", the phone only for roles that may see it). Typing again clears the choice.
- ``LIST`` (a side list next to a detail pane, Privacy and Reports): every client is listed
  while the field is empty, Down moves into the list, and the highlighted row is the choice
  (arrowing through the list shows each client in turn). Names only: the column is narrow
  and the pane beside it shows the rest.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from salon_desktop.domain.clients import ClientListItem, ClientPage
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import format_phone
from salon_desktop.i18n import N_, _
from ui.errors import message_for
from ui.icons import icon
from ui.widgets import TextBinder, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

PAUSE_MS = 200
DROPDOWN_ROWS = 5
#: short enough for the narrow side list in Estonian and Russian (the magnifier says "search")
PLACEHOLDER_CONTACT = N_("Name, phone or e-mail")
PLACEHOLDER_NAME = N_("Client's name")
NO_MATCH = N_("No client found. Check the spelling, or add the client on the Clients page.")
NO_CLIENTS = N_("No clients yet. Add or import clients on the Clients page.")


class PickerMode(Enum):
    FIELD = "field"   # inline results under a form field; the choice fills the field
    LIST = "list"     # a standing list of every client; the highlighted row is the choice


#: how many clients one search shows: a few to choose from in a form, a page in a list
RESULTS = {PickerMode.FIELD: 8, PickerMode.LIST: 100}


def client_line(item: ClientListItem, *, with_phone: bool = False) -> str:
    """"Šmidt, Õie" (surname first, as a card index is sorted), with " · +372 5555 0101"
    when asked for and the role may see the phone (the service leaves it out otherwise)."""
    name = f"{item.last_name}, {item.first_name}"
    return f"{name} · {format_phone(item.phone)}" if with_phone and item.phone else name


class ClientPicker(QWidget):
    #: the ClientListItem chosen; ``None`` when typing clears the choice (``FIELD`` only)
    picked = Signal(object)

    def __init__(self, env: PageEnv, mode: PickerMode = PickerMode.LIST,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.mode = mode
        self.texts = TextBinder()
        self.pause_ms = PAUSE_MS
        #: whether a list has arrived since the last ``clear()`` (callers load on show)
        self.loaded = False
        #: the chosen client (``FIELD``: also a prefilled one, see ``set_client``)
        self.client_id: int | None = None
        self.items: dict[int, ClientListItem] = {}
        self._asked = 0
        self._waiting = False          # a search is on the worker
        self._pick_when_shown = False  # Enter came before the latest answer
        self._status_msgid = ""
        self.edit = QLineEdit()
        self.edit.setObjectName("client_picker_search")
        self.edit.setClearButtonEnabled(True)
        self.edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.results = QListWidget()
        self.results.setObjectName("client_picker_results")
        self.status = label("hint")
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 if mode is PickerMode.FIELD else 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.search_now)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        if mode is PickerMode.FIELD:
            self.results.hide()
            self.results.itemClicked.connect(self._choose)
        else:
            self.results.currentItemChanged.connect(
                lambda item, _old: self._choose(item) if item is not None else None)
        self.setFocusProxy(self.edit)
        # a stylist finds clients by name only: the field must not promise more
        self.texts.bind(self.edit.setPlaceholderText,
                        PLACEHOLDER_CONTACT if env.session.can(Permission.CLIENT_CONTACT_READ)
                        else PLACEHOLDER_NAME)
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.apply()
        if self._status_msgid:
            self.status.setText(_(self._status_msgid))

    # -- searching ------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        if self.mode is PickerMode.FIELD and self.client_id is not None:
            self.client_id = None  # the field no longer shows the client chosen
            self.picked.emit(None)
        self._timer.start(self.pause_ms)

    def search_now(self) -> None:
        """Ask the service for the clients matching the field (``LIST``: all clients while
        the field is empty; ``FIELD``: nothing to show until something is typed)."""
        self._timer.stop()
        text = self.edit.text().strip()
        self._asked += 1
        asked = self._asked
        if self.mode is PickerMode.FIELD and not text:
            self._waiting = self._pick_when_shown = False
            self._show_rows([])
            self._set_status("")
            return
        self._waiting = True
        clients = self.env.ctx.services.clients
        self.env.worker.run(
            lambda: clients.search(text, limit=RESULTS[self.mode], with_total=False),
            lambda page: self._show(asked, page, bool(text)),
            lambda error: self._failed(asked, error), owner=self)

    def _show(self, asked: int, page: ClientPage, searched: bool) -> None:
        if asked != self._asked:
            return  # newer typing is on its way
        self._waiting = False
        self.loaded = True
        self._show_rows(list(page.items))
        self._set_status("" if page.items else NO_MATCH if searched else NO_CLIENTS)
        if self._pick_when_shown:
            self._pick_when_shown = False
            self.pick_current()

    def _show_rows(self, items: list[ClientListItem]) -> None:
        self.results.blockSignals(True)  # rebuilding the list is not choosing
        self.results.clear()
        self.items = {item.id: item for item in items}
        with_phone = self.mode is PickerMode.FIELD
        for item in items:
            row = QListWidgetItem(client_line(item, with_phone=with_phone))
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            self.results.addItem(row)
        self.results.blockSignals(False)
        if self.mode is PickerMode.FIELD:
            self.results.setVisible(bool(items))
            if items:  # as tall as its rows, up to five; the first one highlighted
                rows = min(len(items), DROPDOWN_ROWS)
                self.results.setFixedHeight(rows * self.results.sizeHintForRow(0)
                                            + 2 * self.results.frameWidth())
                self.results.setCurrentRow(0)

    def _set_status(self, msgid: str) -> None:
        self._status_msgid = msgid
        self.status.setVisible(bool(msgid))
        self.retranslate()

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self._waiting = self._pick_when_shown = False
            self._status_msgid = ""
            self.status.setText(message_for(error))
            self.status.show()

    # -- choosing -------------------------------------------------------------------------
    def _choose(self, row: QListWidgetItem) -> None:
        chosen = self.items.get(int(row.data(Qt.ItemDataRole.UserRole)))
        if chosen is None:
            return
        self.client_id = chosen.id
        if self.mode is PickerMode.FIELD:
            self.edit.setText(row.text())
            self._show_rows([])
            self._set_status("")
            self.edit.setFocus()
        self.picked.emit(chosen)

    def pick_current(self) -> bool:
        """Pick the highlighted row, else the first; False when there is none."""
        if self.results.count() == 0:
            return False
        row = self.results.currentItem() or self.results.item(0)
        if self.mode is PickerMode.LIST and self.results.currentItem() is not row:
            self.results.setCurrentItem(row)  # picks it (currentItemChanged)
        else:
            self._choose(row)
        return True

    def pick_first(self) -> bool:
        """Pick the first row (tools and tests that script the page); False when empty."""
        if self.results.count() == 0:
            return False
        self.results.setCurrentRow(-1)  # so LIST mode sees the move to row 0 as a choice
        self.results.setCurrentRow(0)
        return self.pick_current()

    def set_client(self, client_id: int | None, text: str) -> None:
        """Prefill the field with a client chosen elsewhere (``FIELD``: the Clients page's
        "Book", a draft kept through the lock), or clear it. Emits nothing: the caller
        knows what it set."""
        self._asked += 1  # an answer still on its way must not reopen the list
        self._timer.stop()
        self._waiting = self._pick_when_shown = False
        self.client_id = client_id
        self.edit.setText(text)
        self._show_rows([])
        self._set_status("")

    def clear(self) -> None:
        """Forget the typed text, the choice and the list (nothing of a client stays on
        screen or in memory; the lock calls this through its page)."""
        self.set_client(None, "")
        self.loaded = False

    # -- keys -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            return self._key(event.key())
        return super().eventFilter(watched, event)

    def _key(self, key: int) -> bool:
        """Handle a key pressed in the field; False lets the field (and the dialog's default
        button) have it."""
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or self._waiting:
                self._pick_when_shown = True  # the rows on screen are for older typing
                if self._timer.isActive():
                    self.search_now()
                return True
            if self.mode is PickerMode.FIELD and not self.results.isVisible():
                return False
            return self.pick_current()
        if key not in (Qt.Key.Key_Down, Qt.Key.Key_Up) or self.results.count() == 0:
            return False
        if self.mode is PickerMode.LIST:
            if key == Qt.Key.Key_Up:
                return False
            self.results.setFocus()  # into the list, as on the Clients page
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            return True
        if not self.results.isVisible():
            return False
        step = 1 if key == Qt.Key.Key_Down else -1
        row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
        self.results.setCurrentRow(row)
        return True
