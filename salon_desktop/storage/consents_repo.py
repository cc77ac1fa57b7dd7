"""Rows of the consent ledger, the consent wordings and the marketing lists (SQL only; the
consent and marketing services check permissions and rules).

There is deliberately no function that updates or deletes a ledger event or a wording: the
tables' triggers would refuse it anyway (migration 4). The single exception is
``erase_client``, the client's erasure (GDPR Art. 17), for the erasure service to call.

A purpose's current state is its latest event by id (recording order).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from salon_desktop.storage.database import Database, Row

_EVENT_COLUMNS = ("e.id, e.client_id, e.purpose, e.action, e.legal_basis, e.method, "
                  "e.recorded_at, e.recorded_by, e.wording_language, e.wording_version, "
                  "s.display_name AS recorded_by_name, w.text AS wording_text")
_EVENT_FROM = ("consent_events e LEFT JOIN staff s ON s.id = e.recorded_by "
               "LEFT JOIN consent_wordings w ON w.purpose = e.purpose "
               "AND w.legal_basis = e.legal_basis AND w.language = e.wording_language "
               "AND w.version = e.wording_version")
_IS_LATEST = ("e.id = (SELECT max(x.id) FROM consent_events x "
              "WHERE x.client_id = e.client_id AND x.purpose = e.purpose)")


# -- the ledger ------------------------------------------------------------------------------
def insert_event(db: Database, *, client_id: int, purpose: str, action: str, legal_basis: str,
                 method: str, wording_language: str | None, wording_version: int | None,
                 staff_id: int | None, now: datetime) -> int:
    cur = db.execute(
        "INSERT INTO consent_events (client_id, purpose, action, legal_basis, method, "
        "wording_language, wording_version, recorded_at, recorded_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (client_id, purpose, action, legal_basis, method, wording_language, wording_version,
         now.isoformat(), staff_id))
    return int(cur.lastrowid)


def event(db: Database, event_id: int) -> Row | None:
    return db.query_one(f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE e.id = ?",
                        (event_id,))


def history(db: Database, client_id: int) -> list[Row]:
    """Every event of a client, newest first."""
    return db.query(f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE e.client_id = ? "
                    "ORDER BY e.id DESC", (client_id,))


def latest_events(db: Database, client_id: int) -> list[Row]:
    """The latest event of each purpose the client has any event for."""
    return db.query(f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE e.client_id = ? "
                    f"AND {_IS_LATEST}", (client_id,))


def latest_event(db: Database, client_id: int, purpose: str) -> Row | None:
    return db.query_one(f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE e.client_id = ? "
                        "AND e.purpose = ? ORDER BY e.id DESC LIMIT 1", (client_id, purpose))


def ever_withdrawn(db: Database, client_id: int, purpose: str) -> bool:
    return db.scalar("SELECT 1 FROM consent_events WHERE client_id = ? AND purpose = ? "
                     "AND action = 'withdrawn' LIMIT 1", (client_id, purpose)) is not None


def health_consent_stands(db: Database, client_id: int) -> bool:
    """For other services (no permission check): may this client's health data be kept?"""
    return db.scalar("SELECT action = 'given' FROM consent_events WHERE client_id = ? "
                     "AND purpose = 'health' ORDER BY id DESC LIMIT 1", (client_id,)) == 1


def erase_client(db: Database, client_id: int) -> int:
    """Delete every ledger event of a client being erased (Art. 17); returns how many.

    The only way past the append-only trigger: the client is marked in ``consent_erasure``
    for the length of this transaction, and the mark is gone when it commits.
    """
    with db.transaction():
        db.execute("INSERT OR IGNORE INTO consent_erasure (client_id) VALUES (?)", (client_id,))
        deleted = db.execute("DELETE FROM consent_events WHERE client_id = ?",
                             (client_id,)).rowcount
        db.execute("DELETE FROM consent_erasure WHERE client_id = ?", (client_id,))
    return int(deleted)


# -- wordings --------------------------------------------------------------------------------
_WORDING_COLUMNS = ("w.purpose, w.legal_basis, w.language, w.version, w.text, w.created_at, "
                    "s.display_name AS created_by_name")
_WORDING_FROM = "consent_wordings w LEFT JOIN staff s ON s.id = w.created_by"


def wordings(db: Database, purpose: str, legal_basis: str) -> list[Row]:
    """Every version in every language, by language, newest version first."""
    return db.query(f"SELECT {_WORDING_COLUMNS} FROM {_WORDING_FROM} WHERE w.purpose = ? AND "
                    "w.legal_basis = ? ORDER BY w.language, w.version DESC",
                    (purpose, legal_basis))


def wording(db: Database, purpose: str, legal_basis: str, language: str,
            version: int | None = None) -> Row | None:
    """One version, or (``version=None``) the current one."""
    if version is None:
        return db.query_one(f"SELECT {_WORDING_COLUMNS} FROM {_WORDING_FROM} WHERE "
                            "w.purpose = ? AND w.legal_basis = ? AND w.language = ? "
                            "ORDER BY w.version DESC LIMIT 1", (purpose, legal_basis, language))
    return db.query_one(f"SELECT {_WORDING_COLUMNS} FROM {_WORDING_FROM} WHERE w.purpose = ? "
                        "AND w.legal_basis = ? AND w.language = ? AND w.version = ?",
                        (purpose, legal_basis, language, version))


def insert_wording(db: Database, *, purpose: str, legal_basis: str, language: str, text: str,
                   staff_id: int | None, now: datetime) -> int:
    """Append the next version; returns its number."""
    with db.transaction():
        version = int(db.scalar("SELECT coalesce(max(version), 0) + 1 FROM consent_wordings "
                                "WHERE purpose = ? AND legal_basis = ? AND language = ?",
                                (purpose, legal_basis, language)))
        db.execute("INSERT INTO consent_wordings (purpose, legal_basis, language, version, "
                   "text, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (purpose, legal_basis, language, version, text, now.isoformat(), staff_id))
    return version


# -- the client: flags, health data, customer status -----------------------------------------
def client_flags(db: Database, client_id: int) -> tuple[bool, bool]:
    """(restricted, objecting)."""
    row = db.query_one("SELECT restricted, objecting FROM clients WHERE id = ?", (client_id,))
    return (bool(row and row["restricted"]), bool(row and row["objecting"]))


def set_client_flag(db: Database, client_id: int, flag: str, value: bool) -> None:
    if flag not in ("restricted", "objecting"):
        raise ValueError(flag)
    db.execute(f"UPDATE clients SET {flag} = ? WHERE id = ?", (int(value), client_id))


def is_customer(db: Database, client_id: int) -> bool:
    """Has the client bought or booked a service (a visit, or a booking not cancelled)?"""
    return db.scalar(
        "SELECT EXISTS (SELECT 1 FROM visits WHERE client_id = :id) OR EXISTS (SELECT 1 FROM "
        "appointments WHERE client_id = :id AND status <> 'cancelled')", {"id": client_id}) == 1


def has_health_data(db: Database, client_id: int) -> bool:
    return db.scalar(
        "SELECT EXISTS (SELECT 1 FROM client_health WHERE client_id = :id AND "
        "(coalesce(allergies, '') <> '' OR coalesce(contraindications, '') <> '')) OR "
        "EXISTS (SELECT 1 FROM patch_tests WHERE client_id = :id)", {"id": client_id}) == 1


def erase_health_data(db: Database, client_id: int) -> None:
    """Remove the health section (migration 3's tables) after the Art. 9 consent is gone;
    ``secure_delete`` overwrites the freed space."""
    db.execute("DELETE FROM client_health WHERE client_id = ?", (client_id,))
    db.execute("DELETE FROM patch_tests WHERE client_id = ?", (client_id,))


# -- marketing lists -------------------------------------------------------------------------
_CONTACT = {
    "email": "coalesce(c.email, '') <> ''",
    "sms": "coalesce(c.phone, '') <> ''",
    "birthday": "(coalesce(c.email, '') <> '' OR coalesce(c.phone, '') <> '')",
}


def recipients(db: Database, purpose: str, month_days: Iterable[str] = ()) -> list[Row]:
    """Clients whose latest event for ``purpose`` is a given consent (or exception), who are
    neither restricted nor objecting and have the contact the purpose needs — in one query,
    at the moment of the call. For ``birthday``, only birthdays on ``month_days`` ("MM-DD")."""
    where = [f"e.purpose = :purpose AND e.action = 'given' AND {_IS_LATEST}",
             "c.restricted = 0 AND c.objecting = 0", _CONTACT[purpose]]
    params: dict[str, object] = {"purpose": purpose}
    if purpose == "birthday":
        days = sorted(set(month_days))
        names = [f":d{i}" for i in range(len(days))]
        params.update({f"d{i}": day for i, day in enumerate(days)})
        where.append(f"substr(c.birth_date, 6, 5) IN ({', '.join(names) or 'NULL'})")
    return db.query(
        "SELECT c.id, c.first_name, c.last_name, c.language, c.email, c.phone, c.birth_date "
        "FROM consent_events e JOIN clients c ON c.id = e.client_id "
        f"WHERE {' AND '.join(where)} ORDER BY c.sort_name, c.id", params)
