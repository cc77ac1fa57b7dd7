"""The day grid's geometry and the book's words, without any widget."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from salon_desktop.domain.appointments import (
    Appointment,
    AppointmentStatus,
    Break,
    DayView,
    StaffRef,
)
from salon_desktop.i18n import set_language
from ui.booking import layout, texts
from ui.booking.layout import DayFrame, GridGeometry

DAY = date(2026, 11, 25)
KATI, ANNA = StaffRef(1, "Kati"), StaffRef(2, "Anna")


def booking(number: int, stylist: int, start: str, end: str, *, last: str | None = "Šmidt",
            status: AppointmentStatus = AppointmentStatus.BOOKED,
            warn: bool = False) -> Appointment:
    return Appointment(
        id=number, stylist_id=stylist, stylist="Kati", service_id=1, service="Värvimine",
        start=datetime.combine(DAY, time.fromisoformat(start)),
        end=datetime.combine(DAY, time.fromisoformat(end)), status=status, client_id=7,
        client_first_name="Õie", client_last_name=last, notes=None, patch_test_warning=warn)


def day_view(*items: Appointment, opens: time | None = time(9), closes: time | None = time(19),
             breaks: tuple[Break, ...] = ()) -> DayView:
    return DayView(DAY, opens, closes, (KATI, ANNA), breaks, items)


def geometry(view: DayView) -> GridGeometry:
    return GridGeometry(DayFrame.for_day(view), 2, width=1000, row_height=30, time_width=60)


def test_frame_covers_the_opening_hours_in_whole_rows() -> None:
    frame = DayFrame.for_day(day_view(opens=time(9, 15), closes=time(18, 40)))
    assert (frame.first, frame.last, frame.rows) == (9 * 60, 19 * 60, 20)


def test_frame_widens_to_a_booking_outside_the_hours() -> None:
    early = booking(1, 1, "07:45", "08:30")
    frame = DayFrame.for_day(day_view(early))
    assert frame.first == 7 * 60 + 30 and frame.last == 19 * 60


def test_a_closed_day_shows_the_default_hours() -> None:
    frame = DayFrame.for_day(day_view(opens=None, closes=None))
    assert (frame.first, frame.last) == layout.DEFAULT_HOURS


def test_blocks_sit_in_their_stylists_column_at_their_time() -> None:
    view = day_view(booking(1, 1, "10:00", "11:00"), booking(2, 2, "09:30", "09:45"))
    g = geometry(view)
    first, second = layout.layout_blocks(view, g)
    assert first.column == 0 and second.column == 1
    assert first.rect.y == pytest.approx(60 + 1)      # two 30-minute rows after 09:00
    assert first.rect.h == pytest.approx(60 - 2)      # one hour, inset
    assert first.rect.x == pytest.approx(60 + 2)      # after the time column
    assert second.rect.x == pytest.approx(60 + 470 + 2)
    assert second.rect.h == pytest.approx(15 - 2)


def test_lanes_put_overlapping_bookings_side_by_side() -> None:
    spans = [(600, 660), (630, 690), (700, 720), (660, 700)]
    assert layout.lanes(spans) == [(0, 2), (1, 2), (0, 1), (0, 2)]


def test_touching_bookings_do_not_overlap() -> None:
    assert not layout.overlaps((600, 660), (660, 700))
    assert layout.overlaps((600, 661), (660, 700))
    assert layout.lanes([(600, 660), (660, 700)]) == [(0, 1), (0, 1)]


def test_overlapping_blocks_halve_the_column() -> None:
    view = day_view(booking(1, 1, "10:00", "11:00"), booking(2, 1, "10:30", "11:30"))
    first, second = layout.layout_blocks(view, geometry(view))
    assert first.rect.w == pytest.approx(235 - 4)
    assert second.rect.x == pytest.approx(first.rect.x + 235)


def test_hit_tests_find_blocks_and_free_quarter_hours() -> None:
    view = day_view(booking(1, 1, "10:00", "11:00"))
    g = geometry(view)
    blocks = layout.layout_blocks(view, g)
    assert layout.block_at(blocks, 100, 75) is blocks[0]
    assert layout.block_at(blocks, 100, 30) is None
    assert g.cell_at(100, 30) == (0, 9 * 60 + 30)
    assert g.cell_at(100, 46) == (0, 9 * 60 + 45)          # the lower half of the row
    assert g.cell_at(600, 0) == (1, 9 * 60)
    assert g.cell_at(30, 30) is None                       # the time column
    assert g.cell_at(100, g.height + 5) is None
    assert layout.block_covering(blocks, 0, 10 * 60 + 45) is blocks[0]
    assert layout.block_covering(blocks, 0, 11 * 60) is None


def test_breaks_apply_to_the_salon_and_to_one_stylist() -> None:
    breaks = (Break(1, 2, None, time(13), time(13, 30)), Break(2, 2, 2, time(15), time(15, 30)))
    view = day_view(breaks=breaks)
    assert layout.break_spans(view, 1) == [(780, 810)]
    assert layout.break_spans(view, 2) == [(780, 810), (900, 930)]


def test_bookings_of_a_stylist_without_a_column_are_left_out() -> None:
    view = day_view(booking(1, 99, "10:00", "11:00"))
    assert layout.layout_blocks(view, geometry(view)) == []


def test_monday_of_a_week() -> None:
    assert layout.monday_of(DAY) == date(2026, 11, 23)
    assert layout.monday_of(date(2026, 11, 23)) == date(2026, 11, 23)


def test_words_in_estonian_and_russian() -> None:
    item = booking(1, 1, "10:00", "11:15", warn=True, status=AppointmentStatus.ARRIVED)
    set_language("et")
    assert texts.day_title(DAY) == "Kolmapäev 25.11.2026"
    assert texts.block_title(item) == "⚠ Šmidt · Värvimine"
    assert texts.block_detail(item).startswith("10:00–11:15 · ")
    assert texts.short_date(DAY) == "25.11."
    assert "23.11.2026" in texts.week_title(date(2026, 11, 23))
    set_language("ru")
    assert texts.day_title(DAY) == "Среда 25.11.2026"
    assert texts.duration_text(75) != "1 h 15 min"
    set_language("en")
    assert texts.duration_text(75) == "1 h 15 min"
    assert texts.bookings_count(1) == "1 booking"
    hidden = booking(2, 1, "10:00", "11:00", last=None)
    assert texts.block_title(hidden) == "Client not shown · Värvimine"
