"""The day view: a time grid with one column per stylist, painted by hand.

A custom scroll area rather than a table with spans: bookings start at any quarter hour and
may overlap (hours changed, a no-show put back), which spans cannot show; painting keeps the
blocks crisp at any size. The stylist header stays put while the body scrolls. Keyboard
first: arrows move a 15-minute cursor, Enter opens the booking under it or books that time.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from salon_desktop.domain.appointments import Appointment, DayView
from ui.booking import day_paint, layout, texts
from ui.booking.layout import Block, DayFrame, GridGeometry


class DayGrid(QAbstractScrollArea):
    slot_chosen = Signal(int, object)          # stylist id, start (datetime)
    appointment_chosen = Signal(object)        # Appointment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("day_grid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setMouseTracking(False)
        self.day: DayView | None = None
        self.now: datetime | None = None
        self.blocks: list[Block] = []
        self.geometry_: GridGeometry | None = None
        self.cursor_column = 0
        self.cursor_minute = 0
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)

    # -- data -----------------------------------------------------------------------------
    def set_day(self, day: DayView | None, now: datetime | None = None) -> None:
        same_day = self.day is not None and day is not None and self.day.day == day.day
        self.day, self.now = day, now
        self._relayout()
        if day is not None and not same_day:
            frame = self.geometry_.frame if self.geometry_ else None
            start = layout.minutes(now) if now and now.date() == day.day else None
            if frame is not None:
                fallback = frame.first if day.opens is None else layout.minutes(day.opens)
                wanted = start if start is not None and frame.first <= start < frame.last \
                    else fallback
                self.cursor_minute = wanted // layout.SNAP_MINUTES * layout.SNAP_MINUTES
            self.cursor_column = min(self.cursor_column, max(0, len(day.stylists) - 1))
            self._ensure_cursor_visible()
        self.viewport().update()

    def clear(self) -> None:
        self.set_day(None)

    def select_stylist(self, stylist_id: int) -> None:
        if self.day is None:
            return
        for column, stylist in enumerate(self.day.stylists):
            if stylist.id == stylist_id:
                self.cursor_column = column
                self.viewport().update()

    # -- geometry -------------------------------------------------------------------------
    def header_height(self) -> int:
        return QFontMetrics(self.font()).height() + 16

    def _relayout(self) -> None:
        if self.day is None:
            self.geometry_, self.blocks = None, []
            self.verticalScrollBar().setRange(0, 0)
            return
        metrics = QFontMetrics(self.font())
        frame = DayFrame.for_day(self.day)
        body = max(1, self.viewport().height() - self.header_height())
        row = max(metrics.height() + 8, body / max(1, frame.rows))
        self.geometry_ = GridGeometry(frame, len(self.day.stylists), self.viewport().width(),
                                      row, metrics.horizontalAdvance("00:00") + 18)
        self.blocks = layout.layout_blocks(self.day, self.geometry_)
        scroll = self.verticalScrollBar()
        scroll.setRange(0, max(0, int(self.geometry_.height) - body))
        scroll.setPageStep(body)
        scroll.setSingleStep(int(row / 2))

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._relayout()

    def to_body(self, point: QPoint) -> tuple[float, float]:
        return point.x(), point.y() - self.header_height() + self.verticalScrollBar().value()

    def to_viewport(self, x: float, y: float) -> QPoint:
        return QPoint(int(x), int(y + self.header_height() - self.verticalScrollBar().value()))

    def point_for(self, stylist_id: int, minute: int) -> QPoint:
        """The centre of a stylist's quarter hour, in viewport coordinates (for tests)."""
        assert self.day is not None and self.geometry_ is not None
        column = [s.id for s in self.day.stylists].index(stylist_id)
        self._scroll_to(minute)
        rect = self.geometry_.span_rect(column, minute, minute + layout.SNAP_MINUTES)
        return self.to_viewport(rect.x + rect.w / 2, rect.y + rect.h / 2)

    def block_for(self, appointment_id: int) -> Block | None:
        return next((b for b in self.blocks if b.appointment.id == appointment_id), None)

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        p.fillRect(self.viewport().rect(), day_paint.base_colour())
        g, day = self.geometry_, self.day
        if g is None or day is None:
            return
        header = self.header_height()
        p.save()
        p.setClipRect(QRectF(0, header, g.width, self.viewport().height() - header))
        p.translate(0, header - self.verticalScrollBar().value())
        now = (layout.minutes(self.now) if self.now and self.now.date() == day.day
               and day.stylists else None)
        day_paint.paint_body(p, day, g, self.blocks, self.font(), now)
        if self.hasFocus() and day.stylists:
            day_paint.paint_cursor(p, g, self.cursor_column, self.cursor_minute)
        p.restore()
        day_paint.paint_header(p, day, g, header, self.font())

    # -- mouse and keyboard ---------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.geometry_ is None:
            return
        x, y = self.to_body(event.position().toPoint())
        block = layout.block_at(self.blocks, x, y)
        if block is not None:
            self.cursor_column = block.column
            self.appointment_chosen.emit(block.appointment)
            return
        cell = self.geometry_.cell_at(x, y)
        if cell is not None:
            self.cursor_column, self.cursor_minute = cell
            self.viewport().update()
            self._choose_slot()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.geometry_ is not None:
            position = event.pos()  # type: ignore[attr-defined]
            block = layout.block_at(self.blocks, *self.to_body(position))
            if block is not None:
                QToolTip.showText(event.globalPos(),  # type: ignore[attr-defined]
                                  texts.block_tooltip(block.appointment), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        g = self.geometry_
        if g is None or self.day is None or not self.day.stylists:
            super().keyPressEvent(event)
            return
        key = event.key()
        step = layout.SNAP_MINUTES
        if key == Qt.Key.Key_Up:
            self.cursor_minute = max(g.frame.first, self.cursor_minute - step)
        elif key == Qt.Key.Key_Down:
            self.cursor_minute = min(g.frame.last - step, self.cursor_minute + step)
        elif key == Qt.Key.Key_Left:
            self.cursor_column = max(0, self.cursor_column - 1)
        elif key == Qt.Key.Key_Right:
            self.cursor_column = min(len(self.day.stylists) - 1, self.cursor_column + 1)
        elif key == Qt.Key.Key_Home:
            self.cursor_minute = g.frame.first
        elif key == Qt.Key.Key_End:
            self.cursor_minute = g.frame.last - step
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate_cursor()
            return
        else:
            super().keyPressEvent(event)
            return
        self._ensure_cursor_visible()
        self.viewport().update()

    def activate_cursor(self) -> None:
        block = layout.block_covering(self.blocks, self.cursor_column, self.cursor_minute)
        if block is not None:
            self.appointment_chosen.emit(block.appointment)
        else:
            self._choose_slot()

    def _choose_slot(self) -> None:
        if self.day is None or not self.day.stylists:
            return
        stylist = self.day.stylists[self.cursor_column]
        self.slot_chosen.emit(stylist.id, layout.at_minutes(self.day.day, self.cursor_minute))

    def _ensure_cursor_visible(self) -> None:
        self._scroll_to(self.cursor_minute)

    def _scroll_to(self, minute: int) -> None:
        g = self.geometry_
        if g is None:
            return
        body = self.viewport().height() - self.header_height()
        top, bottom = g.y_of(minute), g.y_of(minute + layout.SNAP_MINUTES)
        scroll = self.verticalScrollBar()
        if top < scroll.value():
            scroll.setValue(int(top))
        elif bottom > scroll.value() + body:
            scroll.setValue(int(bottom - body))

    def focusInEvent(self, event: object) -> None:
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.viewport().update()

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self.viewport().update()

    def appointment_ids(self) -> list[int]:
        return [b.appointment.id for b in self.blocks]

    def appointment(self, appointment_id: int) -> Appointment | None:
        block = self.block_for(appointment_id)
        return block.appointment if block else None
