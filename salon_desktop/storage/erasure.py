"""Erasing a client's rows (GDPR Art. 17, minimal form) and the erasure journal.

``erase_client_data`` deletes the client row and every row that depends on it, found from
the schema's foreign keys rather than a hand-kept list, so a table added later by another
capability is covered without touching this module. Rows that reference the client directly
are the client's data and are deleted; deeper rows (e.g. a visit's service lines) are deleted
when their reference is NOT NULL and unlinked (set to NULL) when it is optional, so another
client's row is never deleted because it pointed at one of this client's rows.

The erasure capability (a later issue) extends this: anonymised accounting records, the
search index's freed pages, the request log. The journal (migration 5) is what makes a
restored backup honour erasures made after it was taken (``backup/restore.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salon_desktop.storage import erasure_prepare
from salon_desktop.storage.clients_repo import purge_search_index
from salon_desktop.storage.database import Database

_MAX_DEPTH = 8  # the schema's reference chains are 2-3 deep; this only stops a cycle


@dataclass(frozen=True)
class Reference:
    child: str
    child_columns: tuple[str, ...]
    parent_columns: tuple[str, ...]
    nullable: bool


@dataclass(frozen=True)
class JournalEntry:
    client_id: int
    client_created_at: str | None
    erased_at: str
    by_staff: int | None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _references(db: Database) -> dict[str, list[Reference]]:
    """parent table → the foreign keys pointing at it."""
    tables = [r[0] for r in db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    found: dict[str, list[Reference]] = {}
    for table in tables:
        notnull = {r["name"]: bool(r["notnull"])
                   for r in db.query(f"PRAGMA table_info({_quote(table)})")}
        keys: dict[int, list[tuple[str, str, str | None]]] = {}
        for row in db.query(f"PRAGMA foreign_key_list({_quote(table)})"):
            keys.setdefault(row["id"], []).append((row["table"], row["from"], row["to"]))
        for parts in keys.values():
            parent = parts[0][0]
            parent_cols = tuple(p[2] or _primary_key(db, parent) for p in parts)
            child_cols = tuple(p[1] for p in parts)
            nullable = not all(notnull.get(c, False) for c in child_cols)
            found.setdefault(parent, []).append(Reference(table, child_cols, parent_cols,
                                                          nullable))
    return found


def _primary_key(db: Database, table: str) -> str:
    for row in db.query(f"PRAGMA table_info({_quote(table)})"):
        if row["pk"] == 1:
            return str(row["name"])
    return "rowid"


def _cols(columns: tuple[str, ...]) -> str:
    joined = ", ".join(_quote(c) for c in columns)
    return f"({joined})" if len(columns) > 1 else joined


def _remove(db: Database, refs: dict[str, list[Reference]], table: str, where: str,
            params: tuple[object, ...], depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise RuntimeError("foreign keys form a cycle deeper than expected")
    for ref in refs.get(table, []):
        if ref.child == table:
            continue
        child_where = (f"{_cols(ref.child_columns)} IN (SELECT {_cols(ref.parent_columns)} "
                       f"FROM {_quote(table)} WHERE {where})")
        if depth > 0 and ref.nullable:
            sets = ", ".join(f"{_quote(c)} = NULL" for c in ref.child_columns)
            db.execute(f"UPDATE {_quote(ref.child)} SET {sets} WHERE {child_where}", params)
        else:
            _remove(db, refs, ref.child, child_where, params, depth + 1)
    db.execute(f"DELETE FROM {_quote(table)} WHERE {where}", params)


def erase_client_data(db: Database, client_id: int) -> bool:
    """Delete the client and the rows that depend on it; ``False`` if there was no such client.

    Joins the caller's transaction. The consent ledger refuses deletes except for a client
    marked in ``consent_erasure`` (migration 4), so the client is marked for the duration.
    """
    with db.transaction():
        if db.scalar("SELECT 1 FROM clients WHERE id = ?", (client_id,)) is None:
            return False
        marker = db.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                           "name = 'consent_erasure'") is not None
        if marker:
            db.execute("INSERT OR IGNORE INTO consent_erasure (client_id) VALUES (?)",
                       (client_id,))
        # Visits stay as anonymous accounting records; register entries and drafts are
        # detached or deleted (storage/erasure_prepare.py, the rights capability).
        erasure_prepare.prepare(db, client_id)
        _remove(db, _references(db), "clients", "id = ?", (client_id,), 0)
        if marker:
            db.execute("DELETE FROM consent_erasure WHERE client_id = ?", (client_id,))
    return True


def journal(db: Database, entry: JournalEntry) -> None:
    """Record an erasure (once per client record); joins the caller's transaction."""
    if db.scalar("SELECT 1 FROM erasure_journal WHERE client_id = ? AND "
                 "client_created_at IS ?", (entry.client_id, entry.client_created_at)):
        return
    db.execute("INSERT INTO erasure_journal (client_id, client_created_at, erased_at, "
               "by_staff) VALUES (?, ?, ?, ?)",
               (entry.client_id, entry.client_created_at, entry.erased_at, entry.by_staff))


def erase_client(db: Database, client_id: int, *, now: datetime,
                 by_staff: int | None) -> bool:
    """Erase and journal in one transaction (the minimal erasure the restore test uses)."""
    with db.transaction():
        created = db.scalar("SELECT created_at FROM clients WHERE id = ?", (client_id,))
        if not erase_client_data(db, client_id):
            return False
        journal(db, JournalEntry(client_id, created, now.isoformat(), by_staff))
    return True


def read_journal(db: Database) -> list[JournalEntry]:
    return [JournalEntry(int(r["client_id"]), r["client_created_at"], r["erased_at"],
                         r["by_staff"])
            for r in db.query("SELECT client_id, client_created_at, erased_at, by_staff "
                              "FROM erasure_journal ORDER BY id")]


def replay_journal(db: Database, entries: list[JournalEntry]) -> list[int]:
    """Erase every journalled client this (restored) database still holds and carry the
    journal over; returns the client ids erased. A row whose ``created_at`` differs is
    another client who got a freed id, and stays."""
    erased: list[int] = []
    with db.transaction():
        for entry in entries:
            created = db.scalar("SELECT created_at FROM clients WHERE id = ?",
                                (entry.client_id,))
            same = entry.client_created_at is None or created == entry.client_created_at
            if created is not None and same and erase_client_data(db, entry.client_id):
                erased.append(entry.client_id)
            journal(db, entry)
        if erased:  # FTS5 only marks deleted entries until a merge
            purge_search_index(db)
    return erased
