"""The Appointments page: navigation, day and week, a booking's details (move, cancel,
arrived, done, no-show), the keyboard, and clear() for the lock."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentStatus
from tests.gui.test_booking_helpers import TODAY, Book, open_book, settle, show
from ui.booking.booking_dialog import BookingDialog
from ui.booking.details_dialog import AppointmentDialog
from ui.booking.page import WEEK
from ui.language import switch_language
from ui.lock.drafts import collect_drafts
from ui.worker import Worker


def at(hour: int, minute: int = 0, day: int = 25) -> datetime:
    return datetime(2026, 11, day, hour, minute)


def open_block(qtbot: QtBot, book: Book, appointment_id: int) -> AppointmentDialog:
    grid = book.page.grid
    block = grid.block_for(appointment_id)
    assert block is not None
    centre = grid.to_viewport(block.rect.x + block.rect.w / 2, block.rect.y + block.rect.h / 2)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = book.page.dialog
    assert isinstance(dialog, AppointmentDialog)
    return dialog


def test_back_forward_and_today(qtbot: QtBot, set_up_context: AppContext,
                                worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    book.book(book.kati, book.cut, at(10, day=26))
    page = show(qtbot, book)
    assert page.date == TODAY
    assert page.date_label.text() == "Wednesday 25/11/2026"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot, book)
    assert page.date == date(2026, 11, 26)
    assert [b.appointment.start for b in page.grid.blocks] == [at(10, day=26)]
    qtbot.keyClick(page.grid, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.grid, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, book)
    assert page.date == date(2026, 11, 24) and page.grid.blocks == []
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    settle(qtbot, book)
    assert page.date == TODAY and page.day_view is not None and page.day_view.day == TODAY
    switch_language("et", None)                      # re-translated in place
    assert page.date_label.text() == "Kolmapäev 25.11.2026"
    assert page.today_button.text() == "Täna"


def test_sunday_is_closed_and_says_so(qtbot: QtBot, set_up_context: AppContext,
                                      worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    page = show(qtbot, book)
    page.go_to(date(2026, 11, 29))
    settle(qtbot, book)
    assert page.hint.text() == "The salon is closed on this day."


def test_week_view_lists_each_stylists_days_and_opens_a_day(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    book.book(book.kati, book.cut, at(10, day=26))
    book.book(book.kati, book.cut, at(14, day=26), client=book.ivanova)
    book.book(book.anna, book.colour, at(9, day=23))
    page = show(qtbot, book)
    qtbot.mouseClick(page.week_button, Qt.MouseButton.LeftButton)
    settle(qtbot, book)
    assert page.mode == WEEK and page.stack.currentWidget() is page.week
    assert page.date_label.text() == "Week 48, 23/11/2026 – 29/11/2026"
    model = page.week.model_
    assert model.rowCount() == 2 and model.columnCount() == 7
    kati = [s.display_name for s in page.week_view.days[0].stylists].index("Kati")  # type: ignore[union-attr]
    assert model.index(kati, 3).data() == "2 bookings\n10:00 Šmidt\n14:00 Иванова"
    assert model.index(1 - kati, 0).data() == "1 booking\n09:00 ⚠ Šmidt"
    tooltip = model.index(kati, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("10:00–10:45 Šmidt · Lõikus")
    assert model.index(kati, 6).data() == "Closed"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Thursday\n26/11"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot, book)
    assert page.date_label.text().startswith("Week 49")
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    settle(qtbot, book)
    page.week.setCurrentIndex(model.index(kati, 3))
    qtbot.keyClick(page.week, Qt.Key.Key_Return)
    settle(qtbot, book)
    assert page.stack.currentWidget() is page.grid and page.date == date(2026, 11, 26)
    assert page.grid_stylist() == book.kati
    assert page.day_button.isChecked()


def test_move_a_booking_to_another_time_and_stylist(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    booking = book.book(book.kati, book.cut, at(10))
    blocker = book.book(book.anna, book.cut, at(15))
    page = show(qtbot, book)
    details = open_block(qtbot, book, booking)
    assert details.title.text() == "Õie Šmidt"
    assert details.values["time"].text() == "Wednesday 25/11/2026, 10:00–10:45"
    qtbot.mouseClick(details.move_button, Qt.MouseButton.LeftButton)
    mover = page.dialog
    assert isinstance(mover, BookingDialog) and mover.appointment is not None
    assert mover.form.client_label.text() == "Õie Šmidt"
    mover.form.stylist.setCurrentIndex(mover.form.stylist.findData(book.anna))
    mover.form.start.setTime(mover.form.start.time().addSecs(5 * 3600))   # onto 15:00
    qtbot.mouseClick(mover.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(mover.form.errors["start"].isVisible)
    assert "15:00 to 15:45" in mover.form.errors["start"].text()
    mover.form.start.setTime(mover.form.start.time().addSecs(3600))       # 16:00 is free
    qtbot.mouseClick(mover.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    settle(qtbot, book)
    moved = page.grid.appointment(booking)
    assert moved is not None and moved.start == at(16) and moved.stylist_id == book.anna
    assert page.grid.appointment(blocker) is not None
    assert book.statuses[-1] == "The booking was moved to 25/11/2026 16:00."


def test_cancel_asks_once_more_and_hides_the_booking(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    booking = book.book(book.kati, book.cut, at(10))
    page = show(qtbot, book)
    details = open_block(qtbot, book, booking)
    qtbot.mouseClick(details.cancel_button, Qt.MouseButton.LeftButton)
    assert details.cancel_button.text() == "Yes, cancel it"
    assert page.grid.appointment_ids() == [booking]
    qtbot.mouseClick(details.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    settle(qtbot, book)
    assert page.grid.blocks == []
    assert book.statuses[-1] == "The booking was cancelled."


def test_arrived_then_done_and_a_no_show(qtbot: QtBot, set_up_context: AppContext,
                                         worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    first = book.book(book.kati, book.cut, at(10))
    second = book.book(book.anna, book.cut, at(11), client=book.ivanova)
    page = show(qtbot, book)
    details = open_block(qtbot, book, first)
    assert set(details.step_buttons) == {AppointmentStatus.ARRIVED, AppointmentStatus.DONE,
                                         AppointmentStatus.NO_SHOW}
    qtbot.mouseClick(details.step_buttons[AppointmentStatus.ARRIVED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    settle(qtbot, book)
    arrived = page.grid.appointment(first)
    assert arrived is not None and arrived.status is AppointmentStatus.ARRIVED
    details = open_block(qtbot, book, first)
    assert not details.move_button.isVisible() and not details.cancel_button.isVisible()
    qtbot.mouseClick(details.step_buttons[AppointmentStatus.DONE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    details = open_block(qtbot, book, second)
    qtbot.mouseClick(details.step_buttons[AppointmentStatus.NO_SHOW], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    settle(qtbot, book)
    statuses = {b.appointment.id: b.appointment.status for b in page.grid.blocks}
    assert statuses == {first: AppointmentStatus.DONE, second: AppointmentStatus.NO_SHOW}
    assert book.statuses[-1] == "Marked as a no-show."


def test_keyboard_books_at_the_cursor_and_opens_a_booking(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    booking = book.book(book.anna, book.cut, at(9, 30))
    page = show(qtbot, book)
    grid = page.grid
    grid.setFocus()
    assert (grid.cursor_column, grid.cursor_minute) == (0, 9 * 60)   # Anna, now (09:00)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert isinstance(page.dialog, AppointmentDialog)
    assert page.dialog.appointment.id == booking
    page.dialog.reject()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)   # Ctrl+B
    dialog = page.dialog
    assert isinstance(dialog, BookingDialog)
    assert dialog.form.stylist_id() == book.kati and dialog.form.start_at() == at(9, 30)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert page.dialog is None


def test_clear_forgets_every_name_on_screen(qtbot: QtBot, set_up_context: AppContext,
                                           worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    booking = book.book(book.kati, book.cut, at(10))
    page = show(qtbot, book)
    open_block(qtbot, book, booking)
    page.reload()                          # an answer still on its way when the lock comes
    page.clear()
    settle(qtbot, book)
    assert page.dialog is None and page.day_view is None and page.grid.blocks == []
    assert page.week.model_.rowCount() == 0
    page.reload()
    settle(qtbot, book)
    assert page.grid.appointment_ids() == [booking]


def test_a_half_done_move_survives_the_lock(qtbot: QtBot, set_up_context: AppContext,
                                            worker: Worker) -> None:
    book = open_book(qtbot, set_up_context, worker)
    booking = book.book(book.kati, book.cut, at(10, day=26))
    page = show(qtbot, book)
    page.go_to(date(2026, 11, 26))
    settle(qtbot, book)
    qtbot.mouseClick(open_block(qtbot, book, booking).move_button, Qt.MouseButton.LeftButton)
    mover = page.dialog
    assert isinstance(mover, BookingDialog)
    mover.form.start.setTime(mover.form.start.time().addSecs(3600))
    (draft,) = collect_drafts()
    assert draft.key == f"booking:{booking}"
    page.clear()
    page.go_to(TODAY)
    page.reopen_draft("booking", draft.key, draft.payload)
    qtbot.waitUntil(lambda: isinstance(page.dialog, BookingDialog))
    again = page.dialog
    assert isinstance(again, BookingDialog) and again.appointment is not None
    assert again.appointment.id == booking and again.form.start_at() == at(11, day=26)
