"""The appointment book's screenshots (called by ``tools/screenshots.py``).

Opens the salon the wizard made (alone, ``python -m tools.booking_screens [--lang et ru]
[--out DIR]``, a new one), with a fixed clock (Wednesday 25.11.2026 11:40, so the
shots never land on a closed Sunday), fills a day with four stylists, breaks and bookings in
every status, then shoots the day, the week, the booking dialog with a double booking and
the patch-test warning asked before booking ("Book anyway"), and a booking's details.
Names are invented.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import QMessageBox

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentDraft, AppointmentStatus
from salon_desktop.domain.clients import ClientDraft, PatchTestDraft, PatchTestResult
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft
from salon_desktop.services.demo_book import DEMO_CATALOGUE
from tools.screens_common import (
    Shooter,
    Wait,
    close_window,
    finish,
    manager_salon,
    open_section,
    run_alone,
)
from ui.booking.booking_dialog import BookingDialog
from ui.booking.details_dialog import AppointmentDialog
from ui.booking.page import AppointmentsPage
from ui.worker import Worker

NOW = datetime(2026, 11, 25, 11, 40, tzinfo=UTC)
STYLISTS = (("kati.k", "Kati Kask"), ("anna.s", "Anna Smirnova"), ("sergei.i", "Sergei Ivanov"),
            ("liis.p", "Liis Pärn"))
CLIENTS = (("Õie", "Šmidt"), ("Ольга", "Иванова"), ("Kätlin", "Tamm"), ("Jüri", "Mägi"),
           ("Наталья", "Кузнецова"), ("Emily", "Walker"), ("Ülle", "Lõhmus"),
           ("Светлана", "Жукова"), ("Triin", "Kõiv"), ("Mart", "Saar"))
#: stylist, service, client, start, status (None: booked)
DAY = ((0, 2, 0, "09:00", "done"), (0, 1, 2, "11:15", "arrived"), (0, 6, 3, "13:30", None),
       (0, 0, 4, "15:00", None), (1, 3, 1, "09:30", "done"), (1, 5, 5, "12:00", None),
       (1, 3, 6, "14:00", None), (2, 0, 7, "10:00", "no_show"), (2, 1, 8, "11:00", "arrived"),
       (2, 2, 0, "14:30", None), (3, 7, 2, "09:15", "done"), (3, 6, 4, "13:45", None),
       (3, 5, 1, "16:30", None), (0, 0, 5, "17:00", None))


def _fill(ctx: AppContext) -> None:
    s = ctx.services
    services = [s.catalogue.add(CatalogueDraft(*item)) for item in DEMO_CATALOGUE]
    stylists = [s.staff.create(user, name, Role.STYLIST, "Sirel-2026-Pärn").id
                for user, name in STYLISTS]
    clients = []
    for number, (first, last) in enumerate(CLIENTS):
        made = s.clients.create(ClientDraft(first, last, phone=f"+372 5550 {1000 + number}"))
        assert made.client_id is not None
        clients.append(made.client_id)
    day = NOW.date()
    s.schedule.add_break(day.weekday(), time(12, 45), time(13, 15))
    s.schedule.add_break(day.weekday(), time(16, 0), time(16, 30), stylists[1])
    for client in clients[1:]:  # everyone but Šmidt has a valid patch test
        s.client_health.record_health_consent(client, True)
        s.client_health.add_patch_test(client, PatchTestDraft(
            "Igora 7/1", datetime(2026, 11, 10, 10), PatchTestResult.NEGATIVE))
    week = [day + timedelta(days=n) for n in range(-2, 4)]
    week = [d for d in week if d.weekday() < 6]  # Sunday is closed
    for offset, other in enumerate(d for d in week if d != day):
        for column, stylist in enumerate(stylists):
            for hour in (9 + (offset + column) % 3, 13 + column % 2):
                start = datetime.combine(other, time(hour, 0 if column % 2 else 30))
                if other.weekday() == 5 and not 10 <= hour < 15:
                    continue
                s.appointments.book(AppointmentDraft(
                    clients[(offset * 3 + column + hour) % len(clients)], stylist,
                    services[(column + hour) % 2], start))
    for column, service, client, start, status in DAY:
        booked = s.appointments.book(AppointmentDraft(  # Šmidt's colours: accepted warnings
            clients[client], stylists[column], services[service],
            datetime.combine(day, time.fromisoformat(start))),
            accept_warnings=True).appointment_id
        for step in {"done": ("arrived", "done"), "arrived": ("arrived",),
                     "no_show": ("no_show",)}.get(status or "", ()):
            s.appointments.set_status(booked, AppointmentStatus(step))


def appointment_screens(shoot: Shooter, folder: Path, keyring: Any, wait: Wait) -> None:
    ctx = manager_salon(folder, keyring, FakeClock(NOW))
    session = ctx.services.session
    assert session is not None
    _fill(ctx)
    worker = Worker()
    main, page = open_section(ctx, worker, session, "appointments", AppointmentsPage)
    wait(lambda: page.day_view is not None and not worker.busy)
    shoot.shot(main, "appointments-day")
    page.week_button.click()
    wait(lambda: page.week_view is not None and not worker.busy)
    shoot.shot(main, "appointments-week")
    page.day_button.click()
    wait(lambda: not worker.busy)

    ids = {s.display_name: s.id for s in page.stylists()}
    dialog = page.new_booking(ids["Kati Kask"], datetime(2026, 11, 25, 15, 15))
    assert dialog is not None
    wait(lambda: dialog.form.service.count() > 0 and not worker.busy)
    dialog.form.client.edit.setText("ta")
    dialog.form.client.search_now()
    wait(lambda: dialog.form.client.results.count() > 0)
    shoot.shot(dialog, "booking-dialog-search")
    dialog.set_client(page_client(ctx, "Tamm"), "Tamm, Kätlin · +372 5550 1002")
    choose_service(dialog, "Lõikus ja föönitamine")
    dialog.form.notes.setText("Kohv ilma suhkruta")
    dialog.submit()
    wait(lambda: dialog.form.errors["start"].isVisible())
    shoot.shot(dialog, "booking-dialog-double-booking")
    dialog.set_client(page_client(ctx, "Šmidt"), "Šmidt, Õie · +372 5550 1000")
    choose_service(dialog, "Värvimine")
    dialog.form.stylist.setCurrentIndex(dialog.form.stylist.findData(ids["Liis Pärn"]))
    dialog.form.start.setTime(QTime(10, 30))
    dialog.submit()
    wait(lambda: dialog.warning_box is not None and dialog.warning_box.isVisible())
    box = dialog.warning_box
    assert box is not None
    shoot.shot(box, "booking-dialog-patch-test-warning")  # asked before anything is written
    anyway = next(b for b in box.buttons()
                  if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    anyway.click()                                         # "Book anyway"
    wait(lambda: page.dialog is None and not worker.busy)
    block = next(b for b in page.grid.blocks if b.appointment.patch_test_warning)
    details = page.open_appointment(block.appointment)
    QCoreApplication.processEvents()
    shoot.shot(details, "booking-details")
    assert isinstance(details, AppointmentDialog)
    details.move_button.click()
    mover = page.dialog
    assert isinstance(mover, BookingDialog)
    QCoreApplication.processEvents()
    shoot.shot(mover, "booking-move-dialog")
    mover.reject()
    shoot.shot(main, "appointments-day-after")
    blocked = page.new_booking()
    assert isinstance(blocked, BookingDialog)
    blocked.reject()
    close_window(main)
    finish(ctx, worker)


def page_client(ctx: AppContext, last_name: str) -> int:
    found = ctx.services.clients.search(last_name, limit=1).items
    return found[0].id


def choose_service(dialog: BookingDialog, name: str) -> None:
    service = next(item for item in dialog.form.services if item.name == name)
    dialog.form.service.setCurrentIndex(dialog.form.service.findData(service.id))


if __name__ == "__main__":
    run_alone("booking_screens", appointment_screens)
