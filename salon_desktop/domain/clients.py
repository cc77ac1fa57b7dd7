"""What the services hand out about a client: list items, the card, its health section.

Fields a role may not see are *absent*: the service leaves them ``None`` and keeps their name
out of ``visible_fields`` (one rule for every object, easy to test: a stylist's objects never
carry a phone). Fields that are visible but masked on screen (birth date, health details) are
not in the card at all; ``masked_fields`` names those the role may reveal, and
``ClientService.reveal`` returns each one and audits it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from salon_desktop.domain.roles import Permission
from salon_desktop.domain.visits import Visit

# Field names: the same in visible_fields, validation errors, update() and the audit log.
BASIC_FIELDS = frozenset({"first_name", "last_name", "language", "preferences",
                          "favourite_stylist_id"})
CONTACT_FIELDS = frozenset({"phone", "email", "address", "birth_date"})
NOTE_FIELDS = frozenset({"notes"})
EDITABLE_FIELDS = BASIC_FIELDS | CONTACT_FIELDS | NOTE_FIELDS
MASKED = ("birth_date", "health")   # shown as •••• until revealed (and audited)
HEALTH_CONSENT = "health_consent"
HEALTH_FLAGS = "health_flags"
HEALTH = "health"


def visible_client_fields(can: Callable[[Permission], bool], *,
                          store_health_data: bool) -> frozenset[str]:
    """The fields of a client this role may see at all (masked or not)."""
    fields: set[str] = set()
    if can(Permission.CLIENT_BASIC_READ):
        fields |= BASIC_FIELDS
    if can(Permission.CLIENT_CONTACT_READ):
        fields |= CONTACT_FIELDS
    if can(Permission.VISIT_READ):
        fields |= NOTE_FIELDS
    if store_health_data:
        if can(Permission.CONSENT_FLAG_READ):
            fields.add(HEALTH_CONSENT)
        if can(Permission.HEALTH_FLAG_READ):
            fields.add(HEALTH_FLAGS)
        if can(Permission.HEALTH_READ):
            fields.add(HEALTH)
    return frozenset(fields)


def writable_client_fields(can: Callable[[Permission], bool]) -> frozenset[str]:
    fields: set[str] = set()
    if can(Permission.CLIENT_BASIC_WRITE):
        fields |= BASIC_FIELDS
    if can(Permission.CLIENT_CONTACT_WRITE):
        fields |= CONTACT_FIELDS
    if can(Permission.VISIT_WRITE):
        fields |= NOTE_FIELDS
    return frozenset(fields)


@dataclass(frozen=True)
class ClientDraft:
    """What a new-client form holds; text as typed, checked by the service."""

    first_name: str
    last_name: str
    phone: str | None = None
    email: str | None = None
    birth_date: date | str | None = None
    address: str | None = None
    language: str = "et"
    preferences: str | None = None
    favourite_stylist_id: int | None = None
    notes: str | None = None

    def filled(self) -> dict[str, object]:
        """The fields that hold something (the rest stay empty and need no permission)."""
        values = {name: getattr(self, name) for name in EDITABLE_FIELDS}
        return {k: v for k, v in values.items()
                if v not in (None, "") or k in ("first_name", "last_name")}


@dataclass(frozen=True)
class ClientListItem:
    """One row of the client list; phone and e-mail only for roles that may see them."""

    id: int
    first_name: str
    last_name: str
    language: str
    visible_fields: frozenset[str]
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ClientPage:
    items: tuple[ClientListItem, ...]
    total: int | None  # clients matching the search, counted when asked for (first page)


@dataclass(frozen=True)
class CreateResult:
    """``client_id`` when created; otherwise the existing cards it may duplicate."""

    client_id: int | None
    duplicates: tuple[ClientListItem, ...] = ()


@dataclass(frozen=True)
class HealthConsent:
    """The explicit consent to keep health data (GDPR Art. 9), as recorded at the desk."""

    given: bool
    recorded_at: datetime
    recorded_by: str | None  # staff member's display name


@dataclass(frozen=True)
class HealthFlags:
    """What reception may know: that something is on file, not what."""

    allergy_on_file: bool
    contraindication_on_file: bool
    patch_test_valid_until: date | None


class PatchTestResult(StrEnum):
    PENDING = "pending"
    NEGATIVE = "negative"   # no reaction: the product may be used
    POSITIVE = "positive"   # a reaction: do not use


@dataclass(frozen=True)
class PatchTest:
    id: int
    product: str            # product and shade
    applied_at: datetime    # salon local time
    tested_by_id: int | None
    tested_by: str | None
    result: PatchTestResult
    valid_until: date | None


@dataclass(frozen=True)
class PatchTestDraft:
    product: str
    applied_at: datetime
    result: PatchTestResult = PatchTestResult.PENDING
    valid_until: date | None = None
    tested_by_id: int | None = None  # defaults to the signed-in staff member


@dataclass(frozen=True)
class HealthInfo:
    allergies: str | None
    contraindications: str | None
    patch_tests: tuple[PatchTest, ...]


@dataclass(frozen=True)
class ClientCard:
    id: int
    visible_fields: frozenset[str]
    first_name: str
    last_name: str
    language: str
    preferences: str | None = None
    favourite_stylist_id: int | None = None
    favourite_stylist: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    notes: str | None = None
    #: visible to this role, held back until ``reveal`` (birth_date, health)
    masked_fields: frozenset[str] = frozenset()
    health_consent: HealthConsent | None = None
    health_flags: HealthFlags | None = None
    recent_visits: tuple[Visit, ...] = field(default_factory=tuple)
    visit_count: int = 0
