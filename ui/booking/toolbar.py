"""The appointment book's toolbar: Appointments [◀] [Today] [▶] date [Day | Week] [New booking].

Buttons only; the page decides what they do. ◀ and ▶ are glyphs, so their tooltip and
accessible name carry the words (and the shortcut).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from salon_desktop.i18n import N_
from ui.widgets import TextBinder, heading, primary_button

DAY, WEEK = "day", "week"


class BookToolbar(QWidget):
    stepped = Signal(int)        # -1 back, +1 forward
    today_clicked = Signal()
    mode_chosen = Signal(str)    # DAY or WEEK
    new_clicked = Signal()

    def __init__(self, may_book: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        self.title = heading(1.15)
        self.title.setObjectName("appointments_title")
        self.title.setWordWrap(False)
        self.prev_button, self.today_button, self.next_button = (
            QPushButton("◀"), QPushButton(), QPushButton("▶"))
        for button in (self.prev_button, self.next_button):
            button.setFixedWidth(40)
        self.prev_button.clicked.connect(lambda: self.stepped.emit(-1))
        self.next_button.clicked.connect(lambda: self.stepped.emit(1))
        self.today_button.clicked.connect(self.today_clicked)
        self.date_label = heading(1.15)
        self.date_label.setObjectName("date_label")
        self.date_label.setWordWrap(False)
        self.day_button, self.week_button = QPushButton(), QPushButton()
        self.modes = QButtonGroup(self)
        for button, mode in ((self.day_button, DAY), (self.week_button, WEEK)):
            button.setCheckable(True)
            self.modes.addButton(button)
            button.clicked.connect(lambda _c=False, m=mode: self.mode_chosen.emit(m))
        self.day_button.setChecked(True)
        self.new_button = primary_button()
        self.new_button.setEnabled(may_book)
        self.new_button.clicked.connect(self.new_clicked)

        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title)
        bar.addSpacing(16)
        for widget in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.date_label, 1)
        bar.addWidget(self.day_button)
        bar.addWidget(self.week_button)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        self.texts.bind(self.title.setText, N_("Appointments"))
        self.texts.bind(self.today_button.setText, N_("Today"))
        self.texts.bind(self.day_button.setText, N_("Day"))
        self.texts.bind(self.week_button.setText, N_("Week"))
        self.texts.bind(self.new_button.setText, N_("New booking"))
        self.texts.bind(self.new_button.setToolTip, N_("Book a visit (Ctrl+B)"))
        self.texts.bind(self.prev_button.setToolTip, N_("Back (Ctrl+Page Up)"))
        self.texts.bind(self.next_button.setToolTip, N_("Forward (Ctrl+Page Down)"))
        self.texts.bind(self.prev_button.setAccessibleName, N_("Back"))
        self.texts.bind(self.next_button.setAccessibleName, N_("Forward"))

    def show_mode(self, mode: str) -> None:
        (self.week_button if mode == WEEK else self.day_button).setChecked(True)

    def retranslate(self) -> None:
        self.texts.apply()
