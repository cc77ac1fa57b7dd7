"""Painting the day grid: lines, breaks, booking blocks, the header, the "now" line.

Status is never told by colour alone: a block's second line names any status other than
booked, a no-show is dashed and a cancelled booking is struck through. Text colours keep
WCAG AA contrast on their fills (ratios noted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen

from salon_desktop.domain.appointments import AppointmentStatus, DayView
from salon_desktop.i18n import _
from ui.booking import layout, texts
from ui.booking.layout import Block, GridGeometry
from ui.style import ACCENT, BASE, MUTED, TEXT, WARNING_INK, WINDOW

LINE_HOUR = QColor("#CFCAC3")
LINE_HALF = QColor("#ECE9E4")
CLOSED_FILL = QColor("#EEECE8")
BREAK_FILL = QColor("#E6E3DE")
NOW_COLOUR = QColor("#B3261E")


@dataclass(frozen=True)
class Look:
    fill: str
    bar: str
    ink: str


#: fill, left bar, text; TEXT on each fill ≥ 12:1, MUTED on #F1EFEC 5.6:1
LOOKS: dict[AppointmentStatus, Look] = {
    AppointmentStatus.BOOKED: Look("#DCEBEC", ACCENT, TEXT),
    AppointmentStatus.ARRIVED: Look("#D7EBD9", "#2E7D32", TEXT),
    AppointmentStatus.DONE: Look("#ECEAE6", "#8A9194", TEXT),
    AppointmentStatus.NO_SHOW: Look("#F8F7F5", "#8A9194", MUTED),
    AppointmentStatus.CANCELLED: Look("#F8F7F5", "#B8B4AE", MUTED),
}


def _hatch(colour: QColor) -> QBrush:
    return QBrush(colour, Qt.BrushStyle.BDiagPattern)


def paint_body(p: QPainter, day: DayView, g: GridGeometry, blocks: Sequence[Block],
               font: QFont, now: int | None = None) -> None:
    """Everything below the header, in body coordinates (y = 0 at the first row). The
    "now" line goes under the blocks, so it never strikes through a booking's text."""
    metrics = QFontMetrics(font)
    width = g.width
    frame = g.frame
    _paint_closed(p, day, g)
    for column, stylist in enumerate(day.stylists):
        for start, end in layout.break_spans(day, stylist.id):
            rect = g.span_rect(column, start, end)
            area = QRectF(g.x_of(column), g.y_of(start), g.column_width,
                          g.y_of(end) - g.y_of(start))
            p.fillRect(area, BREAK_FILL)
            p.fillRect(area, _hatch(QColor("#CFCAC3")))
            if rect.h >= metrics.height():
                p.setPen(QColor(MUTED))
                p.drawText(area.adjusted(6, 2, -6, 0),
                           int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft),
                           _("Break"))
    for row in range(frame.rows + 1):
        minute = frame.row_start(row)
        y = round(g.y_of(minute)) + 0.5
        on_hour = minute % 60 == 0
        p.setPen(QPen(LINE_HOUR if on_hour else LINE_HALF, 1))
        p.drawLine(int(g.time_width), int(y), int(width), int(y))
        if row < frame.rows:
            p.setPen(QColor(TEXT if on_hour else MUTED))
            label = QRectF(0, y + 1, g.time_width - 8, metrics.height())
            p.drawText(label, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                       f"{minute // 60:02d}:{minute % 60:02d}")
    p.setPen(QPen(LINE_HOUR, 1))
    for column in range(len(day.stylists) + 1):
        x = round(g.x_of(column)) + 0.5
        p.drawLine(int(x), 0, int(x), int(g.height))
    if now is not None:
        paint_now(p, g, now)
    for block in blocks:
        paint_block(p, block, font)


def _paint_closed(p: QPainter, day: DayView, g: GridGeometry) -> None:
    """Shade the times outside the opening hours (the whole day when closed)."""
    left, right = g.time_width, g.width
    if day.opens is None or day.closes is None:
        p.fillRect(QRectF(left, 0, right - left, g.height), CLOSED_FILL)
        return
    opens, closes = layout.minutes(day.opens), layout.minutes(day.closes)
    if opens > g.frame.first:
        p.fillRect(QRectF(left, 0, right - left, g.y_of(opens)), CLOSED_FILL)
    if closes < g.frame.last:
        p.fillRect(QRectF(left, g.y_of(closes), right - left, g.height - g.y_of(closes)),
                   CLOSED_FILL)


def paint_block(p: QPainter, block: Block, font: QFont) -> None:
    item = block.appointment
    look = LOOKS[item.status]
    r = block.rect
    rect = QRectF(r.x, r.y, r.w, r.h)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    border = QPen(QColor(look.bar), 1)
    if item.status is AppointmentStatus.NO_SHOW:
        border.setStyle(Qt.PenStyle.DashLine)
    p.setPen(border)
    p.setBrush(QColor(look.fill))
    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.fillRect(QRectF(r.x, r.y, 4, r.h), QColor(look.bar))
    metrics = QFontMetrics(font)
    text_rect = rect.adjusted(8, 2, -4, -2)
    line_height = metrics.height()
    two_lines = text_rect.height() >= 2 * line_height
    title = texts.block_title(item)
    if not two_lines and item.status is not AppointmentStatus.BOOKED:
        title = f"{title} · {texts.status_text(item.status)}"
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(QColor(WARNING_INK if item.patch_test_warning else look.ink))
    first = QRectF(text_rect.x(), text_rect.y(), text_rect.width(), line_height)
    elided = QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight,
                                           int(text_rect.width()))
    p.drawText(first, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
    if item.status is AppointmentStatus.CANCELLED:
        y = first.center().y()
        p.drawLine(int(first.left()), int(y),
                   int(first.left() + QFontMetrics(bold).horizontalAdvance(elided)), int(y))
    if two_lines:
        p.setFont(font)
        p.setPen(QColor(look.ink if item.status is not AppointmentStatus.BOOKED else MUTED))
        second = first.translated(0, line_height)
        p.drawText(second, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   metrics.elidedText(texts.block_detail(item), Qt.TextElideMode.ElideRight,
                                      int(text_rect.width())))
    p.restore()


def paint_header(p: QPainter, day: DayView, g: GridGeometry, height: int, font: QFont) -> None:
    p.fillRect(QRectF(0, 0, g.width, height), QColor(WINDOW))
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    metrics = QFontMetrics(bold)
    p.setPen(QColor(TEXT))
    for column, stylist in enumerate(day.stylists):
        area = QRectF(g.x_of(column) + 4, 0, g.column_width - 8, height)
        p.drawText(area, int(Qt.AlignmentFlag.AlignCenter),
                   metrics.elidedText(stylist.display_name, Qt.TextElideMode.ElideRight,
                                      int(area.width())))
    p.setPen(QPen(LINE_HOUR, 1))
    p.drawLine(0, height - 1, int(g.width), height - 1)
    p.setFont(font)


def paint_now(p: QPainter, g: GridGeometry, minute: int) -> None:
    if not g.frame.first <= minute <= g.frame.last:
        return
    y = g.y_of(minute)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(NOW_COLOUR, 2))
    p.drawLine(QRectF(g.time_width, y, g.width - g.time_width, 0).topLeft(),
               QRectF(g.width, y, 0, 0).topLeft())
    p.setBrush(NOW_COLOUR)
    p.drawEllipse(QRectF(g.time_width - 4, y - 4, 8, 8))
    p.restore()


def paint_cursor(p: QPainter, g: GridGeometry, column: int, minute: int) -> None:
    """The keyboard cursor: a 15-minute frame in the accent colour."""
    rect = g.span_rect(column, minute, minute + layout.SNAP_MINUTES)
    p.save()
    p.setPen(QPen(QColor(ACCENT), 2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(rect.x, rect.y, rect.w, rect.h))
    p.restore()


def base_colour() -> QColor:
    return QColor(BASE)
