"""The client list of the consents panel: type to search, the list follows.

Each pause in typing asks ``ClientService.search`` on the worker (the service cuts the
results to the role). An answer that arrives after newer typing is dropped, so the list
always matches the field. Down moves from the field into the list; choosing a row (click,
arrow keys, Enter) picks the client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from salon_desktop.domain.clients import ClientListItem, ClientPage
from salon_desktop.i18n import N_, _
from ui.errors import message_for
from ui.widgets import TextBinder, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

RESULTS = 100
PAUSE_MS = 200
PLACEHOLDER = N_("Search name, phone or e-mail")
NO_MATCH = N_("No client found. Check the spelling, or add the client on the Clients page.")
NO_CLIENTS = N_("No clients yet. Add or import clients on the Clients page.")


def client_line(item: ClientListItem) -> str:
    """"Šmidt, Õie": surname first, as a salon's card index is sorted."""
    return f"{item.last_name}, {item.first_name}"


class ClientPicker(QWidget):
    picked = Signal(object)  # the ClientListItem chosen

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.pause_ms = PAUSE_MS
        self.loaded = False
        self._asked = 0
        self._empty_msgid = ""
        self.items: dict[int, ClientListItem] = {}
        self.edit = QLineEdit()
        self.edit.setObjectName("privacy_client_search")
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("privacy_client_results")
        self.status = label("hint")
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.search_now)
        self.edit.textEdited.connect(lambda _text: self._timer.start(self.pause_ms))
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.results.currentItemChanged.connect(
            lambda item, _old: self._choose(item) if item is not None else None)
        self.setFocusProxy(self.edit)
        self.texts.bind(self.edit.setPlaceholderText, PLACEHOLDER)

    def retranslate(self) -> None:
        self.texts.apply()
        if self._empty_msgid:
            self.status.setText(_(self._empty_msgid))

    def search_now(self) -> None:
        """Ask the service for the clients matching the field (all clients when empty)."""
        self._timer.stop()
        text = self.edit.text().strip()
        self._asked += 1
        asked = self._asked
        clients = self.env.ctx.services.clients
        self.env.worker.run(lambda: clients.search(text, limit=RESULTS, with_total=False),
                            lambda page: self._show(asked, page, bool(text)),
                            lambda error: self._failed(asked, error), owner=self)

    def _show(self, asked: int, page: ClientPage, searched: bool) -> None:
        if asked != self._asked:
            return  # newer typing is on its way
        self.loaded = True
        self.results.blockSignals(True)
        self.results.clear()
        self.items = {item.id: item for item in page.items}
        for item in page.items:
            row = QListWidgetItem(client_line(item))
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            self.results.addItem(row)
        self.results.blockSignals(False)
        self._empty_msgid = "" if page.items else (NO_MATCH if searched else NO_CLIENTS)
        self.status.setVisible(bool(self._empty_msgid))
        self.retranslate()

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self._empty_msgid = ""
            self.status.setText(message_for(error))
            self.status.show()

    def _choose(self, item: QListWidgetItem) -> None:
        chosen = self.items.get(int(item.data(Qt.ItemDataRole.UserRole)))
        if chosen is not None:
            self.picked.emit(chosen)

    def pick_first(self) -> bool:
        """Pick the first row (Enter in the field); False when the list is empty."""
        if self.results.count() == 0:
            return False
        self.results.setCurrentRow(0)
        self._choose(self.results.item(0))
        return True

    def clear(self) -> None:
        """Forget the typed text and the list (nothing of a client stays on screen)."""
        self._asked += 1
        self._timer.stop()
        self.edit.clear()
        self.results.clear()
        self.items = {}
        self.loaded = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.search_now()
                    return True
                return self.pick_first()
        return super().eventFilter(watched, event)
