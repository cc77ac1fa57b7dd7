"""The copy of everything the salon holds about one client (GDPR Art. 15 and 20).

One object feeds both the printed report and the JSON export, so the two can never say
different things. It is assembled for one language: the processing record's texts
(purposes, legal bases, retention, recipients) are resolved into it, while the client's own
data stays exactly as stored. Everything is plain values, so the JSON export can be read back
into an equal object (``reports/export_json.py``).

Staff appear as display names where the client met them (the stylist of a visit), and as
roles in the processing history — the report says what was done and by which role, not by
whom.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salon_desktop.domain.processing_record import Authority
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.i18n import N_

SCHEMA_VERSION = 1
FORMAT = "salon-desktop/client-data"


@dataclass(frozen=True)
class ClientDetails:
    id: int
    first_name: str
    last_name: str
    phone: str | None
    email: str | None
    address: str | None
    birth_date: date | None
    language: str
    preferences: str | None
    favourite_stylist: str | None
    notes: str | None
    created_at: datetime            # UTC
    updated_at: datetime            # UTC
    restricted: bool                # Art. 18
    objecting: bool                 # Art. 21(2)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class PatchTestCopy:
    product: str
    applied_at: datetime            # salon local time
    result: str                     # pending / negative / positive
    valid_until: date | None
    tested_by: str | None


@dataclass(frozen=True)
class HealthCopy:
    consent_stands: bool
    allergies: str | None
    contraindications: str | None
    patch_tests: tuple[PatchTestCopy, ...]

    @property
    def empty(self) -> bool:
        return not (self.allergies or self.contraindications or self.patch_tests)


@dataclass(frozen=True)
class ServiceLine:
    name: str
    price_cents: int


@dataclass(frozen=True)
class VisitCopy:
    started_at: datetime            # salon local time
    stylist: str | None
    services: tuple[ServiceLine, ...]
    price_cents: int
    notes: str | None
    colour_formula: str | None


@dataclass(frozen=True)
class BookingCopy:
    starts_at: datetime             # salon local time
    ends_at: datetime
    service: str
    stylist: str | None
    status: str                     # AppointmentStatus value
    notes: str | None


@dataclass(frozen=True)
class ConsentNow:
    purpose: str                    # Purpose value
    stands: bool
    action: str | None              # latest event's action; None: never asked
    legal_basis: str | None
    since: datetime | None          # UTC


@dataclass(frozen=True)
class ConsentEventCopy:
    recorded_at: datetime           # UTC
    purpose: str
    action: str                     # given / withdrawn
    legal_basis: str
    method: str
    wording_language: str | None
    wording_version: int | None
    wording_text: str | None


@dataclass(frozen=True)
class RequestCopy:
    kind: str                       # RequestKind value
    received_on: date
    due_on: date
    extended: bool
    status: str                     # RequestStatus value
    closed_on: date | None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime                    # UTC
    action: str                     # audit action, e.g. "client.view"
    staff_role: str | None          # admin / reception / stylist; None: the program itself


@dataclass(frozen=True)
class PurposeCopy:
    key: str
    purpose: str
    data: str
    legal_basis: str
    retention: str


@dataclass(frozen=True)
class RecipientCopy:
    kind: str
    label: str
    name: str
    receives: str


@dataclass(frozen=True)
class ClientDataCopy:
    language: str
    produced_at: datetime           # UTC
    produced_by_role: str           # Role value of whoever produced it
    controller: SalonDetails
    client: ClientDetails
    health: HealthCopy | None       # None: nothing held and no consent ever recorded
    visits: tuple[VisitCopy, ...]             # newest first
    bookings: tuple[BookingCopy, ...]         # newest first
    consents: tuple[ConsentNow, ...]
    consent_history: tuple[ConsentEventCopy, ...]   # newest first
    requests: tuple[RequestCopy, ...]
    history: tuple[HistoryEntry, ...]         # oldest first
    purposes: tuple[PurposeCopy, ...]
    recipients: tuple[RecipientCopy, ...]
    source: str
    transfers: str
    automated_decisions: bool
    authority: Authority


#: audit action → what the processing history says (actions not listed: "Other processing")
HISTORY_LABELS: dict[str, str] = {
    "client.create": N_("Client card created"),
    "client.update": N_("Client details changed"),
    "client.view": N_("Client card viewed"),
    "client.reveal": N_("Protected detail shown"),
    "client.import": N_("Client imported from a file"),
    "client.health_consent": N_("Health data consent recorded"),
    "client.health_update": N_("Health details changed"),
    "client.patch_test_add": N_("Patch test recorded"),
    "client.patch_test_result": N_("Patch test result recorded"),
    "client.restriction": N_("Restriction of processing changed"),
    "client.export": N_("Data exported to a file"),
    "health.erase": N_("Health data erased"),
    "consent.give": N_("Consent recorded"),
    "consent.withdraw": N_("Consent withdrawn"),
    "consent.objection": N_("Objection to marketing changed"),
    "consent.form_printed": N_("Consent form printed"),
    "visit.record": N_("Visit recorded"),
    "appointment.book": N_("Booking made"),
    "appointment.move": N_("Booking moved"),
    "appointment.status": N_("Booking status changed"),
    "report.print": N_("Data report produced"),
    "request.receive": N_("Data protection request received"),
    "request.extend": N_("Request deadline extended"),
    "request.assign": N_("Request assigned"),
    "request.close": N_("Data protection request closed"),
}
OTHER_PROCESSING = N_("Other processing")


def history_label(action: str) -> str:
    return HISTORY_LABELS.get(action, OTHER_PROCESSING)
