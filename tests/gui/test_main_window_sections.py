"""Sections are built on first show (docs/performance.md: building all five at sign-in was
~300 ms of the 0.5 s wait): only the first after sign-in; the navigation, Ctrl+1…9,
``page(key)``, booking from a card and a draft's Restore build the others; a section built
later comes up in the language in use, and building one opens no window of its own (the
keyboard stays with the main window); the registry's ``draft_kinds`` match the pages'."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import _
from salon_desktop.services.base import Session
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui import lock_helpers
from tests.gui.conftest import RECEPTION_PASSWORD, RECEPTION_USER
from tests.gui.helpers import signed_in_main
from ui.booking.booking_dialog import BookingDialog
from ui.booking.page import AppointmentsPage
from ui.controller import AppController
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow
from ui.pages import PageEnv, UnbuiltPage, all_pages
from ui.pages.clients import ClientsPage
from ui.worker import Worker

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest
NOTES = "Kohv ilma suhkruta"


def built(main: MainWindow) -> list[str]:
    return [key for key in main.section_keys() if main.is_built(key)]


def booking_dialog(main: MainWindow) -> BookingDialog | None:
    found = [d for d in main.findChildren(BookingDialog) if d.isVisible()]
    return found[0] if found else None


@pytest.fixture
def manager(qtbot: QtBot, lock_salon: AppContext,
            make_controller: Callable[..., AppController]) -> tuple[AppController, MainWindow]:
    controller = make_controller(lock_salon)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    qtbot.waitExposed(main)
    return controller, main


def test_only_the_first_section_is_built_until_shown(
        qtbot: QtBot, manager: tuple[AppController, MainWindow]) -> None:
    _controller, main = manager
    assert built(main) == ["clients"]
    assert isinstance(main.stack.currentWidget(), ClientsPage)
    assert all(isinstance(main.stack.widget(row), UnbuiltPage) for row in range(1, 5))
    announced: list[str] = []
    main.page_built.connect(lambda key, _page: announced.append(key))

    qtbot.keyClick(main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Ctrl+2
    assert built(main) == ["clients", "appointments"]
    assert isinstance(main.stack.currentWidget(), AppointmentsPage)
    assert not main.new_booking_action.isEnabled()  # the page's own Ctrl+B answers there

    main.navigation.setCurrentRow(2)  # a click in the navigation
    assert built(main) == ["clients", "appointments", "privacy"]
    assert main.stack.currentWidget() is main.page("privacy")

    reports = main.page("reports")  # built for the caller, not shown
    assert isinstance(reports, QWidget) and not isinstance(reports, UnbuiltPage)
    assert main.stack.widget(3) is reports and main.page("reports") is reports
    assert main.section_keys()[main.stack.currentIndex()] == "privacy"
    assert not main.is_built("administration")
    assert announced == ["appointments", "privacy", "reports"]
    assert main.page("no-such-section") is None

    main.show_section("clients")
    assert main.new_booking_action.isEnabled()
    assert len({id(main.page(key)) for key in main.section_keys()}) == 5


class WindowsShown(QObject):
    """Every window (a widget with no parent on screen) shown while it listens."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.isWindow()):
            self.shown.append(f"{type(watched).__name__} {watched.objectName()}")
        return False


def test_building_a_section_opens_no_window_and_keeps_the_keyboard(
        qtbot: QtBot, manager: tuple[AppController, MainWindow]) -> None:
    """A widget made visible before it has a parent is a window of its own for a moment:
    built inside the live window, it flashed on screen and took the activation, and the
    keyboard (Ctrl+1…9, Ctrl+B, Ctrl+L) reached nothing until the window was clicked."""
    _controller, main = manager
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    spy = WindowsShown()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    try:
        for row in range(1, len(main.specs)):  # Ctrl+2 … Ctrl+5: each builds its section
            qtbot.keyClick(main, Qt.Key(Qt.Key.Key_1.value + row),
                           Qt.KeyboardModifier.ControlModifier)
            qtbot.wait(50)  # the window system's answers (activation) come as events
            assert main.navigation.currentRow() == row, main.specs[row].key
            assert QApplication.activeWindow() is main, main.specs[row].key
    finally:
        app.removeEventFilter(spy)
    assert built(main) == main.section_keys()
    assert spy.shown == []
    qtbot.keyClick(main, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main.navigation.currentRow() == 0


def test_reception_builds_only_clients_and_has_no_administration(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, RECEPTION_USER, RECEPTION_PASSWORD)
    assert main.section_keys() == ["clients", "appointments", "privacy", "reports"]
    assert built(main) == ["clients"]
    assert main.page("administration") is None and not main.is_built("administration")


def test_a_section_built_later_comes_up_in_the_language_in_use(
        qtbot: QtBot, manager: tuple[AppController, MainWindow]) -> None:
    _controller, main = manager
    estonian = next(a for a in main.language_actions.actions() if a.data() == "et")
    estonian.trigger()  # retranslates the built section, skips the stand-ins
    assert not main.is_built("administration")
    main.show_section("administration")
    page = main.stack.currentWidget()
    assert page.title.text() == _("Administration") == "Haldus"  # type: ignore[attr-defined]
    assert page.tabs.tabText(0) == _("Staff") != "Staff"  # type: ignore[attr-defined]


def test_book_from_the_card_builds_the_appointment_book(
        qtbot: QtBot, manager: tuple[AppController, MainWindow],
        lock_salon: AppContext) -> None:
    _controller, main = manager
    clients = main.page("clients")
    assert isinstance(clients, ClientsPage) and not main.is_built("appointments")
    clients.book_requested.emit(lock_salon.client_id, "Šmidt, Õie")  # type: ignore[attr-defined]
    assert isinstance(main.stack.currentWidget(), AppointmentsPage)
    qtbot.waitUntil(lambda: booking_dialog(main) is not None)
    dialog = booking_dialog(main)
    assert dialog is not None
    assert dialog.form.client.client_id == lock_salon.client_id  # type: ignore[attr-defined]
    dialog.reject()


def test_a_draft_of_a_section_not_built_after_unlocking_builds_it_on_restore(
        qtbot: QtBot, manager: tuple[AppController, MainWindow],
        lock_salon: AppContext) -> None:
    controller, main = manager
    main.new_booking()  # Ctrl+B: builds the appointment book and opens a booking
    qtbot.waitUntil(lambda: booking_dialog(main) is not None)
    dialog = booking_dialog(main)
    assert dialog is not None
    dialog.form.notes.setText(NOTES)
    main.show_section("clients")  # unlocking brings back Clients, not the book
    main.lock_action.trigger()
    screen = controller.window
    assert isinstance(screen, LockWindow)
    qtbot.waitUntil(lambda: lock_salon.services.session is None)
    qtbot.keyClicks(screen.password, ADMIN_PASSWORD)
    screen.sign_in()
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow))
    again = controller.window
    assert isinstance(again, MainWindow) and again is not main
    assert built(again) == ["clients"]
    qtbot.waitUntil(lambda: controller.lock.banner is not None)  # offered: a section hosts it
    assert built(again) == ["clients"]  # offering it built nothing
    controller.lock.banner.restore_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: booking_dialog(again) is not None)
    assert isinstance(again.stack.currentWidget(), AppointmentsPage)
    restored = booking_dialog(again)
    assert restored is not None and restored.form.notes.text() == NOTES
    restored.reject()


def test_the_registry_knows_each_pages_draft_kinds(qtbot: QtBot, worker: Worker) -> None:
    """What the lock reads before a page is built must be what the built page says."""
    env = PageEnv(ctx=None, worker=worker,  # type: ignore[arg-type]
                  session=Session(1, "mari", "Mari", Role.ADMIN),
                  show_status=lambda _text: None)
    for spec in all_pages():
        page = spec.build(env)
        qtbot.addWidget(page)
        assert spec.draft_kinds == tuple(getattr(page, "draft_kinds", ())), spec.key
        stand_in = UnbuiltPage(spec)
        qtbot.addWidget(stand_in)
        assert stand_in.draft_kinds == spec.draft_kinds
