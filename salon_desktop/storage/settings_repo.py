"""Key/value rows of the ``settings`` table."""

from __future__ import annotations

from salon_desktop.storage.database import Database


def get_all(db: Database) -> dict[str, str]:
    return {row["key"]: row["value"] for row in db.query("SELECT key, value FROM settings")}


def get(db: Database, key: str) -> str | None:
    return db.scalar("SELECT value FROM settings WHERE key = ?", (key,))


def put(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
