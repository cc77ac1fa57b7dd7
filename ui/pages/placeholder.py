"""A calm empty state for a section whose issue has not landed yet: says what will be here."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.icons import icon
from ui.widgets import TextBinder, centered, heading, label


class PlaceholderPage(QWidget):
    def __init__(self, title: str, text: str, icon_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        picture = QLabel()
        picture.setPixmap(icon(icon_name).pixmap(QSize(56, 56)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = heading(1.5)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = label("hint")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texts.bind(self.title.setText, title)
        self.texts.bind(self.body.setText, text)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(picture)
        column.addSpacing(8)
        column.addWidget(self.title)
        column.addWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(centered(content, 560))
        layout.addStretch(3)

    def retranslate(self) -> None:
        self.texts.apply()
