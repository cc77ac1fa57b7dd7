"""The client card: validation that names the field and says what is wrong (translated, never
echoing what was typed), duplicates offered instead of a new card, edits audited by field
name, visits newest first."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.validation import ValidationFailed
from salon_desktop.domain.visits import VisitDraft
from salon_desktop.i18n import get_translator
from tests.clients_helpers import add_catalogue, make_salon, new_client


def test_create_normalises_and_reads_back(app_context: AppContext) -> None:
    clients = app_context.services.clients
    result = clients.create(ClientDraft(" Õie ", "Šmidt", phone="5123 4567",
                                        email="Oie.Smidt@Example.COM", birth_date="12.03.1984",
                                        language="ru"))
    assert result.client_id is not None and result.duplicates == ()
    card = clients.get_card(result.client_id)
    assert (card.first_name, card.phone, card.email, card.language) == (
        "Õie", "+37251234567", "Oie.Smidt@example.com", "ru")
    assert clients.reveal(result.client_id, "birth_date") == date(1984, 3, 12)


def test_every_bad_field_is_reported_at_once(app_context: AppContext) -> None:
    draft = ClientDraft("", "x" * 101, phone="12", email="not-an-address",
                        birth_date="2031-01-01", language="de")
    with pytest.raises(ValidationFailed) as caught:
        app_context.services.clients.create(draft)
    errors = {e.field: e for e in caught.value.errors}
    assert set(errors) == {"first_name", "last_name", "phone", "email", "birth_date",
                           "language"}
    et = get_translator("et")
    for error in errors.values():
        message = error.user_message(et)
        assert message and message != error.msgid_used  # translated
        for typed in ("not-an-address", "2031", "xxxxxxxx"):
            assert typed not in str(error) and typed not in repr(error.params)


@pytest.mark.parametrize(("field", "value"), [
    ("first_name", "Ma\u202eri"), ("last_name", "Tamm\x00"), ("birth_date", "1899-12-31"),
    ("birth_date", "31.02.1990"), ("phone", "+372 12"), ("email", "a@b"),
])
def test_single_field_errors(app_context: AppContext, field: str, value: str) -> None:
    values = {"first_name": "Mari", "last_name": "Tamm", field: value}
    with pytest.raises(ValidationError) as caught:
        app_context.services.clients.create(ClientDraft(**values))  # type: ignore[arg-type]
    assert caught.value.field == field


def test_duplicates_are_offered_instead(app_context: AppContext) -> None:
    clients = app_context.services.clients
    first = new_client(app_context, "Õie", "Šmidt", phone="+372 5123 4567",
                       email="oie@example.com", birth_date="1984-03-12")
    by_phone = clients.create(ClientDraft("Other", "Person", phone="51234567"))
    by_email = clients.create(ClientDraft("Other", "Person", email="OIE@example.com"))
    by_name = clients.create(ClientDraft("Oie", "Smidt", birth_date="1984-03-12"))
    swapped = clients.create(ClientDraft("Šmidt", "Õie", birth_date="1984-03-12"))
    for result in (by_phone, by_email, by_name, swapped):
        assert result.client_id is None
        assert [d.id for d in result.duplicates] == [first]
    other_birthday = clients.create(ClientDraft("Oie", "Smidt", birth_date="1985-03-12"))
    assert other_birthday.client_id is not None
    forced = clients.create(ClientDraft("Other", "Person", phone="51234567"), force=True)
    assert forced.client_id is not None
    assert clients.search("").total == 3


def test_update_audits_changed_field_names_only(app_context: AppContext) -> None:
    clients = app_context.services.clients
    client_id = new_client(app_context, "Mari", "Tamm", phone="+372 5123 4567")
    changed = clients.update(client_id, {"phone": "5123 4567", "email": "mari@example.com",
                                         "last_name": "Tamm"})
    assert changed == ("email",)  # same phone in another form, same name: unchanged
    assert clients.update(client_id, {"email": "mari@example.com"}) == ()
    assert app_context.vault is not None
    row = app_context.vault.db.query_one("SELECT fields FROM audit_log WHERE action = "
                                         "'client.update' ORDER BY id DESC")
    assert row is not None and row["fields"] == "email"
    with pytest.raises(ValidationFailed) as caught:
        clients.update(client_id, {"email": "broken@", "first_name": "Maria"})
    assert caught.value.field == "email"
    assert clients.get_card(client_id).first_name == "Mari"  # nothing half-written


def test_favourite_stylist_and_visit_history(app_context: AppContext) -> None:
    salon = make_salon(app_context)
    services = add_catalogue(app_context)
    liis = salon.staff["liis"]
    client_id = new_client(app_context, "Mari", "Tamm", favourite_stylist_id=liis)
    visits = app_context.services.visits
    older = visits.record(VisitDraft(client_id, datetime(2026, 10, 1, 10, 0), liis,
                                     (services["colour"],), colour_formula="7/1 + 6% 30 vol"))
    newer = visits.record(VisitDraft(client_id, datetime(2026, 11, 2, 14, 30), liis,
                                     (services["cut"], services["colour"]), price_cents=100_00,
                                     notes="Lühem"))
    card = app_context.services.clients.get_card(client_id)
    assert card.favourite_stylist == "Liis"
    assert [v.id for v in card.recent_visits] == [newer, older] and card.visit_count == 2
    latest = card.recent_visits[0]
    assert [line.name for line in latest.lines] == ["Lõikus", "Värvimine"]
    assert latest.price_cents == 100_00 and latest.stylist == "Liis"
    assert card.recent_visits[1].price_cents == 85_00
    assert card.recent_visits[1].colour_formula == "7/1 + 6% 30 vol"
    assert [v.id for v in visits.history(client_id, limit=1, offset=1)] == [older]
    with pytest.raises(ValidationError) as caught:
        visits.record(VisitDraft(client_id, datetime(2026, 11, 3, 10, 0), liis, ()))
    assert caught.value.field == "service_ids"
    with pytest.raises(ValidationError):
        app_context.services.clients.update(client_id, {"favourite_stylist_id": 999})
