"""Reading the audit log: the manager's viewer, its CSV export, the integrity check, and one
client's processing history for their data report (GDPR Art. 15).

Nothing here writes to existing entries (the table refuses it anyway); reading is limited to
the manager, except a client's own history, which reception prints at the desk.
"""

from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from salon_desktop.audit import log as audit_log
from salon_desktop.domain.errors import SalonError
from salon_desktop.domain.roles import Permission, Role
from salon_desktop.i18n import N_, get_translator
from salon_desktop.services.base import Service, requires
from salon_desktop.storage.database import Row

CSV_DELIMITER = ";"  # what Excel expects in Estonian and Russian locales (decimal comma)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportFailed(SalonError):
    msgid = N_("The file could not be written. Choose another folder, or check that the USB "
               "stick is still plugged in and not full.")


@dataclass(frozen=True)
class AuditFilter:
    """All criteria optional. ``action`` is exact, or a prefix when it ends in "." ("auth.").
    Dates are calendar days on this computer's clock, both ends included; datetimes are
    instants (``until`` excluded)."""

    staff_id: int | None = None
    client_id: int | None = None
    action: str | None = None
    since: date | datetime | None = None
    until: date | datetime | None = None
    limit: int | None = 5000


@dataclass(frozen=True)
class AuditRecord:
    id: int
    ts: datetime  # UTC
    staff_id: int | None
    staff_username: str | None
    staff_role: str | None
    workstation: str
    source: str
    action: str
    record_type: str | None
    record_id: str | None
    fields: tuple[str, ...]
    detail: str | None


@dataclass(frozen=True)
class ProcessingEvent:
    """One line of a client's processing history: when, what, and by which role (the
    report names roles, not staff members)."""

    when: datetime  # UTC
    action: str
    label: str  # msgid
    staff_role: Role | None


# Actions about a client are written with record_type="client", record_id=<client id>.
ACTION_LABELS: dict[str, str] = {
    "client.create": N_("Client card created"),
    "client.update": N_("Client details changed"),
    "client.open": N_("Client card opened"),
    "client.reveal": N_("Protected detail shown"),
    "client.erase": N_("Personal data erased"),
    "client.import": N_("Client imported from a file"),
    "consent.give": N_("Consent recorded"),
    "consent.withdraw": N_("Consent withdrawn"),
    "visit.create": N_("Visit recorded"),
    "visit.update": N_("Visit changed"),
    "visit.delete": N_("Visit removed"),
    "booking.create": N_("Booking made"),
    "booking.update": N_("Booking changed"),
    "booking.cancel": N_("Booking cancelled"),
    "health.update": N_("Health details changed"),
    "report.print": N_("Data report printed"),
    "data.export": N_("Data exported"),
}
OTHER_PROCESSING = N_("Other processing")

VERIFY_MESSAGES: dict[str, str] = {
    "": N_("The audit log is intact ({count} entries): none was changed, removed, reordered "
           "or added."),
    "out_of_order": N_("Entry {entry} is missing or out of place: entries were deleted or "
                       "reordered."),
    "not_following": N_("Entry {entry} does not follow the entry before it: entries were "
                        "removed, inserted or reordered."),
    "changed": N_("Entry {entry} was changed after it was written."),
    "inserted": N_("Entry {entry} was inserted outside the app."),
    "tail_missing": N_("Entries from {entry} on are missing: the end of the log was removed."),
    "not_in_head": N_("Entry {entry} was added outside the app."),
    "head_missing": N_("The audit log's closing record is missing."),
}


def describe_verification(result: audit_log.VerifyResult) -> tuple[str, dict[str, object]]:
    """The msgid and parameters that explain a verification result to the manager."""
    kind = "" if result.ok else result.kind
    msgid = VERIFY_MESSAGES.get(kind, VERIFY_MESSAGES["changed"])
    return msgid, {"count": result.count, "entry": result.first_broken_id}


def _utc_text(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.astimezone()
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


def _bound(value: date | datetime, *, end: bool) -> str:
    if isinstance(value, datetime):
        return _utc_text(value)
    day = value + timedelta(days=1) if end else value
    return _utc_text(datetime.combine(day, time.min).astimezone())


def _where(flt: AuditFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if flt.staff_id is not None:
        clauses.append("a.staff_id = ?")
        params.append(flt.staff_id)
    if flt.client_id is not None:
        clauses.append("a.record_type = 'client' AND a.record_id = ?")
        params.append(str(flt.client_id))
    if flt.action:
        if flt.action.endswith("."):
            clauses.append("substr(a.action, 1, ?) = ?")
            params += [len(flt.action), flt.action]
        else:
            clauses.append("a.action = ?")
            params.append(flt.action)
    if flt.since is not None:
        clauses.append("a.ts >= ?")
        params.append(_bound(flt.since, end=False))
    if flt.until is not None:
        clauses.append("a.ts < ?")
        params.append(_bound(flt.until, end=True))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _record(row: Row) -> AuditRecord:
    return AuditRecord(id=row["id"], ts=datetime.fromisoformat(row["ts"]),
                       staff_id=row["staff_id"], staff_username=row["username"],
                       staff_role=row["staff_role"], workstation=row["workstation"],
                       source=row["source"], action=row["action"],
                       record_type=row["record_type"], record_id=row["record_id"],
                       fields=tuple(row["fields"].split(",")) if row["fields"] else (),
                       detail=row["detail"])


def _csv_cell(value: object) -> str:
    """Text as a spreadsheet shows it, never as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class AuditService(Service):
    def _query(self, flt: AuditFilter, limit: int | None) -> list[AuditRecord]:
        where, params = _where(flt)
        sql = (f"SELECT a.*, s.username FROM audit_log a LEFT JOIN staff s "
               f"ON s.id = a.staff_id{where} ORDER BY a.id DESC")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_record(row) for row in self.db.query(sql, params)]

    @requires(Permission.AUDIT_READ)
    def entries(self, flt: AuditFilter | None = None) -> list[AuditRecord]:
        """The filtered view, newest first, at most ``flt.limit`` entries."""
        flt = flt or AuditFilter()
        return self._query(flt, flt.limit)

    @requires(Permission.AUDIT_READ)
    def actions(self) -> list[str]:
        """Every action that occurs in the log, for the filter's drop-down."""
        return [r[0] for r in self.db.query("SELECT DISTINCT action FROM audit_log ORDER BY 1")]

    @requires(Permission.AUDIT_READ)
    def export_csv(self, flt: AuditFilter | None, path: Path | str) -> int:
        """Write the filtered view (without its display limit) as CSV — UTF-8 with BOM and
        ';' so Excel opens it correctly here — atomically; the export itself is audited.
        Returns the number of entries written."""
        flt = flt or AuditFilter()
        records = self._query(flt, None)
        t = get_translator()
        header = [t.gettext(h) for h in (
            N_("Entry"), N_("Time (UTC)"), N_("Staff member"), N_("Role"), N_("Workstation"),
            N_("Source"), N_("Action"), N_("Record type"), N_("Record"), N_("Fields"),
            N_("Detail"))]
        target = Path(path)
        try:
            handle, temp_name = tempfile.mkstemp(prefix=".audit-", suffix=".csv.tmp",
                                                 dir=target.parent)
        except OSError:
            raise ExportFailed() from None
        try:
            with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out, delimiter=CSV_DELIMITER)
                writer.writerow(header)
                for r in records:
                    writer.writerow([_csv_cell(v) for v in (
                        r.id, r.ts.isoformat(timespec="seconds"), r.staff_username,
                        r.staff_role, r.workstation, r.source, r.action, r.record_type,
                        r.record_id, ",".join(r.fields), r.detail)])
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, target)
        except OSError:
            Path(temp_name).unlink(missing_ok=True)
            raise ExportFailed() from None
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        used = [name for name in ("staff_id", "client_id", "action", "since", "until")
                if getattr(flt, name) is not None]
        with self.db.transaction():
            self.audit("audit.export", record_type="audit_log", fields=used,
                       detail=f"rows={len(records)}")
        return len(records)

    @requires(Permission.AUDIT_READ)
    def verify(self) -> audit_log.VerifyResult:
        """Check the whole chain; ``describe_verification`` turns the result into words."""
        result = audit_log.verify(self.db)
        with self.db.transaction():
            self.audit("audit.verify", record_type="audit_log",
                       detail="ok" if result.ok else f"broken at {result.first_broken_id}")
        return result

    @requires(Permission.REPORT_PRINT)
    def client_history(self, client_id: int) -> list[ProcessingEvent]:
        """What was done with one client's data, oldest first, for their access report."""
        rows = self.db.query(
            "SELECT ts, action, staff_role FROM audit_log WHERE record_type = 'client' "
            "AND record_id = ? ORDER BY id", (str(client_id),))
        return [ProcessingEvent(when=datetime.fromisoformat(r["ts"]), action=r["action"],
                                label=ACTION_LABELS.get(r["action"], OTHER_PROCESSING),
                                staff_role=Role(r["staff_role"]) if r["staff_role"] else None)
                for r in rows]
