"""Shared words and formats of the client screens: names, languages, money, health flags.

Kept in one place so the list, the card and the dialogs say the same thing the same way
(and the translators see each phrase once).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal

from salon_desktop.domain.clients import HealthFlags
from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import LANGUAGE_NAMES, N_, _, get_translator

MASK = "••••"
BAD_PRICE = N_("Please enter the price in euros, for example 45,50.")


def language_label(code: str | None) -> str:
    """The client's language by its own name (Eesti, Русский, English), as the form's
    combo and the program's language menu show it: no one has to translate it."""
    return LANGUAGE_NAMES.get(code or "", code or "")


def list_name(first_name: str, last_name: str) -> str:
    """"Last, First": the way a paper card index is sorted and read."""
    return f"{last_name}, {first_name}" if last_name else first_name


def money(cents: int) -> str:
    """45,00 € in et/ru, €45.00 in en (Babel, through the translator)."""
    return get_translator().money(Decimal(cents) / 100)


def price_text(cents: int) -> str:
    """The price as typed in a field: 45,00 in et/ru, 45.00 in en (no currency sign)."""
    return format_decimal(Decimal(cents) / 100, format="#,##0.00",
                          locale=get_translator().locale).replace("\xa0", " ")


def parse_price(text: str) -> int:
    """Cents from what reception types: 45, 45,5, 45.50, 1 234,50, 45 €. A comma is the
    decimal separator (Estonian keyboards); a dot works as well."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text)
    if cleaned.count(",") + cleaned.count(".") > 1 or not cleaned:
        raise ValidationError("price_cents", BAD_PRICE)
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        raise ValidationError("price_cents", BAD_PRICE) from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValidationError("price_cents", BAD_PRICE)
    return int(value * 100)


def health_flag_line(flags: HealthFlags) -> str:
    """"⚠ Allergy on file · Patch test valid until 12.03.2027": what reception may know."""
    parts: list[str] = []
    if flags.allergy_on_file:
        parts.append(_("Allergy on file"))
    if flags.contraindication_on_file:
        parts.append(_("Contraindication on file"))
    if flags.patch_test_valid_until is not None:
        parts.append(_("Patch test valid until {date}").format(
            date=get_translator().date(flags.patch_test_valid_until)))
    else:
        parts.append(_("No valid patch test"))
    warning = flags.allergy_on_file or flags.contraindication_on_file
    return ("⚠ " if warning else "") + " · ".join(parts)
