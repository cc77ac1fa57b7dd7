"""Recording visits (what was done, by whom, for how much, with the colour formula) and the
history shown on the client card, newest first."""

from __future__ import annotations

from datetime import datetime

from salon_desktop.domain.errors import NotFound, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import Collector, clean_text
from salon_desktop.domain.visits import Visit, VisitDraft
from salon_desktop.i18n import N_
from salon_desktop.services import client_view as view
from salon_desktop.services.base import Service, requires
from salon_desktop.services.catalogue import check_price
from salon_desktop.services.restriction import require_unrestricted
from salon_desktop.storage import appointments_repo, catalogue_repo, staff_repo, visits_repo

FORMULA_MAX = 1000


class VisitService(Service):
    @requires(Permission.VISIT_READ)
    def history(self, client_id: int, limit: int = 50, offset: int = 0) -> tuple[Visit, ...]:
        """The client's visits, newest first (the card holds the latest 20 already)."""
        session = self.ctx.session
        assert session is not None
        view.require_visible_client(self.ctx, session, client_id)
        return view.visits(self.db, client_id, max(1, min(limit, 500)), max(0, offset))

    @requires(Permission.VISIT_WRITE)
    def record(self, draft: VisitDraft) -> int:
        """Record a visit; the price defaults to the sum of the services' catalogue prices."""
        session = self.ctx.session
        assert session is not None
        collector = Collector()
        notes = collector.check(clean_text, "notes", draft.notes)
        formula = collector.check(clean_text, "colour_formula", draft.colour_formula,
                                  FORMULA_MAX)
        if draft.price_cents is not None:
            collector.check(check_price, draft.price_cents)
        if not draft.service_ids:
            collector.errors.append(ValidationError("service_ids", N_("Please choose at least "
                                                                      "one service.")))
        if not isinstance(draft.started_at, datetime):
            collector.errors.append(ValidationError("started_at", N_("Please enter the date "
                                                                     "and time.")))
        collector.raise_if_any()
        with self.db.transaction():
            view.require_visible_client(self.ctx, session, draft.client_id)
            require_unrestricted(self.ctx, draft.client_id)  # GDPR Art. 18
            stylist = staff_repo.by_id(self.db, draft.stylist_id)
            if stylist is None:
                raise ValidationError("stylist_id", N_("Please choose a stylist from the "
                                                       "list."))
            lines = []
            for service_id in draft.service_ids:
                row = catalogue_repo.get(self.db, service_id)
                if row is None:
                    raise ValidationError("service_ids", N_("Please choose services from the "
                                                            "catalogue."))
                lines.append((int(row["id"]), str(row["name"]), int(row["price_cents"])))
            if draft.appointment_id is not None and appointments_repo.get(
                    self.db, draft.appointment_id) is None:
                raise NotFound()
            price = (sum(line[2] for line in lines) if draft.price_cents is None
                     else draft.price_cents)
            visit_id = visits_repo.insert(
                self.db, client_id=draft.client_id, stylist_id=draft.stylist_id,
                appointment_id=draft.appointment_id,
                started_at=draft.started_at.replace(tzinfo=None, second=0, microsecond=0),
                price_cents=price, notes=notes, colour_formula=formula, lines=lines,
                staff_id=session.staff_id, now=self.ctx.clock.now())
            self.audit("visit.record", record_type="client", record_id=draft.client_id,
                       fields=[n for n, v in (("services", lines), ("price", price),
                                              ("notes", notes),
                                              ("colour_formula", formula)) if v],
                       detail=f"visit={visit_id}")
        return visit_id
