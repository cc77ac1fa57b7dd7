"""The appointment book: no double booking (a clear message), opening hours and breaks, the
patch-test warning (shown before anything is written, booked only when accepted) and the
salon's hard block, moving, statuses, day and week views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import (
    AppointmentDraft,
    AppointmentStatus,
    BookingNeedsConfirmation,
    BookingResult,
    DuringBreak,
    OutsideOpeningHours,
    PatchTestMissing,
    PatchTestRequired,
    SalonClosed,
    StatusChangeNotAllowed,
    StylistDoubleBooked,
)
from salon_desktop.domain.clients import PatchTestDraft, PatchTestResult
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import get_translator
from tests.clients_helpers import Salon, add_catalogue, make_salon, new_client

MONDAY = date(2026, 11, 30)


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


@dataclass
class Book:
    salon: Salon
    client: int
    cut: int
    colour: int
    liis: int
    anna: int

    def book(self, start: datetime, *, stylist: int | None = None, service: int | None = None,
             client: int | None = None, accept: bool = False) -> BookingResult:
        return self.salon.ctx.services.appointments.book(AppointmentDraft(
            client or self.client, stylist or self.liis, service or self.cut, start),
            accept_warnings=accept)

    def counts(self) -> tuple[int, int]:
        """(appointments, audit entries): what a refused booking must leave untouched."""
        db = self.salon.ctx.vault.db
        return (int(db.scalar("SELECT count(*) FROM appointments")),
                int(db.scalar("SELECT count(*) FROM audit_log")))

    def audit_details(self, action: str) -> list[str | None]:
        return [r["detail"] for r in self.salon.ctx.vault.db.query(
            "SELECT detail FROM audit_log WHERE action = ? ORDER BY id", (action,))]


@pytest.fixture
def book(app_context: AppContext) -> Book:
    salon = make_salon(app_context)
    services = add_catalogue(app_context)
    client = new_client(app_context, "Õie", "Šmidt")
    salon.act_as(Role.RECEPTION)
    return Book(salon, client, services["cut"], services["colour"], salon.staff["liis"],
                salon.staff["anna"])


def test_a_stylist_is_never_double_booked(book: Book) -> None:
    first = book.book(at(10))
    assert first.warnings == ()
    with pytest.raises(StylistDoubleBooked) as caught:
        book.book(at(10, 30))
    assert caught.value.field == "start"
    assert caught.value.params == {"start": "10:00", "end": "10:45"}
    assert "10:00" in caught.value.user_message(get_translator("et"))
    assert caught.value.user_message(get_translator("ru")) != caught.value.user_message(
        get_translator("en"))
    book.book(at(10, 30), stylist=book.anna)   # another stylist is free
    book.book(at(10, 45))                      # right after is fine
    with pytest.raises(StylistDoubleBooked):   # a long one over a short one
        book.book(at(9), service=book.colour)
    day = book.salon.ctx.services.appointments.day(MONDAY)
    assert len(day.appointments) == 3


def test_opening_hours_and_breaks(book: Book) -> None:
    with pytest.raises(SalonClosed):
        book.book(at(10, day=date(2026, 11, 29)))  # Sunday
    with pytest.raises(OutsideOpeningHours) as caught:
        book.book(at(8, 30))
    assert caught.value.params == {"opens": "09:00", "closes": "19:00"}
    with pytest.raises(OutsideOpeningHours):
        book.book(at(18, 30))  # 45 minutes would end after closing
    book.salon.act_as(Role.ADMIN)
    schedule = book.salon.ctx.services.schedule
    schedule.add_break(0, time(13), time(13, 30))
    schedule.add_break(0, time(15), time(16), stylist_id=book.anna)
    schedule.set_opening_hours(5, None, None)
    assert schedule.opening_hours()[5].opens is None
    book.salon.act_as(Role.RECEPTION)
    with pytest.raises(DuringBreak) as during:
        book.book(at(12, 45))
    assert during.value.params == {"starts": "13:00", "ends": "13:30"}
    book.book(at(15))  # Anna's break does not stop Liis
    with pytest.raises(DuringBreak):
        book.book(at(15), stylist=book.anna)
    day = book.salon.ctx.services.appointments.day(MONDAY)
    assert (day.opens, day.closes) == (time(9), time(19))
    assert [s.display_name for s in day.stylists] == ["Anna", "Liis"]
    assert len(day.breaks) == 2


def _patch_test(book: Book, applied: datetime) -> None:
    ctx = book.salon.ctx
    book.salon.act_as(Role.ADMIN)
    ctx.services.client_health.record_health_consent(book.client, True)
    ctx.services.client_health.add_patch_test(book.client, PatchTestDraft(
        "Igora 7/1", applied, PatchTestResult.NEGATIVE))
    book.salon.act_as(Role.RECEPTION)


def test_a_patch_test_warning_comes_before_anything_is_written(book: Book) -> None:
    before = book.counts()
    with pytest.raises(BookingNeedsConfirmation) as caught:
        book.book(at(10), service=book.colour)
    assert book.counts() == before                      # no booking, no audit entry
    assert book.salon.ctx.services.appointments.day(MONDAY).appointments == ()
    warnings = caught.value.warnings
    assert len(warnings) == 1 and isinstance(warnings[0], PatchTestMissing)
    assert warnings[0].params == {"hours": 48}
    assert "48" in warnings[0].user_message(get_translator("et"))
    # translated, and nothing in it says whom the booking was for (it may reach a log)
    for language in ("en", "et", "ru"):
        shown = caught.value.user_message(get_translator(language))
        assert warnings[0].user_message(get_translator(language)) in shown
    assert caught.value.user_message(get_translator("et")) != caught.value.user_message(
        get_translator("en"))
    for text in (str(caught.value), repr(caught.value), caught.value.user_message()):
        assert "Šmidt" not in text and "Õie" not in text and str(book.client) not in text


def test_an_accepted_warning_books_and_the_audit_log_says_so(book: Book) -> None:
    appointments, audited = book.counts()
    result = book.book(at(10), service=book.colour, accept=True)
    assert book.counts() == (appointments + 1, audited + 1)
    assert len(result.warnings) == 1 and isinstance(result.warnings[0], PatchTestMissing)
    day = book.salon.ctx.services.appointments.day(MONDAY)
    assert [a.id for a in day.appointments] == [result.appointment_id]
    assert day.appointments[0].patch_test_warning        # still flagged in the book
    assert book.audit_details("appointment.book") == [
        f"client={book.client}; warnings_accepted=patch_test_missing"]
    # no warning, nothing to accept: the flag changes nothing and the log says nothing
    assert book.book(at(16), service=book.cut, accept=True).warnings == ()
    assert book.book(at(17), service=book.cut).warnings == ()
    assert book.audit_details("appointment.book")[1:] == [f"client={book.client}"] * 2


def test_patch_test_timing(book: Book) -> None:
    _patch_test(book, at(11, day=date(2026, 11, 28)))   # 47 hours before: too late
    with pytest.raises(BookingNeedsConfirmation):
        book.book(at(10), stylist=book.anna, service=book.colour)
    _patch_test(book, at(10, day=date(2026, 11, 28)))   # exactly 48 hours: fine
    assert book.book(at(13), service=book.colour).warnings == ()
    day = book.salon.ctx.services.appointments.day(MONDAY)
    assert not any(a.patch_test_warning for a in day.appointments)
    assert book.book(at(16), service=book.cut).warnings == ()  # a cut needs no test


def test_moving_into_a_warning_is_refused_until_accepted(book: Book) -> None:
    service = book.salon.ctx.services.appointments
    booking = book.book(at(10), service=book.colour, accept=True).appointment_id
    before = book.counts()
    with pytest.raises(BookingNeedsConfirmation):
        service.move(booking, at(14))
    assert book.counts() == before
    assert service.day(MONDAY).appointments[0].start == at(10)   # not moved
    moved = service.move(booking, at(14), accept_warnings=True)
    assert isinstance(moved.warnings[0], PatchTestMissing)
    assert service.day(MONDAY).appointments[0].start == at(14)
    assert book.audit_details("appointment.move") == ["warnings_accepted=patch_test_missing"]
    cut = book.book(at(10), service=book.cut).appointment_id
    service.move(cut, at(11))                            # no warning: no flag needed
    assert book.audit_details("appointment.move")[1:] == [None]


def test_patch_test_hard_block(book: Book) -> None:
    book.salon.act_as(Role.ADMIN)
    book.salon.ctx.services.settings.set("patch_test_hard_block", True)
    book.salon.act_as(Role.RECEPTION)
    before = book.counts()
    for accept in (False, True):                         # no way round the hard block
        with pytest.raises(PatchTestRequired) as caught:
            book.book(at(10), service=book.colour, accept=accept)
        assert caught.value.field == "service_id"
    assert book.counts() == before
    assert book.salon.ctx.services.appointments.day(MONDAY).appointments == ()
    _patch_test(book, at(9, day=date(2026, 11, 25)))
    assert book.book(at(10), service=book.colour).warnings == ()


def test_accepting_warnings_never_allows_a_double_booking(book: Book) -> None:
    book.book(at(10), service=book.colour, accept=True)
    before = book.counts()
    with pytest.raises(StylistDoubleBooked):
        book.book(at(11), service=book.colour, accept=True)
    with pytest.raises(OutsideOpeningHours):
        book.book(at(18), service=book.colour, accept=True)
    assert book.counts() == before


def test_move_cancel_and_statuses(book: Book) -> None:
    service = book.salon.ctx.services.appointments
    first = book.book(at(10)).appointment_id
    second = book.book(at(11)).appointment_id
    with pytest.raises(StylistDoubleBooked):
        service.move(second, at(10, 30))
    service.move(second, at(10, 30), stylist_id=book.anna)
    service.move(first, at(12))
    day = service.day(MONDAY)
    assert [(a.stylist, a.start, a.end) for a in day.appointments] == [
        ("Anna", at(10, 30), at(11, 15)), ("Liis", at(12), at(12, 45))]
    service.set_status(first, AppointmentStatus.ARRIVED)
    with pytest.raises(StatusChangeNotAllowed):
        service.move(first, at(14))
    service.set_status(first, AppointmentStatus.DONE)
    with pytest.raises(StatusChangeNotAllowed):
        service.cancel(first)
    service.cancel(second)
    assert [a.id for a in service.day(MONDAY).appointments] == [first]
    assert len(service.day(MONDAY, include_cancelled=True).appointments) == 2
    # a cancelled slot is free again; a no-show cannot be put back over a new booking
    book.book(at(10, 30), stylist=book.anna)
    third = book.book(at(15)).appointment_id
    service.set_status(third, AppointmentStatus.NO_SHOW)
    book.book(at(15))
    with pytest.raises(StylistDoubleBooked):
        service.set_status(third, AppointmentStatus.BOOKED)


def test_week_view_and_validation(book: Book) -> None:
    book.book(at(10))
    book.book(at(10, day=date(2026, 12, 2)), stylist=book.anna)
    week = book.salon.ctx.services.appointments.week(MONDAY)
    assert week.days[0].day == MONDAY and len(week.days) == 7
    assert [len(d.appointments) for d in week.days] == [1, 0, 1, 0, 0, 0, 0]
    assert week.days[6].opens is None  # Sunday
    with pytest.raises(ValidationError) as caught:
        book.book(at(10), stylist=book.salon.staff["kati"])  # reception takes no bookings
    assert caught.value.field == "stylist_id"
    with pytest.raises(ValidationError):
        book.book(at(11), service=9999)


def test_stylist_sees_other_columns_without_foreign_clients(book: Book) -> None:
    other = new_client(book.salon.ctx, "Mari", "Tamm")
    book.book(at(10), stylist=book.anna, client=other)
    book.book(at(10), client=book.client)
    book.salon.act_as(Role.ADMIN)
    book.salon.ctx.services.settings.set("stylists_see_own_clients_only", True)
    book.salon.act_as(Role.STYLIST)  # Liis
    day = book.salon.ctx.services.appointments.day(MONDAY)
    shown = {a.stylist: (a.client_id, a.client_last_name) for a in day.appointments}
    assert shown == {"Anna": (None, None), "Liis": (book.client, "Šmidt")}
