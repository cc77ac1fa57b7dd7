"""Checking and normalising what reception types into a client card or an imported file.

Each check raises ``ValidationError(field, msgid, **params)`` naming the field, so the UI
shows the message next to it and keeps what was typed. Params never echo the typed value
(exceptions reach logs). Phones are stored as E.164 (default region EE), e-mails as
email-validator normalises them (syntax only: the app never needs the network).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_

DEFAULT_REGION = "EE"
LANGUAGE_CODES = ("et", "ru", "en")
NAME_MAX = 100
TEXT_MAX = 4000
ADDRESS_MAX = 300
EARLIEST_BIRTH = date(1900, 1, 1)
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
_TEXT_ALLOWED_CONTROLS = {"\n", "\t"}


class ValidationFailed(ValidationError):
    """Several fields at once: ``errors`` holds one ``ValidationError`` per bad field, so a
    form shows them all; the first one is this error's own field and message."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = tuple(errors)
        first = errors[0]
        super().__init__(first.field, first.msgid_used, **first.params)


class Collector:
    """Runs checks field by field and raises them together."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def check(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except ValidationError as error:
            self.errors.append(error)
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def _has_forbidden(text: str, allowed: set[str]) -> bool:
    return any(ch not in allowed and unicodedata.category(ch) in _FORBIDDEN_CATEGORIES
               for ch in text)


def clean_name(field: str, value: object) -> str:
    """A first or last name: required, at most 100 characters, no control characters."""
    text = unicodedata.normalize("NFC", str(value or "")).strip()
    if not text:
        raise ValidationError(field, N_("Please enter the name."))
    if len(text) > NAME_MAX:
        raise ValidationError(field, N_("Please keep the name under {limit} characters."),
                              limit=NAME_MAX)
    if _has_forbidden(text, set()):
        raise ValidationError(field, N_("The name contains an invisible control character. "
                                        "Please retype it."))
    return " ".join(text.split())


def clean_text(field: str, value: object, limit: int = TEXT_MAX) -> str | None:
    """Optional free text (preferences, notes, address): trimmed, line breaks allowed."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        return None
    if len(text) > limit:
        raise ValidationError(field, N_("Please keep this under {limit} characters."),
                              limit=limit)
    if _has_forbidden(text, _TEXT_ALLOWED_CONTROLS):
        raise ValidationError(field, N_("The text contains an invisible control character. "
                                        "Please retype it."))
    return text


def normalise_phone(value: object, field: str = "phone") -> str | None:
    """A phone number in E.164 (+3725…); without a country code Estonia is assumed."""
    text = str(value or "").strip()
    if not text:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, N_("This is not a phone number. Type it as "
                                        "5123 4567 or +372 5123 4567.")) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(field, N_("This phone number has too few or too many digits, "
                                        "or the country code is wrong. Type it as 5123 4567 "
                                        "or +372 5123 4567."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def try_normalise_phone(value: object) -> str | None:
    try:
        return normalise_phone(value)
    except ValidationError:
        return None


def phone_search_text(e164: str | None) -> str | None:
    """The forms a phone is typed in, for the search index: all digits (3725123456) and
    the national number (5123456). Digit-only prefix queries then match either."""
    if not e164:
        return None
    digits = re.sub(r"\D", "", e164)
    forms = [digits]
    try:
        national = str(phonenumbers.parse(e164, DEFAULT_REGION).national_number)
    except phonenumbers.NumberParseException:
        national = ""
    if national and national != digits:
        forms.append(national)
    return " ".join(forms)


def format_phone(e164: str | None) -> str:
    """For display: +372 5123 4567."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_email(value: object, field: str = "email") -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValidationError(field, N_("This is not an e-mail address. It looks like "
                                        "name@example.com.")) from None


def parse_birth_date(value: object, today: date, field: str = "birth_date") -> date | None:
    """YYYY-MM-DD (or DD.MM.YYYY as Estonian spreadsheets show it); not in the future,
    not before 1900."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    parsed = value if isinstance(value, date) else _parse_date_text(str(value).strip(), field)
    if parsed > today:
        raise ValidationError(field, N_("The birth date is in the future."))
    if parsed < EARLIEST_BIRTH:
        raise ValidationError(field, N_("The birth date must be after {earliest}."),
                              earliest=EARLIEST_BIRTH.isoformat())
    return parsed


def _parse_date_text(text: str, field: str) -> date:
    if not text:
        raise ValidationError(field, N_("Please enter the date as YYYY-MM-DD or DD.MM.YYYY."))
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, N_("This date does not exist or is not written as "
                                        "YYYY-MM-DD or DD.MM.YYYY.")) from None


def check_language(value: object, field: str = "language") -> str:
    text = str(value or "").strip().lower()
    if text not in LANGUAGE_CODES:
        raise ValidationError(field, N_("Please choose Estonian, Russian or English."))
    return text


def parse_language(value: object, field: str = "language") -> str:
    """Spreadsheets write the language many ways: et/ee/est/eesti/estonian, ru/rus/vene…"""
    text = str(value or "").strip().lower()
    aliases = {"ee": "et", "est": "et", "eesti": "et", "estonian": "et", "эстонский": "et",
               "rus": "ru", "vene": "ru", "russian": "ru", "русский": "ru",
               "eng": "en", "inglise": "en", "english": "en", "английский": "en"}
    return check_language(aliases.get(text, text), field)


def clean_client_fields(values: Mapping[str, object], today: date) -> dict[str, object]:
    """Validate the client fields present in ``values``; returns the stored form of each.

    Raises ``ValidationFailed`` with every bad field at once.
    """
    checks: dict[str, Callable[[object], object]] = {
        "first_name": lambda v: clean_name("first_name", v),
        "last_name": lambda v: clean_name("last_name", v),
        "phone": lambda v: normalise_phone(v),
        "email": lambda v: normalise_email(v),
        "birth_date": lambda v: _iso(parse_birth_date(v, today)),
        "address": lambda v: clean_text("address", v, ADDRESS_MAX),
        "language": lambda v: check_language(v),
        "preferences": lambda v: clean_text("preferences", v),
        "notes": lambda v: clean_text("notes", v),
        "favourite_stylist_id": lambda v: _record_id("favourite_stylist_id", v),
    }
    collector = Collector()
    cleaned: dict[str, object] = {}
    for name, value in values.items():
        if name not in checks:
            raise ValueError(f"unknown client field {name!r}")
        cleaned[name] = collector.check(checks[name], value)
    collector.raise_if_any()
    return cleaned


def _record_id(field: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        raise ValidationError(field, N_("Please choose a stylist from the list.")) from None


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
