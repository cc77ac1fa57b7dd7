"""Hostile and odd input through the services, property-based (hypothesis).

Names and notes in any Unicode (right-to-left, emoji, combining marks, control characters,
NUL), 100 KB notes, SQL and FTS5 metacharacters, impossible dates, phone numbers in any
format, Unicode e-mail addresses, lone surrogates. Each is either stored and read back
exactly — in the documented normal form: NFC, trimmed, a name's inner spaces collapsed,
phones as E.164, e-mails as email-validator normalises them — or refused with a
``ValidationFailed`` that names the field, says what to do in every language, and echoes
nothing of the input. Never another exception, never a half-written record (the client,
visit and audit counts move together or not at all), and search finds what was stored.

Hypothesis runs with the shared vault of one test (its state grows across examples, which
is the point: search must keep finding one client among the others).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from salon_desktop.context import AppContext
from salon_desktop.domain.client_search import _PHONE_INPUT
from salon_desktop.domain.clients import EDITABLE_FIELDS, ClientDraft
from salon_desktop.domain.errors import SalonError
from salon_desktop.domain.validation import (
    _FORBIDDEN_CATEGORIES,
    ADDRESS_MAX,
    NAME_MAX,
    TEXT_MAX,
    ValidationFailed,
)
from salon_desktop.domain.visits import VisitDraft
from salon_desktop.i18n import get_translator
from tests.clients_helpers import Salon, add_catalogue, make_salon

PROPERTY = settings(max_examples=100, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Any character but a lone surrogate (those get their own test: Python strings can hold
# them, SQLite cannot). Half the time only characters a form would accept, so that both
# the refusal and the storing path get plenty of examples.
ANY_CHAR = st.characters(exclude_categories=("Cs",))
PRINTABLE = st.characters(exclude_categories=("Cs", "Cc", "Cf", "Co", "Zl", "Zp"))
RTL_AND_FRIENDS = st.sampled_from(["שלום", "مرحبا", "\u202eevil", "Zoë", "Ё", "👩‍🦰",
                                   "a\u0301", "ß", "ǅ", "\x00", "\t", "\n", " ", "'",
                                   '"', "%", "_", "*", "NEAR", "OR", ";", "--"])


def texts(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.text(ANY_CHAR, max_size=max_size),
                     st.text(PRINTABLE, max_size=max_size),
                     st.lists(RTL_AND_FRIENDS, max_size=6).map("".join))


def names() -> st.SearchStrategy[str]:
    return st.one_of(st.text(PRINTABLE, min_size=1, max_size=40),
                     st.text(ANY_CHAR, max_size=40),
                     st.lists(RTL_AND_FRIENDS, min_size=1, max_size=4).map("".join),
                     st.text(PRINTABLE, min_size=95, max_size=110))


# -- the documented normal forms (the oracle) -------------------------------------------
def _forbidden(text: str, allowed: str = "") -> bool:
    return any(ch not in allowed and unicodedata.category(ch) in _FORBIDDEN_CATEGORIES
               for ch in text)


def expected_name(value: str) -> str | None:
    """The stored name, or None when it must be refused."""
    text = unicodedata.normalize("NFC", value).strip()
    if not text or len(text) > NAME_MAX or _forbidden(text):
        return None
    return " ".join(text.split())


def expected_text(value: str | None, limit: int = TEXT_MAX) -> tuple[bool, str | None]:
    """(accepted, stored value) for optional free text."""
    if value is None:
        return True, None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return True, None
    if len(text) > limit or _forbidden(text, "\n\t"):
        return False, None
    return True, text


# -- fixtures and checks -------------------------------------------------------------------
@pytest.fixture
def salon(app_context: AppContext) -> Iterator[Salon]:
    salon = make_salon(app_context)
    salon.catalogue = add_catalogue(app_context)  # type: ignore[attr-defined]
    yield salon


def _counts(ctx: AppContext) -> tuple[int, int, int]:
    assert ctx.vault is not None
    db = ctx.vault.db
    return (int(db.scalar("SELECT count(*) FROM clients")),
            int(db.scalar("SELECT count(*) FROM visits")),
            int(db.scalar("SELECT count FROM audit_head")))


def _assert_clear(error: ValidationFailed, allowed_fields: set[str], typed: list[str]) -> None:
    """Each bad field named, a message in every language, nothing of the input echoed."""
    assert error.errors
    for each in error.errors:
        assert each.field in allowed_fields, each.field
        assert all(isinstance(v, int | str) and str(v) not in typed
                   for v in each.params.values() if str(v).strip())
        for language in ("en", "et", "ru"):
            message = each.user_message(get_translator(language))
            assert message.strip() and "{" not in message, (language, message)


def _find(ctx: AppContext, text: str, client_id: int) -> bool:
    page = ctx.services.clients.search(text, limit=500)
    return client_id in {item.id for item in page.items}


def _searchable(name: str) -> bool:
    """A name the search box can find by name: some word holds a letter or digit (a name
    made only of emoji or punctuation has no word to index; it is still listed and opened),
    and it does not read as a phone number (digits, spaces, + - ( ) . /: such input
    searches phones only, by design — see domain/client_search.py)."""
    if _PHONE_INPUT.fullmatch(name) and sum(ch.isdigit() for ch in name) >= 3:
        return False
    return any(any(ch.isalnum() for ch in word) for word in name.split())


# -- clients ---------------------------------------------------------------------------
@PROPERTY
@given(first=names(), last=names(), notes=texts(200), preferences=texts(200),
       address=texts(120))
def test_any_client_text_is_kept_exactly_or_refused(salon: Salon, first: str, last: str,
                                                     notes: str, preferences: str,
                                                     address: str) -> None:
    ctx = salon.ctx
    before = _counts(ctx)
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
        _assert_clear(error, EDITABLE_FIELDS, [first, last, notes, preferences, address])
        assert _counts(ctx) == before, "a refused client left something behind"
        return
    assert not bad, f"accepted although {bad} should be refused"
    event("stored")
    client_id = created.client_id
    assert client_id is not None
    card = ctx.services.clients.get_card(client_id)
    assert (card.first_name, card.last_name) == (want_first, want_last)
    assert (card.notes, card.preferences, card.address) == (want_notes, want_prefs,
                                                            want_address)
    clients, visits, audit = _counts(ctx)
    assert (clients, visits, audit) == (before[0] + 1, before[1], before[2] + 2)
    full_name = f"{card.first_name} {card.last_name}"
    if _searchable(full_name):
        assert _find(ctx, full_name, client_id), full_name


@PROPERTY
@given(field=st.sampled_from(["first_name", "last_name", "notes", "preferences", "address"]),
       value=texts(150))
def test_any_edit_is_kept_exactly_or_refused(salon: Salon, field: str, value: str) -> None:
    ctx = salon.ctx
    client_id = ctx.services.clients.create(ClientDraft("Muudetav", "Klient"),
                                            force=True).client_id
    assert client_id is not None
    before_card = ctx.services.clients.get_card(client_id)
    before = _counts(ctx)
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
        _assert_clear(error, {field}, [value])
        assert _counts(ctx) == before
        assert ctx.services.clients.get_card(client_id) == before_card
        return
    assert ok, f"{field} accepted although it should be refused"
    event("stored")
    card = ctx.services.clients.get_card(client_id)
    assert getattr(card, field) == want
    assert _counts(ctx)[2] == before[2] + (1 if changed else 0) + 1  # update + view


@PROPERTY
@given(notes=texts(300), formula=texts(300))
def test_any_visit_note_is_kept_exactly_or_refused(salon: Salon, notes: str,
                                                   formula: str) -> None:
    ctx = salon.ctx
    client_id = salon_client(salon)
    before = _counts(ctx)
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
        _assert_clear(error, {"notes", "colour_formula"}, [notes, formula])
        assert _counts(ctx) == before
        return
    assert notes_ok and formula_ok
    event("stored")
    [visit] = [v for v in ctx.services.visits.history(client_id) if v.id == visit_id]
    assert (visit.notes, visit.colour_formula) == (want_notes, want_formula)
    assert _counts(ctx)[1:] == (before[1] + 1, before[2] + 1)


def salon_client(salon: Salon) -> int:
    found = getattr(salon, "visit_client", None)
    if found is None:
        found = salon.ctx.services.clients.create(ClientDraft("Külastaja", "Märkmetega"),
                                                  force=True).client_id
        salon.visit_client = found  # type: ignore[attr-defined]
    return int(found)


# -- phones, e-mails, dates --------------------------------------------------------------
PHONE_LIKE = st.one_of(
    st.text(st.sampled_from("0123456789 +-()./"), max_size=24),
    st.from_regex(r"\A(\+|00)?[1-9][0-9 ]{6,16}\Z"),
    st.from_regex(r"\A[5-8][0-9]{3} ?[0-9]{3,4}\Z"),   # Estonian mobiles and landlines
    st.text(ANY_CHAR, max_size=20),
    st.sampled_from(["５１２３４５６７", "٥١٢٣٤٥٦٧", "tel:+3725123456", "+7 (912) 345-67-89",
                     "+1-202-555-0143", "+44 20 7946 0958", "(+372) 512-34-567", "+", "00"]))
E164 = re.compile(r"\+[1-9][0-9]{6,14}")


@PROPERTY
@given(phone=PHONE_LIKE)
def test_any_phone_is_e164_or_refused(salon: Salon, phone: str) -> None:
    ctx = salon.ctx
    before = _counts(ctx)
    try:
        created = ctx.services.clients.create(ClientDraft("Helistaja", "Numbriga",
                                                          phone=phone), force=True)
    except ValidationFailed as error:
        event("refused")
        assert [e.field for e in error.errors] == ["phone"]
        _assert_clear(error, {"phone"}, [phone])
        assert _counts(ctx) == before
        return
    assert created.client_id is not None
    card = ctx.services.clients.get_card(created.client_id)
    if card.phone is None:
        assert not phone.strip(), phone
        return
    assert E164.fullmatch(card.phone), card.phone
    event("stored")
    assert _find(ctx, card.phone, created.client_id)
    assert _find(ctx, card.phone[1:], created.client_id)


UNICODE_LOCAL = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
DOMAINS = st.sampled_from(["example.com", "näide.ee", "пример.рф", "例子.广告", "EXAMPLE.COM",
                           "xn--e1afmkfd.xn--p1ai", "b", "[127.0.0.1]", "example..com"])
EMAIL_LIKE = st.one_of(st.emails(), st.builds("{}@{}".format, UNICODE_LOCAL, DOMAINS),
                       st.text(ANY_CHAR, max_size=30))


@PROPERTY
@given(email=EMAIL_LIKE)
def test_any_email_is_normalised_or_refused(salon: Salon, email: str) -> None:
    ctx = salon.ctx
    before = _counts(ctx)
    try:
        created = ctx.services.clients.create(ClientDraft("Kirjutaja", "Postiga",
                                                          email=email), force=True)
    except ValidationFailed as error:
        event("refused")
        assert [e.field for e in error.errors] == ["email"]
        _assert_clear(error, {"email"}, [email])
        assert _counts(ctx) == before
        return
    assert created.client_id is not None
    card = ctx.services.clients.get_card(created.client_id)
    if card.email is None:
        assert not email.strip()
        return
    event("stored")
    assert "@" in card.email and card.email == unicodedata.normalize("NFC", card.email)
    if _searchable(card.email.split("@")[0]):
        assert _find(ctx, card.email, created.client_id), card.email


DATE_LIKE = st.one_of(
    st.dates(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 25)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 25)).map(date.isoformat),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 25)).map(
        lambda d: d.strftime("%d.%m.%Y")),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13),
              st.integers(0, 32)),
    st.builds("{:02d}.{:02d}.{:04d}".format, st.integers(0, 32), st.integers(0, 13),
              st.integers(0, 9999)),
    st.text(ANY_CHAR, max_size=12))


@PROPERTY
@given(birth=DATE_LIKE)
def test_any_birth_date_is_a_real_past_date_or_refused(salon: Salon,
                                                        birth: date | str) -> None:
    ctx = salon.ctx
    before = _counts(ctx)
    try:
        created = ctx.services.clients.create(ClientDraft("Sündinud", "Kuupäeval",
                                                          birth_date=birth), force=True)
    except ValidationFailed as error:
        event("refused")
        assert [e.field for e in error.errors] == ["birth_date"]
        _assert_clear(error, {"birth_date"}, [str(birth)])
        assert _counts(ctx) == before
        return
    assert created.client_id is not None
    revealed = ctx.services.clients.reveal(created.client_id, "birth_date")
    if revealed is None:
        assert birth == "" or (isinstance(birth, str) and not birth.strip())
        return
    assert date(1900, 1, 1) <= revealed <= ctx.clock.now().date()
    event("stored")
    if isinstance(birth, date):
        assert revealed == birth


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
    before = _counts(ctx)
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
    assert _counts(ctx) == before
    assert ctx.services.clients.search(bad).total == 0


def test_a_100_kb_note_is_refused_and_the_limit_itself_is_kept(salon: Salon) -> None:
    ctx = salon.ctx
    before = _counts(ctx)
    with pytest.raises(ValidationFailed) as caught:
        ctx.services.clients.create(ClientDraft("Pikk", "Märkus", notes="ä" * 100_000),
                                    force=True)
    assert "4000" in caught.value.user_message() and "4000" in caught.value.user_message(
        get_translator("et"))
    assert _counts(ctx) == before
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
    assert _find(ctx, f"{name} Süntaks", client_id)
    assert ctx.vault is not None
    assert ctx.vault.db.integrity_problems() == []


@pytest.mark.parametrize(("typed", "stored"), [
    ("5123 4567", "+37251234567"), ("+372 5123 4567", "+37251234567"),
    ("00372 5123 4567", "+37251234567"), ("(+372) 512-34-567", "+37251234567"),
    ("５１２３ ４５６７", "+37251234567"), ("+7 (912) 345-67-89", "+79123456789"),
    ("+44 20 7946 0958", "+442079460958"), ("+1-202-555-0143", "+12025550143"),
    ("6 123 456", "+3726123456")])
def test_phone_formats(salon: Salon, typed: str, stored: str) -> None:
    ctx = salon.ctx
    client_id = ctx.services.clients.create(ClientDraft("Telefon", "Vormis", phone=typed),
                                            force=True).client_id
    assert client_id is not None
    assert ctx.services.clients.get_card(client_id).phone == stored
    assert _find(ctx, typed, client_id)


@pytest.mark.parametrize("typed", ["2023-02-30", "31.04.1990", "29.02.2023", "0000-00-00",
                                   "2024-13-01", "1990-1-1", "9999-12-31", "1899-12-31",
                                   "１９９０-01-01", "2020-02-29T10:00", "yesterday"])
def test_impossible_dates_are_refused_with_the_format(salon: Salon, typed: str) -> None:
    ctx = salon.ctx
    before = _counts(ctx)
    with pytest.raises(ValidationFailed) as caught:
        ctx.services.clients.create(ClientDraft("Vale", "Kuupäev", birth_date=typed),
                                    force=True)
    assert caught.value.field == "birth_date"
    message = caught.value.user_message()
    assert any(w in message for w in ("YYYY-MM-DD", "future", "after 1900")), message
    assert typed not in message
    assert _counts(ctx) == before


@pytest.mark.parametrize("typed", ["jürgen@example.com", "ольга@пример.рф",
                                   "用户@例子.广告", "Mari.Maasikas@Example.COM"])
def test_unicode_email_addresses_are_kept(salon: Salon, typed: str) -> None:
    ctx = salon.ctx
    client_id = ctx.services.clients.create(ClientDraft("Post", "Unicode", email=typed),
                                            force=True).client_id
    assert client_id is not None
    stored = ctx.services.clients.get_card(client_id).email
    assert stored is not None and stored.split("@")[0] == typed.split("@")[0]
    assert _find(ctx, stored, client_id)


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
