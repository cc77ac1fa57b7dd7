"""Rows of the ``catalogue`` table: the salon's services (SQL only)."""

from __future__ import annotations

from datetime import datetime

from salon_desktop.storage.database import Database, Row


def all_items(db: Database, include_inactive: bool = False) -> list[Row]:
    where = "" if include_inactive else "WHERE active = 1"
    return db.query(f"SELECT * FROM catalogue {where} ORDER BY name COLLATE NOCASE, id")


def get(db: Database, service_id: int) -> Row | None:
    return db.query_one("SELECT * FROM catalogue WHERE id = ?", (service_id,))


def active_with_name(db: Database, name: str, exclude_id: int | None = None) -> int | None:
    value = db.scalar("SELECT id FROM catalogue WHERE active = 1 AND name = ? COLLATE NOCASE "
                      "AND id IS NOT ?", (name, exclude_id))
    return None if value is None else int(value)


def insert(db: Database, *, name: str, duration_minutes: int, price_cents: int,
           needs_patch_test: bool, now: datetime) -> int:
    cur = db.execute("INSERT INTO catalogue (name, duration_minutes, price_cents, "
                     "needs_patch_test, created_at) VALUES (?, ?, ?, ?, ?)",
                     (name, duration_minutes, price_cents, int(needs_patch_test),
                      now.isoformat()))
    return int(cur.lastrowid)


def update(db: Database, service_id: int, **values: object) -> None:
    if not values:
        return
    columns = ", ".join(f"{name} = ?" for name in values)
    db.execute(f"UPDATE catalogue SET {columns} WHERE id = ?", [*values.values(), service_id])


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM catalogue"))
