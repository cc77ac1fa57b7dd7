"""Search-as-you-type client picker for the booking dialog.

Each pause in typing asks ``ClientService.search`` on the worker (the service cuts the
results to the role: a stylist sees names only, and finds clients by name only). Answers
that arrive after newer typing are dropped, so the list always matches the field. The list
sits inline under the field (no popup window to hide behind the lock screen); Down moves
into it, Enter picks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from salon_desktop.domain.clients import ClientListItem, ClientPage
from salon_desktop.domain.validation import format_phone
from salon_desktop.i18n import N_, _
from ui.errors import message_for
from ui.widgets import label

if TYPE_CHECKING:
    from ui.pages import PageEnv

RESULTS = 8
PAUSE_MS = 180
PLACEHOLDER = N_("Type a name or a phone number")


def client_line(item: ClientListItem) -> str:
    """"Šmidt, Õie · +372 5555 0101": the phone only when the role may see it."""
    name = f"{item.last_name}, {item.first_name}"
    return f"{name} · {format_phone(item.phone)}" if item.phone else name


class ClientPicker(QWidget):
    picked = Signal(object)  # client id, or None when the choice is cleared

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.client_id: int | None = None
        self.client_text = ""
        self.pause_ms = PAUSE_MS
        self._asked = 0
        self.edit = QLineEdit()
        self.edit.setObjectName("client_search")
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("client_results")
        self.results.hide()
        self.status = label("hint")
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.search_now)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_(PLACEHOLDER))

    # -- choosing -------------------------------------------------------------------------
    def set_client(self, client_id: int | None, text: str) -> None:
        """Prefill (from the Clients page) or clear the choice."""
        self.client_id, self.client_text = client_id, text
        self.edit.setText(text)
        self.results.clear()
        self.results.hide()
        self.status.hide()
        self.picked.emit(client_id)

    def _choose(self, item: QListWidgetItem) -> None:
        client_id = item.data(Qt.ItemDataRole.UserRole)
        self.set_client(int(client_id), item.text())
        self.edit.setFocus()

    def _typed(self, _text: str) -> None:
        if self.client_id is not None:
            self.client_id, self.client_text = None, ""
            self.picked.emit(None)
        self._timer.start(self.pause_ms)

    def search_now(self) -> None:
        text = self.edit.text().strip()
        self._asked += 1
        asked = self._asked
        if not text:
            self.results.clear()
            self.results.hide()
            return
        clients = self.env.ctx.services.clients
        self.env.worker.run(lambda: clients.search(text, limit=RESULTS, with_total=False),
                            lambda page: self._show(asked, page),
                            lambda error: self._failed(asked, error), owner=self)

    def _show(self, asked: int, page: ClientPage) -> None:
        if asked != self._asked:
            return  # newer typing is on its way
        self.results.clear()
        for item in page.items:
            row = QListWidgetItem(client_line(item))
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            self.results.addItem(row)
        self.results.setVisible(bool(page.items))
        if page.items:  # as tall as its rows, up to five
            rows = min(len(page.items), 5)
            self.results.setFixedHeight(rows * self.results.sizeHintForRow(0)
                                        + 2 * self.results.frameWidth())
            self.results.setCurrentRow(0)
            self.status.hide()
        else:
            self.status.setText(_("No client found. Check the spelling, or add the client "
                                  "on the Clients page first."))
            self.status.show()

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self.status.setText(message_for(error))
            self.status.show()

    def clear(self) -> None:
        """Forget the typed text and the results (the lock calls this)."""
        self._asked += 1
        self._timer.stop()
        self.set_client(None, "")

    # -- keys: Down into the list, Enter picks ------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.isVisible() \
                    and self.results.currentItem() is not None:
                self._choose(self.results.currentItem())
                return True
        return super().eventFilter(watched, event)
