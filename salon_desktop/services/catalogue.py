"""The salon's service catalogue: what can be booked, for how long and at what price.

Names are the salon's own data, kept as typed (e.g. "Lõikus", "Värvimine"), never
translated. Services are deactivated, not deleted: past visits and bookings point at them.
"""

from __future__ import annotations

from salon_desktop.domain.errors import NotFound, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import Collector, clean_name
from salon_desktop.domain.visits import CatalogueDraft, CatalogueItem
from salon_desktop.i18n import N_
from salon_desktop.services.base import Service, requires, signed_in
from salon_desktop.storage import catalogue_repo
from salon_desktop.storage.database import Row

MAX_PRICE_CENTS = 10_000_00


def item(row: Row) -> CatalogueItem:
    return CatalogueItem(id=int(row["id"]), name=row["name"],
                         duration_minutes=int(row["duration_minutes"]),
                         price_cents=int(row["price_cents"]),
                         needs_patch_test=bool(row["needs_patch_test"]),
                         active=bool(row["active"]))


def check_duration(minutes: object) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 5 <= minutes <= 720:
        raise ValidationError("duration_minutes", N_("Please enter a duration from {minimum} "
                                                     "to {maximum} minutes."),
                              minimum=5, maximum=720)
    return minutes


def check_price(cents: object) -> int:
    if (not isinstance(cents, int) or isinstance(cents, bool)
            or not 0 <= cents <= MAX_PRICE_CENTS):
        raise ValidationError("price_cents", N_("Please enter a price from 0 to {maximum} €."),
                              maximum=MAX_PRICE_CENTS // 100)
    return cents


class CatalogueService(Service):
    @signed_in
    def items(self, include_inactive: bool = False) -> list[CatalogueItem]:
        return [item(r) for r in catalogue_repo.all_items(self.db, include_inactive)]

    def _clean(self, draft: CatalogueDraft, exclude_id: int | None = None) -> CatalogueDraft:
        collector = Collector()
        name = collector.check(clean_name, "name", draft.name)
        duration = collector.check(check_duration, draft.duration_minutes)
        price = collector.check(check_price, draft.price_cents)
        if name and catalogue_repo.active_with_name(self.db, name, exclude_id) is not None:
            collector.errors.append(ValidationError(
                "name", N_("The catalogue already has a service with this name.")))
        collector.raise_if_any()
        return CatalogueDraft(name, duration, price, bool(draft.needs_patch_test))

    @requires(Permission.SETTINGS_MANAGE)
    def add(self, draft: CatalogueDraft) -> int:
        with self.db.transaction():
            clean = self._clean(draft)
            service_id = catalogue_repo.insert(
                self.db, name=clean.name, duration_minutes=clean.duration_minutes,
                price_cents=clean.price_cents, needs_patch_test=clean.needs_patch_test,
                now=self.ctx.clock.now())
            self.audit("catalogue.add", record_type="service", record_id=service_id)
        return service_id

    @requires(Permission.SETTINGS_MANAGE)
    def update(self, service_id: int, draft: CatalogueDraft) -> None:
        """New name, duration, price or patch-test need; past visits keep what they had."""
        with self.db.transaction():
            row = catalogue_repo.get(self.db, service_id)
            if row is None:
                raise NotFound()
            clean = self._clean(draft, exclude_id=service_id)
            values = {"name": clean.name, "duration_minutes": clean.duration_minutes,
                      "price_cents": clean.price_cents,
                      "needs_patch_test": int(clean.needs_patch_test)}
            changed = {k: v for k, v in values.items() if row[k] != v}
            catalogue_repo.update(self.db, service_id, **changed)
            self.audit("catalogue.update", record_type="service", record_id=service_id,
                       fields=sorted(changed))

    @requires(Permission.SETTINGS_MANAGE)
    def set_active(self, service_id: int, active: bool) -> None:
        with self.db.transaction():
            row = catalogue_repo.get(self.db, service_id)
            if row is None:
                raise NotFound()
            if active and catalogue_repo.active_with_name(self.db, row["name"],
                                                          service_id) is not None:
                raise ValidationError("name", N_("The catalogue already has a service with "
                                                 "this name."))
            catalogue_repo.update(self.db, service_id, active=int(active))
            self.audit("catalogue.activate" if active else "catalogue.deactivate",
                       record_type="service", record_id=service_id)
