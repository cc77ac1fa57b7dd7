"""The appointment book: the day and week views, booking, moving, cancelling and marking
arrived / done / no-show.

Every check that protects the book runs inside the same ``BEGIN IMMEDIATE`` transaction as
the write, so two reception PCs cannot double-book a stylist between check and insert:
opening hours, breaks, the stylist's other bookings, and the patch test (with the salon's
``patch_test_hard_block`` a refusal, else a warning). A warning is shown *before* anything is
written: without ``accept_warnings=True`` the call raises ``BookingNeedsConfirmation`` and
writes nothing, so "go back to the form" leaves no booking and nothing to take back; with it
the booking is written and its audit entry names the accepted warnings. Times are the
salon's local time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from salon_desktop.domain.appointments import (
    OCCUPYING,
    PATCH_TEST_MIN_HOURS,
    TRANSITIONS,
    Appointment,
    AppointmentDraft,
    AppointmentStatus,
    BookingNeedsConfirmation,
    BookingResult,
    BookingWarning,
    DayView,
    DuringBreak,
    OutsideOpeningHours,
    PatchTestMissing,
    PatchTestRequired,
    SalonClosed,
    StaffRef,
    StatusChangeNotAllowed,
    StylistDoubleBooked,
    WeekView,
)
from salon_desktop.domain.errors import NotFound, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import clean_text
from salon_desktop.i18n import N_
from salon_desktop.services import client_view as view
from salon_desktop.services.base import Service, requires
from salon_desktop.services.restriction import require_unrestricted
from salon_desktop.services.schedule import break_from
from salon_desktop.storage import (
    appointments_repo,
    catalogue_repo,
    clients_repo,
    health_repo,
    staff_repo,
)
from salon_desktop.storage.database import Row


def _hm(value: datetime | time) -> str:
    return value.strftime("%H:%M")


def _minute(value: datetime) -> datetime:
    return value.replace(tzinfo=None, second=0, microsecond=0)


def _require_accepted(warnings: tuple[BookingWarning, ...], accepted: bool) -> None:
    """Refuse (inside the transaction, before any write) a booking whose warnings the
    receptionist has not seen and accepted yet."""
    if warnings and not accepted:
        raise BookingNeedsConfirmation(warnings)


def _accepted_detail(warnings: tuple[BookingWarning, ...]) -> list[str]:
    """The audit detail of accepted warnings: their stable codes, never their wording."""
    return [f"warnings_accepted={','.join(w.code for w in warnings)}"] if warnings else []


class AppointmentService(Service):
    # -- views ----------------------------------------------------------------------------
    @requires(Permission.BOOKING_READ)
    def day(self, day: date, *, include_cancelled: bool = False) -> DayView:
        """One column per stylist; each booking with a patch-test warning flag."""
        return self._days(day, 1, include_cancelled)[0]

    @requires(Permission.BOOKING_READ)
    def week(self, start: date, *, include_cancelled: bool = False) -> WeekView:
        """Seven days from ``start`` (the GUI passes a Monday)."""
        return WeekView(start, tuple(self._days(start, 7, include_cancelled)))

    def _days(self, first: date, count: int, include_cancelled: bool) -> list[DayView]:
        session = self.ctx.session
        assert session is not None
        begin = datetime.combine(first, time())
        rows = appointments_repo.between(self.db, begin, begin + timedelta(days=count))
        hours = {int(r["weekday"]): r for r in appointments_repo.opening_hours(self.db)}
        breaks = [break_from(r) for r in appointments_repo.breaks(self.db)]
        stylists = tuple(StaffRef(int(r["id"]), r["display_name"])
                         for r in appointments_repo.bookable_stylists(self.db))
        own = view.own_clients_of(self.ctx, session)
        days = []
        for offset in range(count):
            day = first + timedelta(days=offset)
            row = hours.get(day.weekday())
            opens = time.fromisoformat(row["opens"]) if row and row["opens"] else None
            closes = time.fromisoformat(row["closes"]) if row and row["closes"] else None
            items = tuple(self._appointment(r, own) for r in rows
                          if r["starts_at"][:10] == day.isoformat()
                          and (include_cancelled or r["status"] != "cancelled"))
            days.append(DayView(day, opens, closes, stylists,
                                tuple(b for b in breaks if b.weekday == day.weekday()), items))
        return days

    def _appointment(self, row: Row, own: int | None) -> Appointment:
        client_id = row["client_id"]
        shown = client_id is not None and (
            own is None or clients_repo.is_own_client(self.db, client_id, own))
        start = datetime.fromisoformat(row["starts_at"])
        warn = bool(row["needs_patch_test"]) and client_id is not None and row["status"] in (
            "booked", "arrived") and not self._patch_test_ok(client_id, start)
        return Appointment(
            id=int(row["id"]), stylist_id=int(row["stylist_id"]), stylist=row["stylist_name"],
            service_id=int(row["service_id"]), service=row["service_name"], start=start,
            end=datetime.fromisoformat(row["ends_at"]),
            status=AppointmentStatus(row["status"]),
            client_id=client_id if shown else None,
            client_first_name=row["first_name"] if shown else None,
            client_last_name=row["last_name"] if shown else None,
            notes=row["notes"], patch_test_warning=warn)

    def _patch_test_ok(self, client_id: int, start: datetime) -> bool:
        if not view.setting(self.ctx, "store_health_data"):
            return False
        row = clients_repo.get(self.db, client_id)
        if row is None or not row["health_consent"]:
            return False
        return health_repo.has_valid_patch_test(self.db, client_id, start, PATCH_TEST_MIN_HOURS)

    # -- booking --------------------------------------------------------------------------
    @requires(Permission.BOOKING_WRITE)
    def book(self, draft: AppointmentDraft, *, accept_warnings: bool = False) -> BookingResult:
        """Book, or raise a ``ValidationError`` saying why not (closed, outside opening
        hours, a break, the stylist is taken, patch test hard block).

        A warning (a missing patch test without the hard block) raises
        ``BookingNeedsConfirmation`` and writes nothing, unless ``accept_warnings``: the
        receptionist must see it before the client leaves with a booking, not after.
        """
        session = self.ctx.session
        assert session is not None
        notes = clean_text("notes", draft.notes)
        with self.db.transaction():
            view.require_visible_client(self.ctx, session, draft.client_id)
            require_unrestricted(self.ctx, draft.client_id)  # GDPR Art. 18
            service = self._service(draft.service_id)
            start = _minute(draft.start)
            end = (_minute(draft.end) if draft.end is not None
                   else start + timedelta(minutes=int(service["duration_minutes"])))
            warnings = self._check_slot(draft.client_id, draft.stylist_id, service, start, end)
            _require_accepted(warnings, accept_warnings)
            appointment_id = appointments_repo.insert(
                self.db, client_id=draft.client_id, stylist_id=draft.stylist_id,
                service_id=int(service["id"]), start=start, end=end, notes=notes,
                now=self.ctx.clock.now())
            self.audit("appointment.book", record_type="appointment", record_id=appointment_id,
                       fields=["client_id", "stylist_id", "service_id", "start", "end"],
                       detail="; ".join([f"client={draft.client_id}",
                                         *_accepted_detail(warnings)]))
        return BookingResult(appointment_id, warnings)

    @requires(Permission.BOOKING_WRITE)
    def move(self, appointment_id: int, start: datetime, stylist_id: int | None = None, *,
             accept_warnings: bool = False) -> BookingResult:
        """Another time (same length) and/or another stylist, with the same checks and the
        same rule for warnings as ``book``: refused (nothing changed) until accepted."""
        with self.db.transaction():
            row = self._booking(appointment_id)
            require_unrestricted(self.ctx, row["client_id"])  # GDPR Art. 18
            if row["status"] != AppointmentStatus.BOOKED:
                raise StatusChangeNotAllowed()
            service = self._service(int(row["service_id"]), allow_inactive=True)
            new_start = _minute(start)
            length = (datetime.fromisoformat(row["ends_at"])
                      - datetime.fromisoformat(row["starts_at"]))
            new_stylist = stylist_id if stylist_id is not None else int(row["stylist_id"])
            warnings = self._check_slot(row["client_id"], new_stylist, service, new_start,
                                        new_start + length, exclude_id=appointment_id)
            _require_accepted(warnings, accept_warnings)
            appointments_repo.update(self.db, appointment_id, self.ctx.clock.now(),
                                     starts_at=new_start, ends_at=new_start + length,
                                     stylist_id=new_stylist)
            self.audit("appointment.move", record_type="appointment", record_id=appointment_id,
                       fields=["start", "end"] + (["stylist_id"] if stylist_id else []),
                       detail="; ".join(_accepted_detail(warnings)) or None)
        return BookingResult(appointment_id, warnings)

    @requires(Permission.BOOKING_WRITE)
    def cancel(self, appointment_id: int) -> None:
        self.set_status(appointment_id, AppointmentStatus.CANCELLED)

    @requires(Permission.BOOKING_WRITE)
    def set_status(self, appointment_id: int, status: AppointmentStatus) -> None:
        """Mark arrived, done, no-show or cancelled (and undo arrived / no-show)."""
        status = AppointmentStatus(status)
        with self.db.transaction():
            row = self._booking(appointment_id)
            current = AppointmentStatus(row["status"])
            if status not in TRANSITIONS[current]:
                raise StatusChangeNotAllowed()
            if status in OCCUPYING and current not in OCCUPYING:
                # a no-show put back: its slot may have been given away meanwhile
                self._check_overlap(int(row["stylist_id"]),
                                    datetime.fromisoformat(row["starts_at"]),
                                    datetime.fromisoformat(row["ends_at"]), appointment_id)
            appointments_repo.update(self.db, appointment_id, self.ctx.clock.now(),
                                     status=status.value)
            self.audit("appointment.status", record_type="appointment",
                       record_id=appointment_id, fields=["status"], detail=status.value)

    # -- checks ---------------------------------------------------------------------------
    def _booking(self, appointment_id: int) -> Row:
        session = self.ctx.session
        assert session is not None
        row = appointments_repo.get(self.db, appointment_id)
        if row is None:
            raise NotFound()
        if row["client_id"] is not None:
            view.require_visible_client(self.ctx, session, int(row["client_id"]))
        return row

    def _service(self, service_id: int, allow_inactive: bool = False) -> Row:
        row = catalogue_repo.get(self.db, service_id)
        if row is None or not (row["active"] or allow_inactive):
            raise ValidationError("service_id", N_("Please choose a service from the "
                                                   "catalogue."))
        return row

    def _check_slot(self, client_id: int | None, stylist_id: int, service: Row,
                    start: datetime, end: datetime,
                    exclude_id: int | None = None) -> tuple[BookingWarning, ...]:
        stylist = staff_repo.by_id(self.db, stylist_id)
        if stylist is None or not stylist["active"] or stylist["role"] != "stylist":
            raise ValidationError("stylist_id", N_("Please choose a stylist from the list."))
        if end <= start or end.date() != start.date():
            raise ValidationError("end", N_("The booking must end later on the same day."))
        hours = appointments_repo.opening_hours_on(self.db, start.weekday())
        if hours is None or hours["opens"] is None:
            raise SalonClosed()
        if _hm(start) < hours["opens"] or _hm(end) > hours["closes"]:
            raise OutsideOpeningHours(hours["opens"], hours["closes"])
        for row in appointments_repo.breaks(self.db, [start.weekday()]):
            if row["stylist_id"] in (None, stylist_id) and (
                    _hm(start) < row["ends"] and _hm(end) > row["starts"]):
                raise DuringBreak(row["starts"], row["ends"])
        self._check_overlap(stylist_id, start, end, exclude_id)
        if service["needs_patch_test"] and client_id is not None and not self._patch_test_ok(
                client_id, start):
            if (view.setting(self.ctx, "patch_test_hard_block")
                    and view.setting(self.ctx, "store_health_data")):
                raise PatchTestRequired(PATCH_TEST_MIN_HOURS)
            return (PatchTestMissing(hours=PATCH_TEST_MIN_HOURS),)
        return ()

    def _check_overlap(self, stylist_id: int, start: datetime, end: datetime,
                       exclude_id: int | None) -> None:
        clash = appointments_repo.first_overlap(self.db, stylist_id, start, end, exclude_id)
        if clash is not None:
            raise StylistDoubleBooked(_hm(datetime.fromisoformat(clash["starts_at"])),
                                      _hm(datetime.fromisoformat(clash["ends_at"])))
