"""Rows of the ``clients`` table and its search index (SQL only; the clients service decides
who sees what and checks what is written).

The FTS index follows the table through triggers (migration 3). ``phone_search`` and
``sort_name`` are derived here on every write, so no caller can forget them.

Search pages are in ``sort_name`` order within a tier (see ``domain/client_search.py``). Two
plans give that order: a few thousand matches are sorted by a small (id, sort_name) index
without reading their rows; more are found by walking the sort index and keeping the
matches, which stops after one page. The count, which FTS5 gives
in well under a millisecond, picks the plan, so neither a rare name nor a one-letter prefix
costs more than a few milliseconds at 100,000 clients.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from salon_desktop.domain.client_search import sort_name
from salon_desktop.domain.validation import phone_search_text
from salon_desktop.storage.bulk import bulk_load
from salon_desktop.storage.database import Database, Row

CLIENT_COLUMNS = ("first_name", "last_name", "phone", "email", "birth_date", "address",
                  "language", "preferences", "notes", "favourite_stylist_id")
LIST_COLUMNS = "c.id, c.first_name, c.last_name, c.language, c.phone, c.email"
_ORDER_BY_NAME = "c.sort_name, c.id"
# A stylist restricted to their own clients: served by them or booked with them.
_OWN_CLIENT = ("(EXISTS (SELECT 1 FROM visits v WHERE v.stylist_id = :own AND "
               "v.client_id = c.id) OR EXISTS (SELECT 1 FROM appointments a WHERE "
               "a.stylist_id = :own AND a.client_id = c.id))")
_BULK_THRESHOLD = 5000  # above this many rows, index once at the end instead of per row
SORT_PLAN_LIMIT = 4000  # up to this many matches, sort them; above, walk the sort index


def _derived(values: Mapping[str, object]) -> dict[str, object]:
    """The search columns of a full row."""
    return {"phone_search": phone_search_text(values.get("phone")),  # type: ignore[arg-type]
            "sort_name": sort_name(str(values.get("first_name") or ""),
                                   str(values.get("last_name") or ""))}


def insert(db: Database, values: Mapping[str, object], now: datetime) -> int:
    row: dict[str, object] = {c: values.get(c) for c in CLIENT_COLUMNS}
    if row.get("language") is None:
        row["language"] = "et"
    row.update(_derived(row))
    stamp = now.isoformat()
    columns = [*row, "created_at", "updated_at"]
    cur = db.execute(f"INSERT INTO clients ({', '.join(columns)}) "
                     f"VALUES ({', '.join('?' * len(columns))})", [*row.values(), stamp, stamp])
    return int(cur.lastrowid)


def insert_many(db: Database, rows: Iterable[Mapping[str, object]], now: datetime) -> int:
    """Many clients in the caller's transaction. Large batches skip the per-row index
    triggers and rebuild the index once at the end (the demo's 100,000 clients)."""
    stamp = now.isoformat()
    columns = [*CLIENT_COLUMNS, "phone_search", "sort_name", "created_at", "updated_at"]
    data = []
    for r in rows:
        values = [r.get(c) for c in CLIENT_COLUMNS]
        values[CLIENT_COLUMNS.index("language")] = r.get("language") or "et"
        data.append([*values, *_derived(r).values(), stamp, stamp])
    sql = (f"INSERT INTO clients ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    if len(data) < _BULK_THRESHOLD:
        db.executemany(sql, data)
        return len(data)
    with db.transaction():
        with bulk_load(db, "clients"):
            db.executemany(sql, data)
        db.execute("INSERT INTO clients_fts (clients_fts) VALUES ('rebuild')")
    return len(data)


def update(db: Database, client_id: int, values: Mapping[str, object], now: datetime) -> None:
    row = dict(values)
    if {"phone", "first_name", "last_name"} & row.keys():
        current = db.query_one("SELECT first_name, last_name, phone FROM clients WHERE id = ?",
                               (client_id,))
        merged = {**dict(current or {}), **row}
        derived = _derived(merged)
        if "phone" in row:
            row["phone_search"] = derived["phone_search"]
        row["sort_name"] = derived["sort_name"]
    row["updated_at"] = now.isoformat()
    assignments = ", ".join(f"{name} = ?" for name in row)
    db.execute(f"UPDATE clients SET {assignments} WHERE id = ?", [*row.values(), client_id])


def set_health_consent(db: Database, client_id: int, given: bool, staff_id: int,
                       now: datetime) -> None:
    db.execute("UPDATE clients SET health_consent = ?, health_consent_at = ?, "
               "health_consent_by = ?, updated_at = ? WHERE id = ?",
               (int(given), now.isoformat(), staff_id, now.isoformat(), client_id))


def get(db: Database, client_id: int) -> Row | None:
    return db.query_one(
        "SELECT c.*, fav.display_name AS favourite_stylist, "
        "cons.display_name AS health_consent_by_name FROM clients c "
        "LEFT JOIN staff fav ON fav.id = c.favourite_stylist_id "
        "LEFT JOIN staff cons ON cons.id = c.health_consent_by WHERE c.id = ?", (client_id,))


def exists(db: Database, client_id: int) -> bool:
    return db.scalar("SELECT 1 FROM clients WHERE id = ?", (client_id,)) is not None


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM clients"))


def search_all(db: Database, *, limit: int, offset: int,
               own_stylist: int | None = None) -> list[Row]:
    """Everyone, alphabetically."""
    where = f"WHERE {_OWN_CLIENT}" if own_stylist is not None else ""
    return db.query(f"SELECT {LIST_COLUMNS} FROM clients c INDEXED BY clients_by_sort_name "
                    f"{where} ORDER BY {_ORDER_BY_NAME} LIMIT :limit OFFSET :offset",
                    {"limit": limit, "offset": offset, "own": own_stylist})


def search_matches(db: Database, match: str, matches: int, *, limit: int, offset: int,
                   own_stylist: int | None = None) -> list[Row]:
    """One page of the clients matching an FTS5 expression, alphabetically; ``matches`` is
    its count (``count_matches``), which picks the plan."""
    own = f" AND {_OWN_CLIENT}" if own_stylist is not None else ""
    if matches <= SORT_PLAN_LIMIT:
        page = ("SELECT c.id FROM clients_fts f JOIN clients c INDEXED BY clients_by_id_sort "
                f"ON c.id = f.rowid WHERE clients_fts MATCH :match{own}")
    else:
        page = ("SELECT c.id FROM clients c INDEXED BY clients_by_sort_name WHERE c.id IN "
                f"(SELECT rowid FROM clients_fts WHERE clients_fts MATCH :match){own}")
    page += f" ORDER BY {_ORDER_BY_NAME} LIMIT :limit OFFSET :offset"
    return db.query(f"SELECT {LIST_COLUMNS} FROM clients c WHERE c.id IN ({page}) "
                    f"ORDER BY {_ORDER_BY_NAME}",
                    {"match": match, "limit": limit, "offset": offset, "own": own_stylist})


def count_all(db: Database, own_stylist: int | None = None) -> int:
    where = f"WHERE {_OWN_CLIENT}" if own_stylist is not None else ""
    return int(db.scalar(f"SELECT count(*) FROM clients c {where}", {"own": own_stylist}))


def count_matches(db: Database, match: str, own_stylist: int | None = None) -> int:
    if own_stylist is None:
        return int(db.scalar("SELECT count(*) FROM clients_fts WHERE clients_fts MATCH ?",
                             (match,)))
    return int(db.scalar(f"SELECT count(*) FROM clients c WHERE c.id IN (SELECT rowid FROM "
                         f"clients_fts WHERE clients_fts MATCH :match) AND {_OWN_CLIENT}",
                         {"match": match, "own": own_stylist}))


def is_own_client(db: Database, client_id: int, stylist_id: int) -> bool:
    return db.scalar(f"SELECT 1 FROM clients c WHERE c.id = :id AND {_OWN_CLIENT}",
                     {"id": client_id, "own": stylist_id}) is not None


def list_items(db: Database, ids: Iterable[int]) -> list[Row]:
    wanted = list(ids)
    if not wanted:
        return []
    return db.query(f"SELECT {LIST_COLUMNS} FROM clients c WHERE c.id IN "
                    f"({', '.join('?' * len(wanted))}) ORDER BY {_ORDER_BY_NAME}", wanted)


def ids_with_contact(db: Database, phone: str | None, email: str | None,
                     exclude_id: int | None = None) -> list[int]:
    """Clients with this (normalised) phone or e-mail."""
    if not phone and not email:
        return []
    rows = db.query("SELECT id FROM clients WHERE (phone = ? OR email = ? COLLATE NOCASE) "
                    "AND id IS NOT ?", (phone or None, email or None, exclude_id))
    return [int(r["id"]) for r in rows]


def names_born_on(db: Database, birth_date: str) -> list[Row]:
    return db.query("SELECT id, first_name, last_name FROM clients WHERE birth_date = ?",
                    (birth_date,))


def all_contacts(db: Database) -> tuple[set[str], set[str]]:
    """Every stored phone and (case-folded) e-mail, for checking an import file."""
    phones, emails = set(), set()
    for row in db.query("SELECT phone, email FROM clients"):
        if row["phone"]:
            phones.add(row["phone"])
        if row["email"]:
            emails.add(str(row["email"]).casefold())
    return phones, emails


def ids(db: Database) -> list[int]:
    return [int(r[0]) for r in db.query("SELECT id FROM clients ORDER BY id")]


def purge_search_index(db: Database) -> None:
    """Merge the search index into one segment, dropping the entries of deleted or edited
    rows. A delete only *marks* old entries in FTS5; until a merge their words stay in the
    index's pages. Erasure (GDPR Art. 17) calls this after deleting a client; with
    ``secure_delete`` the pages freed by the merge are zeroed."""
    db.execute("INSERT INTO clients_fts (clients_fts) VALUES ('optimize')")
