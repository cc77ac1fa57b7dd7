"""Booking through the dialog, the way reception does it: click a free time, type the
client's name, pick the service; what the core refuses, shown in the dialog; and a missing
patch test, asked about before anything is written ("Book anyway" / "Back to the booking")."""

from __future__ import annotations

from datetime import datetime

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import PatchTestDraft, PatchTestResult
from salon_desktop.i18n import set_language
from tests.gui.test_booking_helpers import Book, open_book, settle, show, type_text
from ui.booking.booking_dialog import BookingDialog
from ui.lock.drafts import collect_drafts
from ui.worker import Worker


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute)


def click_slot(qtbot: QtBot, book: Book, stylist: int, when: datetime) -> BookingDialog:
    grid = book.page.grid
    point = grid.point_for(stylist, when.hour * 60 + when.minute)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dialog = book.page.dialog
    assert isinstance(dialog, BookingDialog)
    qtbot.waitUntil(lambda: dialog.form.service.count() > 0)
    return dialog


def pick_client(qtbot: QtBot, dialog: BookingDialog, typed: str) -> None:
    picker = dialog.form.client
    picker.pause_ms = 0
    type_text(picker.edit, typed)
    qtbot.waitUntil(lambda: picker.results.count() > 0)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.client_id is not None


def choose_service(dialog: BookingDialog, service_id: int) -> None:
    dialog.form.service.setCurrentIndex(dialog.form.service.findData(service_id))


def test_a_visit_booked_in_the_dialog_appears_in_the_day(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    assert page.grid.blocks == []
    assert page.hint.isVisible()                         # "No bookings on this day…"
    dialog = click_slot(qtbot, book, book.anna, at(10, 30))
    assert dialog.form.stylist_id() == book.anna            # prefilled from the column
    assert dialog.form.start_at() == at(10, 30)
    pick_client(qtbot, dialog, "šmi")
    assert dialog.form.client.edit.text() == "Šmidt, Õie · +372 5555 0101"
    choose_service(dialog, book.cut)
    assert dialog.form.ends.text() == "Ends at 11:15 (45 min)"
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.grid.blocks) == 1)
    block = page.grid.blocks[0]
    assert block.appointment.client_last_name == "Šmidt"
    assert block.appointment.stylist_id == book.anna
    assert block.appointment.start == at(10, 30)
    assert page.day_view is not None
    assert page.day_view.stylists[block.column].display_name == "Anna"
    assert page.dialog is None
    assert book.statuses == ["Booked for 25/11/2026 10:30 with Anna."]


def test_a_double_booking_is_explained_in_russian_and_keeps_the_input(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    book.book(book.kati, book.cut, at(11))
    set_language("ru")
    page = show(qtbot, book)
    page.retranslate()
    dialog = click_slot(qtbot, book, book.anna, at(11, 15))
    dialog.retranslate()
    pick_client(qtbot, dialog, "ива")
    choose_service(dialog, book.cut)
    dialog.form.stylist.setCurrentIndex(dialog.form.stylist.findData(book.kati))
    dialog.form.notes.setText("Кофе без сахара")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    error = dialog.form.errors["start"]
    qtbot.waitUntil(error.isVisible)
    assert error.text().startswith("У этого мастера уже есть запись с 11:00 до 11:45")
    assert dialog.isVisible()
    assert dialog.form.client.client_id == book.ivanova
    assert dialog.form.client.edit.text().startswith("Иванова, Ольга")
    assert dialog.form.notes.text() == "Кофе без сахара"
    assert dialog.form.start_at() == at(11, 15)
    assert dialog.form.stylist_id() == book.kati
    assert dialog.submit_button.isEnabled()


def test_outside_opening_hours_and_missing_input_stay_in_the_dialog(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    dialog = click_slot(qtbot, book, book.kati, at(18, 30))
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.form.errors["client"].text() == "Please choose a client from the list."
    pick_client(qtbot, dialog, "5555 0101")                 # by phone number
    assert dialog.form.errors["client"].isHidden()
    choose_service(dialog, book.colour)                      # 2 h: ends after closing
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.form.errors["start"].isVisible)
    assert "09:00" in dialog.form.errors["start"].text()
    assert page.dialog is dialog and dialog.isVisible()


def warning_buttons(qtbot: QtBot, dialog: BookingDialog
                    ) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """Wait for the question asked before a booking with a warning; its two answers."""
    qtbot.waitUntil(lambda: dialog.warning_box is not None and dialog.warning_box.isVisible())
    box = dialog.warning_box
    assert box is not None
    roles = {box.buttonRole(b): b for b in box.buttons()}
    return (box, roles[QMessageBox.ButtonRole.AcceptRole],
            roles[QMessageBox.ButtonRole.RejectRole])


def booking_actions(book: Book) -> list[tuple[str, str | None]]:
    return [(e.action, e.detail) for e in book.ctx.services.audit.entries()
            if e.action.startswith("appointment.")]


def colour_for_smidt(qtbot: QtBot, book: Book) -> BookingDialog:
    dialog = click_slot(qtbot, book, book.kati, at(12))
    pick_client(qtbot, dialog, "Šmidt")
    choose_service(dialog, book.colour)
    dialog.form.notes.setText("Kohv")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    return dialog


def test_a_missing_patch_test_is_asked_first_and_going_back_writes_nothing(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    dialog = colour_for_smidt(qtbot, book)
    box, anyway, back = warning_buttons(qtbot, dialog)
    assert box.text().startswith("This service needs a negative patch test")
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.informativeText() == "Nothing has been booked yet."
    assert (anyway.text(), back.text()) == ("Book anyway", "Back to the booking")
    assert box.defaultButton() is back and box.escapeButton() is back   # the safe answer
    settle(qtbot, book)
    assert book.ctx.services.appointments.day(at(12).date()).appointments == ()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.warning_box is None)
    settle(qtbot, book)
    # back in the form with everything still there; nothing booked, cancelled or logged
    assert page.dialog is dialog and dialog.isVisible() and dialog.form.isEnabled()
    assert dialog.form.client.client_id == book.smidt
    assert dialog.form.service_item() is not None
    assert dialog.form.notes.text() == "Kohv" and dialog.form.start_at() == at(12)
    assert book.ctx.services.appointments.day(at(12).date(),
                                              include_cancelled=True).appointments == ()
    assert page.grid.blocks == [] and book.statuses == []
    assert booking_actions(book) == []
    # a cut needs no patch test: the same dialog books it at once
    choose_service(dialog, book.cut)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert dialog.warning_box is None
    assert booking_actions(book) == [("appointment.book", f"client={book.smidt}")]


def test_book_anyway_books_and_the_audit_log_records_the_accepted_warning(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    dialog = colour_for_smidt(qtbot, book)
    _box, anyway, _back = warning_buttons(qtbot, dialog)
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    settle(qtbot, book)
    qtbot.waitUntil(lambda: len(page.grid.blocks) == 1)      # booked, shown with ⚠
    assert page.grid.blocks[0].appointment.patch_test_warning
    assert book.statuses == ["Booked for 25/11/2026 12:00 with Kati."]
    assert booking_actions(book) == [
        ("appointment.book", f"client={book.smidt}; warnings_accepted=patch_test_missing")]


def test_the_question_is_asked_in_the_users_language(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    for language, words in (("et", ("Broneeri siiski", "Tagasi broneeringu juurde",
                                     "allergiatest")),
                            ("ru", ("Всё равно записать", "Вернуться к записи",
                                    "аллергопроб"))):
        set_language(language)
        show(qtbot, book).retranslate()
        dialog = colour_for_smidt(qtbot, book)
        box, anyway, back = warning_buttons(qtbot, dialog)
        assert (anyway.text(), back.text()) == words[:2]
        assert words[2] in box.text()
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
        assert dialog.warning_box is None and dialog.isVisible()
        dialog.reject()
        assert book.page.dialog is None
    settle(qtbot, book)
    assert booking_actions(book) == []


def test_moving_into_a_missing_patch_test_asks_too(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    booking = book.book(book.kati, book.colour, at(10))   # set-up: accepted already
    page = show(qtbot, book)
    moved = next(b.appointment for b in page.grid.blocks if b.appointment.id == booking)
    dialog = page.move_appointment(moved)
    dialog.form.start.setTime(QTime(14, 0))
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    box, anyway, back = warning_buttons(qtbot, dialog)
    assert (anyway.text(), back.text()) == ("Move anyway", "Back to the booking")
    assert box.informativeText() == "The booking has not been moved yet."
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    settle(qtbot, book)
    assert book.ctx.services.appointments.day(at(10).date()).appointments[0].start == at(10)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    _box, anyway, _back = warning_buttons(qtbot, dialog)
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    settle(qtbot, book)
    assert book.ctx.services.appointments.day(at(10).date()).appointments[0].start == at(14)
    assert booking_actions(book)[0] == ("appointment.move",
                                        "warnings_accepted=patch_test_missing")


def test_the_hard_block_refuses_a_colour_without_a_patch_test(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    book.ctx.services.settings.set("patch_test_hard_block", True)
    page = show(qtbot, book)
    dialog = click_slot(qtbot, book, book.kati, at(12))
    pick_client(qtbot, dialog, "Šmidt")
    choose_service(dialog, book.colour)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    error = dialog.form.errors["service"]
    qtbot.waitUntil(error.isVisible)
    assert "only after a negative patch test" in error.text()
    assert dialog.warning_box is None                         # a refusal, not a question
    settle(qtbot, book)
    assert page.grid.blocks == [] and book.ctx.services.appointments.day(
        at(12).date()).appointments == ()


def test_a_valid_patch_test_books_without_a_warning(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker,
        ) -> None:
    book = open_book(qtbot, set_up_context, worker)
    health = book.ctx.services.client_health
    health.record_health_consent(book.smidt, True)
    health.add_patch_test(book.smidt, PatchTestDraft("Igora 7/1", datetime(2026, 11, 20, 10),
                                                     PatchTestResult.NEGATIVE))
    page = show(qtbot, book)
    dialog = click_slot(qtbot, book, book.kati, at(12))
    pick_client(qtbot, dialog, "Šmidt")
    choose_service(dialog, book.colour)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    settle(qtbot, book)
    assert not page.grid.blocks[0].appointment.patch_test_warning


def test_book_for_client_opens_the_dialog_with_the_client(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker,
        ) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    dialog = page.book_for_client(book.ivanova)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.form.client.client_id == book.ivanova)
    assert dialog.form.client.edit.text() == "Иванова, Ольга"
    second = page.book_for_client(book.smidt, "Šmidt, Õie")  # the name from the list
    assert second is not None and page.dialog is second
    assert second.form.client.client_id == book.smidt


def test_the_lock_keeps_a_half_typed_booking_and_puts_it_back(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    dialog = click_slot(qtbot, book, book.anna, at(14))
    assert collect_drafts() == []                             # nothing chosen yet
    pick_client(qtbot, dialog, "ива")
    choose_service(dialog, book.colour)
    dialog.form.notes.setText("Кофе без сахара")
    drafts = collect_drafts()
    assert [d.key for d in drafts] == ["booking:new"]
    page.clear()                                              # the lock
    assert page.dialog is None
    page.reopen_draft("booking", "booking:new", drafts[0].payload)   # after unlocking
    again = page.dialog
    assert isinstance(again, BookingDialog)
    qtbot.waitUntil(lambda: again.form.service.count() > 0)
    assert again.form.client.client_id == book.ivanova
    assert again.form.service_item() is not None
    assert again.form.service_item().id == book.colour        # type: ignore[union-attr]
    assert (again.form.stylist_id(), again.form.start_at()) == (book.anna, at(14))
    assert again.form.notes.text() == "Кофе без сахара"


@pytest.mark.parametrize("close", ["title_bar_x", "close", "reject"])
def test_closing_the_question_any_other_way_is_back_to_the_booking(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker, close: str) -> None:
    """The title bar's X, ``close()`` or ``reject()`` answer "Back to the booking" too:
    nothing written, focus back in the form, and no reference kept to the deleted box."""
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    dialog = colour_for_smidt(qtbot, book)
    box, _anyway, _back = warning_buttons(qtbot, dialog)
    dialog.form.notes.setFocus()               # somewhere else in the form meanwhile
    if close == "title_bar_x":                 # what the window manager sends for the X
        QApplication.sendEvent(box, QCloseEvent())
    elif close == "close":
        box.close()
    else:
        box.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or not box.isVisible())
    assert dialog.warning_box is None
    assert dialog.isVisible() and dialog.form.isEnabled()
    assert dialog.focusWidget() is dialog.form.service      # back where the choice is
    settle(qtbot, book)
    assert book.ctx.services.appointments.day(at(12).date(),
                                              include_cancelled=True).appointments == ()
    assert page.grid.blocks == [] and book.statuses == [] and booking_actions(book) == []
    # asked again, the question still comes and "Book anyway" still books
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    _box, anyway, _back = warning_buttons(qtbot, dialog)
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert booking_actions(book) == [
        ("appointment.book", f"client={book.smidt}; warnings_accepted=patch_test_missing")]
