"""Rows of ``appointments``, ``opening_hours`` and ``breaks`` (SQL only; the appointments
service checks overlaps, hours and patch tests inside its transaction)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from salon_desktop.storage.database import Database, Row

_OCCUPYING = ("booked", "arrived", "done")


def _ts(value: datetime) -> str:
    return value.isoformat(timespec="minutes")


def insert(db: Database, *, client_id: int, stylist_id: int, service_id: int,
           start: datetime, end: datetime, notes: str | None, now: datetime) -> int:
    cur = db.execute(
        "INSERT INTO appointments (client_id, stylist_id, service_id, starts_at, ends_at, "
        "notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (client_id, stylist_id, service_id, _ts(start), _ts(end), notes, now.isoformat(),
         now.isoformat()))
    return int(cur.lastrowid)


def get(db: Database, appointment_id: int) -> Row | None:
    return db.query_one("SELECT * FROM appointments WHERE id = ?", (appointment_id,))


def update(db: Database, appointment_id: int, now: datetime, **values: object) -> None:
    values = {k: _ts(v) if isinstance(v, datetime) else v for k, v in values.items()}
    values["updated_at"] = now.isoformat()
    columns = ", ".join(f"{name} = ?" for name in values)
    db.execute(f"UPDATE appointments SET {columns} WHERE id = ?",
               [*values.values(), appointment_id])


def first_overlap(db: Database, stylist_id: int, start: datetime, end: datetime,
                  exclude_id: int | None = None) -> Row | None:
    """The stylist's first booking that holds time overlapping [start, end)."""
    return db.query_one(
        f"SELECT id, starts_at, ends_at FROM appointments WHERE stylist_id = ? AND "
        f"status IN ({', '.join('?' * len(_OCCUPYING))}) AND starts_at < ? AND ends_at > ? "
        f"AND id IS NOT ? ORDER BY starts_at LIMIT 1",
        (stylist_id, *_OCCUPYING, _ts(end), _ts(start), exclude_id))


def between(db: Database, start: datetime, end: datetime) -> list[Row]:
    """Bookings starting in [start, end), with stylist, service and client names."""
    return db.query(
        "SELECT a.*, s.display_name AS stylist_name, k.name AS service_name, "
        "k.needs_patch_test, c.first_name, c.last_name FROM appointments a "
        "JOIN staff s ON s.id = a.stylist_id JOIN catalogue k ON k.id = a.service_id "
        "LEFT JOIN clients c ON c.id = a.client_id "
        "WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, s.display_name",
        (_ts(start), _ts(end)))


def opening_hours(db: Database) -> list[Row]:
    return db.query("SELECT weekday, opens, closes FROM opening_hours ORDER BY weekday")


def opening_hours_on(db: Database, weekday: int) -> Row | None:
    return db.query_one("SELECT opens, closes FROM opening_hours WHERE weekday = ?",
                        (weekday,))


def set_opening_hours(db: Database, weekday: int, opens: str | None,
                      closes: str | None) -> None:
    db.execute("INSERT INTO opening_hours (weekday, opens, closes) VALUES (?, ?, ?) "
               "ON CONFLICT(weekday) DO UPDATE SET opens = excluded.opens, "
               "closes = excluded.closes", (weekday, opens, closes))


def breaks(db: Database, weekdays: Iterable[int] | None = None) -> list[Row]:
    if weekdays is None:
        return db.query("SELECT * FROM breaks ORDER BY weekday, starts, id")
    wanted = list(weekdays)
    return db.query(f"SELECT * FROM breaks WHERE weekday IN ({', '.join('?' * len(wanted))}) "
                    f"ORDER BY weekday, starts, id", wanted)


def add_break(db: Database, weekday: int, stylist_id: int | None, starts: str,
              ends: str) -> int:
    cur = db.execute("INSERT INTO breaks (weekday, stylist_id, starts, ends) VALUES "
                     "(?, ?, ?, ?)", (weekday, stylist_id, starts, ends))
    return int(cur.lastrowid)


def remove_break(db: Database, break_id: int) -> bool:
    return db.execute("DELETE FROM breaks WHERE id = ?", (break_id,)).rowcount > 0


def bookable_stylists(db: Database) -> list[Row]:
    return db.query("SELECT id, display_name FROM staff WHERE active = 1 AND role = 'stylist' "
                    "ORDER BY display_name COLLATE NOCASE, id")


def bulk_insert(db: Database, rows: Iterable[tuple[object, ...]]) -> None:
    """Demo data: (client_id, stylist_id, service_id, starts_at, ends_at, status, notes,
    created_at, updated_at); the caller holds the transaction."""
    db.executemany("INSERT INTO appointments (client_id, stylist_id, service_id, starts_at, "
                   "ends_at, status, notes, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
