"""Rows of the ``staff`` table."""

from __future__ import annotations

from datetime import datetime

from salon_desktop.storage.database import Database, Row


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM staff"))


def by_username(db: Database, username: str) -> Row | None:
    return db.query_one("SELECT * FROM staff WHERE username = ?", (username,))


def by_id(db: Database, staff_id: int) -> Row | None:
    return db.query_one("SELECT * FROM staff WHERE id = ?", (staff_id,))


def all_staff(db: Database) -> list[Row]:
    return db.query("SELECT * FROM staff ORDER BY active DESC, display_name COLLATE NOCASE")


def insert(db: Database, *, username: str, display_name: str, role: str, password_hash: str,
           must_change_password: bool, now: datetime) -> int:
    cur = db.execute(
        "INSERT INTO staff (username, display_name, role, password_hash, must_change_password, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (username, display_name, role, password_hash, int(must_change_password),
         now.isoformat()))
    return int(cur.lastrowid)


def update(db: Database, staff_id: int, **values: object) -> None:
    if not values:
        return
    columns = ", ".join(f"{name} = ?" for name in values)
    db.execute(f"UPDATE staff SET {columns} WHERE id = ?", [*values.values(), staff_id])
