"""The appointment book: bookings, opening hours, breaks, and the errors a booking can meet.

Times are the salon's local wall-clock time (naive ``datetime``), as in the paper book.
Error params are times and numbers only, never a client's or staff member's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import ClassVar

from salon_desktop.domain.errors import SalonError, ValidationError
from salon_desktop.i18n import N_, Translator

PATCH_TEST_MIN_HOURS = 48


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


#: statuses that hold the stylist's time (a cancelled or missed slot is free again)
OCCUPYING = (AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED, AppointmentStatus.DONE)

#: which status may follow which (cancelled, done and no-show are final)
TRANSITIONS: dict[AppointmentStatus, frozenset[AppointmentStatus]] = {
    AppointmentStatus.BOOKED: frozenset({AppointmentStatus.ARRIVED, AppointmentStatus.DONE,
                                         AppointmentStatus.NO_SHOW,
                                         AppointmentStatus.CANCELLED}),
    AppointmentStatus.ARRIVED: frozenset({AppointmentStatus.DONE, AppointmentStatus.BOOKED}),
    AppointmentStatus.DONE: frozenset(),
    AppointmentStatus.NO_SHOW: frozenset({AppointmentStatus.BOOKED}),
    AppointmentStatus.CANCELLED: frozenset(),
}

STATUS_LABELS: dict[AppointmentStatus, str] = {
    AppointmentStatus.BOOKED: N_("Booked"),
    AppointmentStatus.ARRIVED: N_("Arrived"),
    AppointmentStatus.DONE: N_("Done"),
    AppointmentStatus.NO_SHOW: N_("No-show"),
    AppointmentStatus.CANCELLED: N_("Cancelled"),
}


@dataclass(frozen=True)
class StaffRef:
    id: int
    display_name: str


@dataclass(frozen=True)
class OpeningHours:
    weekday: int                 # 0 = Monday
    opens: time | None           # None: closed
    closes: time | None


@dataclass(frozen=True)
class Break:
    id: int
    weekday: int
    stylist_id: int | None       # None: the whole salon
    starts: time
    ends: time


@dataclass(frozen=True)
class Appointment:
    id: int
    stylist_id: int
    stylist: str
    service_id: int
    service: str
    start: datetime
    end: datetime
    status: AppointmentStatus
    #: None when the role may not see who the client is (stylists see only their own
    #: clients when the salon asks for it)
    client_id: int | None
    client_first_name: str | None
    client_last_name: str | None
    notes: str | None
    patch_test_warning: bool     # the service needs a patch test the client lacks


@dataclass(frozen=True)
class AppointmentDraft:
    client_id: int
    stylist_id: int
    service_id: int
    start: datetime
    end: datetime | None = None  # None: start + the service's duration
    notes: str | None = None


@dataclass(frozen=True)
class BookingResult:
    appointment_id: int
    #: the warnings the receptionist accepted (``accept_warnings=True``); always empty
    #: otherwise, since a booking with warnings is refused until they are accepted
    warnings: tuple[BookingWarning, ...] = ()


@dataclass(frozen=True)
class DayView:
    day: date
    opens: time | None
    closes: time | None
    stylists: tuple[StaffRef, ...]   # one column each
    breaks: tuple[Break, ...]
    appointments: tuple[Appointment, ...]


@dataclass(frozen=True)
class WeekView:
    start: date
    days: tuple[DayView, ...]


class StylistDoubleBooked(ValidationError):
    def __init__(self, start: str, end: str) -> None:
        super().__init__("start", N_("This stylist already has a booking from {start} to "
                                     "{end}. Please choose another time or another stylist."),
                         start=start, end=end)


class SalonClosed(ValidationError):
    def __init__(self) -> None:
        super().__init__("start", N_("The salon is closed on that day."))


class OutsideOpeningHours(ValidationError):
    def __init__(self, opens: str, closes: str) -> None:
        super().__init__("start", N_("On that day the salon is open from {opens} to "
                                     "{closes}. Please choose a time within the opening "
                                     "hours."), opens=opens, closes=closes)


class DuringBreak(ValidationError):
    def __init__(self, starts: str, ends: str) -> None:
        super().__init__("start", N_("This time overlaps a break from {starts} to {ends}."),
                         starts=starts, ends=ends)


class BookingWarning(SalonError):
    """Something the receptionist must see before the booking is written, and may accept.

    ``code`` names it in the audit log (stable, English, no personal data) when accepted.
    """

    code: ClassVar[str] = "warning"


class PatchTestMissing(BookingWarning):
    """No valid patch test for a service that needs one (without the salon's hard block)."""

    code = "patch_test_missing"
    msgid = N_("This service needs a negative patch test done at least {hours} hours before "
               "the appointment and still valid on the day. None is on file.")


class BookingNeedsConfirmation(SalonError):
    """Nothing was written: the booking meets warnings that must be accepted first.

    The receptionist sees the warnings *before* anything is booked and either books anyway
    (the same call again with ``accept_warnings=True``, recorded in the audit log) or goes
    back to the form; going back leaves no booking, no cancellation and no audit entry.
    The message and the warnings carry hours only, never whom the booking is for.
    """

    msgid = N_("Nothing was booked yet: please read the warning and confirm the booking.")

    def __init__(self, warnings: tuple[BookingWarning, ...]) -> None:
        self.warnings = warnings
        super().__init__()

    def user_message(self, translator: Translator | None = None) -> str:
        """The warnings themselves, then what to do (for a place with no dialog of its own)."""
        lines = [w.user_message(translator) for w in self.warnings]
        return "\n\n".join([*lines, super().user_message(translator)])


class PatchTestRequired(ValidationError):
    """The salon's hard block: the same, refused."""

    def __init__(self, hours: int) -> None:
        super().__init__("service_id", N_("This service can be booked only after a negative "
                                          "patch test done at least {hours} hours before the "
                                          "appointment. Please book the patch test first."),
                         hours=hours)


class StatusChangeNotAllowed(SalonError):
    msgid = N_("This booking can no longer be changed that way.")
