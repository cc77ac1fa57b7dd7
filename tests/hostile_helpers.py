"""Shared by the hostile-input tests (``tests/test_hostile_input_*.py``): the generators of odd
input, the oracle (the documented normal forms) and the checks every refusal must pass.

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

import unicodedata

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from salon_desktop.context import AppContext
from salon_desktop.domain.client_search import _PHONE_INPUT
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.validation import (
    _FORBIDDEN_CATEGORIES,
    NAME_MAX,
    TEXT_MAX,
    ValidationFailed,
)
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


# -- the salon and the checks ------------------------------------------------------------
def hostile_salon(app_context: AppContext) -> Salon:
    """The salon each module's ``salon`` fixture hands out: staff of every role and a
    catalogue (the visit tests book its "cut")."""
    salon = make_salon(app_context)
    salon.catalogue = add_catalogue(app_context)  # type: ignore[attr-defined]
    return salon


def counts(ctx: AppContext) -> tuple[int, int, int]:
    """(clients, visits, audit entries): a refusal must leave all three where they were."""
    assert ctx.vault is not None
    db = ctx.vault.db
    return (int(db.scalar("SELECT count(*) FROM clients")),
            int(db.scalar("SELECT count(*) FROM visits")),
            int(db.scalar("SELECT count FROM audit_head")))


def assert_clear(error: ValidationFailed, allowed_fields: set[str], typed: list[str]) -> None:
    """Each bad field named, a message in every language, nothing of the input echoed."""
    assert error.errors
    for each in error.errors:
        assert each.field in allowed_fields, each.field
        assert all(isinstance(v, int | str) and str(v) not in typed
                   for v in each.params.values() if str(v).strip())
        for language in ("en", "et", "ru"):
            message = each.user_message(get_translator(language))
            assert message.strip() and "{" not in message, (language, message)


def find(ctx: AppContext, text: str, client_id: int) -> bool:
    page = ctx.services.clients.search(text, limit=500)
    return client_id in {item.id for item in page.items}


def searchable(name: str) -> bool:
    """A name the search box can find by name: some word holds a letter or digit (a name
    made only of emoji or punctuation has no word to index; it is still listed and opened),
    and it does not read as a phone number (digits, spaces, + - ( ) . /: such input
    searches phones only, by design — see domain/client_search.py)."""
    if _PHONE_INPUT.fullmatch(name) and sum(ch.isdigit() for ch in name) >= 3:
        return False
    return any(any(ch.isalnum() for ch in word) for word in name.split())


def salon_client(salon: Salon) -> int:
    """One client for the visit and update tests, made once per salon (hypothesis reuses
    the salon across examples)."""
    found = getattr(salon, "visit_client", None)
    if found is None:
        found = salon.ctx.services.clients.create(ClientDraft("Külastaja", "Märkmetega"),
                                                  force=True).client_id
        salon.visit_client = found  # type: ignore[attr-defined]
    return int(found)
