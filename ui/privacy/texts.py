"""Words and small formatting helpers shared by the privacy panels.

The ledger's own labels (purposes, methods) live in ``domain/consents.py``; here are the
shorter forms a table cell has room for.
"""

from __future__ import annotations

from datetime import datetime

from salon_desktop.domain.consents import Action, LegalBasis, Method, Purpose, PurposeState
from salon_desktop.i18n import LANGUAGE_NAMES, N_, _, get_translator

#: the methods a person can choose; "reply to a message" records withdrawals only
CHOOSABLE_METHODS: tuple[Method, ...] = (Method.DESK, Method.SCREEN, Method.PAPER,
                                         Method.PHONE, Method.MESSAGE)
SHORT_BASIS: dict[LegalBasis, str] = {
    LegalBasis.CONSENT: N_("consent"),
    LegalBasis.EXISTING_CUSTOMER: N_("existing customer"),
}
#: purposes as a narrow table column names them (the full label is the tooltip)
SHORT_PURPOSES: dict[Purpose, str] = {
    Purpose.EMAIL: N_("Marketing e-mail"),
    Purpose.SMS: N_("Marketing SMS"),
    Purpose.BIRTHDAY: N_("Birthdays"),
    Purpose.HEALTH: N_("Health data"),
    Purpose.PHOTOS: N_("Photos"),
}
STATE_GIVEN = N_("Given")
STATE_WITHDRAWN = N_("Withdrawn")
STATE_NONE = N_("Not asked yet")
PDF_FILTER = N_("PDF files (*.pdf)")
CSV_FILTER = N_("CSV files (*.csv)")


def when(value: datetime | None) -> str:
    """The salon's local date and time, 25.11.2026 14:05 in et and ru."""
    return get_translator().datetime(value) if value is not None else ""


def on_day(value: datetime | None) -> str:
    """The salon's local date only (the time is in the history and the tooltip)."""
    return get_translator().date(value.astimezone().date()) if value is not None else ""


def state_text(state: PurposeState) -> str:
    """"Given ✔", "Withdrawn ✖" or "Not asked yet"; the basis only when it is not consent."""
    if state.action is None:
        return _(STATE_NONE)
    text = f"{_(STATE_GIVEN)} ✔" if state.action is Action.GIVEN else f"{_(STATE_WITHDRAWN)} ✖"
    if state.legal_basis is LegalBasis.EXISTING_CUSTOMER:
        text += f" ({_(SHORT_BASIS[state.legal_basis])})"
    return text


def language_word(code: str | None) -> str:
    """Eesti / Русский / English: each language named in itself, as everywhere in the app
    (and "English" as a msgid would read as untranslated on an et/ru screen)."""
    return LANGUAGE_NAMES.get(code or "", code or "")
