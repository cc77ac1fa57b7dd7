"""The week view: stylists × days, each cell the stylist's bookings that day.

A table view (keyboard navigation, selection and headers for free) with a delegate that
paints a short agenda per cell: the count, then "09:00 Šmidt · Lõikus" lines, then "+N more".
Enter or a double click opens that day in the day view.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
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
from ui.booking import texts
from ui.booking.day_paint import CLOSED_FILL
from ui.style import ACCENT, ACCENT_SOFT, BASE, MUTED, TEXT, WARNING_INK

Index = QModelIndex | QPersistentModelIndex
APPOINTMENTS_ROLE = Qt.ItemDataRole.UserRole + 1
CLOSED_ROLE = Qt.ItemDataRole.UserRole + 2
TODAY_ROLE = Qt.ItemDataRole.UserRole + 3
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def agenda_line(item: Appointment) -> str:
    """"10:00 Šmidt", as in a paper book: a week's cell is narrow at 1366 px (seven days
    beside the navigation), so the end time and the service wait in the tooltip."""
    name = texts.client_name(item)
    if item.patch_test_warning:
        name = f"{texts.WARNING_SIGN} {name}"
    line = f"{texts.hm(item.start)} {name}"
    if item.status is not AppointmentStatus.BOOKED:
        line = f"{line} · {texts.status_text(item.status)}"
    return line


class WeekModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: WeekView | None = None
        self.today: date | None = None

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
            head = (_("Closed") if day.opens is None and not items
                    else texts.bookings_count(len(items)))
            return "\n".join([head, *(agenda_line(a) for a in items)])
        if role == Qt.ItemDataRole.ToolTipRole and items:
            return "\n".join(f"{texts.hm(a.start)}–{texts.hm(a.end)} {texts.block_title(a)}"
                             for a in items)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.week is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            day = self.week.days[section].day
            return f"{texts.weekday_name(day)}\n{texts.short_date(day)}"
        return self.week.days[0].stylists[section].display_name if self.week.days else None


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
        for number, line in enumerate(shown):
            line_font = QFont(font)
            line_font.setBold(number == 0)
            painter.setFont(line_font)
            colour = MUTED if number == 0 else TEXT
            if number > 0 and items[number - 1].patch_test_warning:
                colour = WARNING_INK
            painter.setPen(QColor(colour))
            target = QRect(area.x(), area.y() + number * line_height, area.width(), line_height)
            painter.drawText(target, LEFT, QFontMetrics(line_font).elidedText(
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

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.day_chosen.emit(self.model_.day_of(index.column()),
                                 self.model_.stylist_id(index.row()))
