"""The register of data protection requests (GDPR Art. 12, accountability Art. 5(2)).

Anyone who may print a client's data report (reception and the manager) may log a request
received at the desk; reading the register, extending a deadline, assigning and closing are
the manager's (ERASE, the data-protection permission). Deadlines follow the salon's local
calendar (``domain/rights.py``): one month from receipt, extended once by two months with a
recorded reason — and only within the first month, because the client must be told the
reason by then (Art. 12(3)).

Audit entries about a client's request are written against the client (record_type
"client"), so the client's own report lists them in its processing history; they carry the
request's id and kind, never the note.
"""

from __future__ import annotations

from datetime import date

from salon_desktop.domain.errors import NotFound, ValidationError
from salon_desktop.domain.rights import (
    DUE_SOON_DAYS,
    NOTE_MAX,
    AlreadyExtended,
    DataRequest,
    ExtensionTooLate,
    RequestClosed,
    RequestKind,
    RequestMismatch,
    RequestOverview,
    RequestStatus,
    extended_due,
    first_due,
)
from salon_desktop.domain.roles import Permission, Role
from salon_desktop.domain.validation import clean_text
from salon_desktop.i18n import N_
from salon_desktop.services.base import Service, requires
from salon_desktop.services.client_view import local_today, require_visible_client
from salon_desktop.services.consents import choice
from salon_desktop.storage import requests_repo, staff_repo
from salon_desktop.storage.database import Row

P = Permission


def request_from_row(row: Row) -> DataRequest:
    name = f"{row['first_name']} {row['last_name']}" if row["first_name"] is not None else None
    return DataRequest(
        id=int(row["id"]), kind=RequestKind(row["kind"]), client_id=row["client_id"],
        client_name=name, client_erased=bool(row["client_erased"]),
        received_on=date.fromisoformat(row["received_on"]),
        due_on=date.fromisoformat(row["due_on"]), extended=bool(row["extended"]),
        extension_reason=row["extension_reason"], status=RequestStatus(row["status"]),
        handled_by_id=row["handled_by"], handled_by=row["handled_by_name"], note=row["note"],
        closed_on=date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
        outcome=row["outcome"])


def close_in_transaction(service: Service, request_id: int, *, client_id: int,
                         kind: RequestKind, outcome: str | None = None) -> None:
    """Close the client's open request of ``kind`` as done, inside the caller's transaction —
    for the report, export and erasure services, which carry a request out. Their own
    permission is the authority here: printing the report *is* answering the access
    request."""
    row = requests_repo.get(service.db, request_id)
    if row is None:
        raise NotFound()
    if row["client_id"] != client_id or row["kind"] != kind.value:
        raise RequestMismatch()
    if row["status"] != RequestStatus.OPEN.value:
        raise RequestClosed()
    session = service.ctx.session
    requests_repo.close(service.db, request_id, status=RequestStatus.DONE.value,
                        closed_on=local_today(service.ctx), outcome=outcome,
                        staff_id=session.staff_id if session else None)
    service.audit("request.close", record_type="client", record_id=client_id,
                  detail=f"request={request_id}; kind={kind.value}; status=done")


class RequestsRegisterService(Service):
    @requires(P.REPORT_PRINT)
    def receive(self, kind: RequestKind | str, client_id: int | None, *,
                received_on: date | None = None, note: str | None = None) -> DataRequest:
        """Log a request the day it arrived (default today; an earlier day for a letter that
        waited). ``client_id`` may be ``None`` for someone who is not a client."""
        chosen = choice(RequestKind, kind, "kind")
        today = local_today(self.ctx)
        received = received_on or today
        if received > today:
            raise ValidationError("received_on", N_("The day a request was received cannot "
                                                    "be in the future."))
        cleaned = clean_text("note", note, NOTE_MAX)
        session = self.ctx.session
        assert session is not None
        with self.db.transaction():
            if client_id is not None:
                require_visible_client(self.ctx, session, client_id)
            request_id = requests_repo.insert(
                self.db, kind=chosen.value, client_id=client_id, received_on=received,
                due_on=first_due(received), note=cleaned, staff_id=session.staff_id,
                now=self.ctx.clock.now())
            self._audit("request.receive", request_id, client_id,
                        f"kind={chosen.value}; received={received.isoformat()}")
            return self._get(request_id)

    @requires(P.ERASE)
    def get(self, request_id: int) -> DataRequest:
        return self._get(request_id)

    @requires(P.ERASE)
    def entries(self, status: RequestStatus | str | None = None,
                client_id: int | None = None) -> tuple[DataRequest, ...]:
        """Open requests by deadline, then closed ones newest first."""
        wanted = choice(RequestStatus, status, "status").value if status is not None else None
        return tuple(request_from_row(r) for r in requests_repo.select(
            self.db, status=wanted, client_id=client_id))

    @requires(P.ERASE)
    def overview(self, within_days: int = DUE_SOON_DAYS) -> RequestOverview:
        """For the manager at sign-in: open requests overdue or due within ``within_days``."""
        today = local_today(self.ctx)
        soon = date.fromordinal(today.toordinal() + max(0, int(within_days)))
        rows = [request_from_row(r) for r in requests_repo.select(
            self.db, status=RequestStatus.OPEN.value, due_by=soon)]
        return RequestOverview(today, requests_repo.count_open(self.db),
                               tuple(r for r in rows if r.overdue(today)),
                               tuple(r for r in rows if not r.overdue(today)))

    @requires(P.ERASE)
    def extend(self, request_id: int, reason: str) -> DataRequest:
        """Extend the deadline by two months (to three months from receipt), once, within
        the first month, with the reason the client is to be told."""
        cleaned = clean_text("reason", reason, NOTE_MAX)
        if not cleaned:
            raise ValidationError("reason", N_("Please write why more time is needed; the "
                                               "client must be told the reason."))
        with self.db.transaction():
            current = self._open(request_id)
            if current.extended:
                raise AlreadyExtended()
            if local_today(self.ctx) > current.first_due_on:
                raise ExtensionTooLate()
            requests_repo.extend(self.db, request_id, extended_due(current.received_on),
                                 cleaned)
            self._take(current)
            self._audit("request.extend", request_id, current.client_id,
                        f"kind={current.kind.value}; "
                        f"due={extended_due(current.received_on).isoformat()}")
            return self._get(request_id)

    @requires(P.ERASE)
    def assign(self, request_id: int, staff_id: int) -> DataRequest:
        """Name the manager who handles the request."""
        with self.db.transaction():
            current = self._open(request_id)
            staff = staff_repo.by_id(self.db, staff_id)
            if staff is None or not staff["active"] or staff["role"] != Role.ADMIN.value:
                raise ValidationError("handled_by", N_("Please choose a manager from the "
                                                       "list."))
            requests_repo.assign(self.db, request_id, staff_id)
            self._audit("request.assign", request_id, current.client_id,
                        f"kind={current.kind.value}; staff={staff_id}")
            return self._get(request_id)

    @requires(P.ERASE)
    def close(self, request_id: int, status: RequestStatus | str = RequestStatus.DONE,
              outcome: str | None = None) -> DataRequest:
        """Done, or refused (then ``outcome`` must say why: the client is told the reason
        and the right to complain, Art. 12(4))."""
        chosen = choice(RequestStatus, status, "status")
        if chosen is RequestStatus.OPEN:
            raise ValidationError("status", N_("Please choose one of the listed options."))
        cleaned = clean_text("outcome", outcome, NOTE_MAX)
        if chosen is RequestStatus.REFUSED and not cleaned:
            raise ValidationError("outcome", N_("Please write why the request is refused; "
                                                "the client must be told the reason."))
        with self.db.transaction():
            current = self._open(request_id)
            session = self.ctx.session
            assert session is not None
            requests_repo.close(self.db, request_id, status=chosen.value,
                                closed_on=local_today(self.ctx), outcome=cleaned,
                                staff_id=session.staff_id)
            self._audit("request.close", request_id, current.client_id,
                        f"kind={current.kind.value}; status={chosen.value}")
            return self._get(request_id)

    # -- helpers ---------------------------------------------------------------------------
    def _get(self, request_id: int) -> DataRequest:
        row = requests_repo.get(self.db, request_id)
        if row is None:
            raise NotFound()
        return request_from_row(row)

    def _open(self, request_id: int) -> DataRequest:
        current = self._get(request_id)
        if current.status is not RequestStatus.OPEN:
            raise RequestClosed()
        return current

    def _take(self, current: DataRequest) -> None:
        """Whoever extends an unassigned request handles it from then on."""
        session = self.ctx.session
        if current.handled_by_id is None and session is not None:
            requests_repo.assign(self.db, current.id, session.staff_id)

    def _audit(self, action: str, request_id: int, client_id: int | None, detail: str) -> None:
        if client_id is not None:
            self.audit(action, record_type="client", record_id=client_id,
                       detail=f"request={request_id}; {detail}")
        else:
            self.audit(action, record_type="data_request", record_id=request_id,
                       detail=detail)
