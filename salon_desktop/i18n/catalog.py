"""Catalog loading, the current UI language and Babel formatting per language.

Catalogs are read from ``.po`` text with Babel at first use (a few milliseconds) instead of
compiled ``.mo`` files, so there is no build step that can go stale and a damaged catalog is
reported by file instead of crashing the app (it falls back to English for that file).
"""

from __future__ import annotations

import locale
import logging
import os
import threading
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from salon_desktop.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("et", "ru", "en")
DEFAULT_LANGUAGE = "et"
# Each language named in itself, so a person who cannot read the current UI finds their own.
LANGUAGE_NAMES: dict[str, str] = {"et": "Eesti", "ru": "Русский", "en": "English"}


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def normalize_language(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else None


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        found = normalize_language(os.environ.get(var))
        if found:
            return found
    try:
        found = normalize_language(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or "en"


def translations_dir() -> Path:
    return resource_path("translations")


class Translator:
    """Messages and formats of one language. Immutable after loading; safe across threads."""

    def __init__(self, language: str, messages: dict[str, str | tuple[str, ...]],
                 problems: list[str]) -> None:
        self.language = language
        self._messages = messages
        self.problems = problems  # catalog files that could not be read (names, not content)
        self.locale = Locale.parse({"et": "et_EE", "ru": "ru_RU", "en": "en_GB"}[language])

    def gettext(self, message: str) -> str:
        found = self._messages.get(message)
        if isinstance(found, str) and found:
            return found
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._messages.get(singular)
        if isinstance(found, tuple):
            index = self.locale.plural_form(abs(n))
            forms = list(found)
            choice = {"one": 0, "few": 1, "many": 2, "other": len(forms) - 1}.get(index, -1)
            if 0 <= choice < len(forms) and forms[choice]:
                return forms[choice]
        return singular if n == 1 else plural

    def has(self, message: str) -> bool:
        found = self._messages.get(message)
        if isinstance(found, tuple):
            return all(found)
        return bool(found)

    # Formatting: dates as 25.11.2026 in et and ru, times 24-hour, money as 45,00 €.
    def date(self, value: date, fmt: str = "short") -> str:
        if fmt == "short" and self.language in ("et", "ru"):
            return value.strftime("%d.%m.%Y")
        return format_date(value, format=fmt, locale=self.locale)

    def datetime(self, value: datetime, fmt: str = "short") -> str:
        if fmt == "short":
            local = value.astimezone() if value.tzinfo else value
            return f"{self.date(local.date())} {local.strftime('%H:%M')}"
        return format_datetime(value, format=fmt, locale=self.locale)

    def time(self, value: datetime, fmt: str = "short") -> str:
        return format_time(value, format=fmt, locale=self.locale)

    def number(self, value: float | int | Decimal) -> str:
        return format_decimal(value, locale=self.locale)

    def money(self, value: float | int | Decimal, currency: str = "EUR") -> str:
        return format_currency(value, currency, locale=self.locale)


def _load(language: str) -> Translator:
    messages: dict[str, str | tuple[str, ...]] = {}
    problems: list[str] = []
    folder = translations_dir() / language / "LC_MESSAGES"
    for po_file in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        try:
            with po_file.open("rb") as handle:
                catalog = read_po(handle, locale=language, abort_invalid=True)
        except Exception:  # a damaged catalog must never stop the app
            log.warning("translation catalog %s could not be read; using English for it",
                        po_file.name)
            problems.append(po_file.name)
            continue
        for entry in catalog:
            if not entry.id or entry.fuzzy:
                continue
            key = entry.id[0] if isinstance(entry.id, (tuple, list)) else entry.id
            value = entry.string
            messages[key] = tuple(value) if isinstance(value, (tuple, list)) else value
    return Translator(language, messages, problems)


_cache: dict[str, Translator] = {}
_lock = threading.Lock()
_current = {"language": DEFAULT_LANGUAGE}


def get_translator(language: str | None = None) -> Translator:
    lang = normalize_language(language) or _current["language"]
    with _lock:
        if lang not in _cache:
            _cache[lang] = _load(lang)
        return _cache[lang]


def reload_catalogs() -> None:
    with _lock:
        _cache.clear()


def set_language(language: str) -> str:
    lang = normalize_language(language) or "en"
    _current["language"] = lang
    return lang


def current_language() -> str:
    return _current["language"]


def _(message: str) -> str:
    return get_translator().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return get_translator().ngettext(singular, plural, n)
