"""Rows of the ``drafts`` table (SQL only; ``services/drafts.py`` decides who sees which).

Every read takes the staff member's id: there is deliberately no query that lists another
person's drafts, so a caller cannot hand one to the wrong person by forgetting a filter.
"""

from __future__ import annotations

from datetime import datetime

from salon_desktop.storage.database import Database, Row

_COLUMNS = "id, staff_id, kind, key, payload_json, saved_at"


def _stamp(moment: datetime) -> str:
    """One fixed format, so the text comparison of ``saved_at`` orders like the times."""
    return moment.isoformat(timespec="microseconds")


def upsert(db: Database, *, staff_id: int, kind: str, key: str, payload_json: str,
           now: datetime) -> int:
    """Keep the newest text per (staff member, kind, key); returns the draft's id."""
    db.execute(
        "INSERT INTO drafts (staff_id, kind, key, payload_json, saved_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (staff_id, kind, key) DO UPDATE SET "
        "payload_json = excluded.payload_json, saved_at = excluded.saved_at",
        (staff_id, kind, key, payload_json, _stamp(now)))
    return int(db.scalar("SELECT id FROM drafts WHERE staff_id = ? AND kind = ? AND key = ?",
                         (staff_id, kind, key)))


def of_staff(db: Database, staff_id: int, *, newer_than: datetime) -> list[Row]:
    """The staff member's drafts saved after ``newer_than``, newest first."""
    return db.query(f"SELECT {_COLUMNS} FROM drafts WHERE staff_id = ? AND saved_at > ? "
                    "ORDER BY saved_at DESC, id DESC", (staff_id, _stamp(newer_than)))


def one_of_staff(db: Database, draft_id: int, staff_id: int) -> Row | None:
    return db.query_one(f"SELECT {_COLUMNS} FROM drafts WHERE id = ? AND staff_id = ?",
                        (draft_id, staff_id))


def older_than(db: Database, moment: datetime) -> list[Row]:
    """Drafts of every staff member saved at or before ``moment`` (to be discarded)."""
    return db.query(f"SELECT {_COLUMNS} FROM drafts WHERE saved_at <= ? ORDER BY id",
                    (_stamp(moment),))


def delete(db: Database, draft_id: int) -> None:
    db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def delete_for_key(db: Database, kind: str, key: str) -> int:
    """Every staff member's drafts about one record (for the erasure of a client)."""
    return db.execute("DELETE FROM drafts WHERE kind = ? AND key = ?", (kind, key)).rowcount
