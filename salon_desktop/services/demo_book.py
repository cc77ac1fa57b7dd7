"""Synthetic visits, bookings and a catalogue for the demo salon (invented data only).

Visits are generated in chunks for ``executemany``, so a million never sit in memory at
once. The catalogue is in Estonian: it is the salon's own data, typed by the salon.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta

#: name, minutes, price in cents, needs a patch test
DEMO_CATALOGUE: tuple[tuple[str, int, int, bool], ...] = (
    ("Lõikus", 45, 35_00, False),
    ("Lõikus ja föönitamine", 60, 45_00, False),
    ("Värvimine", 120, 85_00, True),
    ("Juuksejuurte värvimine", 90, 60_00, True),
    ("Triibutamine", 150, 110_00, True),
    ("Kulmude ja ripsmete värvimine", 30, 25_00, True),
    ("Maniküür", 60, 30_00, False),
    ("Pediküür", 75, 40_00, False),
    ("Soengu tegemine", 60, 50_00, False),
)
DEMO_STYLISTS = (("kati.demo", "Kati"), ("anna.demo", "Anna"), ("sergei.demo", "Sergei"))

_NOTES = ("Soovib järgmine kord lühemat", "Tundlik peanahk", "Предпочитает тёплые оттенки",
          "Wants to grow it out", None, None, None)
_FORMULAS = ("7/1 + 6% 30 vol, 35 min", "8/0 + 9/3 1:1, 6%", "6/7 + 3% 1:2, 30 min",
             "Blond 9/0 + 12%", None)


def visit_chunks(rng: random.Random, count: int, first_id: int, client_ids: Sequence[int],
                 stylist_ids: Sequence[int], services: Sequence[tuple[int, str, int, bool]],
                 today: date, created_at: str, staff_id: int | None, chunk: int = 50_000
                 ) -> Iterator[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """(visits, visit_services) rows in chunks, over the last three years, ~1.2 services
    per visit. Visit rows are (id, client_id, stylist_id, appointment_id, started_at,
    price_cents, notes, colour_formula, created_at, created_by)."""
    visits: list[tuple[object, ...]] = []
    lines: list[tuple[object, ...]] = []
    for n in range(count):
        visit_id = first_id + n
        day = today - timedelta(days=rng.randrange(1, 3 * 365))
        start = datetime.combine(day, time(9 + rng.randrange(9), rng.choice((0, 15, 30, 45))))
        chosen = [rng.choice(services)]
        if rng.random() < 0.2:
            extra = rng.choice(services)
            if extra[0] != chosen[0][0]:
                chosen.append(extra)
        for position, (service_id, name, price, _patch) in enumerate(chosen):
            lines.append((visit_id, position, service_id, name, price))
        formula = rng.choice(_FORMULAS) if any(s[3] for s in chosen) else None
        visits.append((visit_id, rng.choice(client_ids), rng.choice(stylist_ids), None,
                       start.isoformat(timespec="minutes"), sum(s[2] for s in chosen),
                       rng.choice(_NOTES), formula, created_at, staff_id))
        if len(visits) >= chunk:
            yield visits, lines
            visits, lines = [], []
    if visits:
        yield visits, lines


def booking_rows(rng: random.Random, days: Sequence[date], today: date,
                 hours: dict[int, tuple[str, str]], client_ids: Sequence[int],
                 stylist_ids: Sequence[int], services: Sequence[tuple[int, str, int, bool]],
                 durations: dict[int, int], created_at: str) -> list[tuple[object, ...]]:
    """Non-overlapping bookings inside opening hours, about two thirds of each day full."""
    rows: list[tuple[object, ...]] = []
    for day in days:
        opening = hours.get(day.weekday())
        if opening is None:
            continue
        opens = datetime.combine(day, time.fromisoformat(opening[0]))
        closes = datetime.combine(day, time.fromisoformat(opening[1]))
        for stylist in stylist_ids:
            cursor = opens
            while True:
                service = rng.choice(services)
                start = cursor + timedelta(minutes=rng.choice((0, 0, 15, 30, 60)))
                end = start + timedelta(minutes=durations[service[0]])
                if end > closes:
                    break
                status = "booked" if day >= today else rng.choice(
                    ("done", "done", "done", "no_show", "cancelled"))
                rows.append((rng.choice(client_ids), stylist, service[0],
                             start.isoformat(timespec="minutes"),
                             end.isoformat(timespec="minutes"), status, None, created_at,
                             created_at))
                cursor = end
    return rows


def day_start(day: date) -> datetime:
    return datetime.combine(day, time())
