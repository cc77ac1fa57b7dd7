"""Erasing a client (GDPR Art. 17): the manager's one irreversible action.

One transaction does it all: the consent ledger's events (``consents_repo.erase_client``,
the only way past its append-only trigger), the visits turned into anonymous accounting
records (``storage/erasure_prepare.py``; the ones already past the accounting retention are
deleted outright), the requests register detached from the client, the client row and every
row that depends on it (``storage/erasure.erase_client_data``), the journal entry that makes
a restored backup erase the client again, and the audit entry "client.erase" — with no
values, only which kinds of data went. Then the search index is merged so no token of the
name, phone or e-mail stays in it (FTS5 deletes only mark entries), and the WAL is
checkpointed and truncated, so the old page images leave the ``-wal`` file. ``secure_delete``
(on for every connection) has already zeroed the freed space. VACUUM is not run: it would
add nothing that secure_delete has not done, rewrites the whole file (seconds on a large
salon, twice the disk space) and blocks the other PC meanwhile (docs/decisions.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from salon_desktop.domain.errors import NotFound
from salon_desktop.domain.rights import RequestKind
from salon_desktop.domain.roles import Permission
from salon_desktop.services.base import Service, requires
from salon_desktop.services.client_view import local_today
from salon_desktop.services.requests_register import close_in_transaction
from salon_desktop.storage import (
    accounting_repo,
    clients_repo,
    consents_repo,
    erasure,
    erasure_prepare,
)

#: the kinds of data an erasure removes, for the audit entry (names, never values)
ERASED_CATEGORIES = ("contacts", "preferences", "notes", "health", "patch_tests",
                     "bookings", "consents", "visit_notes", "colour_formulas")


@dataclass(frozen=True)
class ErasurePreview:
    """What the confirmation dialog tells the manager before erasing."""

    client_id: int
    visits: int               # kept as anonymous accounting records (or deleted if expired)
    bookings: int
    consent_events: int
    has_health_data: bool
    open_requests: int


@dataclass(frozen=True)
class ErasureResult:
    client_id: int
    visits_kept_anonymised: int
    visits_deleted: int       # already past the accounting retention
    consent_events_deleted: int
    requests_detached: int


class ErasureService(Service):
    @requires(Permission.ERASE)
    def preview(self, client_id: int) -> ErasurePreview:
        db = self.db
        with db.lock:
            if not clients_repo.exists(db, client_id):
                raise NotFound()

            def count(sql: str) -> int:
                return int(db.scalar(sql, (client_id,)))

            return ErasurePreview(
                client_id=client_id,
                visits=count("SELECT count(*) FROM visits WHERE client_id = ?"),
                bookings=count("SELECT count(*) FROM appointments WHERE client_id = ?"),
                consent_events=count("SELECT count(*) FROM consent_events WHERE client_id = ?"),
                has_health_data=consents_repo.has_health_data(db, client_id),
                open_requests=count("SELECT count(*) FROM data_requests WHERE client_id = ? "
                                    "AND status = 'open'"))

    @requires(Permission.ERASE)
    def erase(self, client_id: int, request_id: int | None = None) -> ErasureResult:
        """Erase the client; with ``request_id`` their open erasure request is closed as
        done in the same transaction. ``NotFound`` if there is no such client."""
        with self.db.transaction():
            result = self.erase_in_transaction(client_id, request_id=request_id,
                                               detail="request" if request_id else "manual")
            clients_repo.purge_search_index(self.db)
        self.db.checkpoint()
        return result

    @requires(Permission.ERASE)
    def erase_in_transaction(self, client_id: int, *, request_id: int | None = None,
                             keep_as_statistics: bool = False,
                             detail: str = "manual") -> ErasureResult:
        """The erasure without the index merge and checkpoint, for bulk callers (the
        retention review) that do those once at the end; joins the caller's
        transaction (or holds its own)."""
        with self.db.transaction():
            db = self.db
            created = db.scalar("SELECT created_at FROM clients WHERE id = ?", (client_id,))
            if created is None:
                raise NotFound()
            if request_id is not None:  # first: a mismatch must stop the erasure
                close_in_transaction(self, request_id, client_id=client_id,
                                     kind=RequestKind.ERASURE)
            consent_events = consents_repo.erase_client(db, client_id)
            prepared = erasure_prepare.prepare(db, client_id,
                                               keep_as_statistics=keep_as_statistics)
            expired = (accounting_repo.delete_expired(db, local_today(self.ctx), prepared.anon_ref)
                       if prepared.anon_ref else 0)
            erasure.erase_client_data(db, client_id)
            session = self.ctx.session
            now = self.ctx.clock.now()
            erasure.journal(db, erasure.JournalEntry(client_id, created, now.isoformat(),
                                                     session.staff_id if session else None))
            self.audit("client.erase", record_type="client", record_id=client_id,
                       fields=ERASED_CATEGORIES,
                       detail=f"{detail}; visits_anonymised={prepared.visits_anonymised - expired}"
                              f"; visits_deleted={expired}")
            return ErasureResult(client_id, prepared.visits_anonymised - expired, expired,
                                 consent_events, prepared.requests_detached)
