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

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.rights import RequestKind
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft
from tests.backup_helpers import PASSPHRASE, use_fast_kdf
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.clients_support import add_client, add_staff, open_card, open_page
from tests.gui.helpers import wait_for_window, wait_ready
from tests.gui.test_booking_dialog import choose_service, click_slot, pick_client
from tests.gui.test_booking_helpers import open_book, show
from tests.gui.test_booking_page import open_block
from tests.gui.test_privacy_consents import (  # noqa: F401  (the fixture)
    WAIT,
    Desk,
    open_privacy,
)
from tests.gui.test_reports_client import open_reports  # noqa: F401  (the fixture)
from tests.gui.test_reports_record import open_record
from ui.admin.add_staff import AddStaffDialog
from ui.admin.role_dialog import RoleDialog
from ui.admin.staff_page import StaffTab
from ui.admin.temp_password import ResetPasswordDialog, TemporaryPasswordDialog
from ui.backup import jobs
from ui.backup.passphrase import AskPassphraseDialog, SetPassphraseDialog
from ui.backup.tab import BackupsTab
from ui.booking.booking_dialog import BookingDialog
from ui.booking.details_dialog import AppointmentDialog
from ui.clients.form import ClientFormDialog
from ui.clients.visit_dialog import VisitDialog
from ui.controller import AppController
from ui.lock.shield import put_away_windows
from ui.pages import PageEnv
from ui.privacy.request_dialogs import ExtendDialog, NewRequestDialog
from ui.recover_dialog import RecoverDialog
from ui.reports.record_dialogs import MeasureDialog, RecipientDialog
from ui.sign_in import SignInWindow
from ui.worker import Worker

L = Qt.MouseButton.LeftButton
MEASURE = "The desk drawer with the appointment book is locked at night."


def alive(kind: type[QWidget]) -> list[QWidget]:
    """Every widget of ``kind`` still in memory, once the pending deletes have run."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [w for w in QApplication.allWidgets() if isinstance(w, kind)]


def assert_gone(qtbot: QtBot, *kinds: type[QWidget]) -> None:
    for kind in kinds:
        qtbot.waitUntil(lambda k=kind: alive(k) == [], timeout=WAIT)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute)


# -- the appointment book --------------------------------------------------------------------
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
@pytest.fixture
def staff_tab(qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> Iterator[StaffTab]:
    """The Staff tab for the signed-in manager, its list loaded."""
    ctx = set_up_context
    ctx.open()
    session = ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    tab = StaffTab(PageEnv(ctx, worker, session, lambda _message: None))
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=WAIT)
    yield tab
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT)


def hand_over(qtbot: QtBot, dialog: TemporaryPasswordDialog) -> None:
    """Suggest a temporary password, save it, and close the page that shows it."""
    qtbot.mouseClick(dialog.suggest_button, L)
    qtbot.waitUntil(lambda: len(dialog.password.text()) == 19, timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.hint.problems == [], timeout=WAIT)
    qtbot.mouseClick(dialog.submit_button, L)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=WAIT)
    qtbot.mouseClick(dialog.close_button, L)


def test_staff_dialogs_are_deleted(qtbot: QtBot, staff_tab: StaffTab) -> None:
    tab = staff_tab
    added = tab.add_member()                                      # a stylist added
    qtbot.keyClicks(added.username, "anna")
    qtbot.keyClicks(added.display_name, "Anna Kask")
    hand_over(qtbot, added)
    assert_gone(qtbot, AddStaffDialog)
    qtbot.waitUntil(lambda: tab.select_username("anna"), timeout=WAIT)
    tab.add_member().reject()                                     # cancelled
    assert_gone(qtbot, AddStaffDialog)

    role = tab.change_role()                                      # a new role
    assert role is not None
    role.role.set_role(Role.RECEPTION)
    qtbot.mouseClick(role.save_button, L)
    qtbot.waitUntil(lambda: getattr(tab.selected(), "role", None) is Role.RECEPTION,
                    timeout=WAIT)
    assert_gone(qtbot, RoleDialog)
    cancelled_role = tab.change_role()                            # cancelled
    assert cancelled_role is not None
    cancelled_role.reject()
    assert_gone(qtbot, RoleDialog)

    saving = tab.change_role()                # Esc while saving: kept until the answer
    assert saving is not None
    saving.role.set_role(Role.STYLIST)
    saving.save()
    saving.reject()
    assert saving.isVisible()
    qtbot.waitUntil(lambda: getattr(tab.selected(), "role", None) is Role.STYLIST,
                    timeout=WAIT)
    assert_gone(qtbot, RoleDialog)

    reset = tab.reset_password()                                  # a password reset
    assert reset is not None
    hand_over(qtbot, reset)
    assert_gone(qtbot, ResetPasswordDialog)
    cancelled_reset = tab.reset_password()                        # cancelled
    assert cancelled_reset is not None
    cancelled_reset.reject()
    assert_gone(qtbot, ResetPasswordDialog)

    again = tab.add_member()                                      # the tab still works
    assert again.isVisible() and again.username.text() == ""
    again.reject()
    assert_gone(qtbot, AddStaffDialog, RoleDialog, ResetPasswordDialog)


# -- privacy: the requests register ----------------------------------------------------------
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
@pytest.fixture
def backups_tab(qtbot: QtBot, set_up_context: AppContext, worker: Worker,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[BackupsTab]:
    """The Backups tab for the manager, no passphrase set yet."""
    use_fast_kdf(monkeypatch)
    ctx = set_up_context
    ctx.open()
    session = ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    tab = BackupsTab(PageEnv(ctx, worker, session, lambda _message: None))
    qtbot.addWidget(tab)
    tab.resize(1100, 560)
    tab.show()
    qtbot.waitUntil(lambda: tab.passphrase_set is False, timeout=WAIT)
    yield tab
    jobs.cancel_and_wait()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT)


def test_backup_passphrase_dialogs_are_deleted(qtbot: QtBot, backups_tab: BackupsTab,
                                               tmp_path: Path) -> None:
    tab, actions = backups_tab, backups_tab.actions
    chosen = actions.set_passphrase()                             # the passphrase set
    chosen.first.setText(PASSPHRASE)
    chosen.again.setText(PASSPHRASE)
    chosen.action_button.click()
    qtbot.waitUntil(lambda: tab.passphrase_set is True, timeout=WAIT)
    assert actions.dialog is None
    assert_gone(qtbot, SetPassphraseDialog)
    cancelled = actions.set_passphrase()                          # changing it, cancelled
    cancelled.first.setText("Punane rebane magab metsas")
    cancelled.reject()
    assert_gone(qtbot, SetPassphraseDialog)

    stick = tmp_path / "stick"
    stick.mkdir()
    tab.picker.set_folder(stick)
    qtbot.waitUntil(lambda: tab.picker.destination() == stick and not tab.env.worker.busy,
                    timeout=WAIT)
    asked = actions.back_up()                                     # asked, cancelled
    assert asked is not None
    asked.passphrase.setText(PASSPHRASE)
    asked.reject()
    assert_gone(qtbot, AskPassphraseDialog)
    assert jobs.current() is None and list(stick.iterdir()) == []  # nothing started
    asked = actions.back_up()                                     # asked, answered
    assert asked is not None
    asked.passphrase.setText(PASSPHRASE)
    asked.action_button.click()
    qtbot.waitUntil(lambda: jobs.current() is None and tab.table.rowCount() == 1
                    and not tab.env.worker.busy, timeout=30_000)
    assert_gone(qtbot, AskPassphraseDialog)

    again = actions.back_up()                                     # the tab still works
    assert again is not None and again.isVisible() and again.passphrase.text() == ""
    again.reject()
    assert_gone(qtbot, AskPassphraseDialog, SetPassphraseDialog)


# -- reports: the record of processing -------------------------------------------------------
def test_record_dialogs_are_deleted(qtbot: QtBot, open_reports: Callable[..., object],  # noqa: F811
                                    ) -> None:
    desk, panel = open_record(qtbot, open_reports)  # type: ignore[arg-type]
    count = panel.measures.rowCount()

    added = panel.add_measure()                                   # saved
    assert isinstance(added, MeasureDialog)
    added.text.setPlainText(MEASURE)
    qtbot.mouseClick(added.save_button, L)
    qtbot.waitUntil(lambda: panel.measures.rowCount() == count + 1, timeout=WAIT)
    assert panel.dialog is None
    assert_gone(qtbot, MeasureDialog)
    cancelled = panel.add_measure()                               # cancelled
    assert isinstance(cancelled, MeasureDialog)
    cancelled.text.setPlainText(MEASURE)
    cancelled.reject()
    assert_gone(qtbot, MeasureDialog)

    saving = panel.add_measure()              # Esc while saving: kept until the answer
    assert isinstance(saving, MeasureDialog)
    saving.text.setPlainText(MEASURE)
    saving.save()
    saving.reject()
    assert saving.isVisible()
    qtbot.waitUntil(lambda: panel.measures.rowCount() == count + 2, timeout=WAIT)
    assert_gone(qtbot, MeasureDialog)

    locked = panel.add_measure()              # the lock while saving: hidden, then gone
    assert isinstance(locked, MeasureDialog)
    locked.text.setPlainText(MEASURE)
    locked.save()
    assert put_away_windows(keep=(desk.page,)) == 1
    assert not shiboken6.isValid(locked) or not locked.isVisible()
    qtbot.waitUntil(lambda: panel.measures.rowCount() == count + 3, timeout=WAIT)
    assert_gone(qtbot, MeasureDialog)

    panel.sections.setCurrentIndex(2)
    panel.add_recipient().reject()                                # a recipient, cancelled
    assert_gone(qtbot, RecipientDialog)

    again = panel.add_measure()                                   # the panel still works
    assert again.isVisible() and again.text.toPlainText() == ""
    again.reject()
    assert_gone(qtbot, MeasureDialog, RecipientDialog)


# -- recovering access (sign-in window) ------------------------------------------------------
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
