"""The main window shell: sections per role, who is signed in, Lock (Ctrl+L), sign out."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import _
from salon_desktop.services.base import Session
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.gui.conftest import RECEPTION_PASSWORD, RECEPTION_USER
from tests.gui.helpers import signed_in_main, wait_for_window
from ui.controller import AppController
from ui.language import apply_language
from ui.pages import PageEnv, all_pages
from ui.sign_in import SignInWindow
from ui.worker import Worker

ALL_SECTIONS = ["clients", "appointments", "privacy", "reports", "administration"]


def test_manager_sees_every_section_and_their_role(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    assert main.section_keys() == ALL_SECTIONS
    assert main.staff_label.text() == "Mari Juhataja · Manager"
    assert main.staff_label.isVisible()
    assert main.windowTitle() == f"Salon Desktop — {SALON_NAME}"
    assert main.navigation.item(0).text() == "Clients"
    assert main.show_section("administration")
    assert main.stack.currentIndex() == 4
    qtbot.keyClick(main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main.navigation.currentRow() == 1


def test_administration_is_hidden_from_reception(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, RECEPTION_USER, RECEPTION_PASSWORD)
    assert main.section_keys() == ALL_SECTIONS[:-1]
    assert main.staff_label.text() == "Kati Tamm · Reception"
    assert not main.show_section("administration")


def test_ctrl_l_locks_with_the_username_kept(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    from ui.lock.screen import LockWindow  # the lock itself: tests/gui/test_lock_*.py

    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    qtbot.waitExposed(main)
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    window = wait_for_window(qtbot, controller, LockWindow)
    assert isinstance(window, LockWindow)
    assert window.username.text() == ADMIN_USER
    assert window.password.text() == ""
    qtbot.waitUntil(lambda: set_up_context.services.session is None)
    assert not shiboken6.isValid(main) or not main.isVisible()


def test_sign_out_forgets_the_username(qtbot: QtBot, set_up_context: AppContext,
                                       make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, RECEPTION_USER, RECEPTION_PASSWORD)
    main.sign_out_action.trigger()
    window = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(window, SignInWindow)
    assert window.username.text() == ""
    assert set_up_context.services.session is None


def test_language_menu_retranslates_the_window(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    estonian = next(a for a in main.language_actions.actions() if a.data() == "et")
    estonian.trigger()
    assert main.navigation.item(0).text() == "Kliendid"
    assert main.staff_label.text() == "Mari Juhataja · Juhataja"
    assert main.lock_action.text() == "Lukusta"
    assert main.windowTitle() == f"Salon Desktop — {SALON_NAME}"
    russian = next(a for a in main.language_actions.actions() if a.data() == "ru")
    russian.trigger()
    assert main.staff_label.text() == "Mari Juhataja · Руководитель"
    assert main.navigation.item(4).text() == "Управление"
    assert russian.isChecked() and not estonian.isChecked()


def test_every_registered_page_builds_and_retranslates(qtbot: QtBot,
                                                      worker: Worker) -> None:
    pages = all_pages()
    assert [page.key for page in pages] == ALL_SECTIONS
    session = Session(1, "mari", "Mari", Role.ADMIN)
    env = PageEnv(ctx=None, worker=worker, session=session,  # type: ignore[arg-type]
                  show_status=lambda _text: None)
    for spec in pages:
        widget = spec.build(env)
        qtbot.addWidget(widget)
        english = [label.text() for label in widget.findChildren(QLabel) if label.text()]
        assert _(spec.title) in english
        apply_language("et")
        widget.retranslate()  # type: ignore[attr-defined]
        estonian = [label.text() for label in widget.findChildren(QLabel) if label.text()]
        assert estonian != english and _(spec.title) in estonian
        apply_language("en")
