"""Restriction (GDPR Art. 18) and objection (Art. 21): both take the client off every
marketing list; a restriction also stops changes and new bookings by anyone but the manager,
while the card can still be viewed (audited), bookings cancelled and consents withdrawn."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentDraft
from salon_desktop.domain.clients import PatchTestDraft
from salon_desktop.domain.rights import ProcessingRestricted
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import VisitDraft
from tests.clients_helpers import Salon, make_salon
from tests.rights_helpers import flat, pdf_text, rich_client


@pytest.fixture
def salon(app_context: AppContext) -> Salon:
    return make_salon(app_context)


def test_restriction_and_objection_take_the_client_off_marketing_lists(salon: Salon) -> None:
    services = salon.ctx.services
    oie = rich_client(salon, "et")
    olga = rich_client(salon, "ru")
    for client_id in (oie.id, olga.id):
        services.consents.give(client_id, "sms", "desk")
        services.consents.give(client_id, "birthday", "desk")
    assert {r.client_id for r in services.marketing.email_list()} == {oie.id, olga.id}
    services.consents.set_restriction(oie.id, True)
    services.consents.record_objection(olga.id, True)
    assert services.marketing.email_list() == ()
    assert services.marketing.sms_list() == ()
    assert services.marketing.birthday_list(366) == ()
    services.consents.set_restriction(oie.id, False)
    assert [r.client_id for r in services.marketing.email_list()] == [oie.id]


def test_restricted_card_is_viewed_not_changed(salon: Salon) -> None:
    services = salon.ctx.services
    client = rich_client(salon, "et")
    services.consents.set_restriction(client.id, True)
    catalogue = salon.catalogue  # type: ignore[attr-defined]
    salon.act_as(Role.RECEPTION)
    assert services.clients.get_card(client.id).first_name == client.values["first"]
    with pytest.raises(ProcessingRestricted):
        services.clients.update(client.id, {"preferences": "Tee"})
    with pytest.raises(ProcessingRestricted):
        services.appointments.book(AppointmentDraft(client.id, salon.staff["liis"],
                                                    catalogue["cut"],
                                                    datetime(2026, 11, 30, 12, 0)))
    booking = services.appointments.day(datetime(2026, 11, 27).date()).appointments[0]
    with pytest.raises(ProcessingRestricted):
        services.appointments.move(booking.id, datetime(2026, 11, 27, 15, 0))
    services.appointments.cancel(booking.id)           # cancelling stays possible
    services.consents.withdraw(client.id, "email", "desk")  # and so does withdrawing
    salon.act_as(Role.STYLIST)
    with pytest.raises(ProcessingRestricted):
        services.visits.record(VisitDraft(client.id, datetime(2026, 11, 25, 10, 0),
                                          salon.staff["liis"], (catalogue["cut"],)))
    with pytest.raises(ProcessingRestricted):
        services.client_health.set_health(client.id, "Uus allergia", None)
    with pytest.raises(ProcessingRestricted):
        services.client_health.add_patch_test(client.id, PatchTestDraft(
            "Wella", datetime(2026, 11, 25, 10, 0)))
    salon.act_as(Role.ADMIN)  # the manager handling the request may rectify and book
    assert services.clients.update(client.id, {"preferences": "Tee"}) == ("preferences",)
    services.appointments.book(AppointmentDraft(client.id, salon.staff["liis"],
                                                catalogue["cut"], datetime(2026, 11, 30, 12, 0)))
    views = [e for e in services.audit.entries()
             if e.action == "client.view" and e.staff_role == "reception"]
    assert len(views) == 1


def test_the_report_says_what_is_in_force(salon: Salon, tmp_path: Path) -> None:
    services = salon.ctx.services
    client = rich_client(salon, "et")
    services.consents.set_restriction(client.id, True)
    services.consents.record_objection(client.id, True)
    services.data_subject.save_access_report(client.id, tmp_path / "r.pdf")
    text = flat(pdf_text(tmp_path / "r.pdf"))
    assert "Töötlemise piiramine" in text and "Vastuväide turundusele" in text
    assert "Töötlemise piiramist muudeti" in text  # and the history shows it
