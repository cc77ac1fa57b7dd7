"""The sign-in window: right and wrong passwords, throttling, the demo hint, recovering
access, and that it never shows anything about a client."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import SignInThrottled
from salon_desktop.services.demo import DEMO_PASSWORD, DEMO_USER, synthetic_clients
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.gui.helpers import sign_in, signed_in_main, wait_for_window, wait_ready
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.recover_dialog import RecoverDialog
from ui.sign_in import SignInWindow
from ui.worker import Worker


def test_opening_state_first_then_the_form(qtbot: QtBot, set_up_context: AppContext,
                                           make_controller: Callable[..., AppController]
                                           ) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    window = controller.window
    assert isinstance(window, SignInWindow)
    assert window.isVisible()
    assert window.stack.currentIndex() == 0  # "Opening the salon's data…"
    wait_ready(qtbot, window)
    assert window.salon_label.text() == SALON_NAME
    assert window.windowTitle() == "Salon Desktop"
    assert not window.demo_box.isVisibleTo(window)


def test_right_password_opens_the_main_window(qtbot: QtBot, set_up_context: AppContext,
                                              make_controller: Callable[..., AppController]
                                              ) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    assert main.windowTitle() == f"Salon Desktop — {SALON_NAME}"
    assert set_up_context.services.session is not None


def test_wrong_password_shows_the_error_under_the_form(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    window = sign_in(qtbot, controller, ADMIN_USER, "Vale-parool-1")
    qtbot.waitUntil(window.error.isVisible, timeout=10_000)
    assert window.error.text() == "Wrong username or password."
    assert window.password.text() == ""  # typed again, never kept
    assert window.username.text() == ADMIN_USER
    assert controller.window is window
    assert set_up_context.services.session is None


def test_throttling_is_shown_in_plain_words(qtbot: QtBot, set_up_context: AppContext,
                                            make_controller: Callable[..., AppController],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    window = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(window, SignInWindow)
    wait_ready(qtbot, window)

    def throttled(_username: str, _password: str) -> None:
        raise SignInThrottled(seconds=30)

    monkeypatch.setattr(set_up_context.services.auth, "sign_in", throttled)
    qtbot.keyClicks(window.username, ADMIN_USER)
    qtbot.keyClicks(window.password, "whatever")
    qtbot.mouseClick(window.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.error.isVisible)
    assert window.error.text() == ("Too many failed attempts. Please wait 30 seconds and try "
                                   "again.")


def test_demo_shows_its_credentials_and_no_client(
        qtbot: QtBot, new_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(new_context, demo=True)
    controller.start()
    window = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(window, SignInWindow)
    wait_ready(qtbot, window, timeout=20_000)
    assert window.demo_box.isVisible()
    assert DEMO_USER in window.demo_note.text() and DEMO_PASSWORD in window.demo_note.text()
    shown = " ".join(label.text() for label in window.findChildren(QLabel))
    for client in synthetic_clients(60):
        assert str(client["last_name"]) not in shown
    main = signed_in_main(qtbot, controller, DEMO_USER, DEMO_PASSWORD)
    assert isinstance(main, MainWindow)


def test_recover_access_from_the_sign_in_window(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    window = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(window, SignInWindow)
    wait_ready(qtbot, window)
    qtbot.mouseClick(window.recover_button, Qt.MouseButton.LeftButton)
    dialog = _active_recover_dialog(qtbot, window)
    qtbot.keyClicks(dialog.key_edit, "AAAAA-BBBBB")
    qtbot.keyClick(dialog.key_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert dialog.error.text() == ("The recovery key has 6 groups of 5 characters; please "
                                   "check it.")
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, set_up_context.recovery_key)  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.finished, timeout=15_000):
        qtbot.keyClick(dialog.key_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # gone with the typed key
    assert window.findChild(RecoverDialog) is None
    assert window.notice.isVisible()
    assert window.notice.text().startswith("Access restored")


def _active_recover_dialog(qtbot: QtBot, parent: SignInWindow) -> RecoverDialog:
    qtbot.waitUntil(lambda: any(isinstance(w, RecoverDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    dialog = parent.findChild(RecoverDialog)
    assert dialog is not None
    return dialog


def test_the_window_shows_before_the_core_is_loaded(
        qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> None:
    """As ``salon-desktop`` starts: the context is built on the worker; the window does not
    wait for it (nor for opening the vault)."""
    release = threading.Event()

    def slow_context() -> AppContext:
        release.wait(10)
        return set_up_context

    controller = AppController(slow_context, worker, prefs_dir=set_up_context.data_dir)
    try:
        controller.start()
        window = controller.window
        assert isinstance(window, SignInWindow) and window.isVisible()
        assert window.stack.currentIndex() == 0  # "Opening…" while the core loads
        release.set()
        wait_ready(qtbot, window)
        assert window.salon_label.text() == SALON_NAME
    finally:
        release.set()
        controller.shutdown()
