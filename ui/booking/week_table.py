"""The week view: stylists × days, each cell the stylist's bookings that day.

A table view (keyboard navigation, selection and headers for free) with a delegate that
paints a short agenda per cell: the count, then "09:00 Šmidt" lines, then "+N more".
Enter or a double click opens that day in the day view.

It is for planning ("when is Kati free on Thursday?"), so what must be readable at a glance
at the main window's smallest width (960 px, seven columns beside the navigation and the
names) is the day, how many bookings each stylist has and when they start. When the full
texts do not fit, the table switches, for all columns at once (``layout.fit_week``): names
onto two lines, then the short weekday ("K", "Wed", "Ср") above the date, the short count
("3 bron."), and the times without the clients' names. What is left out is in the cell's
tooltip and accessible text, and in the day view one Enter away.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from salon_desktop.domain.appointments import Appointment, AppointmentStatus, WeekView
from salon_desktop.i18n import _
from ui.booking import layout, texts
from ui.booking.day_paint import CLOSED_FILL
from ui.style import ACCENT, ACCENT_SOFT, BASE, MUTED, TEXT, WARNING_INK

Index = QModelIndex | QPersistentModelIndex
APPOINTMENTS_ROLE = Qt.ItemDataRole.UserRole + 1
CLOSED_ROLE = Qt.ItemDataRole.UserRole + 2
TODAY_ROLE = Qt.ItemDataRole.UserRole + 3
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


#: Pixels around a cell's text: the delegate's inset (6 left, 4 right) and the grid line.
CELL_PADDING = 11
#: Around a stylist's name: the style sheet's 10 px each side, the border and the margins.
NAME_PADDING = 27
#: How many average characters a client's name needs beside the time to be worth showing
#: ("Šmidt", "Walker"); with less room a cell lists the times alone.
NAME_ROOM = 6


def agenda_line(item: Appointment, *, name: bool = True, status: bool = True) -> str:
    """"10:00 Šmidt · Arrived", as in a paper book: a week's cell is narrow, so the end time
    and the service wait in the tooltip. Without ``status`` (the line would not fit) the
    status waits there too; without ``name`` (a narrow window) the time alone, still with ⚠
    when the patch test is missing: a warning must not need a hover."""
    start = texts.hm(item.start)
    if not name:
        return f"{start} {texts.WARNING_SIGN}" if item.patch_test_warning else start
    client = texts.client_name(item)
    if item.patch_test_warning:
        client = f"{texts.WARNING_SIGN} {client}"
    line = f"{start} {client}"
    if status and item.status is not AppointmentStatus.BOOKED:
        line = f"{line} · {texts.status_text(item.status)}"
    return line


def agenda_tooltip(item: Appointment) -> str:
    """One booking in the cell's tooltip: all a narrow cell leaves out."""
    line = f"{texts.hm(item.start)}–{texts.hm(item.end)} {texts.block_title(item)}"
    if item.status is not AppointmentStatus.BOOKED:
        line = f"{line} · {texts.status_text(item.status)}"
    return line


def day_header(day: date, *, short: bool = False) -> str:
    """The weekday above the date ("Kolmapäev" over "25.11."); short, Babel's abbreviated
    name ("K", "Wed", "Ср") when the full one does not fit."""
    return f"{texts.weekday_name(day, 'EEE' if short else 'EEEE')}\n{texts.short_date(day)}"


class WeekModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: WeekView | None = None
        self.today: date | None = None
        self.fit = layout.WeekFit()

    def set_fit(self, fit: layout.WeekFit) -> None:
        """Show the forms the table's width allows (``WeekTable`` measures and decides)."""
        if fit == self.fit:
            return
        self.fit = fit
        self.retranslate()
        if self.rowCount():
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def set_week(self, week: WeekView | None, today: date | None = None) -> None:
        self.beginResetModel()
        self.week, self.today = week, today
        self.endResetModel()

    def retranslate(self) -> None:
        if self.rowCount() and self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.week is None or not self.week.days:
            return 0
        return len(self.week.days[0].stylists)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.week is None else len(self.week.days)

    def bookings(self, row: int, column: int) -> list[Appointment]:
        assert self.week is not None
        day = self.week.days[column]
        stylist = day.stylists[row]
        return sorted((a for a in day.appointments if a.stylist_id == stylist.id),
                      key=lambda a: a.start)

    def day_of(self, column: int) -> date:
        assert self.week is not None
        return self.week.days[column].day

    def stylist_id(self, row: int) -> int:
        assert self.week is not None
        return self.week.days[0].stylists[row].id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.week is None:
            return None
        day = self.week.days[index.column()]
        items = self.bookings(index.row(), index.column())
        if role == APPOINTMENTS_ROLE:
            return items
        if role == CLOSED_ROLE:
            return day.opens is None
        if role == TODAY_ROLE:
            return day.day == self.today
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            full = role == Qt.ItemDataRole.AccessibleTextRole  # a screen reader gets it all
            if day.opens is None and not items:
                head = _("Closed")
            elif self.fit.short_counts and not full:
                head = texts.bookings_count_short(len(items))
            else:
                head = texts.bookings_count(len(items))
            names = full or self.fit.names_in_cells
            return "\n".join([head, *(agenda_line(a, name=names) for a in items)])
        if role == Qt.ItemDataRole.ToolTipRole and items:
            return "\n".join(agenda_tooltip(a) for a in items)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.week is None or not self.week.days:
            return None
        if orientation == Qt.Orientation.Horizontal:
            day = self.week.days[section].day
            if role == Qt.ItemDataRole.DisplayRole:
                return day_header(day, short=self.fit.short_weekdays)
            if role == Qt.ItemDataRole.ToolTipRole:
                return texts.day_title(day)  # the full weekday and date behind "K" over "25.11."
            return None
        name = self.week.days[0].stylists[section].display_name
        if role == Qt.ItemDataRole.DisplayRole:
            return texts.two_lines(name) if self.fit.wrap_names else name
        return None


class AgendaDelegate(QStyledItemDelegate):
    """Paints a cell's agenda line by line, each line elided on its own."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        painter.save()
        fill = QColor(BASE)
        if index.data(CLOSED_ROLE):
            fill = CLOSED_FILL
        elif index.data(TODAY_ROLE):
            fill = QColor(ACCENT_SOFT)
        painter.fillRect(rect, fill)
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.setPen(QColor(ACCENT))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        font = QFont(option.font)  # type: ignore[attr-defined]
        metrics = QFontMetrics(font)
        line_height = metrics.height()
        area = rect.adjusted(6, 6, -4, -4)
        lines = str(index.data() or "").split("\n")
        items: list[Appointment] = index.data(APPOINTMENTS_ROLE) or []
        room = max(1, area.height() // line_height)
        shown = lines if len(lines) <= room else lines[:room - 1]
        closed = bool(index.data(CLOSED_ROLE)) and not items  # the grey fill says it too
        for number, line in enumerate(shown):
            line_font = QFont(font)
            line_font.setBold(number == 0 and not closed)  # "Закрыто" fits at 960 px
            painter.setFont(line_font)
            colour = MUTED if number == 0 else TEXT
            if number > 0 and items[number - 1].patch_test_warning:
                colour = WARNING_INK
            painter.setPen(QColor(colour))
            line_metrics = QFontMetrics(line_font)
            if (number > 0 and line_metrics.horizontalAdvance(line) > area.width()
                    and line == agenda_line(items[number - 1])):
                line = agenda_line(items[number - 1], status=False)  # "Šmidt", not "Šmidt ·…"
            target = QRect(area.x(), area.y() + number * line_height, area.width(), line_height)
            painter.drawText(target, LEFT, line_metrics.elidedText(
                line, Qt.TextElideMode.ElideRight, area.width()))
        if len(shown) < len(lines):
            painter.setFont(font)
            painter.setPen(QColor(MUTED))
            target = QRect(area.x(), area.y() + len(shown) * line_height, area.width(),
                           line_height)
            painter.drawText(target, LEFT, _("+{count} more").format(count=len(lines) - len(shown)))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(120, metrics.height() * 4 + 10)


class WeekTable(QTableView):
    day_chosen = Signal(object, int)  # date, stylist id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("week_table")
        self.model_ = WeekModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(AgendaDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setShowGrid(True)
        self.setGridStyle(Qt.PenStyle.SolidLine)
        self.setStyleSheet(
            f"QTableView#week_table {{ gridline-color: #DDD9D4; color: {TEXT}; }}"
            "QTableView#week_table QHeaderView::section:vertical {"
            " padding: 6px 10px; background: #F0EEEB; border: none;"
            " border-bottom: 1px solid #DDD9D4; border-right: 1px solid #DDD9D4; }")
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows.setMinimumSectionSize(QFontMetrics(self.font()).height() * 4 + 10)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.activated.connect(self._activated)

    def set_week(self, week: WeekView | None, today: date | None = None,
                 stylist_id: int | None = None) -> None:
        self.model_.set_week(week, today)
        self.refit()
        if week is None or not self.model_.rowCount():
            return
        column = next((n for n, d in enumerate(week.days) if d.day == today), 0)
        row = 0
        if stylist_id is not None:
            ids = [s.id for s in week.days[0].stylists]
            row = ids.index(stylist_id) if stylist_id in ids else 0
        self.setCurrentIndex(self.model_.index(row, column))

    def retranslate(self) -> None:
        self.model_.retranslate()
        self.refit()  # another language, other widths

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refit()

    def refit(self) -> None:
        """Choose the texts' forms for the current width (see the module's docstring)."""
        week = self.model_.week
        if week is None or not self.model_.rowCount():
            return
        width = self.width() - 2 * self.frameWidth()
        if self.verticalScrollBar().isVisible():
            width -= self.verticalScrollBar().width()
        self.model_.set_fit(layout.fit_week(width, self.model_.columnCount(),
                                            self.needs(week)))

    def needs(self, week: WeekView) -> layout.WeekNeeds:
        """The long forms' widths in this table's fonts. Headers are measured bold, as Qt
        sizes them (the current row's and column's sections are drawn bold)."""
        header = self.horizontalHeader()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        days = _bold(header.font())
        names = _bold(self.verticalHeader().font())
        cell = QFontMetrics(self.font())
        stylists = [s.display_name for s in week.days[0].stylists]
        halves = [line for name in stylists for line in texts.two_lines(name).split("\n")]
        weekdays = [line for d in week.days for line in day_header(d.day).split("\n")]
        counts = {texts.bookings_count(len(self.model_.bookings(row, column)))
                  for row in range(self.model_.rowCount())
                  for column in range(self.model_.columnCount())}
        closed = cell.horizontalAdvance(_("Closed"))  # painted regular, not bold
        return layout.WeekNeeds(
            names_one_line=_widest(names, stylists) + NAME_PADDING,
            names_two_lines=_widest(names, halves) + NAME_PADDING,
            weekdays_long=_widest(days, weekdays) + 2 * margin + 2,  # + Qt's rounding
            counts_long=max(_widest(_bold(self.font()), counts), closed) + CELL_PADDING,
            time_and_name=cell.horizontalAdvance(f"00:00 {texts.WARNING_SIGN} ")
            + NAME_ROOM * cell.averageCharWidth() + CELL_PADDING)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.day_chosen.emit(self.model_.day_of(index.column()),
                                 self.model_.stylist_id(index.row()))


def _bold(font: QFont) -> QFontMetrics:
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetrics(bold)


def _widest(metrics: QFontMetrics, lines: Iterable[str]) -> int:
    return max((metrics.horizontalAdvance(line) for line in lines), default=0)
