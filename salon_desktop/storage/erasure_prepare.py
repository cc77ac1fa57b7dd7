"""What must happen to a client's rows *before* the generic erasure deletes everything that
references the client (``storage/erasure.py``), in the same transaction:

- visits become anonymous accounting records instead of being deleted (the Accounting Act
  keeps date, services and price for seven years; ``accounting_repo``);
- the requests register keeps its entries but loses the pointer to the client (it has no
  foreign key, so the generic walk would not find it; ids are reused);
- drafts (the unsaved edits a lock put aside, migration 6) about the client are deleted —
  they have no foreign key to the client either, only the form's key ("client:<id>", the
  visit dialog's "visit:<id>") and its JSON (a booking's "client_id").

Each step checks that its table exists, because the erasure is also replayed into restored
backups, which are migrated first but may come from any version.
"""

from __future__ import annotations

from dataclasses import dataclass

from salon_desktop.storage import accounting_repo, requests_repo
from salon_desktop.storage.database import Database


@dataclass(frozen=True)
class Prepared:
    anon_ref: str | None
    visits_anonymised: int
    requests_detached: int
    drafts_deleted: int


def _table(db: Database, name: str) -> bool:
    return db.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                     (name,)) is not None


def prepare(db: Database, client_id: int, *, keep_as_statistics: bool = False) -> Prepared:
    anon_ref, visits = (accounting_repo.anonymise_client_visits(
        db, client_id, keep_as_statistics=keep_as_statistics)
        if accounting_repo.has_anonymised_visits(db) else (None, 0))
    requests = requests_repo.detach_client(db, client_id) if _table(db, "data_requests") else 0
    drafts = 0
    if _table(db, "drafts"):
        drafts = int(db.execute(
            "DELETE FROM drafts WHERE key IN (:card, :visit) OR (CASE WHEN "
            "json_valid(payload_json) THEN json_extract(payload_json, '$.client_id') END) = :id",
            {"card": f"client:{client_id}", "visit": f"visit:{client_id}",
             "id": client_id}).rowcount)
    return Prepared(anon_ref, visits, requests, drafts)
