""""This may be an existing client": the candidates the service found before creating.

Registering the same person twice splits their history, allergies and consents over two
cards, so the form stops and shows who it may be (same phone or e-mail, or a very similar
name with the same birth date). Reception opens the existing card, or creates anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.clients import ClientListItem
from salon_desktop.domain.validation import format_phone
from salon_desktop.i18n import N_
from ui.clients.texts import list_name
from ui.widgets import TextBinder, label


def candidate_text(item: ClientListItem) -> str:
    parts = [list_name(item.first_name, item.last_name)]
    if "phone" in item.visible_fields and item.phone:
        parts.append(format_phone(item.phone))
    if "email" in item.visible_fields and item.email:
        parts.append(item.email)
    return " · ".join(parts)


class DuplicatesPanel(QFrame):
    open_requested = Signal(int)
    create_anyway = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "note")
        self.texts = TextBinder()
        title = label("note")
        self.texts.bind(title.setText, N_("This may be an existing client. Open the existing "
                                          "card, or create a new one if it is someone else."))
        self.list = QListWidget()
        self.list.setObjectName("duplicates")
        self.list.itemActivated.connect(lambda _item: self._open())
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_existing")
        self.open_button.setProperty("role", "primary")
        self.texts.bind(self.open_button.setText, N_("Open existing"))
        self.open_button.clicked.connect(self._open)
        self.create_button = QPushButton()
        self.create_button.setObjectName("create_anyway")
        self.texts.bind(self.create_button.setText, N_("Create anyway"))
        self.create_button.clicked.connect(self.create_anyway)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.open_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 8)
        column.addWidget(title)
        column.addWidget(self.list)
        column.addLayout(buttons)
        self.hide()

    def show_candidates(self, candidates: tuple[ClientListItem, ...]) -> None:
        self.list.clear()
        for candidate in candidates:
            item = QListWidgetItem(candidate_text(candidate))
            item.setData(Qt.ItemDataRole.UserRole, candidate.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        rows = max(1, min(4, len(candidates)))
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 6)
        self.show()
        self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.open_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def retranslate(self) -> None:
        self.texts.apply()
