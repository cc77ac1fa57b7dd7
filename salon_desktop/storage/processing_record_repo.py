"""Rows of the record of processing: activities' review dates and the salon's own texts,
recipients and security measures (SQL only; ``services/processing_record.py`` decides)."""

from __future__ import annotations

from datetime import date, datetime

from salon_desktop.storage.database import Database, Row


# -- activities ------------------------------------------------------------------------------
def activities(db: Database) -> dict[str, Row]:
    return {r["key"]: r for r in db.query("SELECT * FROM processing_activities")}


def texts(db: Database, language: str) -> dict[tuple[str, str], str]:
    """(activity key, field) → the salon's own text in ``language``."""
    return {(r["activity_key"], r["field"]): r["text"] for r in db.query(
        "SELECT activity_key, field, text FROM processing_texts WHERE language = ?",
        (language,))}


def customised_fields(db: Database) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for r in db.query("SELECT DISTINCT activity_key, field FROM processing_texts"):
        found.setdefault(r["activity_key"], set()).add(r["field"])
    return found


def put_text(db: Database, key: str, field: str, language: str, text: str | None,
             staff_id: int | None, now: datetime) -> None:
    """Store the salon's text, or (``None``) go back to the default."""
    if text is None:
        db.execute("DELETE FROM processing_texts WHERE activity_key = ? AND field = ? AND "
                   "language = ?", (key, field, language))
        return
    db.execute("INSERT INTO processing_texts (activity_key, field, language, text, "
               "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
               "text = excluded.text, updated_at = excluded.updated_at, "
               "updated_by = excluded.updated_by",
               (key, field, language, text, now.isoformat(), staff_id))


def mark_reviewed(db: Database, key: str, day: date, staff_id: int | None) -> None:
    db.execute("UPDATE processing_activities SET last_reviewed = ?, reviewed_by = ? "
               "WHERE key = ?", (day.isoformat(), staff_id, key))


# -- recipients ------------------------------------------------------------------------------
def recipients(db: Database) -> list[Row]:
    return db.query("SELECT * FROM processing_recipients ORDER BY position, id")


def recipient(db: Database, recipient_id: int) -> Row | None:
    return db.query_one("SELECT * FROM processing_recipients WHERE id = ?", (recipient_id,))


def add_recipient(db: Database, kind: str, name: str, note: str | None) -> int:
    position = int(db.scalar("SELECT coalesce(max(position), -1) + 1 FROM "
                             "processing_recipients"))
    return int(db.execute("INSERT INTO processing_recipients (kind, name, note, position) "
                          "VALUES (?, ?, ?, ?)", (kind, name, note, position)).lastrowid)


def update_recipient(db: Database, recipient_id: int, *, name: str, note: str | None,
                     active: bool) -> None:
    db.execute("UPDATE processing_recipients SET name = ?, note = ?, active = ? WHERE id = ?",
               (name, note, int(active), recipient_id))


# -- security measures -----------------------------------------------------------------------
_MEASURES = ("SELECT m.*, s.display_name AS checked_by_name FROM security_measures m "
             "LEFT JOIN staff s ON s.id = m.checked_by")


def measures(db: Database) -> list[Row]:
    return db.query(f"{_MEASURES} ORDER BY m.physical DESC, m.position, m.id")


def measure(db: Database, measure_id: int) -> Row | None:
    return db.query_one(f"{_MEASURES} WHERE m.id = ?", (measure_id,))


def add_measure(db: Database, text: str, holder: str, physical: bool) -> int:
    position = int(db.scalar("SELECT coalesce(max(position), -1) + 1 FROM security_measures"))
    return int(db.execute("INSERT INTO security_measures (text, holder, physical, position) "
                          "VALUES (?, ?, ?, ?)",
                          (text, holder, int(physical), position)).lastrowid)


def update_measure(db: Database, measure_id: int, *, text: str | None, holder: str,
                   active: bool) -> None:
    db.execute("UPDATE security_measures SET text = ?, holder = ?, active = ? WHERE id = ?",
               (text, holder, int(active), measure_id))


def mark_checked(db: Database, measure_id: int, day: date, staff_id: int | None) -> None:
    db.execute("UPDATE security_measures SET last_checked = ?, checked_by = ? WHERE id = ?",
               (day.isoformat(), staff_id, measure_id))
