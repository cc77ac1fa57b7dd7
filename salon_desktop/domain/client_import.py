"""Importing clients from a spreadsheet: the column names we recognise and the results.

Header names are matched after folding case, spaces, dots, dashes and underscores, in
English, Estonian and Russian, so 'E-post', 'эл. почта' and 'email' all mean the e-mail.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from salon_desktop.i18n import N_, Translator, get_translator

IMPORT_FIELDS = ("first_name", "last_name", "phone", "email", "birth_date", "language",
                 "address", "preferences", "notes")
REQUIRED_FIELDS = ("first_name", "last_name")

FIELD_LABELS: dict[str, str] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "birth_date": N_("Birth date"),
    "language": N_("Language"),
    "address": N_("Address"),
    "preferences": N_("Preferences"),
    "notes": N_("Notes"),
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first_name", "firstname", "first name", "given name", "forename",
                   "eesnimi", "имя"),
    "last_name": ("last_name", "lastname", "last name", "surname", "family name",
                  "perekonnanimi", "perenimi", "фамилия"),
    "phone": ("phone", "telephone", "mobile", "phone number", "telefon", "tel", "mobiil",
              "telefoninumber", "телефон", "тел", "мобильный"),
    "email": ("email", "e-mail", "mail", "e-post", "epost", "meil", "эл. почта",
              "эл.почта", "электронная почта", "почта", "e-mail адрес"),
    "birth_date": ("birth_date", "birthdate", "date of birth", "birthday", "dob",
                   "sünnikuupäev", "sünniaeg", "дата рождения", "день рождения"),
    "language": ("language", "lang", "keel", "suhtluskeel", "язык"),
    "address": ("address", "aadress", "адрес"),
    "preferences": ("preferences", "eelistused", "предпочтения"),
    "notes": ("notes", "note", "comments", "märkused", "märkus", "kommentaar", "заметки",
              "примечания", "комментарий"),
}


def fold_header(text: str) -> str:
    return re.sub(r"[\s._\-]+", "", text.replace("\ufeff", "").strip().casefold())


HEADER_ALIASES: dict[str, str] = {fold_header(alias): name
                                  for name, aliases in _ALIASES.items() for alias in aliases}


def suggest_mapping(columns: list[str]) -> dict[int, str]:
    """Column index → field, for every header we recognise (first match wins)."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(columns):
        name = HEADER_ALIASES.get(fold_header(header))
        if name is not None and name not in mapping.values():
            mapping[index] = name
    return mapping


@dataclass(frozen=True)
class ImportPreview:
    columns: tuple[str, ...]               # the header row as written
    suggested_mapping: dict[int, str]      # column index → field name
    rows: tuple[tuple[str, ...], ...]      # the first 20 data rows
    delimiter: str
    row_count: int                         # data rows in the file


@dataclass(frozen=True)
class RejectedRow:
    """A row left out: ``row_number`` as the spreadsheet shows it (header = row 1)."""

    row_number: int
    field: str | None
    reason_msgid: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def message(self, translator: Translator | None = None) -> str:
        t = translator or get_translator()
        reason = t.gettext(self.reason_msgid).format(**self.params)
        if self.field in FIELD_LABELS:
            return f"{t.gettext(FIELD_LABELS[self.field])}: {reason}"
        return reason


@dataclass(frozen=True)
class ImportReport:
    imported: int
    rejected: tuple[RejectedRow, ...]
