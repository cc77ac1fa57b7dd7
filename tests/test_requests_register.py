"""The register of data protection requests: one month to answer (month ends handled as
the law counts them), one extension of two more months with a reason and only within the
first month, the manager's overview of what falls due, and who may do what."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import PermissionDenied, ValidationError
from salon_desktop.domain.rights import (
    AlreadyExtended,
    ExtensionTooLate,
    RequestClosed,
    RequestKind,
    RequestStatus,
    add_months,
    extended_due,
    first_due,
)
from salon_desktop.domain.roles import Role
from tests.clients_helpers import make_salon, new_client


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2027, 1, 31), 1, date(2027, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),    # leap year
    (date(2026, 3, 31), 1, date(2026, 4, 30)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),   # over the year end
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2028, 2, 29), -12, date(2027, 2, 28)),  # back a year from 29 February
    (date(2026, 11, 25), -36, date(2023, 11, 25)),
])
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_extension_counts_from_receipt_not_from_the_first_deadline() -> None:
    received = date(2027, 1, 31)
    assert first_due(received) == date(2027, 2, 28)
    assert extended_due(received) == date(2027, 4, 30)  # not 28 April


def _at(ctx: AppContext, day: date) -> None:
    """Noon UTC: the same calendar day in every time zone the salon PC may be in."""
    target = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
    ctx.clock.advance((target - ctx.clock.now()).total_seconds())  # type: ignore[attr-defined]


def test_due_dates_extension_and_closing(app_context: AppContext) -> None:
    _at(app_context, date(2027, 1, 31))
    client_id = new_client(app_context, "Õie", "Šmidt")
    register = app_context.services.requests
    request = register.receive(RequestKind.ERASURE, client_id, note="Kiri e-postiga")
    assert (request.received_on, request.due_on, request.status) == (
        date(2027, 1, 31), date(2027, 2, 28), RequestStatus.OPEN)
    assert request.client_name == "Õie Šmidt" and not request.extended
    with pytest.raises(ValidationError):
        register.extend(request.id, "   ")
    _at(app_context, date(2027, 2, 20))
    extended = register.extend(request.id, "Vajame andmeid raamatupidajalt")
    assert (extended.due_on, extended.extended, extended.extension_reason) == (
        date(2027, 4, 30), True, "Vajame andmeid raamatupidajalt")
    assert extended.handled_by_id == app_context.services.session.staff_id  # type: ignore[union-attr]
    with pytest.raises(AlreadyExtended):
        register.extend(request.id, "Veel aega")
    with pytest.raises(ValidationError):
        register.close(request.id, RequestStatus.REFUSED)  # a refusal needs its reason
    closed = register.close(request.id, RequestStatus.DONE, "Andmed kustutatud")
    assert (closed.status, closed.closed_on) == (RequestStatus.DONE, date(2027, 2, 20))
    with pytest.raises(RequestClosed):
        register.close(request.id)


def test_no_extension_after_the_first_month(app_context: AppContext) -> None:
    _at(app_context, date(2028, 1, 31))
    request = app_context.services.requests.receive("access", None)
    assert request.due_on == date(2028, 2, 29)
    _at(app_context, date(2028, 3, 1))
    with pytest.raises(ExtensionTooLate):
        app_context.services.requests.extend(request.id, "Liiga hilja")
    assert app_context.services.requests.get(request.id).overdue(date(2028, 3, 1))


def test_a_letter_that_waited_counts_from_its_arrival(app_context: AppContext) -> None:
    _at(app_context, date(2026, 11, 25))
    register = app_context.services.requests
    request = register.receive("rectification", None, received_on=date(2026, 11, 10))
    assert request.due_on == date(2026, 12, 10)
    with pytest.raises(ValidationError):
        register.receive("rectification", None, received_on=date(2026, 11, 26))


def test_overview_shows_overdue_and_due_soon(app_context: AppContext) -> None:
    _at(app_context, date(2026, 10, 1))
    register = app_context.services.requests
    old = register.receive("access", None)                 # due 1 Nov: overdue by then
    _at(app_context, date(2026, 10, 28))
    soon = register.receive("objection", None)             # due 28 Nov
    _at(app_context, date(2026, 11, 20))
    later = register.receive("portability", None)          # due 20 Dec
    _at(app_context, date(2026, 11, 22))
    overview = register.overview()
    assert [r.id for r in overview.overdue] == [old.id]
    assert [r.id for r in overview.due_soon] == [soon.id]
    assert overview.open_count == 3 and overview.needs_attention
    assert later.id not in [r.id for r in overview.due_soon]
    assert [r.id for r in register.entries(RequestStatus.OPEN)] == [old.id, soon.id, later.id]
    assert overview.overdue[0].days_left(date(2026, 11, 22)) == -21


def test_who_may_do_what(app_context: AppContext) -> None:
    salon = make_salon(app_context)
    client_id = new_client(app_context, "Ольга", "Иванова", language="ru")
    register = app_context.services.requests
    salon.act_as(Role.RECEPTION)
    request = register.receive("access", client_id)       # logged at the desk
    for call in (lambda: register.entries(), lambda: register.overview(),
                 lambda: register.extend(request.id, "x"), lambda: register.close(request.id)):
        with pytest.raises(PermissionDenied):
            call()
    salon.act_as(Role.STYLIST)
    with pytest.raises(PermissionDenied):
        register.receive("access", client_id)
    salon.act_as(Role.ADMIN)
    with pytest.raises(ValidationError):
        register.assign(request.id, salon.staff["kati"])   # reception is not a manager
    assert register.assign(request.id, salon.staff["manager"]).handled_by == "Mari Juhataja"
    entries = [e for e in app_context.services.audit.entries()
               if e.action.startswith("request.")]
    assert [(e.action, e.record_id) for e in entries] == [
        ("request.assign", str(client_id)), ("request.receive", str(client_id))]
    assert all("Иванова" not in repr(e) for e in entries)


def test_printing_the_report_answers_the_access_request(app_context: AppContext,
                                                        tmp_path) -> None:  # type: ignore[no-untyped-def]
    client_id = new_client(app_context, "Mari", "Maasikas")
    services = app_context.services
    request = services.requests.receive("access", client_id)
    app_context.clock.advance(timedelta(days=3).total_seconds())  # type: ignore[attr-defined]
    services.data_subject.save_access_report(client_id, tmp_path / "r.pdf",
                                             request_id=request.id)
    answered = services.requests.get(request.id)
    assert answered.status is RequestStatus.DONE
    assert answered.closed_on == answered.received_on + timedelta(days=3)
    copy = services.data_subject._copy(client_id, None)
    assert [(r.kind, r.status) for r in copy.requests] == [("access", "done")]
