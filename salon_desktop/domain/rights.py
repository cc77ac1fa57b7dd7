"""Clients' rights (GDPR Art. 12–22): the requests register, its deadlines, and the errors
the rights services raise.

Deadlines are calendar arithmetic on the salon's local dates, without dateutil: a request
received on 31 January is due on 28 (or 29) February — a period of months that ends on a
day the month does not have ends on its last day (Regulation 1182/71 Art. 3(2)(c), which the
GDPR's "one month" follows). An extension (Art. 12(3)) adds two months to the *original*
period, counted from the day of receipt, so 31 January becomes 30 April, not 28 April.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from salon_desktop.domain.errors import SalonError, ValidationError
from salon_desktop.i18n import N_

#: Art. 12(3): answer within one month, extendable once by two further months
MONTHS_TO_ANSWER = 1
EXTENSION_MONTHS = 2
#: the sign-in overview shows open requests due within this many days (and overdue ones)
DUE_SOON_DAYS = 7
NOTE_MAX = 1000


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; a day the target month lacks becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_due(received: date) -> date:
    return add_months(received, MONTHS_TO_ANSWER)


def extended_due(received: date) -> date:
    return add_months(received, MONTHS_TO_ANSWER + EXTENSION_MONTHS)


class RequestKind(StrEnum):
    """What the client asked for; the values are the CLI's and the JSON export's words."""

    ACCESS = "access"                # Art. 15
    RECTIFICATION = "rectification"  # Art. 16
    ERASURE = "erasure"              # Art. 17
    RESTRICTION = "restriction"      # Art. 18
    PORTABILITY = "portability"      # Art. 20
    OBJECTION = "objection"          # Art. 21


class RequestStatus(StrEnum):
    OPEN = "open"
    DONE = "done"        # answered / carried out
    REFUSED = "refused"  # e.g. manifestly unfounded (Art. 12(5)); the reason goes in outcome


REQUEST_KIND_LABELS: dict[RequestKind, str] = {
    RequestKind.ACCESS: N_("Access to data"),
    RequestKind.RECTIFICATION: N_("Rectification"),
    RequestKind.ERASURE: N_("Erasure"),
    RequestKind.RESTRICTION: N_("Restriction of processing"),
    RequestKind.PORTABILITY: N_("Data portability"),
    RequestKind.OBJECTION: N_("Objection"),
}
REQUEST_STATUS_LABELS: dict[RequestStatus, str] = {
    RequestStatus.OPEN: N_("Open"),
    RequestStatus.DONE: N_("Done"),
    RequestStatus.REFUSED: N_("Refused"),
}


@dataclass(frozen=True)
class DataRequest:
    """One entry of the register. ``client_id`` is ``None`` when the requester is not a
    client, or once the client was erased (``client_erased``): the entry stays as proof the
    request was handled, without anything that points at the person."""

    id: int
    kind: RequestKind
    client_id: int | None
    client_name: str | None   # "first last" while the client exists
    client_erased: bool
    received_on: date
    due_on: date              # the deadline in force (extended or not)
    extended: bool
    extension_reason: str | None
    status: RequestStatus
    handled_by_id: int | None
    handled_by: str | None    # staff member's display name
    note: str | None
    closed_on: date | None
    outcome: str | None

    @property
    def first_due_on(self) -> date:
        return first_due(self.received_on)

    def days_left(self, today: date) -> int:
        """Negative when overdue."""
        return (self.due_on - today).days

    def overdue(self, today: date) -> bool:
        return self.status is RequestStatus.OPEN and today > self.due_on


@dataclass(frozen=True)
class RequestOverview:
    """What the manager sees at sign-in: open requests that are overdue or due soon."""

    today: date
    open_count: int
    overdue: tuple[DataRequest, ...]
    due_soon: tuple[DataRequest, ...]

    @property
    def needs_attention(self) -> bool:
        return bool(self.overdue or self.due_soon)


# -- errors --------------------------------------------------------------------------------
class ProcessingRestricted(SalonError):
    """Art. 18: the client's data may be stored and viewed, not changed or used for new
    bookings, except by the manager who handles the request."""

    msgid = N_("This client has asked us to restrict the use of their data. The card can be "
               "viewed, but only the manager can change it or book for the client.")


class RequestClosed(SalonError):
    msgid = N_("This request is already closed.")


class AlreadyExtended(SalonError):
    msgid = N_("The deadline of this request has already been extended. The law allows one "
               "extension of two months.")


class ExtensionTooLate(ValidationError):
    def __init__(self) -> None:
        super().__init__("reason", N_("The deadline can be extended only within the first "
                                      "month, because the client must be told the reason "
                                      "by then."))


class ConfirmationRequired(SalonError):
    msgid = N_("Erasure cannot be undone, so it needs a confirmation.")


class RequestMismatch(ValidationError):
    def __init__(self) -> None:
        super().__init__("request_id", N_("This request belongs to another client or asks "
                                          "for something else."))
