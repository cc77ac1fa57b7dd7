"""Consents as the salon must be able to prove them (GDPR Art. 7(1), Art. 9; Estonian
Electronic Communications Act §103¹).

The ledger is append-only: each event says what was given or withdrawn, for which purpose,
on which legal basis, with which wording (language + version: wording rows are immutable, so
the exact text shown stays readable forever), how and by whom. A purpose's current state is
its latest event — there is nothing to edit, so a withdrawal can never be "undone" by an
edit, only followed by a new, separately recorded consent.

The existing-customer exception (§103¹(3): the salon's own similar services, marketed to a
client's e-mail or phone obtained in a sale, with an opt-out offered at collection and in
every message) is a legal basis of its own, never a "consent": it applies to e-mail and SMS
only, and once the client has said no it never applies again (only a fresh consent does).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from salon_desktop.i18n import N_


class Purpose(StrEnum):
    """What a consent is for. The values are the CLI's ``--purpose`` words."""

    EMAIL = "email"        # marketing by e-mail
    SMS = "sms"            # marketing by SMS
    BIRTHDAY = "birthday"  # birthday greetings (uses the birth date)
    HEALTH = "health"      # health data, GDPR Art. 9(2)(a) explicit consent
    PHOTOS = "photos"      # before/after pictures


#: purposes whose list can be exported for the salon's mail/SMS tool
MARKETING_PURPOSES: tuple[Purpose, ...] = (Purpose.EMAIL, Purpose.SMS, Purpose.BIRTHDAY)


class Action(StrEnum):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"


class LegalBasis(StrEnum):
    CONSENT = "consent"
    EXISTING_CUSTOMER = "existing_customer"  # ECA §103¹(3); e-mail and SMS only


#: the purposes the existing-customer exception can cover
EXISTING_CUSTOMER_PURPOSES: frozenset[Purpose] = frozenset({Purpose.EMAIL, Purpose.SMS})


class Method(StrEnum):
    """How the client said it. ``message``: the client replied to or unsubscribed from one of
    the salon's messages (the opt-out every message must offer) — for withdrawals only."""

    PAPER = "paper"      # signed paper form
    DESK = "desk"        # in person at the desk
    SCREEN = "screen"    # on screen at the desk
    PHONE = "phone"      # by phone
    MESSAGE = "message"  # reply / unsubscribe link (withdrawal only)


PURPOSE_LABELS: dict[Purpose, str] = {
    Purpose.EMAIL: N_("Marketing by e-mail"),
    Purpose.SMS: N_("Marketing by SMS"),
    Purpose.BIRTHDAY: N_("Birthday greetings"),
    Purpose.HEALTH: N_("Health data (allergies, patch tests)"),
    Purpose.PHOTOS: N_("Before and after photos"),
}
ACTION_LABELS: dict[Action, str] = {
    Action.GIVEN: N_("Consent given"),
    Action.WITHDRAWN: N_("Consent withdrawn"),
}
BASIS_LABELS: dict[LegalBasis, str] = {
    LegalBasis.CONSENT: N_("Consent"),
    LegalBasis.EXISTING_CUSTOMER: N_("Existing customer (similar services, may opt out)"),
}
METHOD_LABELS: dict[Method, str] = {
    Method.PAPER: N_("Signed paper form"),
    Method.DESK: N_("In person at the desk"),
    Method.SCREEN: N_("On screen at the desk"),
    Method.PHONE: N_("By phone"),
    Method.MESSAGE: N_("Reply to a message"),
}


@dataclass(frozen=True)
class Wording:
    """One immutable version of the text shown for a purpose in one language."""

    purpose: Purpose
    legal_basis: LegalBasis
    language: str
    version: int
    text: str
    created_at: datetime      # UTC
    created_by: str | None    # staff member's display name; None for the app's defaults


@dataclass(frozen=True)
class ConsentEvent:
    """One line of the ledger. ``wording_text`` is the exact text of the recorded version
    (``None`` for withdrawals, which show no wording, and for events migrated from the
    earlier yes/no field, whose wording was never recorded)."""

    id: int
    client_id: int
    purpose: Purpose
    action: Action
    legal_basis: LegalBasis
    method: Method
    recorded_at: datetime     # UTC
    recorded_by_id: int | None
    recorded_by: str | None   # staff member's display name
    wording_language: str | None
    wording_version: int | None
    wording_text: str | None


@dataclass(frozen=True)
class PurposeState:
    """Where one purpose stands now. For a role with the flag only, everything but
    ``purpose`` and ``stands`` is ``None``."""

    purpose: Purpose
    stands: bool
    legal_basis: LegalBasis | None = None  # of the latest event
    action: Action | None = None           # None: nothing was ever recorded
    recorded_at: datetime | None = None
    method: Method | None = None
    recorded_by: str | None = None
    wording_version: int | None = None
    wording_language: str | None = None


@dataclass(frozen=True)
class ConsentState:
    """Every purpose at a glance. ``detailed`` is False for roles that may see only whether
    the health consent stands (stylists): then ``purposes`` holds the health purpose alone
    and ``restricted``/``objecting`` are ``None``."""

    client_id: int
    purposes: tuple[PurposeState, ...]
    detailed: bool
    restricted: bool | None = None   # GDPR Art. 18: processing restricted
    objecting: bool | None = None    # GDPR Art. 21(2): objects to direct marketing

    def get(self, purpose: Purpose) -> PurposeState | None:
        return next((p for p in self.purposes if p.purpose is purpose), None)

    def stands(self, purpose: Purpose) -> bool:
        found = self.get(purpose)
        return bool(found and found.stands)

    def receives_marketing(self, purpose: Purpose) -> bool:
        """Whether the client is on that marketing list right now."""
        return (purpose in MARKETING_PURPOSES and self.stands(purpose)
                and self.restricted is False and self.objecting is False)


@dataclass(frozen=True)
class PrintedForm:
    """What a printed consent form showed: record the ticked purposes with exactly these
    wording versions (``ConsentService.record_form``)."""

    client_id: int
    language: str
    versions: dict[Purpose, int]


@dataclass(frozen=True)
class Recipient:
    """One line of a marketing list; only the contact the purpose needs is filled in."""

    client_id: int
    first_name: str
    last_name: str
    language: str
    email: str | None = None
    phone: str | None = None
    birthday: date | None = None  # the upcoming birthday (not the birth date: no age)


@dataclass(frozen=True)
class ExportResult:
    purpose: Purpose
    count: int
