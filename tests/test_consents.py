"""The consent ledger: append-only proof of what each client agreed to, with which words,
how and by whom; withdrawal at once; the health section follows the Art. 9 consent."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.clients import HEALTH
from salon_desktop.domain.consents import Action, LegalBasis, Method, Purpose
from salon_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from salon_desktop.domain.roles import Role
from salon_desktop.services.clients import HealthConsentMissing
from salon_desktop.services.consents import ConsentService, HealthConsentStands
from salon_desktop.storage import clients_repo, consents_repo
from salon_desktop.storage.database import DbError
from tests.consent_helpers import add_client, add_visit
from tests.staff_helpers import add_all_roles, sign_in_as


@pytest.fixture
def client_id(app_context: AppContext) -> int:
    return add_client(app_context, "Õie", "Šmidt", email="oie@example.com", phone="5123 4567")


def _audit(ctx: AppContext, action: str) -> list[dict]:
    rows = ctx.services.ctx.db.query("SELECT * FROM audit_log WHERE action = ? ORDER BY id",
                                     (action,))
    return [dict(zip(r.keys(), tuple(r), strict=True)) for r in rows]


def test_give_records_wording_method_and_staff(app_context: AppContext, client_id: int) -> None:
    consents = app_context.services.consents
    event = consents.give(client_id, Purpose.EMAIL, Method.DESK)
    assert (event.action, event.legal_basis, event.method) == (
        Action.GIVEN, LegalBasis.CONSENT, Method.DESK)
    assert (event.wording_language, event.wording_version) == ("et", 1)
    assert event.wording_text is not None and "e-posti" in event.wording_text
    assert event.recorded_by == "Mari Juhataja"
    state = consents.state(client_id)
    assert state.detailed and state.stands(Purpose.EMAIL)
    assert not state.stands(Purpose.SMS)
    assert [p.purpose for p in state.purposes] == list(Purpose)
    email = state.get(Purpose.EMAIL)
    assert email is not None and email.method is Method.DESK and email.wording_version == 1
    assert state.receives_marketing(Purpose.EMAIL)
    [entry] = _audit(app_context, "consent.give")
    assert entry["record_type"] == "client" and entry["record_id"] == str(client_id)
    assert "purpose=email" in entry["detail"] and "Šmidt" not in entry["detail"]


def test_withdrawn_consent_stays_in_history_with_both_events(
        app_context: AppContext, client_id: int, clock: FakeClock) -> None:
    consents = app_context.services.consents
    consents.give(client_id, "sms", "paper")
    clock.advance(60)
    consents.withdraw(client_id, "sms", "phone")
    assert not consents.state(client_id).stands(Purpose.SMS)
    history = consents.history(client_id)
    assert [(e.purpose, e.action, e.method) for e in history] == [
        (Purpose.SMS, Action.WITHDRAWN, Method.PHONE), (Purpose.SMS, Action.GIVEN, Method.PAPER)]
    assert history[1].wording_text and history[0].wording_text is None
    assert history[0].recorded_at > history[1].recorded_at
    assert len(_audit(app_context, "consent.withdraw")) == 1


def test_the_ledger_offers_no_edit_or_delete(app_context: AppContext, client_id: int) -> None:
    names = {n for n, _ in inspect.getmembers(ConsentService, inspect.isfunction)}
    assert not {n for n in names if n.startswith(("update", "delete", "remove", "edit_event",
                                                  "change", "set_event"))}
    assert not [n for n in dir(consents_repo) if n.startswith(("update", "delete"))]
    app_context.services.consents.give(client_id, Purpose.PHOTOS, Method.DESK)
    db = app_context.services.ctx.db
    with pytest.raises(DbError, match="append-only"):
        db.execute("UPDATE consent_events SET action = 'withdrawn'")
    with pytest.raises(DbError, match="append-only"):
        db.execute("DELETE FROM consent_events")
    with pytest.raises(DbError, match="append-only"):
        db.execute("UPDATE consent_wordings SET text = 'something else'")
    with pytest.raises(DbError, match="append-only"):
        db.execute("DELETE FROM consent_wordings")
    # The client cannot be deleted from under its proof either (erasure goes through
    # consents_repo.erase_client first).
    with pytest.raises(DbError):
        db.execute("DELETE FROM clients WHERE id = ?", (client_id,))
    assert len(app_context.services.consents.history(client_id)) == 1


def test_erasure_is_the_one_way_to_delete_events(app_context: AppContext,
                                                 client_id: int) -> None:
    consents = app_context.services.consents
    consents.give(client_id, Purpose.EMAIL, Method.DESK)
    consents.withdraw(client_id, Purpose.EMAIL, Method.DESK)
    db = app_context.services.ctx.db
    assert consents_repo.erase_client(db, client_id) == 2
    assert consents.history(client_id) == ()
    assert db.scalar("SELECT count(*) FROM consent_erasure") == 0


def test_client_erasure_takes_the_ledger_with_it(app_context: AppContext,
                                                 client_id: int) -> None:
    from salon_desktop.storage import erasure

    consents = app_context.services.consents
    consents.give(client_id, Purpose.HEALTH, Method.PAPER)
    consents.give(client_id, Purpose.EMAIL, Method.PAPER)
    db = app_context.services.ctx.db
    assert erasure.erase_client_data(db, client_id)
    assert db.scalar("SELECT count(*) FROM consent_events") == 0
    assert db.scalar("SELECT count(*) FROM consent_wordings") > 0  # wordings are the salon's


def test_repeats_record_nothing(app_context: AppContext, client_id: int) -> None:
    consents = app_context.services.consents
    first = consents.give(client_id, Purpose.EMAIL, Method.DESK)
    assert consents.give(client_id, Purpose.EMAIL, Method.SCREEN).id == first.id
    withdrawn = consents.withdraw(client_id, Purpose.EMAIL, Method.DESK)
    assert consents.withdraw(client_id, Purpose.EMAIL, Method.MESSAGE).id == withdrawn.id
    again = consents.give(client_id, Purpose.EMAIL, Method.PHONE)
    assert again.id > withdrawn.id and consents.state(client_id).stands(Purpose.EMAIL)
    assert len(consents.history(client_id)) == 3


def test_a_message_can_only_withdraw(app_context: AppContext, client_id: int) -> None:
    consents = app_context.services.consents
    with pytest.raises(ValidationError) as error:
        consents.give(client_id, Purpose.EMAIL, Method.MESSAGE)
    assert error.value.field == "method"
    with pytest.raises(ValidationError):
        consents.give(client_id, "newsletter", "desk")
    assert consents.withdraw(client_id, Purpose.EMAIL, Method.MESSAGE).method is Method.MESSAGE


def test_unknown_client(app_context: AppContext) -> None:
    with pytest.raises(NotFound):
        app_context.services.consents.give(999, Purpose.EMAIL, Method.DESK)
    with pytest.raises(NotFound):
        app_context.services.consents.state(999)


def test_wording_edits_are_new_versions_and_old_ones_stay(app_context: AppContext,
                                                          client_id: int) -> None:
    consents = app_context.services.consents
    old = consents.give(client_id, Purpose.PHOTOS, Method.DESK)
    edited = consents.edit_wording(Purpose.PHOTOS, "et", "Olen nõus fotodega.  \n")
    assert (edited.version, edited.text, edited.created_by) == (2, "Olen nõus fotodega.",
                                                                "Mari Juhataja")
    assert consents.edit_wording(Purpose.PHOTOS, "et", "Olen nõus fotodega.").version == 2
    assert consents.current_wording(Purpose.PHOTOS, "et").version == 2
    assert consents.current_wording(Purpose.PHOTOS, "ru").version == 1
    versions = [(w.language, w.version) for w in consents.wordings(Purpose.PHOTOS)]
    assert ("et", 1) in versions and ("et", 2) in versions
    new = consents.give(client_id, Purpose.PHOTOS, Method.DESK)  # re-consent to v2
    assert new.id != old.id and new.wording_version == 2
    history = {e.id: e for e in consents.history(client_id)}
    assert history[old.id].wording_text == old.wording_text != "Olen nõus fotodega."
    assert history[new.id].wording_text == "Olen nõus fotodega."
    with pytest.raises(ValidationError):
        consents.edit_wording(Purpose.PHOTOS, "et", "   ")
    with pytest.raises(ValidationError):
        consents.edit_wording(Purpose.HEALTH, "de", "Text")
    assert _audit(app_context, "consent.wording_edit")[0]["detail"] == "version=2"


def test_wording_follows_the_clients_language(app_context: AppContext) -> None:
    olga = add_client(app_context, "Ольга", "Иванова", language="ru")
    event = app_context.services.consents.give(olga, Purpose.BIRTHDAY, Method.PHONE)
    assert event.wording_language == "ru"
    assert event.wording_text is not None and "днём рождения" in event.wording_text


def test_existing_customer_exception(app_context: AppContext, client_id: int) -> None:
    consents = app_context.services.consents
    with pytest.raises(ValidationError, match="booked or bought"):
        consents.give(client_id, Purpose.EMAIL, Method.DESK, LegalBasis.EXISTING_CUSTOMER)
    add_visit(app_context, client_id)
    with pytest.raises(ValidationError, match="only marketing by e-mail and by SMS"):
        consents.give(client_id, Purpose.BIRTHDAY, Method.DESK, LegalBasis.EXISTING_CUSTOMER)
    event = consents.give(client_id, Purpose.EMAIL, Method.DESK, LegalBasis.EXISTING_CUSTOMER)
    assert event.legal_basis is LegalBasis.EXISTING_CUSTOMER
    assert event.wording_text is not None and "sarnaste teenuste" in event.wording_text
    state = consents.state(client_id).get(Purpose.EMAIL)
    assert state is not None and state.stands
    assert state.legal_basis is LegalBasis.EXISTING_CUSTOMER
    # The opt-out ends it, and the exception never applies again; consent still can.
    out = consents.withdraw(client_id, Purpose.EMAIL, Method.MESSAGE)
    assert out.legal_basis is LegalBasis.EXISTING_CUSTOMER
    with pytest.raises(ValidationError, match="said no"):
        consents.give(client_id, Purpose.EMAIL, Method.DESK, LegalBasis.EXISTING_CUSTOMER)
    assert consents.give(client_id, Purpose.EMAIL, Method.DESK).legal_basis is \
        LegalBasis.CONSENT
    # A "no" at collection, before anything stood, blocks the exception too.
    consents.withdraw(client_id, Purpose.SMS, Method.DESK)
    with pytest.raises(ValidationError, match="said no"):
        consents.give(client_id, Purpose.SMS, Method.DESK, LegalBasis.EXISTING_CUSTOMER)


def test_roles(app_context: AppContext, client_id: int) -> None:
    add_all_roles(app_context)
    consents = app_context.services.consents
    consents.give(client_id, Purpose.HEALTH, Method.PAPER)
    consents.give(client_id, Purpose.EMAIL, Method.PAPER)

    sign_in_as(app_context, Role.STYLIST)
    state = consents.state(client_id)
    assert not state.detailed and state.restricted is None
    assert [(p.purpose, p.stands, p.method, p.recorded_by) for p in state.purposes] == [
        (Purpose.HEALTH, True, None, None)]
    assert consents.health_consent_stands(client_id)
    for forbidden in (lambda: consents.history(client_id),
                      lambda: consents.give(client_id, Purpose.SMS, Method.DESK),
                      lambda: consents.withdraw(client_id, Purpose.EMAIL, Method.DESK),
                      lambda: consents.wordings(Purpose.EMAIL)):
        with pytest.raises(PermissionDenied):
            forbidden()

    sign_in_as(app_context, Role.RECEPTION)
    assert consents.state(client_id).detailed
    assert consents.withdraw(client_id, Purpose.EMAIL, Method.DESK).recorded_by == "Kati"
    assert len(consents.history(client_id)) == 3
    consents.record_objection(client_id, True)
    with pytest.raises(PermissionDenied):
        consents.edit_wording(Purpose.EMAIL, "et", "Uus tekst")
    with pytest.raises(PermissionDenied):
        consents.set_restriction(client_id, True)


def test_health_section_follows_the_art9_consent(app_context: AppContext,
                                                 client_id: int) -> None:
    services = app_context.services
    consents, health = services.consents, services.client_health
    assert not consents.health_consent_stands(client_id)
    with pytest.raises(HealthConsentMissing):
        health.set_health(client_id, "Nikkel", None)
    assert HEALTH not in services.clients.get_card(client_id).masked_fields

    consents.give(client_id, Purpose.HEALTH, Method.PAPER)
    assert consents.health_consent_stands(client_id)
    assert health.set_health(client_id, "Nikkel", None) == ("allergies",)
    card = services.clients.get_card(client_id)
    assert card.health_consent is not None and card.health_consent.given
    assert HEALTH in card.masked_fields
    with pytest.raises(HealthConsentStands):
        consents.erase_health_data(client_id)

    consents.withdraw(client_id, Purpose.HEALTH, Method.DESK)
    assert not consents.health_consent_stands(client_id)
    with pytest.raises(HealthConsentMissing):
        health.set_health(client_id, "Nikkel, lateks", None)
    card = services.clients.get_card(client_id)
    assert HEALTH not in card.masked_fields  # no more entry fields on the card
    assert consents.has_health_data(client_id)
    consents.erase_health_data(client_id)
    assert not consents.has_health_data(client_id)
    [entry] = _audit(app_context, "health.erase")
    assert entry["fields"] == "allergies,contraindications,patch_tests"


def test_the_old_yes_no_becomes_ledger_events(app_context: AppContext,
                                              client_id: int) -> None:
    """Migration 3's health consent columns mirror the ledger; a direct write of them (the
    health service before it calls ConsentService) lands in the ledger too."""
    services = app_context.services
    services.client_health.record_health_consent(client_id, True)
    [event] = services.consents.history(client_id)
    assert (event.purpose, event.action, event.method) == (
        Purpose.HEALTH, Action.GIVEN, Method.SCREEN)
    assert event.wording_version is None  # the wording shown was not recorded
    services.consents.withdraw(client_id, Purpose.HEALTH, Method.PHONE)
    row = clients_repo.get(services.ctx.db, client_id)
    assert row is not None and row["health_consent"] == 0
    assert len(services.consents.history(client_id)) == 2


def test_paper_form_records_the_versions_it_showed(app_context: AppContext, client_id: int,
                                                   tmp_path: Path) -> None:
    consents = app_context.services.consents
    form = consents.consent_form(client_id, tmp_path / "form.pdf")
    assert (tmp_path / "form.pdf").stat().st_size > 0
    assert form.language == "et" and set(form.versions) == set(Purpose)
    consents.edit_wording(Purpose.EMAIL, "et", "Uus e-posti sõnastus.")
    events = consents.record_form(form, [Purpose.EMAIL, "health"])
    assert [(e.purpose, e.method, e.wording_version) for e in events] == [
        (Purpose.EMAIL, Method.PAPER, 1), (Purpose.HEALTH, Method.PAPER, 1)]
    assert consents.health_consent_stands(client_id)
    assert len(_audit(app_context, "consent.form_printed")) == 1


def test_a_failed_form_write_records_nothing(app_context: AppContext, client_id: int,
                                             tmp_path: Path) -> None:
    from salon_desktop.reports.recovery_sheet import ReportNotSaved

    with pytest.raises(ReportNotSaved):
        app_context.services.consents.consent_form(client_id, tmp_path / "gone" / "f.pdf")
    assert _audit(app_context, "consent.form_printed") == []


def test_objection_and_restriction_show_in_the_state(app_context: AppContext,
                                                     client_id: int) -> None:
    consents = app_context.services.consents
    consents.give(client_id, Purpose.EMAIL, Method.DESK)
    consents.record_objection(client_id, True)
    state = consents.state(client_id)
    assert state.objecting and state.stands(Purpose.EMAIL)
    assert not state.receives_marketing(Purpose.EMAIL)
    consents.record_objection(client_id, False)
    consents.set_restriction(client_id, True)
    assert consents.state(client_id).restricted
    assert _audit(app_context, "client.restriction")[0]["fields"] == "restricted"
