"""Rows of ``visits`` and ``visit_services`` (SQL only)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from salon_desktop.storage.database import Database, Row

_VISIT_COLUMNS = ("client_id", "stylist_id", "appointment_id", "started_at", "price_cents",
                  "notes", "colour_formula", "created_at", "created_by")


def insert(db: Database, *, client_id: int, stylist_id: int | None,
           appointment_id: int | None, started_at: datetime, price_cents: int,
           notes: str | None, colour_formula: str | None,
           lines: Sequence[tuple[int | None, str, int]], staff_id: int | None,
           now: datetime) -> int:
    cur = db.execute(
        f"INSERT INTO visits ({', '.join(_VISIT_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_VISIT_COLUMNS))})",
        (client_id, stylist_id, appointment_id, started_at.isoformat(timespec="minutes"),
         price_cents, notes, colour_formula, now.isoformat(), staff_id))
    visit_id = int(cur.lastrowid)
    db.executemany("INSERT INTO visit_services (visit_id, position, service_id, name, "
                   "price_cents) VALUES (?, ?, ?, ?, ?)",
                   [(visit_id, n, *line) for n, line in enumerate(lines)])
    return visit_id


def history(db: Database, client_id: int, *, limit: int, offset: int = 0) -> list[Row]:
    """Newest first."""
    return db.query("SELECT v.*, s.display_name AS stylist_name FROM visits v "
                    "LEFT JOIN staff s ON s.id = v.stylist_id WHERE v.client_id = ? "
                    "ORDER BY v.started_at DESC, v.id DESC LIMIT ? OFFSET ?",
                    (client_id, limit, offset))


def lines(db: Database, visit_ids: Iterable[int]) -> dict[int, list[Row]]:
    wanted = list(visit_ids)
    found: dict[int, list[Row]] = {v: [] for v in wanted}
    if not wanted:
        return found
    for row in db.query(f"SELECT * FROM visit_services WHERE visit_id IN "
                        f"({', '.join('?' * len(wanted))}) ORDER BY visit_id, position",
                        wanted):
        found[int(row["visit_id"])].append(row)
    return found


def count_for_client(db: Database, client_id: int) -> int:
    return int(db.scalar("SELECT count(*) FROM visits WHERE client_id = ?", (client_id,)))


def bulk_insert(db: Database, visits: Iterable[Sequence[object]],
                lines: Iterable[Sequence[object]]) -> None:
    """Demo data: ``visits`` rows are (id, *_VISIT_COLUMNS), ``lines`` rows are
    (visit_id, position, service_id, name, price_cents); the caller holds the transaction."""
    db.executemany(f"INSERT INTO visits (id, {', '.join(_VISIT_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * (len(_VISIT_COLUMNS) + 1))})", visits)
    db.executemany("INSERT INTO visit_services (visit_id, position, service_id, name, "
                   "price_cents) VALUES (?, ?, ?, ?, ?)", lines)


def max_id(db: Database) -> int:
    return int(db.scalar("SELECT coalesce(max(id), 0) FROM visits"))
