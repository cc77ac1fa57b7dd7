"""Hostile names and free text through the client and visit services, and the search box.

Any Unicode in names, notes, preferences, addresses and visit notes (property-based), lone
surrogates, a 100 KB note, SQL and FTS5 syntax: stored exactly in the normal form or refused
clearly, never half-written, and found again by search. The generators, the oracle and the
checks are in ``tests/hostile_helpers.py`` (its docstring states the whole contract).
"""

from __future__ import annotations

import contextlib
from datetime import datetime

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import EDITABLE_FIELDS, ClientDraft
from salon_desktop.domain.errors import SalonError
from salon_desktop.domain.validation import ADDRESS_MAX, TEXT_MAX, ValidationFailed
from salon_desktop.domain.visits import VisitDraft
from salon_desktop.i18n import get_translator
from tests.clients_helpers import Salon
from tests.hostile_helpers import (
    PROPERTY,
    assert_clear,
    counts,
    expected_name,
    expected_text,
    find,
    hostile_salon,
    names,
    salon_client,
    searchable,
    texts,
)


@pytest.fixture
def salon(app_context: AppContext) -> Salon:
    return hostile_salon(app_context)


# -- clients ---------------------------------------------------------------------------
@PROPERTY
@given(first=names(), last=names(), notes=texts(200), preferences=texts(200),
       address=texts(120))
def test_any_client_text_is_kept_exactly_or_refused(salon: Salon, first: str, last: str,
                                                     notes: str, preferences: str,
                                                     address: str) -> None:
    ctx = salon.ctx
    before = counts(ctx)
    want_first, want_last = expected_name(first), expected_name(last)
    notes_ok, want_notes = expected_text(notes)
    prefs_ok, want_prefs = expected_text(preferences)
    address_ok, want_address = expected_text(address, ADDRESS_MAX)
    bad = {f for f, ok in (("first_name", want_first is not None),
                           ("last_name", want_last is not None), ("notes", notes_ok),
                           ("preferences", prefs_ok), ("address", address_ok)) if not ok}
    draft = ClientDraft(first, last, notes=notes, preferences=preferences, address=address)
    try:
        created = ctx.services.clients.create(draft, force=True)
    except ValidationFailed as error:
        event("refused")
        assert {e.field for e in error.errors} == bad
        assert_clear(error, EDITABLE_FIELDS, [first, last, notes, preferences, address])
        assert counts(ctx) == before, "a refused client left something behind"
        return
    assert not bad, f"accepted although {bad} should be refused"
    event("stored")
    client_id = created.client_id
    assert client_id is not None
    card = ctx.services.clients.get_card(client_id)
    assert (card.first_name, card.last_name) == (want_first, want_last)
    assert (card.notes, card.preferences, card.address) == (want_notes, want_prefs,
                                                            want_address)
    clients, visits, audit = counts(ctx)
    assert (clients, visits, audit) == (before[0] + 1, before[1], before[2] + 2)
    full_name = f"{card.first_name} {card.last_name}"
    if searchable(full_name):
        assert find(ctx, full_name, client_id), full_name


@PROPERTY
@given(field=st.sampled_from(["first_name", "last_name", "notes", "preferences", "address"]),
       value=texts(150))
def test_any_edit_is_kept_exactly_or_refused(salon: Salon, field: str, value: str) -> None:
    ctx = salon.ctx
    client_id = ctx.services.clients.create(ClientDraft("Muudetav", "Klient"),
                                            force=True).client_id
    assert client_id is not None
    before_card = ctx.services.clients.get_card(client_id)
    before = counts(ctx)
    if field in ("first_name", "last_name"):
        want: str | None = expected_name(value)
        ok = want is not None
    else:
        ok, want = expected_text(value, ADDRESS_MAX if field == "address" else TEXT_MAX)
    try:
        changed = ctx.services.clients.update(client_id, {field: value})
    except ValidationFailed as error:
        event("refused")
        assert not ok and [e.field for e in error.errors] == [field]
        assert_clear(error, {field}, [value])
        assert counts(ctx) == before
        assert ctx.services.clients.get_card(client_id) == before_card
        return
    assert ok, f"{field} accepted although it should be refused"
    event("stored")
    card = ctx.services.clients.get_card(client_id)
    assert getattr(card, field) == want
    assert counts(ctx)[2] == before[2] + (1 if changed else 0) + 1  # update + view


@PROPERTY
@given(notes=texts(300), formula=texts(300))
def test_any_visit_note_is_kept_exactly_or_refused(salon: Salon, notes: str,
                                                   formula: str) -> None:
    ctx = salon.ctx
    client_id = salon_client(salon)
    before = counts(ctx)
    notes_ok, want_notes = expected_text(notes)
    formula_ok, want_formula = expected_text(formula, 1000)
    draft = VisitDraft(client_id, datetime(2026, 11, 20, 10, 0), salon.staff["liis"],
                       (salon.catalogue["cut"],), notes=notes,  # type: ignore[attr-defined]
                       colour_formula=formula)
    try:
        visit_id = ctx.services.visits.record(draft)
    except ValidationFailed as error:
        event("refused")
        assert {e.field for e in error.errors} == {
            f for f, ok in (("notes", notes_ok), ("colour_formula", formula_ok)) if not ok}
        assert_clear(error, {"notes", "colour_formula"}, [notes, formula])
        assert counts(ctx) == before
        return
    assert notes_ok and formula_ok
    event("stored")
    [visit] = [v for v in ctx.services.visits.history(client_id) if v.id == visit_id]
    assert (visit.notes, visit.colour_formula) == (want_notes, want_formula)
    assert counts(ctx)[1:] == (before[1] + 1, before[2] + 1)


# -- search ----------------------------------------------------------------------------
@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_categories=()), max_size=60))
def test_search_never_fails(salon: Salon, text: str) -> None:
    """Whatever is typed or pasted into the search box, lone surrogates and NUL included
    (a NUL once ended the FTS5 expression early: "unterminated string"; a surrogate could
    not be encoded for SQLite)."""
    page = salon.ctx.services.clients.search(text, limit=20)
    assert page.total is not None and page.total >= len(page.items)


# -- named cases ---------------------------------------------------------------------------
def test_lone_surrogates_are_refused_clearly_everywhere(salon: Salon) -> None:
    """SQLite stores UTF-8, which cannot hold a lone surrogate: refused at the form with
    the same words as other invisible characters, in every field, nothing written."""
    ctx = salon.ctx
    visitor = salon_client(salon)
    before = counts(ctx)
    bad = "Ma\ud83dri"
    says = {"first_name": "invisible", "last_name": "invisible", "notes": "invisible",
            "preferences": "invisible", "address": "invisible", "phone": "not a phone",
            "email": "not an e-mail", "birth_date": "does not exist"}
    for field, words in says.items():
        values = {"first_name": "Mari", "last_name": "Maasikas", field: bad}
        with pytest.raises(ValidationFailed) as caught:
            ctx.services.clients.create(ClientDraft(**values), force=True)  # type: ignore[arg-type]
        assert [e.field for e in caught.value.errors] == [field]
        assert words in caught.value.user_message(), field
    with pytest.raises(ValidationFailed) as caught:
        ctx.services.visits.record(VisitDraft(visitor, datetime(2026, 11, 20, 10),
                                              salon.staff["liis"],
                                              (salon.catalogue["cut"],),  # type: ignore[attr-defined]
                                              notes=bad))
    assert caught.value.field == "notes"
    with pytest.raises(ValidationFailed):
        ctx.services.clients.update(visitor, {"notes": bad})
    assert counts(ctx) == before
    assert ctx.services.clients.search(bad).total == 0


def test_a_100_kb_note_is_refused_and_the_limit_itself_is_kept(salon: Salon) -> None:
    ctx = salon.ctx
    before = counts(ctx)
    with pytest.raises(ValidationFailed) as caught:
        ctx.services.clients.create(ClientDraft("Pikk", "Märkus", notes="ä" * 100_000),
                                    force=True)
    assert "4000" in caught.value.user_message() and "4000" in caught.value.user_message(
        get_translator("et"))
    assert counts(ctx) == before
    exactly = "õ" * TEXT_MAX
    client_id = ctx.services.clients.create(ClientDraft("Pikk", "Märkus", notes=exactly),
                                            force=True).client_id
    assert client_id is not None
    assert ctx.services.clients.get_card(client_id).notes == exactly
    with pytest.raises(ValidationFailed):
        ctx.services.visits.record(VisitDraft(client_id, datetime(2026, 11, 20, 10),
                                              salon.staff["liis"],
                                              (salon.catalogue["cut"],),  # type: ignore[attr-defined]
                                              notes="x" * 100_000))


SQL_AND_FTS = ["Robert'); DROP TABLE clients;--", "O'Brien", '"Quoted" Name', "100% _wild_",
               "a OR b", "NEAR(x y)", "name : x", "col*", "^start", "x AND NOT y",
               "Back\\slash", "semi;colon", "/* comment */"]


@pytest.mark.parametrize("name", SQL_AND_FTS)
def test_sql_and_search_syntax_is_just_text(salon: Salon, name: str) -> None:
    ctx = salon.ctx
    client_id = ctx.services.clients.create(ClientDraft(name, "Süntaks", notes=name),
                                            force=True).client_id
    assert client_id is not None
    card = ctx.services.clients.get_card(client_id)
    assert (card.first_name, card.notes) == (name, name)
    assert find(ctx, f"{name} Süntaks", client_id)
    assert ctx.vault is not None
    assert ctx.vault.db.integrity_problems() == []


def test_errors_never_escape_as_something_else(salon: Salon) -> None:
    """A mixed bag through every entry point: only SalonError subclasses come out."""
    ctx = salon.ctx
    odd = ["\x00", "\ud800", "\u202e", "💇‍♀️", "a" * 10_000, "", " ", "\n\n", "\\x00"]
    for value in odd:
        for call in (lambda v=value: ctx.services.clients.create(ClientDraft(v, v, notes=v,
                                                                             phone=v, email=v,
                                                                             birth_date=v),
                                                                 force=True),
                     lambda v=value: ctx.services.clients.search(v),
                     lambda v=value: ctx.services.clients.update(salon_client(salon),
                                                                 {"notes": v})):
            with contextlib.suppress(SalonError):
                call()
