"""The lock comes while a form's Save is still on the worker (the real Clients and
Appointments sections, the real controller and lock).

A dialog whose Save is running cannot be cancelled, so the lock hides it with its input
still in it and collects that input like any other form's. What happens to it then depends
on the save, which the dialog may never hear of (it goes with the main window):

- the save stored the input → no draft is kept, nothing is offered after unlocking, and the
  record exists once (restoring a draft of it would have saved it a second time);
- the save did not store it (refused by the core, or a possible duplicate to confirm) → the
  draft is kept, offered after unlocking, and Restore gives the typing back.

The worker is held by a job of the test's own (``hold``) from before Save is pressed until
the lock screen is up: the save and the lock then run in the order they were asked for,
exactly as when a slow save meets Ctrl+L.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentDraft
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft
from salon_desktop.services.base import Session
from salon_desktop.storage import staff_repo
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui import lock_helpers
from tests.gui.helpers import signed_in_main
from tests.gui.lock_helpers import PHONE, STYLIST_USER
from tests.gui.screen_scan import visible_windows
from tests.gui.test_booking_dialog import choose_service, pick_client
from ui.booking.booking_dialog import BookingDialog
from ui.clients.form import ClientFormDialog
from ui.clients.visit_dialog import VisitDialog
from ui.controller import AppController
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow
from ui.worker import Worker

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest

L = Qt.MouseButton.LeftButton
W = TypeVar("W", bound=QWidget)
WAIT = 10_000
FIRST, LAST = "Kadri", "Kask"
VISIT_NOTES = "Kuiv juuste ots, soovib lühemat"
BOOKING_NOTES = "Kohv ilma suhkruta"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute)  # the fake clock's Wednesday


@dataclass
class Desk:
    ctx: AppContext
    controller: AppController
    main: MainWindow
    client_id: int
    stylist: int
    cut: int

    @property
    def worker(self) -> Worker:
        return self.controller.worker


@pytest.fixture
def gates() -> Iterator[list[threading.Event]]:
    """Every worker hold a test makes, opened at the end whatever happened (a held worker
    would stop the teardown)."""
    made: list[threading.Event] = []
    yield made
    for gate in made:
        gate.set()


@pytest.fixture
def desk(qtbot: QtBot, lock_salon: AppContext, make_controller: Callable[..., AppController]
         ) -> Desk:
    """The salon of the lock tests plus a cut in the catalogue and, at 11:00, a booking of
    the stylist's; the manager signed in to the real main window."""
    ctx = lock_salon
    ctx.open()
    assert ctx.vault is not None
    db = ctx.vault.db
    admin, stylist = staff_repo.by_username(db, ADMIN_USER), staff_repo.by_username(
        db, STYLIST_USER)
    assert admin is not None and stylist is not None
    ctx.services.ctx.session = Session(admin["id"], ADMIN_USER, admin["display_name"],
                                       Role.ADMIN)
    cut = ctx.services.catalogue.add(CatalogueDraft("Lõikus", 45, 35_00))
    client_id = ctx.client_id  # type: ignore[attr-defined]
    ctx.services.appointments.book(AppointmentDraft(client_id, stylist["id"], cut, at(11)),
                                   accept_warnings=True)
    ctx.services.ctx.session = None
    ctx.audit_mark = ctx.services.ctx.db.scalar(  # type: ignore[attr-defined]
        "SELECT max(id) FROM audit_log")
    ctx.close()
    controller = make_controller(ctx)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: not controller.worker.busy, timeout=WAIT)
    return Desk(ctx, controller, main, client_id, int(stylist["id"]), cut)


# -- steps -----------------------------------------------------------------------------------
def hold(desk: Desk, gates: list[threading.Event]) -> threading.Event:
    """Keep the worker busy until the returned event is set: what is asked for meanwhile
    waits in line behind it, in order."""
    gate = threading.Event()
    gates.append(gate)
    desk.worker.run(lambda: gate.wait(WAIT / 1000), lambda _r: None, lambda _e: None)
    return gate


def lock_while_saving(qtbot: QtBot, desk: Desk, gates: list[threading.Event],
                      press_save: Callable[[], None]) -> LockWindow:
    """Press Save with the worker held, lock (Ctrl+L's action), then let the worker go: the
    save runs after the lock took the drafts, and its answer finds no dialog."""
    gate = hold(desk, gates)
    press_save()
    desk.main.lock_action.trigger()
    screen = desk.controller.window
    assert isinstance(screen, LockWindow)
    gate.set()
    qtbot.waitUntil(lambda: desk.ctx.services.session is None, timeout=WAIT)
    qtbot.waitUntil(lambda: not desk.worker.busy, timeout=WAIT)
    return screen


def unlock(qtbot: QtBot, desk: Desk, screen: LockWindow) -> MainWindow:
    """The same person unlocks; returns the new main window once the drafts were read."""
    qtbot.keyClicks(screen.password, ADMIN_PASSWORD)
    screen.sign_in()
    qtbot.waitUntil(lambda: isinstance(desk.controller.window, MainWindow), timeout=WAIT)
    main = desk.controller.window
    assert isinstance(main, MainWindow)
    qtbot.waitUntil(lambda: not desk.worker.busy, timeout=WAIT)
    QApplication.processEvents()
    desk.main = main
    return main


def restore(qtbot: QtBot, desk: Desk) -> None:
    banner = desk.controller.lock.banner
    assert banner is not None and len(desk.controller.lock.offered) == 1
    banner.restore_button.click()
    qtbot.waitUntil(lambda: desk.controller.lock.banner is None, timeout=WAIT)


def kept_drafts(desk: Desk) -> list[str]:
    """The drafts in the database (every staff member's), by key."""
    return [r["key"] for r in desk.ctx.services.ctx.db.query("SELECT key FROM drafts")]


def audited(desk: Desk, *prefixes: str) -> list[str]:
    """Audit actions since the fixture's set-up that start with one of ``prefixes``."""
    rows = desk.ctx.services.ctx.db.query("SELECT action FROM audit_log WHERE id > ? "
                                          "ORDER BY id",
                                          (desk.ctx.audit_mark,))  # type: ignore[attr-defined]
    return [r["action"] for r in rows if r["action"].startswith(prefixes)]


def clients_named(desk: Desk, first: str, last: str) -> int:
    return int(desk.ctx.services.ctx.db.scalar(
        "SELECT count(*) FROM clients WHERE first_name = ? AND last_name = ?", (first, last)))


def nothing_offered(desk: Desk) -> bool:
    return desk.controller.lock.banner is None and desk.controller.lock.offered == []


def only(kind: type[W], window: MainWindow) -> list[W]:
    """The visible dialogs of ``kind`` in ``window``."""
    return [d for d in window.findChildren(kind) if d.isVisible()]


# -- a new client ----------------------------------------------------------------------------
def open_client_form(qtbot: QtBot, desk: Desk, phone: str, email: str = ""
                     ) -> ClientFormDialog:
    desk.main.show_section("clients")
    page = desk.main.page("clients")
    form = page.new_client()  # type: ignore[union-attr]
    assert isinstance(form, ClientFormDialog)
    qtbot.waitUntil(lambda: not desk.worker.busy, timeout=WAIT)  # its stylists
    for key, text in (("first_name", FIRST), ("last_name", LAST), ("phone", phone),
                      ("email", email)):
        if text:
            qtbot.keyClicks(form.grid.widgets[key], text)
    return form


def test_a_client_saved_while_locking_is_not_offered_again(
        qtbot: QtBot, desk: Desk, gates: list[threading.Event]) -> None:
    form = open_client_form(qtbot, desk, "5200 1122", "kadri.kask@example.com")
    screen = lock_while_saving(qtbot, desk, gates,
                               lambda: qtbot.mouseClick(form.save_button, L))
    assert visible_windows() == [screen]
    assert clients_named(desk, FIRST, LAST) == 1
    assert kept_drafts(desk) == []
    assert audited(desk, "client.create", "draft.") == ["client.create"]

    unlock(qtbot, desk, screen)
    assert nothing_offered(desk)
    assert only(ClientFormDialog, desk.main) == []
    assert clients_named(desk, FIRST, LAST) == 1


def test_a_client_saved_just_before_the_lock_but_not_answered_yet(
        qtbot: QtBot, desk: Desk) -> None:
    """The other order: the worker has already written the client, but its answer still
    waits in the GUI's queue when the lock comes (no event is processed in between)."""
    form = open_client_form(qtbot, desk, "5200 1122")
    qtbot.mouseClick(form.save_button, L)
    in_flight = form.draft_save_in_flight()
    assert in_flight is not None
    deadline = time.monotonic() + WAIT / 1000
    while in_flight.saved is None and time.monotonic() < deadline:
        time.sleep(0.005)  # the worker's thread, not Qt's events
    assert in_flight.saved is True and form.isVisible()
    desk.main.lock_action.trigger()
    screen = desk.controller.window
    assert isinstance(screen, LockWindow)
    qtbot.waitUntil(lambda: desk.ctx.services.session is None, timeout=WAIT)
    qtbot.waitUntil(lambda: not desk.worker.busy, timeout=WAIT)
    assert visible_windows() == [screen]
    assert kept_drafts(desk) == []
    unlock(qtbot, desk, screen)
    assert nothing_offered(desk)
    assert clients_named(desk, FIRST, LAST) == 1


@pytest.mark.parametrize("case", ["refused", "possible duplicate"])
def test_a_client_not_saved_while_locking_comes_back_as_a_draft(
        qtbot: QtBot, desk: Desk, gates: list[threading.Event], case: str) -> None:
    # Refused: the core rejects the e-mail (an error). A possible duplicate: the phone is
    # already the other client's, so the core writes nothing and answers with candidates.
    phone, email = (("5200 1122", "kadri.kask@") if case == "refused" else (PHONE, ""))
    form = open_client_form(qtbot, desk, phone, email)
    typed = form.draft_payload()
    screen = lock_while_saving(qtbot, desk, gates,
                               lambda: qtbot.mouseClick(form.save_button, L))
    assert clients_named(desk, FIRST, LAST) == 0
    assert kept_drafts(desk) == ["client:new"]
    assert audited(desk, "client.create", "draft.") == ["draft.kept"]

    unlock(qtbot, desk, screen)
    restore(qtbot, desk)
    qtbot.waitUntil(lambda: len(only(ClientFormDialog, desk.main)) == 1, timeout=WAIT)
    (again,) = only(ClientFormDialog, desk.main)
    assert again.draft_payload() == typed
    assert (again.value("first_name"), again.value("last_name")) == (FIRST, LAST)
    assert again.value("email") == email
    assert audited(desk, "client.create", "draft.") == ["draft.kept", "draft.restored"]
    assert kept_drafts(desk) == []
    again.reject()


# -- a visit ---------------------------------------------------------------------------------
def open_visit(qtbot: QtBot, desk: Desk, *, with_service: bool) -> VisitDialog:
    desk.main.show_section("clients")
    page = desk.main.page("clients")
    page.open_client(desk.client_id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=WAIT)  # type: ignore[union-attr]
    visit = page.new_visit(page.card.card)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: visit.services.count() == 1 and visit.save_button.isEnabled(),
                    timeout=WAIT)
    if with_service:
        visit.set_service_checked(desk.cut)
    visit.stylist.setCurrentIndex(visit.stylist.findData(desk.stylist))
    visit.notes.setPlainText(VISIT_NOTES)
    return visit


def visits_noted(desk: Desk) -> int:
    return int(desk.ctx.services.ctx.db.scalar(
        "SELECT count(*) FROM visits WHERE client_id = ? AND notes = ?",
        (desk.client_id, VISIT_NOTES)))


def test_a_visit_recorded_while_locking_is_not_offered_again(
        qtbot: QtBot, desk: Desk, gates: list[threading.Event]) -> None:
    visit = open_visit(qtbot, desk, with_service=True)
    screen = lock_while_saving(qtbot, desk, gates,
                               lambda: qtbot.mouseClick(visit.save_button, L))
    assert visits_noted(desk) == 1
    assert kept_drafts(desk) == []

    unlock(qtbot, desk, screen)
    assert nothing_offered(desk)
    assert visits_noted(desk) == 1


def test_a_visit_refused_while_locking_comes_back_as_a_draft(
        qtbot: QtBot, desk: Desk, gates: list[threading.Event]) -> None:
    visit = open_visit(qtbot, desk, with_service=False)  # the core wants a service
    screen = lock_while_saving(qtbot, desk, gates,
                               lambda: qtbot.mouseClick(visit.save_button, L))
    assert visits_noted(desk) == 0
    assert kept_drafts(desk) == [f"visit:{desk.client_id}"]

    unlock(qtbot, desk, screen)
    restore(qtbot, desk)
    qtbot.waitUntil(lambda: len(only(VisitDialog, desk.main)) == 1, timeout=WAIT)
    (again,) = only(VisitDialog, desk.main)
    qtbot.waitUntil(lambda: again.notes.toPlainText() == VISIT_NOTES, timeout=WAIT)
    assert again.stylist.currentData() == desk.stylist
    again.set_service_checked(desk.cut)  # now it goes through, once
    qtbot.mouseClick(again.save_button, L)
    qtbot.waitUntil(lambda: only(VisitDialog, desk.main) == [], timeout=WAIT)
    qtbot.waitUntil(lambda: not desk.worker.busy, timeout=WAIT)
    assert visits_noted(desk) == 1


# -- a booking -------------------------------------------------------------------------------
def open_booking(qtbot: QtBot, desk: Desk, start: datetime) -> BookingDialog:
    desk.main.show_section("appointments")
    page = desk.main.page("appointments")
    qtbot.waitUntil(lambda: page.day_view is not None and not desk.worker.busy,  # type: ignore[union-attr]
                    timeout=WAIT)
    dialog = page.new_booking(desk.stylist, start)  # type: ignore[union-attr]
    assert isinstance(dialog, BookingDialog)
    qtbot.waitUntil(lambda: dialog.form.service.count() > 0, timeout=WAIT)
    pick_client(qtbot, dialog, "šmi")
    choose_service(dialog, desk.cut)
    dialog.form.notes.setText(BOOKING_NOTES)
    return dialog


def bookings_at(desk: Desk, start: datetime) -> int:
    return int(desk.ctx.services.ctx.db.scalar(
        "SELECT count(*) FROM appointments WHERE client_id = ? AND starts_at LIKE ? "
        "AND status = 'booked'", (desk.client_id, start.isoformat(timespec="minutes") + "%")))


def test_a_booking_made_while_locking_is_not_offered_again(
        qtbot: QtBot, desk: Desk, gates: list[threading.Event]) -> None:
    dialog = open_booking(qtbot, desk, at(14))
    screen = lock_while_saving(qtbot, desk, gates,
                               lambda: qtbot.mouseClick(dialog.submit_button, L))
    assert bookings_at(desk, at(14)) == 1
    assert kept_drafts(desk) == []

    unlock(qtbot, desk, screen)
    assert nothing_offered(desk)
    assert bookings_at(desk, at(14)) == 1


def test_a_booking_refused_while_locking_comes_back_as_a_draft(
        qtbot: QtBot, desk: Desk, gates: list[threading.Event]) -> None:
    dialog = open_booking(qtbot, desk, at(11, 15))  # the stylist is busy 11:00–11:45
    screen = lock_while_saving(qtbot, desk, gates,
                               lambda: qtbot.mouseClick(dialog.submit_button, L))
    assert bookings_at(desk, at(11, 15)) == 0
    assert kept_drafts(desk) == ["booking:new"]

    unlock(qtbot, desk, screen)
    restore(qtbot, desk)
    qtbot.waitUntil(lambda: len(only(BookingDialog, desk.main)) == 1, timeout=WAIT)
    (again,) = only(BookingDialog, desk.main)
    qtbot.waitUntil(lambda: again.form.service_item() is not None, timeout=WAIT)
    assert again.form.client.client_id == desk.client_id
    assert again.form.service_item().id == desk.cut  # type: ignore[union-attr]
    assert (again.form.stylist_id(), again.form.start_at()) == (desk.stylist, at(11, 15))
    assert again.form.notes.text() == BOOKING_NOTES
    again.reject()
