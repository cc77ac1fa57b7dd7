"""Rows of the data protection requests register (SQL only; ``services/requests_register.py``
checks permissions, deadlines and who may close what).

Dates are the salon's local calendar days (``YYYY-MM-DD``). An entry keeps no copy of the
client's name: it is joined from ``clients`` while the client exists, and after an erasure
the entry stays without any pointer to the person (``detach_client``).
"""

from __future__ import annotations

from datetime import date, datetime

from salon_desktop.storage.database import Database, Row

_SELECT = ("SELECT r.*, c.first_name, c.last_name, s.display_name AS handled_by_name "
           "FROM data_requests r LEFT JOIN clients c ON c.id = r.client_id "
           "LEFT JOIN staff s ON s.id = r.handled_by")


def insert(db: Database, *, kind: str, client_id: int | None, received_on: date,
           due_on: date, note: str | None, staff_id: int | None, now: datetime) -> int:
    cur = db.execute(
        "INSERT INTO data_requests (kind, client_id, received_on, due_on, note, created_at, "
        "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (kind, client_id, received_on.isoformat(), due_on.isoformat(), note, now.isoformat(),
         staff_id))
    return int(cur.lastrowid)


def get(db: Database, request_id: int) -> Row | None:
    return db.query_one(f"{_SELECT} WHERE r.id = ?", (request_id,))


def select(db: Database, *, status: str | None = None, client_id: int | None = None,
           due_by: date | None = None) -> list[Row]:
    """Matching entries, open ones by deadline first, then the closed ones newest first."""
    where, params = [], []
    if status is not None:
        where.append("r.status = ?")
        params.append(status)
    if client_id is not None:
        where.append("r.client_id = ?")
        params.append(client_id)
    if due_by is not None:
        where.append("r.due_on <= ?")
        params.append(due_by.isoformat())
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return db.query(f"{_SELECT}{clause} ORDER BY r.status <> 'open', "
                    "CASE WHEN r.status = 'open' THEN r.due_on END, r.closed_on DESC, r.id DESC",
                    params)


def count_open(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM data_requests WHERE status = 'open'"))


def extend(db: Database, request_id: int, due_on: date, reason: str) -> None:
    db.execute("UPDATE data_requests SET due_on = ?, extended = 1, extension_reason = ? "
               "WHERE id = ?", (due_on.isoformat(), reason, request_id))


def assign(db: Database, request_id: int, staff_id: int) -> None:
    db.execute("UPDATE data_requests SET handled_by = ? WHERE id = ?", (staff_id, request_id))


def close(db: Database, request_id: int, *, status: str, closed_on: date,
          outcome: str | None, staff_id: int | None) -> None:
    db.execute("UPDATE data_requests SET status = ?, closed_on = ?, outcome = ?, "
               "handled_by = coalesce(handled_by, ?) WHERE id = ?",
               (status, closed_on.isoformat(), outcome, staff_id, request_id))


def detach_client(db: Database, client_id: int) -> int:
    """On erasure: the entries stay (proof of handling) but no longer point at the client —
    ids are reused — and lose their free-text note, which may name the person."""
    return int(db.execute("UPDATE data_requests SET client_id = NULL, client_erased = 1, "
                          "note = NULL WHERE client_id = ?", (client_id,)).rowcount)
