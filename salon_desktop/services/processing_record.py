"""The salon's record of processing (GDPR Art. 30) and security measures (Art. 32), kept in
the settings by the manager and printed as one PDF.

``build_record`` resolves it for one language — the salon's own wording where the manager
wrote one, else the catalog's default in that language — and is what every client data
report uses for purposes, legal bases, recipients and retention, so the record and the
reports cannot drift apart. Reading is open to anyone signed in (nothing in it is about a
client); changing it is SETTINGS_MANAGE, audited with the item's key, never its text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from salon_desktop.domain.errors import NotFound, ValidationError
from salon_desktop.domain.processing_record import (
    ACTIVITIES,
    ACTIVITY_KEYS,
    FIELDS,
    MEASURE_TEXTS,
    RECIPIENT_RECEIVES,
    SOURCE,
    TEXT_MAX,
    TRANSFERS,
    Activity,
    ProcessingRecord,
    Recipient,
    RecipientKind,
    SecurityMeasure,
)
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import clean_text
from salon_desktop.i18n import LANGUAGES, N_, current_language, get_translator
from salon_desktop.services.base import Service, ServiceContext, requires, signed_in
from salon_desktop.services.client_view import local_today, setting
from salon_desktop.services.consents import choice
from salon_desktop.services.settings import SettingsService
from salon_desktop.storage import processing_record_repo as repo

P = Permission


def _fill(text: str, **values: object) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def build_record(ctx: ServiceContext, language: str) -> ProcessingRecord:
    """The record in ``language`` (no permission check: for the services that print it)."""
    t = get_translator(language)
    db = ctx.db
    years = {"inactive_years": int(setting(ctx, "retention_inactive_years")),
             "accounting_years": int(setting(ctx, "retention_accounting_years"))}
    own = repo.texts(db, t.language)
    customised = repo.customised_fields(db)
    reviewed = repo.activities(db)
    activities = []
    for default in ACTIVITIES:
        texts = {f: own.get((default.key, f)) or t.gettext(getattr(default, f))
                 for f in FIELDS}
        row = reviewed.get(default.key)
        activities.append(Activity(
            key=default.key, purpose=texts["purpose"], data=texts["data"],
            legal_basis=texts["legal_basis"], retention=_fill(texts["retention"], **years),
            in_client_report=default.in_client_report,
            customised=frozenset(customised.get(default.key, ())),
            last_reviewed=date.fromisoformat(row["last_reviewed"])
            if row is not None and row["last_reviewed"] else None))
    recipients = tuple(
        Recipient(id=int(r["id"]), kind=RecipientKind(r["kind"]), name=r["name"],
                  receives=r["note"] or t.gettext(RECIPIENT_RECEIVES[RecipientKind(r["kind"])]),
                  active=bool(r["active"]))
        for r in repo.recipients(db))
    measures = tuple(
        SecurityMeasure(id=int(r["id"]), key=r["key"],
                        text=r["text"] or t.gettext(MEASURE_TEXTS.get(r["key"] or "", "")),
                        holder=r["holder"], physical=bool(r["physical"]),
                        last_checked=date.fromisoformat(r["last_checked"])
                        if r["last_checked"] else None,
                        checked_by=r["checked_by_name"], active=bool(r["active"]))
        for r in repo.measures(db))
    return ProcessingRecord(
        controller=SettingsService(ctx).salon_details(), language=t.language,
        activities=tuple(activities), recipients=recipients, measures=measures,
        transfers=t.gettext(TRANSFERS), source=t.gettext(SOURCE), **years)


def _text(field: str, value: object, required: bool = True) -> str | None:
    cleaned = clean_text(field, value, TEXT_MAX)
    if required and not cleaned:
        raise ValidationError(field, N_("Please fill in this field."))
    return cleaned


class ProcessingRecordService(Service):
    @signed_in
    def record(self, language: str | None = None) -> ProcessingRecord:
        """The whole record in ``language`` (default: the program's language)."""
        return build_record(self.ctx, language or current_language())

    # -- activities --------------------------------------------------------------------------
    @requires(P.SETTINGS_MANAGE)
    def set_activity_text(self, key: str, field: str, language: str,
                          text: str | None) -> None:
        """The salon's own wording of one text in one language; ``None`` or empty restores
        the default. ``retention`` may use {inactive_years} and {accounting_years}."""
        if key not in ACTIVITY_KEYS:
            raise NotFound()
        if field not in FIELDS:
            raise ValueError(f"not an activity field: {field!r}")
        if language not in LANGUAGES:
            raise ValidationError("language", N_("Choose Estonian, Russian or English."))
        cleaned = _text(field, text, required=False)
        with self.db.transaction():
            repo.put_text(self.db, key, field, language, cleaned, self._staff_id(),
                          self.ctx.clock.now())
            self.audit("processing_record.change", record_type="processing_activity",
                       record_id=key, fields=[field], detail=f"language={language}")

    @requires(P.SETTINGS_MANAGE)
    def mark_activity_reviewed(self, key: str, day: date | None = None) -> None:
        if key not in ACTIVITY_KEYS:
            raise NotFound()
        with self.db.transaction():
            repo.mark_reviewed(self.db, key, day or local_today(self.ctx), self._staff_id())
            self.audit("processing_record.review", record_type="processing_activity",
                       record_id=key)

    # -- recipients --------------------------------------------------------------------------
    @requires(P.SETTINGS_MANAGE)
    def add_recipient(self, kind: RecipientKind | str, name: str,
                      note: str | None = None) -> int:
        chosen = choice(RecipientKind, kind, "kind")
        with self.db.transaction():
            recipient_id = repo.add_recipient(self.db, chosen.value,
                                              _text("name", name) or "",
                                              _text("note", note, required=False))
            self.audit("processing_record.recipient_add", record_type="recipient",
                       record_id=recipient_id, detail=f"kind={chosen.value}")
        return recipient_id

    @requires(P.SETTINGS_MANAGE)
    def update_recipient(self, recipient_id: int, *, name: str, note: str | None = None,
                         active: bool = True) -> None:
        """Name the company (e.g. the accountant's firm), describe what it receives in the
        salon's words (``None``: the default text), or switch it off."""
        with self.db.transaction():
            if repo.recipient(self.db, recipient_id) is None:
                raise NotFound()
            repo.update_recipient(self.db, recipient_id,
                                  name=_text("name", name, required=False) or "",
                                  note=_text("note", note, required=False), active=active)
            self.audit("processing_record.recipient_update", record_type="recipient",
                       record_id=recipient_id, fields=["name", "note", "active"])

    # -- security measures -------------------------------------------------------------------
    @requires(P.SETTINGS_MANAGE)
    def add_measure(self, text: str, *, holder: str = "", physical: bool = False) -> int:
        with self.db.transaction():
            measure_id = repo.add_measure(self.db, _text("text", text) or "",
                                          _text("holder", holder, required=False) or "",
                                          physical)
            self.audit("processing_record.measure_add", record_type="security_measure",
                       record_id=measure_id)
        return measure_id

    @requires(P.SETTINGS_MANAGE)
    def update_measure(self, measure_id: int, *, text: str | None = None, holder: str = "",
                       active: bool = True) -> None:
        """``text`` ``None`` keeps a default measure's catalog text (in every language);
        ``holder`` says who holds the key or is responsible."""
        with self.db.transaction():
            row = repo.measure(self.db, measure_id)
            if row is None:
                raise NotFound()
            cleaned = _text("text", text, required=row["key"] is None)
            repo.update_measure(self.db, measure_id, text=cleaned,
                                holder=_text("holder", holder, required=False) or "",
                                active=active)
            self.audit("processing_record.measure_update", record_type="security_measure",
                       record_id=measure_id, fields=["text", "holder", "active"])

    @requires(P.SETTINGS_MANAGE)
    def mark_measure_checked(self, measure_id: int, day: date | None = None) -> None:
        """Record that the measure was checked (default today)."""
        checked = day or local_today(self.ctx)
        if checked > local_today(self.ctx):
            raise ValidationError("last_checked", N_("The date cannot be in the future."))
        with self.db.transaction():
            if repo.measure(self.db, measure_id) is None:
                raise NotFound()
            repo.mark_checked(self.db, measure_id, checked, self._staff_id())
            self.audit("processing_record.measure_checked", record_type="security_measure",
                       record_id=measure_id, detail=f"day={checked.isoformat()}")

    # -- the printed record ------------------------------------------------------------------
    @requires(P.SETTINGS_MANAGE)
    def save_pdf(self, out_path: Path, language: str | None = None) -> Path:
        """Write the record as one PDF, atomically, where the manager chose."""
        from salon_desktop.reports.processing_record_pdf import save_processing_record

        record = build_record(self.ctx, language or current_language())
        save_processing_record(Path(out_path), record, local_today(self.ctx))
        with self.db.transaction():
            self.audit("processing_record.print", record_type="processing_record",
                       detail=f"language={record.language}")
        return Path(out_path)

    def _staff_id(self) -> int | None:
        return self.ctx.session.staff_id if self.ctx.session else None
