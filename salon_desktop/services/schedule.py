"""Opening hours, breaks and the stylists who take bookings: the frame of the appointment
book. Everyone signed in reads them; the manager changes them."""

from __future__ import annotations

from datetime import time

from salon_desktop.domain.appointments import Break, OpeningHours, StaffRef
from salon_desktop.domain.errors import NotFound, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from salon_desktop.services.base import Service, requires
from salon_desktop.storage import appointments_repo, staff_repo
from salon_desktop.storage.database import Row


def _hm(value: time) -> str:
    return value.strftime("%H:%M")


def break_from(row: Row) -> Break:
    return Break(id=int(row["id"]), weekday=int(row["weekday"]), stylist_id=row["stylist_id"],
                 starts=time.fromisoformat(row["starts"]), ends=time.fromisoformat(row["ends"]))


def _check_weekday(weekday: int) -> None:
    if weekday not in range(7):
        raise ValidationError("weekday", N_("Please choose a day of the week."))


def _check_span(starts: time, ends: time, field: str) -> None:
    if ends <= starts:
        raise ValidationError(field, N_("The end time must be later than the start time."))


class ScheduleService(Service):
    @requires(Permission.BOOKING_READ)
    def opening_hours(self) -> tuple[OpeningHours, ...]:
        """Monday to Sunday; a day without hours is closed."""
        stored = {int(r["weekday"]): r for r in appointments_repo.opening_hours(self.db)}
        result = []
        for weekday in range(7):
            row = stored.get(weekday)
            if row is None or row["opens"] is None:
                result.append(OpeningHours(weekday, None, None))
            else:
                result.append(OpeningHours(weekday, time.fromisoformat(row["opens"]),
                                           time.fromisoformat(row["closes"])))
        return tuple(result)

    @requires(Permission.SETTINGS_MANAGE)
    def set_opening_hours(self, weekday: int, opens: time | None, closes: time | None) -> None:
        """``None`` for both: closed that day."""
        _check_weekday(weekday)
        if (opens is None) != (closes is None):
            raise ValidationError("closes" if opens else "opens",
                                  N_("Please enter both the opening and the closing time, "
                                     "or neither for a day off."))
        if opens is not None and closes is not None:
            _check_span(opens, closes, "closes")
        with self.db.transaction():
            appointments_repo.set_opening_hours(self.db, weekday,
                                                _hm(opens) if opens else None,
                                                _hm(closes) if closes else None)
            self.audit("schedule.opening_hours", record_type="weekday", record_id=weekday)

    @requires(Permission.BOOKING_READ)
    def breaks(self) -> tuple[Break, ...]:
        return tuple(break_from(r) for r in appointments_repo.breaks(self.db))

    @requires(Permission.SETTINGS_MANAGE)
    def add_break(self, weekday: int, starts: time, ends: time,
                  stylist_id: int | None = None) -> int:
        """A recurring break every ``weekday``, for one stylist or the whole salon."""
        _check_weekday(weekday)
        _check_span(starts, ends, "ends")
        with self.db.transaction():
            if stylist_id is not None and staff_repo.by_id(self.db, stylist_id) is None:
                raise ValidationError("stylist_id", N_("Please choose a stylist from the "
                                                       "list."))
            break_id = appointments_repo.add_break(self.db, weekday, stylist_id, _hm(starts),
                                                   _hm(ends))
            self.audit("schedule.break_add", record_type="break", record_id=break_id)
        return break_id

    @requires(Permission.SETTINGS_MANAGE)
    def remove_break(self, break_id: int) -> None:
        with self.db.transaction():
            if not appointments_repo.remove_break(self.db, break_id):
                raise NotFound()
            self.audit("schedule.break_remove", record_type="break", record_id=break_id)

    @requires(Permission.BOOKING_READ)
    def stylists(self) -> tuple[StaffRef, ...]:
        """Active staff with the stylist role: one column each in the appointment book."""
        return tuple(StaffRef(int(r["id"]), r["display_name"])
                     for r in appointments_repo.bookable_stylists(self.db))
