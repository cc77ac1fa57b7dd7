"""Rows of the ``clients`` table (SQL only; the clients service decides who sees what)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from salon_desktop.storage.database import Database

CLIENT_COLUMNS = ("first_name", "last_name", "phone", "email", "birth_date", "address",
                  "language", "preferences", "notes")


def insert_many(db: Database, rows: Iterable[dict[str, object]], now: datetime) -> int:
    stamp = now.isoformat()
    data = [[row.get(c) for c in CLIENT_COLUMNS] + [stamp, stamp] for row in rows]
    db.executemany(
        f"INSERT INTO clients ({', '.join(CLIENT_COLUMNS)}, created_at, updated_at) "
        f"VALUES ({', '.join('?' * (len(CLIENT_COLUMNS) + 2))})", data)
    return len(data)


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM clients"))
