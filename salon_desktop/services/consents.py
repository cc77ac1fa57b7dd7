"""Consents the salon can prove: the append-only ledger, its wordings and the consent form.

Why the shape:
- No edit or delete method exists. A mistake is corrected by recording the next event, so
  the history always shows what was said when (GDPR Art. 7(1): the controller must be able
  to demonstrate consent).
- Withdrawing is never harder than giving (Art. 7(3)): the same permission, one call, any
  method, and it takes effect at once — the marketing lists are computed from the ledger at
  the moment of use.
- Each "given" event records the wording's language and version; wordings are immutable
  rows, so the exact text shown stays readable forever.
- Stylists may see only whether the health consent stands (the permission matrix); the
  details need CONSENT_READ.
- Audit entries carry the purpose, basis and method, never a client's values.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from salon_desktop.domain.consents import (
    EXISTING_CUSTOMER_PURPOSES,
    Action,
    ConsentEvent,
    ConsentState,
    LegalBasis,
    Method,
    PrintedForm,
    Purpose,
    PurposeState,
    Wording,
)
from salon_desktop.domain.errors import NotFound, SalonError, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from salon_desktop.services.base import Service, requires
from salon_desktop.services.client_view import local_today, require_visible_client, setting
from salon_desktop.services.settings import SettingsService
from salon_desktop.storage import clients_repo, consents_repo
from salon_desktop.storage.database import Row

P = Permission
WORDING_MAX = 2000
E = TypeVar("E", bound=StrEnum)
_EXCEPTION_CHANNELS = N_("The existing-customer exception covers only marketing by e-mail "
                         "and by SMS.")


class HealthConsentStands(SalonError):
    msgid = N_("The client's consent to keep health data still stands, so the health data "
               "stays.")


def choice(kind: type[E], value: object, field: str) -> E:
    """An enum member from a member or its text; a wrong one is a ``ValidationError``."""
    try:
        return kind(value)
    except ValueError:
        raise ValidationError(field, N_("Please choose one of the listed options.")) from None


def _event(row: Row) -> ConsentEvent:
    return ConsentEvent(
        id=int(row["id"]), client_id=int(row["client_id"]), purpose=Purpose(row["purpose"]),
        action=Action(row["action"]), legal_basis=LegalBasis(row["legal_basis"]),
        method=Method(row["method"]), recorded_at=datetime.fromisoformat(row["recorded_at"]),
        recorded_by_id=row["recorded_by"], recorded_by=row["recorded_by_name"],
        wording_language=row["wording_language"], wording_version=row["wording_version"],
        wording_text=row["wording_text"])


def _wording(row: Row) -> Wording:
    return Wording(purpose=Purpose(row["purpose"]), legal_basis=LegalBasis(row["legal_basis"]),
                   language=row["language"], version=int(row["version"]), text=row["text"],
                   created_at=datetime.fromisoformat(row["created_at"]),
                   created_by=row["created_by_name"])


def _purpose_state(purpose: Purpose, row: Row | None) -> PurposeState:
    if row is None:
        return PurposeState(purpose, stands=False)
    event = _event(row)
    return PurposeState(purpose, stands=event.action is Action.GIVEN,
                        legal_basis=event.legal_basis, action=event.action,
                        recorded_at=event.recorded_at, method=event.method,
                        recorded_by=event.recorded_by, wording_version=event.wording_version,
                        wording_language=event.wording_language)


class ConsentService(Service):
    # -- reading ---------------------------------------------------------------------------
    @requires(P.CONSENT_FLAG_READ)
    def state(self, client_id: int) -> ConsentState:
        """Every purpose at a glance; for a flag-only role (stylist), the health flag alone."""
        session = self.ctx.session
        assert session is not None
        require_visible_client(self.ctx, session, client_id)
        latest = {row["purpose"]: row for row in consents_repo.latest_events(self.db, client_id)}
        if not session.can(P.CONSENT_READ):
            health = latest.get(Purpose.HEALTH.value)
            stands = health is not None and health["action"] == Action.GIVEN.value
            return ConsentState(client_id, (PurposeState(Purpose.HEALTH, stands),),
                                detailed=False)
        restricted, objecting = consents_repo.client_flags(self.db, client_id)
        return ConsentState(client_id,
                            tuple(_purpose_state(p, latest.get(p.value)) for p in Purpose),
                            detailed=True, restricted=restricted, objecting=objecting)

    @requires(P.CONSENT_READ)
    def history(self, client_id: int) -> tuple[ConsentEvent, ...]:
        """Every event of the client, newest first, each with the exact wording shown."""
        self._require_client(client_id)
        return tuple(_event(r) for r in consents_repo.history(self.db, client_id))

    @requires(P.CONSENT_FLAG_READ)
    def health_consent_stands(self, client_id: int) -> bool:
        """Whether health data may be kept and entered (GDPR Art. 9(2)(a)). Other services
        gate on ``consents_repo.health_consent_stands`` inside their own transaction."""
        session = self.ctx.session
        assert session is not None
        require_visible_client(self.ctx, session, client_id)
        return consents_repo.health_consent_stands(self.db, client_id)

    # -- recording -------------------------------------------------------------------------
    @requires(P.CONSENT_WRITE)
    def give(self, client_id: int, purpose: Purpose | str, method: Method | str,
             legal_basis: LegalBasis | str = LegalBasis.CONSENT, *,
             wording_language: str | None = None,
             wording_version: int | None = None) -> ConsentEvent:
        """Record a consent (or the existing-customer exception) with the wording shown:
        by default the current version in the client's language. Giving what already
        stands with the same wording records nothing and returns the standing event."""
        purpose, method = choice(Purpose, purpose, "purpose"), choice(Method, method, "method")
        basis = choice(LegalBasis, legal_basis, "legal_basis")
        if method is Method.MESSAGE:
            raise ValidationError("method", N_("A consent cannot be given by replying to a "
                                               "message; record how the client gave it."))
        if basis is LegalBasis.EXISTING_CUSTOMER and purpose not in EXISTING_CUSTOMER_PURPOSES:
            raise ValidationError("legal_basis", _EXCEPTION_CHANNELS)
        client = self._require_client(client_id)
        with self.db.transaction():
            language = wording_language or client["language"]
            shown = consents_repo.wording(self.db, purpose.value, basis.value, language,
                                          wording_version)
            if shown is None:
                raise ValidationError("wording_version",
                                      N_("This version of the wording does not exist."))
            latest = consents_repo.latest_event(self.db, client_id, purpose.value)
            if latest is not None and latest["action"] == Action.GIVEN.value and (
                    latest["legal_basis"], latest["wording_language"],
                    latest["wording_version"]) == (basis.value, language, shown["version"]):
                return _event(latest)
            if basis is LegalBasis.EXISTING_CUSTOMER:
                self._check_existing_customer(client_id, purpose, latest)
            event_id = consents_repo.insert_event(
                self.db, client_id=client_id, purpose=purpose.value,
                action=Action.GIVEN.value, legal_basis=basis.value, method=method.value,
                wording_language=language, wording_version=int(shown["version"]),
                staff_id=self._staff_id(), now=self.ctx.clock.now())
            self.audit("consent.give", record_type="client", record_id=client_id,
                       detail=f"purpose={purpose.value}; basis={basis.value}; "
                              f"method={method.value}; wording={language} "
                              f"v{shown['version']}")
            row = consents_repo.event(self.db, event_id)
        assert row is not None
        return _event(row)

    @requires(P.CONSENT_WRITE)
    def withdraw(self, client_id: int, purpose: Purpose | str,
                 method: Method | str) -> ConsentEvent:
        """Record a withdrawal (or, for the exception, the client's "no"); it ends whatever
        stood for the purpose at once. Withdrawing what is already withdrawn records nothing.
        Recording a "no" when nothing stood is allowed: it blocks the existing-customer
        exception for good."""
        purpose, method = choice(Purpose, purpose, "purpose"), choice(Method, method, "method")
        with self.db.transaction():
            self._require_client(client_id)
            latest = consents_repo.latest_event(self.db, client_id, purpose.value)
            if latest is not None and latest["action"] == Action.WITHDRAWN.value:
                return _event(latest)
            basis = latest["legal_basis"] if latest is not None else LegalBasis.CONSENT.value
            event_id = consents_repo.insert_event(
                self.db, client_id=client_id, purpose=purpose.value,
                action=Action.WITHDRAWN.value, legal_basis=basis, method=method.value,
                wording_language=None, wording_version=None, staff_id=self._staff_id(),
                now=self.ctx.clock.now())
            self.audit("consent.withdraw", record_type="client", record_id=client_id,
                       detail=f"purpose={purpose.value}; basis={basis}; method={method.value}")
            row = consents_repo.event(self.db, event_id)
        assert row is not None
        return _event(row)

    # -- the paper form ----------------------------------------------------------------------
    @requires(P.CONSENT_WRITE)
    def consent_form(self, client_id: int, out_path: Path) -> PrintedForm:
        """Print the consent form in the client's language with the current wordings; keep
        the returned ``PrintedForm`` to record what the client ticked (``record_form``)."""
        client = self._require_client(client_id)
        language = client["language"]
        purposes = [p for p in Purpose
                    if p is not Purpose.HEALTH or setting(self.ctx, "store_health_data")]
        shown = {p: consents_repo.wording(self.db, p.value, LegalBasis.CONSENT.value,
                                          language) for p in purposes}
        texts = {p: row["text"] for p, row in shown.items() if row is not None}
        versions = {p: int(row["version"]) for p, row in shown.items() if row is not None}
        # reportlab is imported when a form is printed, not at start-up (~0.2 s).
        from salon_desktop.reports.consent_form import render_consent_form

        render_consent_form(Path(out_path), salon=SettingsService(self.ctx).salon_details(),
                            client_name=f"{client['first_name']} {client['last_name']}",
                            language=language, wordings=texts, versions=versions,
                            printed_on=local_today(self.ctx))
        with self.db.transaction():
            self.audit("consent.form_printed", record_type="client", record_id=client_id,
                       detail=f"language={language}")
        return PrintedForm(client_id, language, versions)

    @requires(P.CONSENT_WRITE)
    def record_form(self, form: PrintedForm,
                    ticked: Iterable[Purpose | str]) -> tuple[ConsentEvent, ...]:
        """Record the ticked purposes of a signed paper form, with the wordings it showed,
        in one transaction. Unticked purposes record nothing (not ticking is not a "no")."""
        chosen = [choice(Purpose, p, "purpose") for p in ticked]
        for purpose in chosen:
            if purpose not in form.versions:
                raise ValidationError("purpose", N_("This purpose was not on the printed "
                                                    "form."))
        with self.db.transaction():
            return tuple(self.give(form.client_id, p, Method.PAPER,
                                   wording_language=form.language,
                                   wording_version=form.versions[p]) for p in chosen)

    # -- wordings ----------------------------------------------------------------------------
    @requires(P.CONSENT_READ)
    def wordings(self, purpose: Purpose | str,
                 legal_basis: LegalBasis | str = LegalBasis.CONSENT) -> tuple[Wording, ...]:
        """Every version in every language (old versions stay readable forever)."""
        rows = consents_repo.wordings(self.db, choice(Purpose, purpose, "purpose").value,
                                      choice(LegalBasis, legal_basis, "legal_basis").value)
        return tuple(_wording(r) for r in rows)

    @requires(P.CONSENT_READ)
    def current_wording(self, purpose: Purpose | str, language: str,
                        legal_basis: LegalBasis | str = LegalBasis.CONSENT) -> Wording:
        row = consents_repo.wording(self.db, choice(Purpose, purpose, "purpose").value,
                                    choice(LegalBasis, legal_basis, "legal_basis").value,
                                    language)
        if row is None:
            raise NotFound()
        return _wording(row)

    @requires(P.SETTINGS_MANAGE)
    def edit_wording(self, purpose: Purpose | str, language: str, text: str,
                     legal_basis: LegalBasis | str = LegalBasis.CONSENT) -> Wording:
        """Save ``text`` as the next version; the previous versions stay as they were. The
        same text as the current version adds nothing."""
        purpose = choice(Purpose, purpose, "purpose")
        basis = choice(LegalBasis, legal_basis, "legal_basis")
        if language not in ("et", "ru", "en"):
            raise ValidationError("language", N_("Choose Estonian, Russian or English."))
        if basis is LegalBasis.EXISTING_CUSTOMER and purpose not in EXISTING_CUSTOMER_PURPOSES:
            raise ValidationError("legal_basis", _EXCEPTION_CHANNELS)
        cleaned = "\n".join(line.rstrip() for line in str(text).strip().splitlines())
        if not cleaned:
            raise ValidationError("text", N_("Please write the wording."))
        if len(cleaned) > WORDING_MAX:
            raise ValidationError("text", N_("Please keep this under {limit} characters."),
                                  limit=WORDING_MAX)
        with self.db.transaction():
            current = consents_repo.wording(self.db, purpose.value, basis.value, language)
            if current is not None and current["text"] == cleaned:
                return _wording(current)
            version = consents_repo.insert_wording(
                self.db, purpose=purpose.value, legal_basis=basis.value, language=language,
                text=cleaned, staff_id=self._staff_id(), now=self.ctx.clock.now())
            self.audit("consent.wording_edit", record_type="consent_wording",
                       record_id=f"{purpose.value}/{basis.value}/{language}",
                       detail=f"version={version}")
            row = consents_repo.wording(self.db, purpose.value, basis.value, language, version)
        assert row is not None
        return _wording(row)

    # -- objection, restriction, health data after withdrawal ---------------------------------
    @requires(P.CONSENT_WRITE)
    def record_objection(self, client_id: int, objecting: bool) -> None:
        """The client objects to direct marketing (Art. 21(2)–(3)): off every marketing list
        at once, whatever the consents say, until the objection is lifted."""
        with self.db.transaction():
            self._require_client(client_id)
            consents_repo.set_client_flag(self.db, client_id, "objecting", objecting)
            self.audit("consent.objection", record_type="client", record_id=client_id,
                       fields=["objecting"], detail="on" if objecting else "off")

    @requires(P.ERASE)
    def set_restriction(self, client_id: int, restricted: bool) -> None:
        """Restriction of processing (Art. 18), a data-protection request handled by the
        manager: off every marketing list until lifted."""
        with self.db.transaction():
            self._require_client(client_id)
            consents_repo.set_client_flag(self.db, client_id, "restricted", restricted)
            self.audit("client.restriction", record_type="client", record_id=client_id,
                       fields=["restricted"], detail="on" if restricted else "off")

    @requires(P.CONSENT_WRITE)
    def has_health_data(self, client_id: int) -> bool:
        """After a withdrawal of the health consent: is there health data to offer to erase?
        (Reception may know that much: it sees the "allergy on file" flag anyway.)"""
        self._require_client(client_id)
        return consents_repo.has_health_data(self.db, client_id)

    @requires(P.CONSENT_WRITE)
    def erase_health_data(self, client_id: int) -> None:
        """Erase allergies, contraindications and patch tests once the Art. 9 consent no
        longer stands — the step the card offers right after the withdrawal, so whoever
        recorded the withdrawal may do it. Refused while the consent stands."""
        with self.db.transaction():
            self._require_client(client_id)
            if consents_repo.health_consent_stands(self.db, client_id):
                raise HealthConsentStands()
            consents_repo.erase_health_data(self.db, client_id)
            self.audit("health.erase", record_type="client", record_id=client_id,
                       fields=["allergies", "contraindications", "patch_tests"])

    # -- helpers ---------------------------------------------------------------------------
    def _staff_id(self) -> int | None:
        return self.ctx.session.staff_id if self.ctx.session else None

    def _require_client(self, client_id: int) -> Row:
        session = self.ctx.session
        assert session is not None
        require_visible_client(self.ctx, session, client_id)
        row = clients_repo.get(self.db, client_id)
        if row is None:
            raise NotFound()
        return row

    def _check_existing_customer(self, client_id: int, purpose: Purpose,
                                 latest: Row | None) -> None:
        """ECA §103¹(3): the salon's own similar services, to a contact obtained in a sale
        (e-mail and SMS only, checked first), and never again once the client has said no."""
        if consents_repo.ever_withdrawn(self.db, client_id, purpose.value):
            raise ValidationError("legal_basis", N_("The client has said no to these "
                                                    "messages. Only the client's consent can "
                                                    "start them again."))
        if latest is not None and latest["action"] == Action.GIVEN.value and \
                latest["legal_basis"] == LegalBasis.CONSENT.value:
            raise ValidationError("legal_basis", N_("The client's consent already stands; "
                                                    "the exception is not needed."))
        if not consents_repo.is_customer(self.db, client_id):
            raise ValidationError("legal_basis", N_("The existing-customer exception applies "
                                                    "only to clients who have booked or "
                                                    "bought a service."))
