"""While locked, the keyboard reaches nothing behind the lock screen: Tab cycles inside it,
the main window's shortcuts (Ctrl+L, Ctrl+1 … Ctrl+9, Ctrl+Q, Alt+P for the menu) do
nothing, and even a window that outlived the lock (a parentless dialog, hidden) gets
neither its application-wide shortcut, its mnemonic, nor a key sent straight to it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.conftest import ADMIN_PASSWORD, SALON_NAME
from tests.gui import lock_helpers
from tests.gui.lock_helpers import (
    sign_in_main,
    use_fake_clients_page,
)
from tests.gui.screen_scan import press, readable_texts
from ui.controller import AppController
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def _inside(widget: QWidget | None, window: QWidget) -> bool:
    while widget is not None:
        if widget is window:
            return True
        widget = widget.parentWidget()
    return False


@pytest.fixture
def locked(qtbot: QtBot, lock_salon: AppContext, monkeypatch: pytest.MonkeyPatch,
           make_controller: Callable[..., AppController]
           ) -> tuple[AppController, MainWindow, LockWindow]:
    use_fake_clients_page(monkeypatch)
    controller = make_controller(lock_salon)
    controller.start()
    main = sign_in_main(qtbot, controller)
    main.activateWindow()
    qtbot.keyClick(main.navigation, Qt.Key.Key_L, CTRL)  # Ctrl+L locks at once
    screen = controller.window
    assert isinstance(screen, LockWindow)
    qtbot.waitUntil(lambda: lock_salon.services.session is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    return controller, main, screen


def test_tab_cycles_inside_the_lock_screen(qtbot: QtBot,
                                           locked: tuple[AppController, MainWindow, LockWindow]
                                           ) -> None:
    _controller, _main, screen = locked
    assert QApplication.focusWidget() is screen.password
    seen = set()
    for key in [Qt.Key.Key_Tab] * 12 + [Qt.Key.Key_Backtab] * 12:
        press(qtbot, key)
        focus = QApplication.focusWidget()
        assert _inside(focus, screen), f"the focus left the lock screen: {focus!r}"
        seen.add(focus.objectName() or type(focus).__name__)
    assert {"lock_password", "QPushButton"} <= seen


def test_shortcuts_and_mnemonics_reach_nothing_behind(
        qtbot: QtBot, locked: tuple[AppController, MainWindow, LockWindow],
        lock_salon: AppContext) -> None:
    controller, main, screen = locked
    quits: list[bool] = []
    controller.quit_requested.connect(lambda: quits.append(True))
    for key, modifier in ((Qt.Key.Key_L, CTRL), (Qt.Key.Key_1, CTRL), (Qt.Key.Key_5, CTRL),
                          (Qt.Key.Key_Q, CTRL), (Qt.Key.Key_P, ALT), (Qt.Key.Key_L, ALT),
                          (Qt.Key.Key_F10, Qt.KeyboardModifier.NoModifier)):
        press(qtbot, key, modifier)
        assert controller.window is screen and QApplication.activeWindow() is screen
    assert quits == []
    assert not shiboken6.isValid(main) or not main.isVisible()
    # The lock screen's own mnemonic works: Alt+P goes to its password field.
    screen.username.setFocus()
    press(qtbot, Qt.Key.Key_P, ALT)
    assert QApplication.focusWidget() is screen.password
    # And the keyboard still works for what it is for.
    qtbot.keyClicks(screen.password, ADMIN_PASSWORD)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow))
    assert lock_salon.services.session is not None


def test_a_window_that_outlived_the_lock_gets_no_keys(
        qtbot: QtBot, lock_salon: AppContext, monkeypatch: pytest.MonkeyPatch,
        make_controller: Callable[..., AppController]) -> None:
    use_fake_clients_page(monkeypatch)
    controller = make_controller(lock_salon)
    controller.start()
    main = sign_in_main(qtbot, controller)
    stray = QDialog()  # no parent: it survives the main window
    qtbot.addWidget(stray)
    fired: list[str] = []
    button = QPushButton("&Delete client")
    button.clicked.connect(lambda: fired.append("mnemonic"))
    field = QLineEdit()
    QVBoxLayout(stray).addWidget(button)
    stray.layout().addWidget(field)
    shortcut = QShortcut(QKeySequence("Ctrl+D"), stray)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append("shortcut"))
    stray.show()
    main.lock()
    screen = controller.window
    assert isinstance(screen, LockWindow) and not stray.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.password)
    press(qtbot, Qt.Key.Key_D, CTRL)
    press(qtbot, Qt.Key.Key_D, ALT)
    stray.show()  # even shown again (a late error box, say) it is put away
    qtbot.waitUntil(lambda: not stray.isVisible())
    qtbot.keyClick(field, Qt.Key.Key_X)  # a key sent straight to it
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert fired == [] and field.text() == ""
    assert screen.windowTitle() == "Salon Desktop" and SALON_NAME in screen.salon_label.text()


@pytest.mark.parametrize("modal", [True, False], ids=["modal", "modeless"])
def test_ctrl_l_inside_a_dialog_locks(qtbot: QtBot, lock_salon: AppContext,
                                      monkeypatch: pytest.MonkeyPatch,
                                      make_controller: Callable[..., AppController],
                                      modal: bool) -> None:
    """Qt does not fire the main window's application shortcut while a modal dialog blocks
    that window: Ctrl+L typed in a modal dialog must lock all the same."""
    use_fake_clients_page(monkeypatch)
    controller = make_controller(lock_salon)
    controller.start()
    main = sign_in_main(qtbot, controller)
    dialog = QDialog(main)
    field = QLineEdit("Šmidt +372 5123 4567")
    QVBoxLayout(dialog).addWidget(field)
    pressed: list[bool] = []

    def press_ctrl_l() -> None:
        dialog.activateWindow()
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_L, CTRL)
        pressed.append(controller.lock.locked)
        if not controller.lock.locked:
            dialog.reject()  # the test must not hang in exec()

    if modal:
        QTimer.singleShot(50, press_ctrl_l)
        dialog.exec()
    else:
        dialog.show()
        qtbot.waitExposed(dialog)
        press_ctrl_l()
    qtbot.waitUntil(lambda: bool(pressed))
    assert pressed == [True]
    assert isinstance(controller.window, LockWindow) and not dialog.isVisible()
    assert field.text() not in readable_texts()
    qtbot.waitUntil(lambda: lock_salon.services.session is None)
