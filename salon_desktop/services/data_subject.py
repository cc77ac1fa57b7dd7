"""The client's copy of their data: the printed report (GDPR Art. 15) and the portable
export (Art. 20), both made from one ``ClientDataCopy`` so they never say different things.

Who may: the report is REPORT_PRINT (reception prints it at the desk when the client asks,
as the design's matrix says), the JSON export is DATA_EXPORT (the manager). The copy holds
*everything* the salon keeps about the client — health details included, which reception
otherwise sees only as a flag — because it is the client's own data going to the client;
that is why producing it is audited ("report.print", "client.export") and the file is
written only where the user chose, atomically (``reports/atomic.py``: a temporary file
next to the target, never in a temporary folder). For a preview the GUI gets the PDF as
bytes in memory.

A restricted client (Art. 18) still gets the report: answering the request is exactly the
processing the restriction allows.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Literal

from salon_desktop.domain.consents import Purpose
from salon_desktop.domain.data_copy import (
    BookingCopy,
    ClientDataCopy,
    ClientDetails,
    ConsentEventCopy,
    ConsentNow,
    HealthCopy,
    HistoryEntry,
    PatchTestCopy,
    PurposeCopy,
    RecipientCopy,
    RequestCopy,
    ServiceLine,
    VisitCopy,
)
from salon_desktop.domain.errors import NotFound
from salon_desktop.domain.processing_record import AKI, RECIPIENT_LABELS, Authority
from salon_desktop.domain.rights import RequestKind
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import get_translator, normalize_language
from salon_desktop.services.base import Service, requires
from salon_desktop.services.client_view import require_visible_client
from salon_desktop.services.processing_record import build_record
from salon_desktop.services.requests_register import close_in_transaction, request_from_row
from salon_desktop.storage import (
    clients_repo,
    consents_repo,
    data_copy_repo,
    health_repo,
    requests_repo,
    visits_repo,
)
from salon_desktop.storage.database import Row

P = Permission
ReportOutput = Literal["preview", "print"]


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _client(row: Row) -> ClientDetails:
    return ClientDetails(
        id=int(row["id"]), first_name=row["first_name"], last_name=row["last_name"],
        phone=row["phone"], email=row["email"], address=row["address"],
        birth_date=date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        language=row["language"], preferences=row["preferences"],
        favourite_stylist=row["favourite_stylist"], notes=row["notes"],
        created_at=_dt(row["created_at"]), updated_at=_dt(row["updated_at"]),
        restricted=bool(row["restricted"]), objecting=bool(row["objecting"]))


class DataSubjectService(Service):
    # -- the report --------------------------------------------------------------------------
    @requires(P.REPORT_PRINT)
    def access_report_pdf(self, client_id: int, *, language: str | None = None,
                          output: ReportOutput = "preview") -> bytes:
        """The report as PDF bytes, for the GUI's preview and printing (nothing touches the
        disk). Audited as ``report.print`` with ``output``."""
        copy = self._copy(client_id, language)
        from salon_desktop.reports.access_report import render_access_report

        pdf = render_access_report(copy)
        with self.db.transaction():
            self._audit_report(client_id, copy.language, output)
        return pdf

    @requires(P.REPORT_PRINT)
    def save_access_report(self, client_id: int, out_path: Path, *,
                           language: str | None = None,
                           request_id: int | None = None) -> Path:
        """Write the report to ``out_path`` (the user's choice) atomically, in the client's
        language unless ``language`` is given. With ``request_id`` the client's open access
        request is closed as answered, in the same transaction as the audit entry."""
        copy = self._copy(client_id, language)
        from salon_desktop.reports.access_report import save_access_report

        out = Path(out_path)
        save_access_report(out, copy)
        try:
            with self.db.transaction():
                self._audit_report(client_id, copy.language, "file")
                if request_id is not None:
                    close_in_transaction(self, request_id, client_id=client_id,
                                         kind=RequestKind.ACCESS)
        except BaseException:
            out.unlink(missing_ok=True)  # no unaudited copy of the data is left behind
            raise
        return out

    # -- the portable export -----------------------------------------------------------------
    @requires(P.DATA_EXPORT)
    def export_json(self, client_id: int, out_path: Path, *, language: str | None = None,
                    request_id: int | None = None) -> Path:
        """Write the same data as JSON (``docs/export-schema.json``) atomically to
        ``out_path``; audited as ``client.export``. ``request_id`` closes the client's open
        portability (or access) request."""
        copy = self._copy(client_id, language)
        from salon_desktop.reports.export_json import save_export

        out = Path(out_path)
        save_export(out, copy)
        try:
            with self.db.transaction():
                self.audit("client.export", record_type="client", record_id=client_id,
                           detail=f"format=json; language={copy.language}")
                if request_id is not None:
                    asked = requests_repo.get(self.db, request_id)
                    kind = (RequestKind.ACCESS if asked is not None
                            and asked["kind"] == RequestKind.ACCESS.value
                            else RequestKind.PORTABILITY)
                    close_in_transaction(self, request_id, client_id=client_id, kind=kind)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        return out

    # -- assembling the copy -----------------------------------------------------------------
    def _audit_report(self, client_id: int, language: str, output: str) -> None:
        self.audit("report.print", record_type="client", record_id=client_id,
                   detail=f"output={output}; language={language}")

    def _copy(self, client_id: int, language: str | None) -> ClientDataCopy:
        session = self.ctx.session
        assert session is not None
        with self.db.lock:
            require_visible_client(self.ctx, session, client_id)
            row = clients_repo.get(self.db, client_id)
            if row is None:
                raise NotFound()
            lang = normalize_language(language) or row["language"]
            t = get_translator(lang)
            record = build_record(self.ctx, lang)
            return ClientDataCopy(
                language=lang, produced_at=self.ctx.clock.now(),
                produced_by_role=session.role.value, controller=record.controller,
                client=_client(row), health=self._health(client_id),
                visits=self._visits(client_id), bookings=self._bookings(client_id),
                consents=self._consents_now(client_id),
                consent_history=tuple(self._consent_event(r) for r in
                                      consents_repo.history(self.db, client_id)),
                requests=self._requests(client_id),
                history=tuple(HistoryEntry(_dt(r["ts"]), r["action"], r["staff_role"])
                              for r in data_copy_repo.processing_history(
                                  self.db, client_id, row["created_at"])),
                purposes=tuple(PurposeCopy(a.key, a.purpose, a.data, a.legal_basis,
                                           a.retention)
                               for a in record.activities if a.in_client_report),
                recipients=tuple(RecipientCopy(r.kind.value, t.gettext(RECIPIENT_LABELS[r.kind]),
                                               r.name, r.receives)
                                 for r in record.recipients if r.active),
                source=record.source, transfers=record.transfers, automated_decisions=False,
                authority=Authority(t.gettext(AKI.name), AKI.address, AKI.email, AKI.phone,
                                    AKI.web))

    def _health(self, client_id: int) -> HealthCopy | None:
        health = health_repo.get(self.db, client_id)
        tests = tuple(
            PatchTestCopy(product=p["product"], applied_at=_dt(p["applied_at"]),
                          result=p["result"],
                          valid_until=date.fromisoformat(p["valid_until"])
                          if p["valid_until"] else None, tested_by=p["tested_by_name"])
            for p in health_repo.patch_tests(self.db, client_id))
        asked = consents_repo.latest_event(self.db, client_id, Purpose.HEALTH.value)
        copy = HealthCopy(consent_stands=consents_repo.health_consent_stands(self.db, client_id),
                          allergies=health["allergies"] if health else None,
                          contraindications=health["contraindications"] if health else None,
                          patch_tests=tests)
        return None if copy.empty and asked is None else copy

    def _visits(self, client_id: int) -> tuple[VisitCopy, ...]:
        rows = data_copy_repo.all_visits(self.db, client_id)
        lines = visits_repo.lines(self.db, [int(r["id"]) for r in rows])
        return tuple(
            VisitCopy(started_at=_dt(r["started_at"]), stylist=r["stylist_name"],
                      services=tuple(ServiceLine(x["name"], int(x["price_cents"]))
                                     for x in lines[int(r["id"])]),
                      price_cents=int(r["price_cents"]), notes=r["notes"],
                      colour_formula=r["colour_formula"])
            for r in rows)

    def _bookings(self, client_id: int) -> tuple[BookingCopy, ...]:
        return tuple(
            BookingCopy(starts_at=_dt(r["starts_at"]), ends_at=_dt(r["ends_at"]),
                        service=r["service_name"] or "", stylist=r["stylist_name"],
                        status=r["status"], notes=r["notes"])
            for r in data_copy_repo.bookings(self.db, client_id))

    def _consents_now(self, client_id: int) -> tuple[ConsentNow, ...]:
        latest = {r["purpose"]: r for r in consents_repo.latest_events(self.db, client_id)}
        found = []
        for purpose in Purpose:
            row = latest.get(purpose.value)
            found.append(ConsentNow(
                purpose=purpose.value, stands=row is not None and row["action"] == "given",
                action=row["action"] if row else None,
                legal_basis=row["legal_basis"] if row else None,
                since=_dt(row["recorded_at"]) if row else None))
        return tuple(found)

    @staticmethod
    def _consent_event(row: Row) -> ConsentEventCopy:
        return ConsentEventCopy(
            recorded_at=_dt(row["recorded_at"]), purpose=row["purpose"],
            action=row["action"], legal_basis=row["legal_basis"], method=row["method"],
            wording_language=row["wording_language"], wording_version=row["wording_version"],
            wording_text=row["wording_text"])

    def _requests(self, client_id: int) -> tuple[RequestCopy, ...]:
        return tuple(
            RequestCopy(kind=r.kind.value, received_on=r.received_on, due_on=r.due_on,
                        extended=r.extended, status=r.status.value, closed_on=r.closed_on)
            for r in (request_from_row(x) for x in requests_repo.select(
                self.db, client_id=client_id)))
