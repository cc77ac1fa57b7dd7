"""Where things go in the day grid: the time frame, columns, blocks, overlaps, hit tests.

Kept free of Qt so the geometry is tested on its own and the widget only paints rectangles.
Times are minutes since midnight (the book is the salon's local wall-clock time); the grid's
body starts at y = 0 (the widget adds its sticky header and scroll offset).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from salon_desktop.domain.appointments import Appointment, DayView

#: rows of the grid; a click or the keyboard cursor snaps to SNAP minutes within a row
SLOT_MINUTES = 30
SNAP_MINUTES = 15
#: shown when the salon is closed that day and nothing is booked
DEFAULT_HOURS = (9 * 60, 18 * 60)


def minutes(value: time | datetime) -> int:
    return value.hour * 60 + value.minute


def at_minutes(day: date, value: int) -> datetime:
    return datetime.combine(day, time()) + timedelta(minutes=value)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(frozen=True)
class DayFrame:
    """The minutes the grid shows: the opening hours, widened to whole slots and to any
    booking outside them (hours changed after it was booked), so nothing is ever hidden."""

    first: int
    last: int
    slot: int = SLOT_MINUTES

    @classmethod
    def for_day(cls, day: DayView, slot: int = SLOT_MINUTES) -> DayFrame:
        if day.opens is not None and day.closes is not None:
            first, last = minutes(day.opens), minutes(day.closes)
        else:
            first, last = DEFAULT_HOURS
        for item in day.appointments:
            first = min(first, minutes(item.start))
            last = max(last, minutes(item.end) if item.end.date() == item.start.date()
                       else 24 * 60)
        first = first // slot * slot
        last = min(24 * 60, -(-last // slot) * slot)
        return cls(first, max(last, first + slot), slot)

    @property
    def rows(self) -> int:
        return (self.last - self.first) // self.slot

    def row_start(self, row: int) -> int:
        return self.first + row * self.slot


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open intervals: 10:00–11:00 and 11:00–12:00 do not overlap."""
    return a[0] < b[1] and b[0] < a[1]


def lanes(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(lane, lane count) for each span, so overlapping bookings of one stylist sit side by
    side instead of hiding each other. Spans that overlap only through a chain share one
    lane count (a cluster), so widths inside a cluster match."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    result: list[tuple[int, int]] = [(0, 1)] * len(spans)
    cluster: list[int] = []
    lane_ends: list[int] = []
    cluster_end = -1

    def close_cluster() -> None:
        for index in cluster:
            result[index] = (result[index][0], len(lane_ends))

    for index in order:
        start, end = spans[index]
        if cluster and start >= cluster_end:
            close_cluster()
            cluster, lane_ends = [], []
        lane = next((n for n, lane_end in enumerate(lane_ends) if lane_end <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        result[index] = (lane, 0)
        cluster.append(index)
        cluster_end = max(cluster_end, end) if len(cluster) > 1 else end
    if cluster:
        close_cluster()
    return result


@dataclass(frozen=True)
class Block:
    appointment: Appointment
    column: int
    rect: Rect


@dataclass(frozen=True)
class GridGeometry:
    """The body of the day grid: a time column on the left, then one column per stylist."""

    frame: DayFrame
    columns: int
    width: float
    row_height: float
    time_width: float

    @property
    def column_width(self) -> float:
        return (self.width - self.time_width) / max(1, self.columns)

    @property
    def height(self) -> float:
        return self.frame.rows * self.row_height

    def y_of(self, minute: int) -> float:
        return (minute - self.frame.first) * self.row_height / self.frame.slot

    def x_of(self, column: int) -> float:
        return self.time_width + column * self.column_width

    def span_rect(self, column: int, start: int, end: int, lane: int = 0,
                  lane_count: int = 1) -> Rect:
        """A booking's rectangle, inset so neighbouring blocks never touch."""
        lane_width = self.column_width / max(1, lane_count)
        x = self.x_of(column) + lane * lane_width
        top, bottom = self.y_of(start), self.y_of(end)
        return Rect(x + 2, top + 1, max(4.0, lane_width - 4), max(6.0, bottom - top - 2))

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(column, minute snapped to SNAP_MINUTES) under a point, or None outside."""
        if x < self.time_width or not 0 <= y < self.height or self.columns == 0:
            return None
        column = int((x - self.time_width) // self.column_width)
        if column >= self.columns:
            return None
        minute = self.frame.first + int(y * self.frame.slot / self.row_height)
        return column, min(minute // SNAP_MINUTES * SNAP_MINUTES,
                           self.frame.last - SNAP_MINUTES)


def layout_blocks(day: DayView, geometry: GridGeometry) -> list[Block]:
    """Every booking of a shown stylist as a rectangle; bookings of a stylist no longer in
    the columns (deactivated since) are left out of the grid, not drawn somewhere wrong."""
    column_of = {stylist.id: n for n, stylist in enumerate(day.stylists)}
    blocks: list[Block] = []
    for column in range(len(day.stylists)):
        mine = [a for a in day.appointments if column_of.get(a.stylist_id) == column]
        spans = [(minutes(a.start), _end_minute(a)) for a in mine]
        for item, span, (lane, count) in zip(mine, spans, lanes(spans), strict=True):
            blocks.append(Block(item, column,
                                geometry.span_rect(column, span[0], span[1], lane, count)))
    return blocks


def _end_minute(item: Appointment) -> int:
    return minutes(item.end) if item.end.date() == item.start.date() else 24 * 60


def block_at(blocks: Sequence[Block], x: float, y: float) -> Block | None:
    for block in reversed(blocks):  # the one painted last is on top
        if block.rect.contains(x, y):
            return block
    return None


def block_covering(blocks: Sequence[Block], column: int, minute: int) -> Block | None:
    """The booking under the keyboard cursor (a column and a snapped minute)."""
    for block in blocks:
        start = minutes(block.appointment.start)
        if block.column == column and start <= minute < _end_minute(block.appointment):
            return block
    return None


def break_spans(day: DayView, stylist_id: int) -> list[tuple[int, int]]:
    """The breaks that apply to one stylist: the salon's and their own."""
    return [(minutes(b.starts), minutes(b.ends)) for b in day.breaks
            if b.stylist_id in (None, stylist_id)]


@dataclass(frozen=True)
class WeekFit:
    """Which form of each week-view text is shown. Chosen once for the whole table, so every
    column reads the same way ("Monday" never stands beside "Tue", nor "2 bookings" beside
    "3 appts"), and from the table's width alone, so choosing never changes the width it was
    chosen from (no flicker between forms)."""

    wrap_names: bool = False      # stylists' names on two lines ("Anna" over "Smirnova")
    short_weekdays: bool = False  # "Wed" / "K" / "ср" above the date, not "Wednesday"
    short_counts: bool = False    # "3 appts" / "3 bron." / "3 зап.", not "3 bookings"
    names_in_cells: bool = True   # "09:30 Šmidt"; else the times alone ("09:30")


@dataclass(frozen=True)
class WeekNeeds:
    """Pixels each long form needs, measured by the widget with its own fonts and paddings
    (so this stays free of Qt): the name column with names on one line and on two, the
    widest full weekday or date of a header, the widest full count (or "Closed") of a cell,
    and an agenda line's time plus the room a client's name needs to be worth showing."""

    names_one_line: int
    names_two_lines: int
    weekdays_long: int
    counts_long: int
    time_and_name: int


def fit_week(width: int, days: int, needs: WeekNeeds) -> WeekFit:
    """The longest forms that fit ``width`` (the table's inside, name column included) shared
    evenly by ``days`` columns. The names go onto two lines first: a two-line name costs
    nothing (a row is four lines tall) and gives every day column back its share."""
    if days <= 0:
        return WeekFit()

    def column(names: int) -> int:
        return (width - names) // days

    longest = max(needs.weekdays_long, needs.counts_long, needs.time_and_name)
    wrap = (needs.names_two_lines < needs.names_one_line
            and column(needs.names_one_line) < longest)
    room = column(needs.names_two_lines if wrap else needs.names_one_line)
    return WeekFit(wrap_names=wrap, short_weekdays=room < needs.weekdays_long,
                   short_counts=room < needs.counts_long,
                   names_in_cells=room >= needs.time_and_name)
