"""Hostile phone numbers, e-mail addresses and birth dates through the client service.

Phones in any format become E.164 (and are found by what was typed) or are refused; e-mails
in any Unicode are normalised or refused; dates must be real, past and after 1900. Refusals
name the field, say what to do in every language and echo nothing of the input. The
generators and checks are in ``tests/hostile_helpers.py``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.validation import ValidationFailed
from tests.clients_helpers import Salon
from tests.hostile_helpers import (
    ANY_CHAR,
    PROPERTY,
    assert_clear,
    counts,
    find,
    hostile_salon,
    searchable,
)


@pytest.fixture
def salon(app_context: AppContext) -> Salon:
    return hostile_salon(app_context)


def _create_or_refused(ctx: AppContext, draft: ClientDraft, field: str,
                       typed: str) -> int | None:
    """The new client's id, or None when refused — then only ``field`` is named, clearly,
    with nothing of ``typed`` echoed and nothing written."""
    before = counts(ctx)
    try:
        created = ctx.services.clients.create(draft, force=True)
    except ValidationFailed as error:
        event("refused")
        assert [e.field for e in error.errors] == [field]
        assert_clear(error, {field}, [typed])
        assert counts(ctx) == before
        return None
    assert created.client_id is not None
    return created.client_id


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
    client_id = _create_or_refused(ctx, ClientDraft("Helistaja", "Numbriga", phone=phone),
                                   "phone", phone)
    if client_id is None:
        return
    card = ctx.services.clients.get_card(client_id)
    if card.phone is None:
        assert not phone.strip(), phone
        return
    assert E164.fullmatch(card.phone), card.phone
    event("stored")
    assert find(ctx, card.phone, client_id)
    assert find(ctx, card.phone[1:], client_id)


UNICODE_LOCAL = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
DOMAINS = st.sampled_from(["example.com", "näide.ee", "пример.рф", "例子.广告", "EXAMPLE.COM",
                           "xn--e1afmkfd.xn--p1ai", "b", "[127.0.0.1]", "example..com"])
EMAIL_LIKE = st.one_of(st.emails(), st.builds("{}@{}".format, UNICODE_LOCAL, DOMAINS),
                       st.text(ANY_CHAR, max_size=30))


@PROPERTY
@given(email=EMAIL_LIKE)
def test_any_email_is_normalised_or_refused(salon: Salon, email: str) -> None:
    ctx = salon.ctx
    client_id = _create_or_refused(ctx, ClientDraft("Kirjutaja", "Postiga", email=email),
                                   "email", email)
    if client_id is None:
        return
    card = ctx.services.clients.get_card(client_id)
    if card.email is None:
        assert not email.strip()
        return
    event("stored")
    assert "@" in card.email and card.email == unicodedata.normalize("NFC", card.email)
    if searchable(card.email.split("@")[0]):
        assert find(ctx, card.email, client_id), card.email


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
    client_id = _create_or_refused(ctx, ClientDraft("Sündinud", "Kuupäeval", birth_date=birth),
                                   "birth_date", str(birth))
    if client_id is None:
        return
    revealed = ctx.services.clients.reveal(client_id, "birth_date")
    if revealed is None:
        assert birth == "" or (isinstance(birth, str) and not birth.strip())
        return
    assert date(1900, 1, 1) <= revealed <= ctx.clock.now().date()
    event("stored")
    if isinstance(birth, date):
        assert revealed == birth


# -- named cases ---------------------------------------------------------------------------
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
    assert find(ctx, typed, client_id)


@pytest.mark.parametrize("typed", ["2023-02-30", "31.04.1990", "29.02.2023", "0000-00-00",
                                   "2024-13-01", "1990-1-1", "9999-12-31", "1899-12-31",
                                   "１９９０-01-01", "2020-02-29T10:00", "yesterday"])
def test_impossible_dates_are_refused_with_the_format(salon: Salon, typed: str) -> None:
    ctx = salon.ctx
    before = counts(ctx)
    with pytest.raises(ValidationFailed) as caught:
        ctx.services.clients.create(ClientDraft("Vale", "Kuupäev", birth_date=typed),
                                    force=True)
    assert caught.value.field == "birth_date"
    message = caught.value.user_message()
    assert any(w in message for w in ("YYYY-MM-DD", "future", "after 1900")), message
    assert typed not in message
    assert counts(ctx) == before


@pytest.mark.parametrize("typed", ["jürgen@example.com", "ольга@пример.рф",
                                   "用户@例子.广告", "Mari.Maasikas@Example.COM"])
def test_unicode_email_addresses_are_kept(salon: Salon, typed: str) -> None:
    ctx = salon.ctx
    client_id = ctx.services.clients.create(ClientDraft("Post", "Unicode", email=typed),
                                            force=True).client_id
    assert client_id is not None
    stored = ctx.services.clients.get_card(client_id).email
    assert stored is not None and stored.split("@")[0] == typed.split("@")[0]
    assert find(ctx, stored, client_id)
