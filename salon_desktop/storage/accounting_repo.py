"""Visits as accounting records after their client is gone (SQL only).

The Accounting Act (Raamatupidamise seadus § 12) keeps source documents for seven years
from the end of the financial year, so an erased client's visits stay — date, services,
price, stylist — with the client reference replaced by ``anon_ref``, a random id shared by
that client's visits (so the accountant still sees one customer's purchases together) and
derived from nothing: no table maps it back to the client. Notes and colour formulas are the
client's data, not accounting, and go. ``keep_until`` is the last day of the retention; the
retention review deletes rows past it. ``keep_until`` NULL means kept as anonymous statistics
(the retention review's "anonymise"), with no end.
"""

from __future__ import annotations

import secrets
from datetime import date

from salon_desktop.storage import settings_repo
from salon_desktop.storage.database import Database

DEFAULT_ACCOUNTING_YEARS = 7


def accounting_years(db: Database) -> int:
    """The setting ``retention_accounting_years``, read directly: the erasure replayed into
    a restored backup runs without a session. Never below the legal seven years."""
    raw = settings_repo.get(db, "retention_accounting_years")
    try:
        return max(DEFAULT_ACCOUNTING_YEARS, int(raw or DEFAULT_ACCOUNTING_YEARS))
    except ValueError:
        return DEFAULT_ACCOUNTING_YEARS


def has_anonymised_visits(db: Database) -> bool:
    """Whether this schema can keep visits without a client (migration 7)."""
    return any(r["name"] == "anon_ref" for r in db.query("PRAGMA table_info(visits)"))


def anonymise_client_visits(db: Database, client_id: int, *,
                            keep_as_statistics: bool = False) -> tuple[str | None, int]:
    """Detach the client's visits from the client; returns (anon_ref, how many).

    ``keep_until`` is 31 December of the visit's year plus the accounting years (the
    financial year is the calendar year), or NULL with ``keep_as_statistics``.
    """
    count = int(db.scalar("SELECT count(*) FROM visits WHERE client_id = ?", (client_id,)))
    if not count:
        return None, 0
    anon_ref = "anon-" + secrets.token_hex(8)
    years = accounting_years(db)
    keep = "NULL" if keep_as_statistics else \
        "printf('%04d-12-31', CAST(substr(started_at, 1, 4) AS INTEGER) + :years)"
    db.execute(f"UPDATE visits SET client_id = NULL, anon_ref = :ref, keep_until = {keep}, "
               "notes = NULL, colour_formula = NULL WHERE client_id = :client",
               {"ref": anon_ref, "years": years, "client": client_id})
    return anon_ref, count


def delete_expired(db: Database, today: date, anon_ref: str | None = None) -> int:
    """Delete anonymised visits whose retention ended before ``today`` (only those of
    ``anon_ref`` when given); their service lines go with them (ON DELETE CASCADE)."""
    where = "client_id IS NULL AND keep_until IS NOT NULL AND keep_until < ?"
    params: list[object] = [today.isoformat()]
    if anon_ref is not None:
        where += " AND anon_ref = ?"
        params.append(anon_ref)
    return int(db.execute(f"DELETE FROM visits WHERE {where}", params).rowcount)


def expired(db: Database, today: date) -> tuple[int, date | None]:
    """How many anonymised visits are past their retention, and the oldest visit's day."""
    row = db.query_one("SELECT count(*) AS n, min(started_at) AS oldest FROM visits WHERE "
                       "client_id IS NULL AND keep_until IS NOT NULL AND keep_until < ?",
                       (today.isoformat(),))
    assert row is not None
    oldest = date.fromisoformat(row["oldest"][:10]) if row["oldest"] else None
    return int(row["n"]), oldest
