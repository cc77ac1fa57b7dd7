"""The staff password policy: shapes accepted, the blocklist and its disguises, the username
and salon name, the manager's minimum, and messages in the user's language."""

from __future__ import annotations

import pytest

from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import get_translator
from salon_desktop.resources import resource_path
from salon_desktop.security import password_policy
from salon_desktop.security.password_policy import (
    Rule,
    first_problem,
    generate_temporary_password,
    password_hint,
)
from salon_desktop.services.staff_rules import check_new_password

USERNAME = "kristiina"
SALON = "Salong Õnnelik"


def problem(password: str, **kwargs: object) -> Rule | None:
    options: dict[str, object] = {"username": USERNAME, "salon_name": SALON, "min_length": 8}
    options.update(kwargs)
    found = first_problem(password, **options)  # type: ignore[arg-type]
    return found.rule if found else None


@pytest.mark.parametrize(("password", "rule"), [
    ("salon123", Rule.BLOCKLIST),
    ("Salon123", Rule.BLOCKLIST),
    ("Salon2024!", Rule.BLOCKLIST),
    ("SALON2024", Rule.BLOCKLIST),
    ("S4lon!!", Rule.BLOCKLIST),
    ("Ilusalong2025", Rule.BLOCKLIST),
    ("Juuksur123!", Rule.BLOCKLIST),
    ("Küünetehnik1", Rule.BLOCKLIST),
    ("Kuunetehnik1", Rule.BLOCKLIST),          # accents left off
    ("Парикмахер1", Rule.BLOCKLIST),
    ("Красота2024!", Rule.BLOCKLIST),
    ("Beauty2024", Rule.BLOCKLIST),
    ("P@ssw0rd", Rule.BLOCKLIST),
    ("Qwerty123", Rule.BLOCKLIST),
    ("Password1!", Rule.BLOCKLIST),
    ("Kristiina-Tulp-99", Rule.USERNAME),       # the username inside
    ("Kr1st11na-Tulp-99", Rule.USERNAME),       # … in leetspeak
    ("Tulp-Onnelik-2026", Rule.SALON_NAME),     # the salon's name inside, accents left off
    ("Õnnelik-Kevad-7", Rule.SALON_NAME),
    ("Kevad7!", Rule.MIN_LENGTH),
    ("kevadine7", Rule.MIX),                    # no capital letter
    ("KEVADINE7", Rule.MIX),                    # no small letter
    ("Kevadine-Tulp", Rule.MIX),                # no digit, and under 15
])
def test_rejected(password: str, rule: Rule) -> None:
    assert problem(password) is rule


@pytest.mark.parametrize("password", [
    "Kevad-2026-Tulp",                              # the tests' manager password
    "Kirsipuu-Tulp-7",                              # the demo password
    "kirsipuu õitseb",                              # 15 lower-case letters: a passphrase
    "красивая осень в тарту",                       # Cyrillic passphrase
    "Õun-Päev-2026",                                # Estonian letters, 8+ with the mix
    "Ёлка-Зима-2026",                               # Cyrillic with the mix
    "Tulp7Kevad",
])
def test_accepted(password: str) -> None:
    assert problem(password) is None


def test_fifteen_lowercase_characters_are_a_passphrase() -> None:
    passphrase = "kirsipuu õitseb"
    assert len(passphrase) == 15 and passphrase.islower() is True
    assert problem(passphrase) is None
    assert problem(passphrase[:14]) is Rule.MIX


def test_a_128_character_password_is_accepted() -> None:
    long_one = ("Mu vanaema aed Võrumaal lõhnas alati sirelite järele, "
                "ja iga kevad tõime sealt kolm kimpu linna, kõige suurema 2026. aastal! ")
    long_one = (long_one * 2)[:128]
    assert len(long_one) == 128
    assert problem(long_one) is None


def test_absurdly_long_input_is_refused() -> None:
    assert problem("Kevad-2026-Tulp" * 100) is Rule.MAX_LENGTH


def test_the_manager_can_raise_the_minimum_length() -> None:
    assert problem("Tulp7Kevad", min_length=12) is Rule.MIN_LENGTH
    assert problem("Tulp7Kevad!!", min_length=12) is None
    # With a minimum of 20 every acceptable password is a passphrase: no mix needed.
    assert problem("kirsipuu õitseb ilusti", min_length=20) is None
    assert problem("kirsipuu õitseb", min_length=20) is Rule.MIN_LENGTH


def test_the_minimum_never_drops_below_eight() -> None:
    assert problem("Tulp7K", min_length=4) is Rule.MIN_LENGTH


def test_short_usernames_only_match_whole_passwords() -> None:
    assert problem("Kevad-2026-Tulp", username="ev") is None


def test_hint_lists_every_unmet_rule_in_typing_order() -> None:
    rules = [p.rule for p in password_hint("", username=USERNAME, salon_name=SALON)]
    assert rules == [Rule.MIN_LENGTH, Rule.MIX]
    rules = [p.rule for p in password_hint("salon", username=USERNAME, salon_name=SALON)]
    assert rules == [Rule.MIN_LENGTH, Rule.MIX, Rule.BLOCKLIST]
    rules = [p.rule for p in password_hint("kristiina-onnelik", username=USERNAME,
                                           salon_name=SALON)]
    assert rules == [Rule.USERNAME, Rule.SALON_NAME]
    assert password_hint("Kevad-2026-Tulp", username=USERNAME, salon_name=SALON) == []


def test_hint_carries_parameters_not_the_password() -> None:
    hint = password_hint("Tulp7", username=USERNAME, salon_name=SALON, min_length=10)
    assert hint[0].params == {"min_length": 10}
    for item in hint:
        assert "Tulp7" not in repr(item.params)


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "This is a common password or a salon word"),
    ("et", "See on levinud parool või salongisõna"),
    ("ru", "Это распространённый пароль или слово, связанное с салоном"),
])
def test_the_message_names_the_rule_in_the_users_language(language: str,
                                                          expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_new_password("Salon2024!", username=USERNAME, salon_name=SALON, min_length=8)
    assert caught.value.field == "password"
    assert caught.value.user_message(get_translator(language)).startswith(expected)


def test_min_length_message_is_translated_with_its_number() -> None:
    with pytest.raises(ValidationError) as caught:
        check_new_password("Tulp7K", username=USERNAME, salon_name=SALON, min_length=10)
    assert "10" in caught.value.user_message(get_translator("et"))
    assert "10" in caught.value.user_message(get_translator("ru"))


def test_shipped_lists() -> None:
    common = resource_path("wordlists", "common-passwords.txt").read_text(encoding="utf-8")
    lines = [line for line in common.splitlines() if line and not line.startswith("#")]
    assert len(lines) == 10_000
    assert "MIT" in common.splitlines()[4] or "MIT" in common[:1000]
    salon = resource_path("wordlists", "salon-words.txt").read_text(encoding="utf-8")
    for word in ("salon", "ilusalong", "парикмахер", "juuksur", "küünetehnik"):
        assert word in salon.splitlines()
    assert password_policy.is_blocked("123456")


def test_generated_temporary_passwords_pass_the_policy() -> None:
    for _ in range(50):
        assert problem(generate_temporary_password()) is None
