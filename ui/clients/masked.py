"""A masked value: •••• with an eye button until revealed.

The value is not in the widget (nor in the card object) before the click: the eye asks the
service, which writes ``client.reveal`` to the audit log and returns the value. Once shown
it stays until the card closes, so a second look is not a second audit entry.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from salon_desktop.i18n import N_, _
from ui.clients.texts import MASK
from ui.icons import icon

REVEAL_TIP = N_("Show (the look is recorded in the audit log)")


class MaskedValue(QWidget):
    reveal_clicked = Signal()

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.value_label = QLabel(MASK)
        self.value_label.setObjectName(f"masked_{field}")
        self.value_label.setWordWrap(True)
        self.eye = QToolButton()
        self.eye.setObjectName(f"reveal_{field}")
        self.eye.setIcon(icon("eye"))
        line = self.value_label.fontMetrics().height()
        self.eye.setIconSize(QSize(line, line))
        self.eye.setFixedSize(line + 6, line + 2)  # no taller than a line: rows stay even
        self.eye.setAutoRaise(True)
        self.eye.setCursor(Qt.CursorShape.PointingHandCursor)
        self.eye.setToolTip(_(REVEAL_TIP))
        self.eye.setAccessibleName(_(REVEAL_TIP))
        self.eye.clicked.connect(self._clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.value_label)
        row.addWidget(self.eye)
        row.addStretch(1)

    @property
    def masked(self) -> bool:
        return self.eye.isVisibleTo(self)

    def _clicked(self) -> None:
        self.eye.setEnabled(False)  # one request per click, even with a double-click
        self.reveal_clicked.emit()

    def failed(self) -> None:
        self.eye.setEnabled(True)

    def show_value(self, text: str) -> None:
        self.value_label.setText(text)
        self.value_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.eye.hide()
