"""Retention (GDPR Art. 5(1)(e)): what is due to go, and erasing or anonymising it in bulk.

Two periods live in the settings: clients with no visit or booking for
``retention_inactive_years`` (default 3) are due; anonymised accounting records (an erased
client's visits) are due ``retention_accounting_years`` (default and minimum 7, Accounting Act
§ 12) after the end of the visit's year. The review only lists; acting on it is the
manager's (ERASE), needs ``confirmed=True`` (the GUI's confirmation dialog, the CLI's
``--yes``) and is audited — one "retention.*" entry with the count, plus each client's own
"client.erase".

Erase or anonymise: both remove the person completely, through the same erasure as Art. 17
(journalled, so a restored backup does not bring them back). *Erase* keeps only what the
law requires — the visits as anonymous accounting records until their period ends.
*Anonymise* keeps all of the client's visits without any person behind them, as the salon's
statistics, with no end date. Restricted clients and clients with an open request are never
listed: a restriction may keep data for a legal claim (Art. 18(1)(c)), and a request in
progress must be answered first. Each listed client is checked again when acted on, so a
client who booked meanwhile is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from salon_desktop.domain.rights import ConfirmationRequired, add_months
from salon_desktop.domain.roles import Permission
from salon_desktop.services.base import Service, requires
from salon_desktop.services.client_view import local_today, setting
from salon_desktop.services.erasure import ErasureService
from salon_desktop.storage import accounting_repo, clients_repo, data_copy_repo


@dataclass(frozen=True)
class RetentionCandidate:
    client_id: int
    first_name: str
    last_name: str
    created_on: date
    last_seen: date | None    # last visit or booking; None: never came


@dataclass(frozen=True)
class RetentionReview:
    today: date
    inactive_years: int
    inactive_before: date     # no visit or booking on or after this day
    clients: tuple[RetentionCandidate, ...]
    accounting_years: int
    expired_records: int      # anonymised visits past their retention
    oldest_expired: date | None


class RetentionService(Service):
    @requires(Permission.ERASE)
    def review(self) -> RetentionReview:
        """What is due today; audited with the counts."""
        today = local_today(self.ctx)
        years = int(setting(self.ctx, "retention_inactive_years"))
        before = add_months(today, -12 * years)
        with self.db.transaction():
            clients = tuple(
                RetentionCandidate(int(r["id"]), r["first_name"], r["last_name"],
                                   date.fromisoformat(r["created_on"]),
                                   date.fromisoformat(r["last_seen"]) if r["last_seen"]
                                   else None)
                for r in data_copy_repo.inactive_clients(self.db, before))
            expired, oldest = accounting_repo.expired(self.db, today)
            self.audit("retention.review",
                       detail=f"clients_due={len(clients)}; records_due={expired}")
        return RetentionReview(today, years, before, clients,
                               int(setting(self.ctx, "retention_accounting_years")), expired,
                               oldest)

    @requires(Permission.ERASE)
    def erase_clients(self, client_ids: Iterable[int], *, confirmed: bool = False) -> int:
        """Erase the listed clients that are still due; returns how many were erased."""
        return self._act(client_ids, confirmed, keep_as_statistics=False)

    @requires(Permission.ERASE)
    def anonymise_clients(self, client_ids: Iterable[int], *, confirmed: bool = False) -> int:
        """As ``erase_clients``, keeping every visit as anonymous statistics."""
        return self._act(client_ids, confirmed, keep_as_statistics=True)

    @requires(Permission.ERASE)
    def delete_expired_records(self, *, confirmed: bool = False) -> int:
        """Delete the anonymised accounting records past their retention."""
        if not confirmed:
            raise ConfirmationRequired()
        with self.db.transaction():
            deleted = accounting_repo.delete_expired(self.db, local_today(self.ctx))
            self.audit("retention.delete_records", detail=f"count={deleted}")
        self.db.checkpoint()
        return deleted

    def _act(self, client_ids: Iterable[int], confirmed: bool, *,
             keep_as_statistics: bool) -> int:
        if not confirmed:
            raise ConfirmationRequired()
        wanted = list(dict.fromkeys(int(i) for i in client_ids))
        eraser = ErasureService(self.ctx)
        action = "anonymise" if keep_as_statistics else "erase"
        with self.db.transaction():
            today = local_today(self.ctx)
            before = add_months(today, -12 * int(setting(self.ctx, "retention_inactive_years")))
            due = {int(r["id"]) for r in data_copy_repo.inactive_clients(self.db, before)}
            done = 0
            for client_id in wanted:
                if client_id in due:
                    eraser.erase_in_transaction(client_id, keep_as_statistics=keep_as_statistics,
                                                detail=f"retention_{action}")
                    done += 1
            if done:
                clients_repo.purge_search_index(self.db)
            self.audit(f"retention.{action}",
                       detail=f"count={done}; skipped={len(wanted) - done}")
        self.db.checkpoint()
        return done
