"""The salon's record of processing (GDPR Art. 30) and its security measures (Art. 32).

The activities are the processing this program actually does, so their list is fixed here;
their texts are catalog messages (translated into the client's language on each report) and
the manager may replace any of them, per language, with the salon's own words. Recipients
and security measures are the salon's data: seeded with sensible salon defaults by the
migration, then named, switched off, added to and checked by the manager. Each measure
carries the date it was last checked, so the record shows that it is kept, not just written.

The record feeds the purposes, legal bases, recipients and retention periods of every client
data report: what the salon tells the client and what it tells the inspectorate are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from salon_desktop.domain.settings import SalonDetails
from salon_desktop.i18n import N_

FIELDS = ("purpose", "data", "legal_basis", "retention")
TEXT_MAX = 1000


@dataclass(frozen=True)
class ActivityDefault:
    key: str
    purpose: str
    data: str
    legal_basis: str
    retention: str        # may hold {inactive_years} / {accounting_years}
    in_client_report: bool = True


ACTIVITIES: tuple[ActivityDefault, ...] = (
    ActivityDefault(
        "clients",
        N_("Keeping your client card and booking your appointments"),
        N_("Name, phone, e-mail, address, preferred language, preferences, favourite "
           "stylist, notes, bookings"),
        N_("A contract: we need the data to provide the services you book (GDPR Art. "
           "6(1)(b))."),
        N_("{inactive_years} years after your last visit or booking; then the data is "
           "erased.")),
    ActivityDefault(
        "service_history",
        N_("Recording the services we provide to you"),
        N_("Visits, services and prices, colour formulas, the stylist's notes"),
        N_("A contract, and our legitimate interest in serving you consistently and safely "
           "(GDPR Art. 6(1)(b) and (f))."),
        N_("As long as your client card.")),
    ActivityDefault(
        "health",
        N_("Providing our services safely"),
        N_("Allergies, contraindications, patch tests"),
        N_("Your explicit consent (GDPR Art. 9(2)(a)), which you may withdraw at any time."),
        N_("Until you withdraw your consent or your client card is erased.")),
    ActivityDefault(
        "marketing",
        N_("Sending offers, news and birthday greetings"),
        N_("Name, e-mail, phone, date of birth (for greetings only), language"),
        N_("Your consent (GDPR Art. 6(1)(a)), or for our similar services the "
           "existing-customer rule of the Electronic Communications Act § 103¹(3), which "
           "you may refuse at any time."),
        N_("Until you withdraw your consent or object.")),
    ActivityDefault(
        "accounting",
        N_("Bookkeeping"),
        N_("Date, services and price of each visit"),
        N_("A legal obligation: the Accounting Act (GDPR Art. 6(1)(c))."),
        N_("{accounting_years} years from the end of the financial year. If your data is "
           "erased earlier, these records are kept without your name.")),
    ActivityDefault(
        "consents",
        N_("Proving your consents and handling your requests"),
        N_("Consents and withdrawals with the exact wording shown, your data protection "
           "requests"),
        N_("A legal obligation (GDPR Art. 6(1)(c) with Art. 7(1) and Art. 12)."),
        N_("As long as your client card. A handled request is kept without your name after "
           "erasure.")),
    ActivityDefault(
        "security",
        N_("Keeping your data secure"),
        N_("A log of what was done with your data: date, action and the staff member's "
           "role, never the data itself"),
        N_("A legal obligation to protect personal data (GDPR Art. 32), and our legitimate "
           "interest (Art. 6(1)(f))."),
        N_("As long as the salon's records; after erasure the log cannot be linked to you.")),
    ActivityDefault(
        "staff",
        N_("Staff accounts"),
        N_("Staff names, user names, roles, sign-in log"),
        N_("Employment contract and legal obligation (GDPR Art. 6(1)(b), (c) and Art. 32)."),
        N_("While the person works at the salon; the sign-in log as long as the audit log."),
        in_client_report=False),
)
ACTIVITY_KEYS = tuple(a.key for a in ACTIVITIES)


class RecipientKind(StrEnum):
    ACCOUNTANT = "accountant"
    SMS = "sms"
    EMAIL = "email"
    IT_SUPPORT = "it_support"
    AUTHORITIES = "authorities"
    OTHER = "other"


RECIPIENT_LABELS: dict[RecipientKind, str] = {
    RecipientKind.ACCOUNTANT: N_("Accountant"),
    RecipientKind.SMS: N_("SMS service provider"),
    RecipientKind.EMAIL: N_("E-mail service provider"),
    RecipientKind.IT_SUPPORT: N_("IT support"),
    RecipientKind.AUTHORITIES: N_("Public authorities"),
    RecipientKind.OTHER: N_("Other recipient"),
}
RECIPIENT_RECEIVES: dict[RecipientKind, str] = {
    RecipientKind.ACCOUNTANT: N_("Accounting records: date, services and price of visits."),
    RecipientKind.SMS: N_("Your phone number and the message, only if you agreed to SMS "
                          "messages."),
    RecipientKind.EMAIL: N_("Your name, e-mail address and the message, only if you agreed "
                            "to e-mails."),
    RecipientKind.IT_SUPPORT: N_("May see data while maintaining the computer, bound by "
                                 "confidentiality."),
    RecipientKind.AUTHORITIES: N_("Only when the law requires it, e.g. the Tax and Customs "
                                  "Board."),
    RecipientKind.OTHER: N_("As described by the salon."),
}

#: (key, text, physical) — the measures the salon starts with
MEASURES: tuple[tuple[str, str, bool], ...] = (
    ("papers_locked", N_("Paper consent forms and other client papers are kept in a locked "
                         "cabinet."), True),
    ("cabinet_key", N_("Only named staff hold the key to the cabinet."), True),
    ("screens_away", N_("Screens are placed so that visitors at the desk cannot read "
                        "them."), True),
    ("screen_lock", N_("Staff lock the screen (Ctrl+L) whenever they leave the computer; the "
                       "program also locks itself after a few idle minutes."), True),
    ("recovery_sheet", N_("The recovery sheet is kept in the locked cabinet, never on the "
                          "computer."), True),
    ("backup_media", N_("Backup USB sticks are kept locked away or taken off the premises by "
                        "the manager."), True),
    ("encryption", N_("The client database and its backups are encrypted (AES-256)."),
     False),
    ("accounts", N_("Each staff member signs in with a personal account and a strong "
                    "password and sees only what their role needs."), False),
    ("audit_log", N_("Access to client data is recorded in a tamper-evident log that the "
                     "manager reviews."), False),
    ("updates", N_("The computer's operating system and antivirus are kept up to date."),
     False),
    ("training", N_("Staff are instructed on confidentiality and data protection when they "
                    "start."), False),
)
MEASURE_TEXTS: dict[str, str] = {key: text for key, text, _ in MEASURES}

TRANSFERS = N_("Your data is kept on the salon's own computer, encrypted. It is not "
               "transferred outside the European Union and the European Economic Area.")
SOURCE = N_("Most of the data comes from you: you gave it at the desk, by phone or by "
            "e-mail. Our staff record your bookings, visits, patch tests and notes while "
            "serving you. If you were our client before this program was used, your details "
            "were carried over from our earlier client records.")
AUTOMATED = N_("We do not use automated decision-making or profiling (GDPR Art. 22).")


@dataclass(frozen=True)
class Authority:
    """The supervisory authority, for the client's right to complain (Art. 77)."""

    name: str
    address: str
    email: str
    phone: str
    web: str


AKI_NAME = N_("Estonian Data Protection Inspectorate (Andmekaitse Inspektsioon)")
AKI = Authority(AKI_NAME, "Tatari 39, 10134 Tallinn", "info@aki.ee", "+372 627 4135",
                "www.aki.ee")


@dataclass(frozen=True)
class Activity:
    """One processing activity with its texts resolved for a language."""

    key: str
    purpose: str
    data: str
    legal_basis: str
    retention: str
    in_client_report: bool
    customised: frozenset[str]   # the fields holding the salon's own wording
    last_reviewed: date | None


@dataclass(frozen=True)
class Recipient:
    id: int
    kind: RecipientKind
    name: str          # the company, e.g. "Raamatupidamine OÜ"; "" until the manager names it
    receives: str      # resolved for the language (the salon's note, else the default)
    active: bool


@dataclass(frozen=True)
class SecurityMeasure:
    id: int
    key: str | None    # None for a measure the salon added
    text: str
    holder: str        # who holds the key / who is responsible; free text
    physical: bool
    last_checked: date | None
    checked_by: str | None
    active: bool


@dataclass(frozen=True)
class ProcessingRecord:
    controller: SalonDetails
    language: str
    activities: tuple[Activity, ...]
    recipients: tuple[Recipient, ...]
    measures: tuple[SecurityMeasure, ...]
    transfers: str
    source: str
    inactive_years: int
    accounting_years: int
