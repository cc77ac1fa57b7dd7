"""Driving the windows the way a person does: type, press Enter, wait for the next window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.controller import AppController
from ui.main_window import MainWindow
from ui.sign_in import SignInWindow


def wait_for_window(qtbot: QtBot, controller: AppController, kind: type[QWidget],
                    timeout: int = 10_000) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(controller.window, kind), timeout=timeout)
    assert controller.window is not None
    return controller.window


def wait_ready(qtbot: QtBot, window: SignInWindow, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=timeout)


def sign_in(qtbot: QtBot, controller: AppController, username: str,
            password: str) -> SignInWindow:
    """Type into the sign-in form and press Enter; returns the sign-in window."""
    window = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(window, SignInWindow)
    wait_ready(qtbot, window)
    window.username.clear()
    qtbot.keyClicks(window.username, username)
    qtbot.keyClicks(window.password, password)
    qtbot.keyClick(window.password, Qt.Key.Key_Return)
    return window


def signed_in_main(qtbot: QtBot, controller: AppController, username: str,
                   password: str) -> MainWindow:
    sign_in(qtbot, controller, username, password)
    window = wait_for_window(qtbot, controller, MainWindow)
    assert isinstance(window, MainWindow)
    return window
