"""Per-action dialogs do not outlive their use.

Each dialog a page opens for one action (a booking, a client's form, a visit, a staff
member's account, a data protection request, the backup passphrase, a record-of-processing
entry, recovering access) is deleted once it is finished, whether saved or cancelled: a hidden
dialog kept as the page's child would keep what was typed into it (names, notes, passwords)
until the window goes, and a day's worth of them piles up as top-level widgets. Each test
opens the dialog the way the page does, closes it both ways, runs the pending deletes, checks
that no instance of its class is left, and opens it again to show the page still works.

A dialog whose save is still on the worker ignores Cancel/Esc (its answer would be lost with
it), and the lock only hides it then; it goes once the answer is in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.rights import RequestKind
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.clients_support import add_client, add_staff, open_card, open_page
from tests.gui.dialog_lifetime_support import assert_gone, at
from tests.gui.helpers import wait_for_window, wait_ready
from tests.gui.test_booking_dialog import choose_service, click_slot, pick_client
from tests.gui.test_booking_helpers import open_book, show
from tests.gui.test_booking_page import open_block
from tests.gui.test_privacy_consents import (  # noqa: F401  (the fixture)
    WAIT,
    Desk,
    open_privacy,
)
from ui.booking.booking_dialog import BookingDialog
from ui.booking.details_dialog import AppointmentDialog
from ui.clients.form import ClientFormDialog
from ui.clients.visit_dialog import VisitDialog
from ui.controller import AppController
from ui.lock.shield import put_away_windows
from ui.privacy.request_dialogs import ExtendDialog, NewRequestDialog
from ui.recover_dialog import RecoverDialog
from ui.sign_in import SignInWindow
from ui.worker import Worker

L = Qt.MouseButton.LeftButton




def test_booking_and_details_dialogs_are_deleted(qtbot: QtBot, set_up_context: AppContext,
                                                 worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)

    dialog = click_slot(qtbot, book, book.anna, at(10, 30))      # booked
    pick_client(qtbot, dialog, "šmi")
    choose_service(dialog, book.cut)
    qtbot.mouseClick(dialog.submit_button, L)
    qtbot.waitUntil(lambda: len(page.grid.blocks) == 1)
    assert page.dialog is None
    assert_gone(qtbot, BookingDialog)

    cancelled = page.new_booking()                                # cancelled
    assert cancelled is not None
    pick_client(qtbot, cancelled, "šmi")
    cancelled.reject()
    assert page.dialog is None
    assert_gone(qtbot, BookingDialog)

    appointment_id = page.grid.blocks[0].appointment.id
    open_block(qtbot, book, appointment_id).reject()              # details, closed
    assert_gone(qtbot, AppointmentDialog)
    details = open_block(qtbot, book, appointment_id)             # details, then "Move…"
    qtbot.mouseClick(details.move_button, L)
    mover = page.dialog
    assert isinstance(mover, BookingDialog) and mover.isVisible()
    assert_gone(qtbot, AppointmentDialog)
    mover.reject()
    assert_gone(qtbot, BookingDialog)

    click_slot(qtbot, book, book.kati, at(14))                    # the lock puts it away
    assert put_away_windows(keep=(page,)) == 1
    assert page.dialog is None
    assert_gone(qtbot, BookingDialog)

    again = click_slot(qtbot, book, book.kati, at(15))            # the page still works
    assert again.isVisible() and again.form.service.count() > 0
    again.reject()
    assert_gone(qtbot, BookingDialog)


# -- clients ---------------------------------------------------------------------------------
def test_client_form_and_visit_dialogs_are_deleted(qtbot: QtBot, app_context: AppContext,
                                                   worker: Worker) -> None:
    cut = app_context.services.catalogue.add(CatalogueDraft("Lõikus", 45, 35_00))
    stylist = add_staff(app_context, "anna", Role.STYLIST, "Anna Juuksur")
    existing = add_client(app_context, "Ольга", "Иванова")
    page, status = open_page(qtbot, app_context, worker)

    form = page.new_client()                                      # registered
    assert form is not None
    for key, text in (("first_name", "Kadri"), ("last_name", "Kask"), ("phone", "5123 4567")):
        qtbot.keyClicks(form.grid.widgets[key], text)
    qtbot.mouseClick(form.save_button, L)
    qtbot.waitUntil(lambda: "Client registered." in status.messages, timeout=WAIT)
    assert_gone(qtbot, ClientFormDialog)

    cancelled = page.new_client()                                 # cancelled
    assert cancelled is not None
    qtbot.keyClicks(cancelled.grid.widgets["first_name"], "Mari")
    cancelled.reject()
    assert_gone(qtbot, ClientFormDialog)

    open_card(qtbot, page, existing)
    card = page.card.card
    assert card is not None
    page.edit_client(card).reject()                               # an edit, cancelled
    assert_gone(qtbot, ClientFormDialog)

    visit = page.new_visit(card)                                  # a visit, recorded
    qtbot.waitUntil(lambda: visit.services.count() == 1, timeout=WAIT)
    visit.set_service_checked(cut)
    visit.stylist.setCurrentIndex(visit.stylist.findData(stylist))
    visit.notes.setPlainText("Kuiv juuste ots")
    qtbot.mouseClick(visit.save_button, L)
    qtbot.waitUntil(lambda: "Visit recorded." in status.messages, timeout=WAIT)
    assert_gone(qtbot, VisitDialog)
    cancelled_visit = page.new_visit(card)                        # a visit, cancelled
    cancelled_visit.reject()  # even while the catalogue is still loading
    assert_gone(qtbot, VisitDialog)

    again = page.new_client()                                     # the page still works
    assert again is not None and again.isVisible()
    again.reject()
    visit = page.new_visit(card)
    qtbot.waitUntil(lambda: visit.services.count() == 1, timeout=WAIT)
    visit.close()  # the window's close button
    assert_gone(qtbot, ClientFormDialog, VisitDialog)
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT)


# -- staff -----------------------------------------------------------------------------------
def test_request_dialogs_are_deleted(qtbot: QtBot,
                                     open_privacy: Callable[..., Desk]) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    panel = desk.page.requests
    assert panel is not None
    desk.page.show_tab(panel)

    logged = panel.rights.new_request(None)                       # logged
    assert logged.picker is not None
    qtbot.waitUntil(lambda: logged.picker.results.count() == 2, timeout=WAIT)
    logged.picker.results.setCurrentRow(0)
    logged.kind.setCurrentIndex(logged.kind.findData(RequestKind.ACCESS.value))
    qtbot.mouseClick(logged.ok_button, L)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    assert panel.rights.dialog is None
    assert_gone(qtbot, NewRequestDialog)
    panel.rights.new_request(None).reject()                       # cancelled
    assert_gone(qtbot, NewRequestDialog)

    panel.table.selectRow(0)
    cancelled = panel.extend()                                    # extending, cancelled
    assert cancelled is not None
    cancelled.reason.setPlainText("Many years of visits to go through")
    cancelled.reject()
    assert_gone(qtbot, ExtendDialog)
    extend = panel.extend()                                       # extended
    assert isinstance(extend, ExtendDialog)
    extend.reason.setPlainText("Many years of visits to go through")
    qtbot.mouseClick(extend.ok_button, L)
    qtbot.waitUntil(lambda: any(r.extended for r in panel.model.requests), timeout=WAIT)
    assert_gone(qtbot, ExtendDialog)

    again = panel.rights.new_request(None)                        # the panel still works
    assert again.isVisible()
    again.reject()
    assert_gone(qtbot, NewRequestDialog)


# -- backups ---------------------------------------------------------------------------------
def test_recover_dialog_is_deleted(qtbot: QtBot, set_up_context: AppContext,
                                   make_controller: Callable[..., AppController]) -> None:
    """Cancelled here; recovered in test_sign_in (which checks it is gone too)."""
    controller = make_controller(set_up_context)
    controller.start()
    window = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(window, SignInWindow)
    wait_ready(qtbot, window)
    dialog = window.open_recover_dialog()
    dialog.key_edit.setText("ABCDE-FGHJK")
    dialog.reject()
    assert_gone(qtbot, RecoverDialog)
    dialog = window.open_recover_dialog()                         # the window still works
    assert dialog.isVisible() and dialog.key_edit.text() == ""
    qtbot.mouseClick(dialog.cancel_button, L)
    assert_gone(qtbot, RecoverDialog)
