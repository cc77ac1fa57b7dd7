"""Booking from anywhere: the card's Book button and Ctrl+B open the appointment book's
booking dialog with the client filled in (ui-guide: keyboard first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from ui.booking.booking_dialog import BookingDialog
from ui.main_window import MainWindow
from ui.worker import Worker


def test_book_from_the_card_and_ctrl_b_from_any_section(qtbot: QtBot, worker: Worker,
                                                         app_context: AppContext) -> None:
    created = app_context.services.clients.create(
        ClientDraft(first_name="Õie", last_name="Šmidt", phone="+372 5123 4567",
                    language="et"))
    window = MainWindow(app_context, worker, app_context.services.session,  # type: ignore[arg-type]
                        salon_name="Salong Õnnelik")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    book = window.page("appointments")
    window.book_for_client(created.client_id, "Šmidt, Õie")  # what the card's Book emits
    assert window.stack.currentWidget() is book
    qtbot.waitUntil(lambda: _dialog(window) is not None)
    dialog = _dialog(window)
    assert dialog is not None
    assert dialog.form.client.client_id == created.client_id
    dialog.reject()
    qtbot.waitUntil(lambda: _dialog(window) is None)

    window.show_section("clients")
    assert window.new_booking_action.isEnabled()
    window.activateWindow()  # the closed dialog was the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _dialog(window) is not None)
    assert window.stack.currentWidget() is book
    assert not window.new_booking_action.isEnabled()  # the page's own Ctrl+B answers there
    _dialog(window).reject()  # type: ignore[union-attr]


def _dialog(window: MainWindow) -> BookingDialog | None:
    found = [d for d in window.findChildren(BookingDialog) if d.isVisible()]
    return found[0] if found else None
