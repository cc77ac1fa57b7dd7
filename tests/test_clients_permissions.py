"""Role × field on list items and cards: what a role may not see never leaves the service.

A stylist never receives phone, e-mail, address or birth date; reception sees the health flag
but not the details; opening a card and revealing a masked field are audited by field name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientCard, ClientListItem, PatchTestDraft, PatchTestResult
from salon_desktop.domain.errors import PermissionDenied
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import VisitDraft
from salon_desktop.services.client_health import HealthDataOff
from salon_desktop.services.clients import HealthConsentMissing
from tests.clients_helpers import Salon, add_catalogue, make_salon, new_client

A, R, S = Role.ADMIN, Role.RECEPTION, Role.STYLIST
BIRTH = "1984-03-12"


@dataclass
class World:
    salon: Salon
    client_id: int
    other_id: int


@pytest.fixture
def world(app_context: AppContext) -> World:
    ctx = app_context
    salon = make_salon(ctx)
    client_id = new_client(ctx, "Õie", "Šmidt", phone="+372 5123 4567",
                           email="oie@example.com", birth_date=BIRTH, address="Pärnu mnt 1",
                           preferences="Kohv ilma suhkruta", notes="Tundlik peanahk",
                           favourite_stylist_id=salon.staff["liis"])
    other_id = new_client(ctx, "Mari", "Tamm", phone="+372 5234 5678")
    salon.act_as(R)
    ctx.services.client_health.record_health_consent(client_id, True)
    salon.act_as(S)
    ctx.services.client_health.set_health(client_id, "Nikkel", "Rasedus")
    ctx.services.client_health.add_patch_test(client_id, PatchTestDraft(
        "Igora 7/1", datetime(2026, 11, 20, 10, 0), PatchTestResult.NEGATIVE, date(2027, 5, 1)))
    salon.act_as(A)
    return World(salon, client_id, other_id)


def _item(world: World) -> ClientListItem:
    page = world.salon.ctx.services.clients.search("šmidt")
    assert len(page.items) == 1
    return page.items[0]


def _card(world: World) -> ClientCard:
    return world.salon.ctx.services.clients.get_card(world.client_id)


#: field → (how to read it, roles that receive it)
FIELDS = {
    "list.phone": (lambda w: _item(w).phone, {A, R}),
    "list.email": (lambda w: _item(w).email, {A, R}),
    "list.name": (lambda w: _item(w).last_name, {A, R, S}),
    "card.phone": (lambda w: _card(w).phone, {A, R}),
    "card.email": (lambda w: _card(w).email, {A, R}),
    "card.address": (lambda w: _card(w).address, {A, R}),
    "card.birth_date (masked)": (lambda w: "birth_date" in _card(w).masked_fields, {A, R}),
    "card.preferences": (lambda w: _card(w).preferences, {A, R, S}),
    "card.favourite_stylist": (lambda w: _card(w).favourite_stylist, {A, R, S}),
    "card.notes": (lambda w: _card(w).notes, {A, R, S}),
    "card.health_consent": (lambda w: _card(w).health_consent, {A, R, S}),
    "card.health_flags": (lambda w: _card(w).health_flags, {A, R, S}),
    "card.health (masked)": (lambda w: "health" in _card(w).masked_fields, {A, S}),
}
VISIBLE_NAMES = {"phone": {A, R}, "email": {A, R}, "address": {A, R}, "birth_date": {A, R},
                 "health": {A, S}, "health_flags": {A, R, S}, "first_name": {A, R, S},
                 "notes": {A, R, S}}


@pytest.mark.parametrize("role", [A, R, S])
def test_role_by_field(world: World, role: Role) -> None:
    world.salon.act_as(role)
    for name, (read, roles) in FIELDS.items():
        value = read(world)
        if role in roles:
            assert value not in (None, False), f"{role} should receive {name}"
        else:
            assert value in (None, False), f"{role} must not receive {name}"
    card = _card(world)
    item = _item(world)
    for name, roles in VISIBLE_NAMES.items():
        assert (name in card.visible_fields) == (role in roles), (role, name)
    assert ("phone" in item.visible_fields) == (role in {A, R})


def test_stylist_objects_carry_no_contact_anywhere(world: World) -> None:
    world.salon.act_as(S)
    card = _card(world)
    blob = repr(card) + repr(_item(world)) + repr(world.salon.ctx.services.clients.search(""))
    for secret in ("5123", "oie@example.com", "Pärnu", "1984", "Nikkel", "Igora"):
        assert secret not in blob
    with pytest.raises(PermissionDenied):
        world.salon.ctx.services.clients.reveal(world.client_id, "birth_date")


def test_reception_sees_flags_not_details(world: World) -> None:
    world.salon.act_as(R)
    flags = _card(world).health_flags
    assert flags is not None
    assert flags.allergy_on_file and flags.contraindication_on_file
    assert flags.patch_test_valid_until == date(2027, 5, 1)
    assert "Nikkel" not in repr(_card(world))
    with pytest.raises(PermissionDenied):
        world.salon.ctx.services.clients.reveal(world.client_id, "health")
    assert world.salon.ctx.services.clients.reveal(world.client_id, "birth_date") == date(
        1984, 3, 12)


def test_reveal_and_view_are_audited_by_field_name(world: World) -> None:
    ctx = world.salon.ctx
    world.salon.act_as(S)
    health = ctx.services.clients.reveal(world.client_id, "health")
    assert health.allergies == "Nikkel" and health.contraindications == "Rasedus"
    assert [p.product for p in health.patch_tests] == ["Igora 7/1"]
    world.salon.act_as(R)
    ctx.services.clients.get_card(world.client_id)
    ctx.services.clients.reveal(world.client_id, "birth_date")
    assert ctx.vault is not None
    rows = ctx.vault.db.query("SELECT action, staff_role, fields, detail FROM audit_log WHERE "
                              "action IN ('client.view', 'client.reveal') ORDER BY id")
    assert [(r["action"], r["staff_role"]) for r in rows[-3:]] == [
        ("client.reveal", "stylist"), ("client.view", "reception"),
        ("client.reveal", "reception")]
    assert rows[-3]["fields"] == "health" and rows[-1]["fields"] == "birth_date"
    everything = " ".join(" ".join(map(str, tuple(r)))
                          for r in ctx.vault.db.query("SELECT * FROM audit_log"))
    for value in ("Nikkel", "1984-03-12", "5123", "oie@example.com", "Šmidt", "Igora"):
        assert value not in everything


def test_no_health_section_without_consent(world: World) -> None:
    ctx = world.salon.ctx
    world.salon.act_as(S)
    card = ctx.services.clients.get_card(world.other_id)
    assert card.health_flags is None and "health" not in card.masked_fields
    with pytest.raises(HealthConsentMissing):
        ctx.services.clients.reveal(world.other_id, "health")
    with pytest.raises(HealthConsentMissing):
        ctx.services.client_health.set_health(world.other_id, "Nikkel", None)
    world.salon.act_as(R)
    ctx.services.client_health.record_health_consent(world.client_id, False)
    world.salon.act_as(S)
    card = ctx.services.clients.get_card(world.client_id)
    assert card.health_consent is not None and not card.health_consent.given
    assert card.health_flags is None and "health" not in card.masked_fields


def test_salon_setting_hides_health_entirely(world: World) -> None:
    ctx = world.salon.ctx
    ctx.services.settings.set("store_health_data", False)
    for role in (A, R, S):
        world.salon.act_as(role)
        card = _card(world)
        assert card.health_flags is None and card.health_consent is None
        assert not {"health", "health_flags", "health_consent"} & card.visible_fields
    world.salon.act_as(S)
    with pytest.raises(PermissionDenied):
        ctx.services.clients.reveal(world.client_id, "health")
    with pytest.raises(HealthDataOff):
        ctx.services.client_health.set_health(world.client_id, "x", None)


def test_stylists_see_only_their_own_clients_when_set(world: World) -> None:
    ctx = world.salon.ctx
    services = add_catalogue(ctx)
    ctx.services.visits.record(VisitDraft(world.client_id, datetime(2026, 11, 2, 10, 0),
                                          world.salon.staff["liis"], (services["cut"],)))
    world.salon.act_as(S)
    assert ctx.services.clients.search("").total == 2
    world.salon.act_as(A)
    ctx.services.settings.set("stylists_see_own_clients_only", True)
    world.salon.act_as(S)
    page = ctx.services.clients.search("")
    assert [i.id for i in page.items] == [world.client_id] and page.total == 1
    assert ctx.services.clients.search("tamm").items == ()
    assert ctx.services.clients.search("tamm").total == 0
    ctx.services.clients.get_card(world.client_id)
    with pytest.raises(PermissionDenied):
        ctx.services.clients.get_card(world.other_id)
    world.salon.act_as(R)  # reception is not restricted
    assert ctx.services.clients.search("").total == 2


def test_writes_need_the_field_permission(world: World) -> None:
    ctx = world.salon.ctx
    world.salon.act_as(S)
    with pytest.raises(PermissionDenied):
        ctx.services.clients.update(world.client_id, {"phone": "+372 5555 5555"})
    assert ctx.services.clients.update(world.client_id, {"preferences": "Tee"}) == (
        "preferences",)
    world.salon.act_as(R)
    with pytest.raises(PermissionDenied):
        ctx.services.client_health.set_health(world.client_id, "x", None)
