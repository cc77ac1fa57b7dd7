"""The health section of a client card: the Art. 9 consent, allergies, contraindications
and patch tests.

Health data is special-category data (GDPR Art. 9): it is written only while the salon
keeps health data at all (setting ``store_health_data``) and only after the client's
explicit consent is recorded. Until the consent ledger arrives (a later issue) the consent
is a recorded yes/no with when and by whom. Reading the details goes through
``ClientService.reveal`` (audited); this service writes.
"""

from __future__ import annotations

from datetime import date, timedelta

from salon_desktop.domain.clients import PatchTestDraft, PatchTestResult
from salon_desktop.domain.errors import NotFound, SalonError, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import Collector, clean_text
from salon_desktop.i18n import N_
from salon_desktop.services import client_view as view
from salon_desktop.services.base import Service, requires
from salon_desktop.services.clients import HealthConsentMissing
from salon_desktop.services.restriction import require_unrestricted
from salon_desktop.storage import clients_repo, health_repo, staff_repo

#: a negative patch test recorded without an end date is taken as valid this long
PATCH_TEST_DEFAULT_VALID_DAYS = 180
PRODUCT_MAX = 200


class HealthDataOff(SalonError):
    msgid = N_("This salon does not keep health data. The manager can change this in the "
               "settings.")


class HealthService(Service):
    def _require_storing(self) -> None:
        if not view.setting(self.ctx, "store_health_data"):
            raise HealthDataOff()

    def _require_consent(self, client_id: int) -> None:
        session = self.ctx.session
        assert session is not None
        view.require_visible_client(self.ctx, session, client_id)
        require_unrestricted(self.ctx, client_id)  # GDPR Art. 18
        row = clients_repo.get(self.db, client_id)
        assert row is not None
        if not row["health_consent"]:
            raise HealthConsentMissing()

    @requires(Permission.CONSENT_WRITE)
    def record_health_consent(self, client_id: int, given: bool) -> None:
        """The client's yes or no to keeping health data, with when and who recorded it.
        A "no" hides the health section at once (erasing it is the erasure service's job)."""
        session = self.ctx.session
        assert session is not None
        self._require_storing()
        with self.db.transaction():
            view.require_visible_client(self.ctx, session, client_id)
            clients_repo.set_health_consent(self.db, client_id, given, session.staff_id,
                                            self.ctx.clock.now())
            self.audit("client.health_consent", record_type="client", record_id=client_id,
                       fields=["health_consent"], detail="given" if given else "refused")

    @requires(Permission.HEALTH_WRITE)
    def set_health(self, client_id: int, allergies: str | None,
                   contraindications: str | None) -> tuple[str, ...]:
        """Replace the allergies and contraindications text; returns the changed names."""
        session = self.ctx.session
        assert session is not None
        self._require_storing()
        collector = Collector()
        cleaned_allergies = collector.check(clean_text, "allergies", allergies)
        cleaned_contra = collector.check(clean_text, "contraindications", contraindications)
        collector.raise_if_any()
        with self.db.transaction():
            self._require_consent(client_id)
            current = health_repo.get(self.db, client_id)
            before = (current["allergies"], current["contraindications"]) if current else (
                None, None)
            changed = tuple(name for name, old, new in (
                ("allergies", before[0], cleaned_allergies),
                ("contraindications", before[1], cleaned_contra)) if old != new)
            if not changed:
                return ()
            health_repo.put(self.db, client_id, cleaned_allergies, cleaned_contra,
                            session.staff_id, self.ctx.clock.now())
            self.audit("client.health_update", record_type="client", record_id=client_id,
                       fields=changed)
        return changed

    @requires(Permission.HEALTH_WRITE)
    def add_patch_test(self, client_id: int, draft: PatchTestDraft) -> int:
        """Record a patch test (product and shade, when applied, by whom, result, valid
        until). A negative result without an end date is valid for 180 days."""
        session = self.ctx.session
        assert session is not None
        self._require_storing()
        product = self._clean_product(draft.product)
        result = PatchTestResult(draft.result)
        valid_until = self._valid_until(result, draft.applied_at.date(), draft.valid_until)
        with self.db.transaction():
            self._require_consent(client_id)
            tested_by = draft.tested_by_id or session.staff_id
            if staff_repo.by_id(self.db, tested_by) is None:
                raise ValidationError("tested_by_id", N_("Please choose a stylist from the "
                                                         "list."))
            test_id = health_repo.add_patch_test(
                self.db, client_id, product=product,
                applied_at=draft.applied_at.replace(tzinfo=None, second=0, microsecond=0),
                tested_by=tested_by, result=result.value, valid_until=valid_until,
                now=self.ctx.clock.now())
            self.audit("client.patch_test_add", record_type="client", record_id=client_id,
                       fields=["patch_tests"], detail=f"patch_test={test_id}")
        return test_id

    @requires(Permission.HEALTH_WRITE)
    def set_patch_test_result(self, test_id: int, result: PatchTestResult,
                              valid_until: date | None = None) -> None:
        """The reading after 48 hours: negative (may be used) or positive (reaction)."""
        self._require_storing()
        result = PatchTestResult(result)
        with self.db.transaction():
            client_id = health_repo.patch_test_client(self.db, test_id)
            if client_id is None:
                raise NotFound()
            self._require_consent(client_id)
            applied = next(p for p in health_repo.patch_tests(self.db, client_id)
                           if p["id"] == test_id)["applied_at"]
            health_repo.set_patch_test_result(
                self.db, test_id, result.value,
                self._valid_until(result, date.fromisoformat(applied[:10]), valid_until))
            self.audit("client.patch_test_result", record_type="client", record_id=client_id,
                       fields=["patch_tests"], detail=f"patch_test={test_id}")

    @staticmethod
    def _clean_product(product: str) -> str:
        cleaned = clean_text("product", product, PRODUCT_MAX)
        if not cleaned:
            raise ValidationError("product", N_("Please enter the product and shade that "
                                                "were tested."))
        return cleaned

    @staticmethod
    def _valid_until(result: PatchTestResult, applied: date,
                     valid_until: date | None) -> date | None:
        if result is not PatchTestResult.NEGATIVE:
            return None
        if valid_until is None:
            return applied + timedelta(days=PATCH_TEST_DEFAULT_VALID_DAYS)
        if valid_until < applied:
            raise ValidationError("valid_until", N_("“Valid until” must be after the day the "
                                                    "test was applied."))
        return valid_until
