"""The appointment book's toolbar: Appointments [◀] [Today] [▶] date [Day | Week] [New booking].

Buttons only; the page decides what they do. ◀ and ▶ are glyphs, so their tooltip and
accessible name carry the words (and the shortcut).

It must fit the main window's smallest size (960 px, less the navigation column: ~620 px in
Russian) in every language, without cutting a word or the date. When one row is too narrow
it first drops the heading "Appointments" (the highlighted navigation row already names the
section), then goes onto two rows: the heading and the date above, every button below —
nothing moves into a menu, so each button stays one click away where the receptionist
expects it, and the shortcuts (the page's Ctrl+B, Ctrl+PgUp, Ctrl+PgDown) do not depend on
it. The date keeps room for the longer of its day and week titles, so switching between Day
and Week never makes the toolbar jump between one row and two.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_
from ui.widgets import TextBinder, heading, primary_button

DAY, WEEK = "day", "week"

SPACING = 6
#: The arrangements, most preferred first: (two rows?, with the heading?).
ARRANGEMENTS = ((False, True), (False, False), (True, True), (True, False))

#: A row: widgets, or a fixed space in pixels (``0`` = the stretch that fills the row).
_Row = list["QWidget | int"]


class BookToolbar(QWidget):
    stepped = Signal(int)        # -1 back, +1 forward
    today_clicked = Signal()
    mode_chosen = Signal(str)    # DAY or WEEK
    new_clicked = Signal()

    def __init__(self, may_book: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("book_toolbar")
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

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(SPACING)
        self._rows = (QHBoxLayout(), QHBoxLayout())
        for row in self._rows:
            row.setSpacing(SPACING)
            rows.addLayout(row)
        self._arrangement: tuple[bool, bool] | None = None
        self._arrange(ARRANGEMENTS[0])
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

    def set_date(self, text: str, widest: str = "") -> None:
        """Show ``text``, keeping room for ``widest`` too (the other mode's title)."""
        self.date_label.setText(text)
        metrics = self.date_label.fontMetrics()
        room = max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(widest))
        self.date_label.setMinimumWidth(room + 2)  # + the label's rounding: never cut
        self._fit()

    def retranslate(self) -> None:
        self.texts.apply()
        self._fit()

    # -- fitting -------------------------------------------------------------------------
    @property
    def two_rows(self) -> bool:
        return bool(self._arrangement and self._arrangement[0])

    def _layout_rows(self, two_rows: bool, with_title: bool) -> tuple[_Row, _Row]:
        heading_part: _Row = [self.title, 16] if with_title else []
        stepping: _Row = [self.prev_button, self.today_button, self.next_button, 12]
        if two_rows:
            return ([*heading_part, self.date_label],
                    [*stepping, self.day_button, self.week_button, 0, self.new_button])
        return ([*heading_part, *stepping, self.date_label, self.day_button,
                 self.week_button, 12, self.new_button], [])

    def _width(self, arrangement: tuple[bool, bool]) -> int:
        """What the arrangement needs, the way QBoxLayout adds it up: the widgets' size
        hints (within their minimum and maximum), the fixed spaces, one spacing between
        widgets."""
        widest = 0
        for row in self._layout_rows(*arrangement):
            widgets = [item for item in row if isinstance(item, QWidget)]
            width = sum(item for item in row if isinstance(item, int))
            width += sum(w.sizeHint().expandedTo(w.minimumSize()).boundedTo(w.maximumSize()).width()
                         for w in widgets)
            widest = max(widest, width + SPACING * max(0, len(widgets) - 1))
        return widest

    def _fit(self, width: int | None = None) -> None:
        available = self.width() if width is None else width
        for arrangement in ARRANGEMENTS:
            if self._width(arrangement) <= available:
                break
        self._arrange(arrangement)

    def _arrange(self, arrangement: tuple[bool, bool]) -> None:
        if arrangement == self._arrangement:
            return
        self._arrangement = arrangement
        for row in self._rows:
            while row.count():
                row.takeAt(0)  # widgets stay children of the toolbar; spaces are dropped
        for row, items in zip(self._rows, self._layout_rows(*arrangement), strict=True):
            for item in items:
                if isinstance(item, QWidget):  # the date takes what is left of its row
                    row.addWidget(item, 1 if item is self.date_label else 0)
                elif item:
                    row.addSpacing(item)
                else:
                    row.addStretch(1)
        self.title.setVisible(arrangement[1])
        # The height changes with the rows: tell the page's layout now, not whenever a later
        # layout pass happens to ask (a second row could otherwise sit under the table).
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """The narrowest arrangement's width: the window may be as narrow as that (the
        one-row layout's own minimum would claim ~860 px)."""
        hint = super().minimumSizeHint()
        return QSize(self._width(ARRANGEMENTS[-1]), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

