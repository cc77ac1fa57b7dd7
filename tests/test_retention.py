"""Retention: the review lists clients with no visit or booking for the configured years
and anonymised accounting records past their period; the manager erases or anonymises them
in bulk, confirmed and audited; restricted clients, open requests and clients who came back
meanwhile are left alone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentDraft
from salon_desktop.domain.errors import PermissionDenied
from salon_desktop.domain.rights import ConfirmationRequired
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import VisitDraft
from tests.clients_helpers import Salon, add_catalogue, make_salon, new_client


def _at(ctx: AppContext, moment: datetime) -> None:
    ctx.clock.advance((moment - ctx.clock.now()).total_seconds())  # type: ignore[attr-defined]


def _visit(salon: Salon, client_id: int, when: datetime) -> None:
    salon.ctx.services.visits.record(VisitDraft(client_id, when, salon.staff["liis"],
                                                (salon.catalogue["cut"],),  # type: ignore[attr-defined]
                                                colour_formula="7/1"))


@pytest.fixture
def salon(app_context: AppContext) -> Salon:
    """Clients made in January 2022 (one came back in 2025, one is restricted, one has an
    open request), one made today; the clock then stands at 25 November 2026."""
    _at(app_context, datetime(2022, 1, 10, 12, 0, tzinfo=UTC))
    salon = make_salon(app_context)
    salon.catalogue = add_catalogue(app_context)  # type: ignore[attr-defined]
    ids = {}
    for name in ("Vana", "Tagasi", "Piiratud", "Taotlus", "Ammune"):
        ids[name] = new_client(app_context, name, "Klient")
        _visit(salon, ids[name], datetime(2022, 1, 10, 10, 0))
    _visit(salon, ids["Ammune"], datetime(2015, 3, 2, 10, 0))
    _at(app_context, datetime(2025, 5, 6, 12, 0, tzinfo=UTC))
    app_context.services.appointments.book(AppointmentDraft(
        ids["Tagasi"], salon.staff["liis"], salon.catalogue["cut"],  # type: ignore[attr-defined]
        datetime(2025, 5, 7, 10, 0)))
    _at(app_context, datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    app_context.services.consents.set_restriction(ids["Piiratud"], True)
    app_context.services.requests.receive("access", ids["Taotlus"])
    ids["Uus"] = new_client(app_context, "Uus", "Klient")
    salon.ids = ids  # type: ignore[attr-defined]
    return salon


def test_review_lists_what_is_due(salon: Salon) -> None:
    review = salon.ctx.services.retention.review()
    ids = salon.ids  # type: ignore[attr-defined]
    assert review.inactive_before == date(2023, 11, 25) and review.inactive_years == 3
    assert [c.client_id for c in review.clients] == [ids["Ammune"], ids["Vana"]]
    assert review.clients[1].last_seen == date(2022, 1, 10)
    assert (review.expired_records, review.accounting_years) == (0, 7)
    assert any(e.action == "retention.review" and e.detail == "clients_due=2; records_due=0"
               for e in salon.ctx.services.audit.entries())


def test_erase_needs_confirmation_and_keeps_accounting(salon: Salon) -> None:
    services, ids = salon.ctx.services, salon.ids  # type: ignore[attr-defined]
    due = [c.client_id for c in services.retention.review().clients]
    with pytest.raises(ConfirmationRequired):
        services.retention.erase_clients(due)
    # "Uus" is not due and is skipped, whatever the caller passes.
    assert services.retention.erase_clients([*due, ids["Uus"]], confirmed=True) == 2
    db = services.ctx.db
    rows = db.query("SELECT started_at, keep_until, colour_formula FROM visits "
                    "WHERE client_id IS NULL ORDER BY started_at")
    # The 2015 visit's seven years are over: gone. The 2022 visit is kept until 2029.
    assert [(r["started_at"][:10], r["keep_until"], r["colour_formula"]) for r in rows] == [
        ("2022-01-10", "2029-12-31", None), ("2022-01-10", "2029-12-31", None)]
    assert services.retention.review().clients == ()
    assert services.clients.search("Uus").items[0].id == ids["Uus"]
    entry = next(e for e in services.audit.entries() if e.action == "retention.erase")
    assert entry.detail == "count=2; skipped=1"
    assert services.audit.verify().ok


def test_anonymise_keeps_every_visit_as_statistics(salon: Salon) -> None:
    services, ids = salon.ctx.services, salon.ids  # type: ignore[attr-defined]
    assert services.retention.anonymise_clients([ids["Ammune"]], confirmed=True) == 1
    rows = services.ctx.db.query("SELECT keep_until FROM visits WHERE client_id IS NULL")
    assert [r["keep_until"] for r in rows] == [None, None]
    assert services.retention.review().expired_records == 0


def test_expired_accounting_records_are_deleted_on_request(salon: Salon) -> None:
    services, ids = salon.ctx.services, salon.ids  # type: ignore[attr-defined]
    db = services.ctx.db
    with db.transaction():  # an erasure replayed from an old backup leaves expired ones
        db.execute("UPDATE visits SET client_id = NULL, anon_ref = 'anon-x', "
                   "keep_until = '2022-12-31' WHERE client_id = ? AND started_at < '2016'",
                   (ids["Ammune"],))
    review = services.retention.review()
    assert (review.expired_records, review.oldest_expired) == (1, date(2015, 3, 2))
    with pytest.raises(ConfirmationRequired):
        services.retention.delete_expired_records()
    assert services.retention.delete_expired_records(confirmed=True) == 1
    assert services.retention.review().expired_records == 0


def test_a_longer_period_and_a_comeback_take_clients_off_the_list(salon: Salon) -> None:
    services, ids = salon.ctx.services, salon.ids  # type: ignore[attr-defined]
    services.appointments.book(AppointmentDraft(ids["Vana"], salon.staff["liis"],
                                                salon.catalogue["cut"],  # type: ignore[attr-defined]
                                                datetime(2026, 11, 27, 10, 0)))
    assert [c.client_id for c in services.retention.review().clients] == [ids["Ammune"]]
    services.settings.set("retention_inactive_years", 5)
    assert services.retention.review().clients == ()


def test_only_the_manager(salon: Salon) -> None:
    salon.act_as(Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        salon.ctx.services.retention.review()
    with pytest.raises(PermissionDenied):
        salon.ctx.services.retention.erase_clients([1], confirmed=True)
