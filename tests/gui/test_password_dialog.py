"""“Change my password”: the live hint, errors next to the right field, success in the status
bar, and the new password working at the next sign-in."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.gui.admin_helpers import visible_dialog
from tests.gui.conftest import RECEPTION_PASSWORD, RECEPTION_USER
from tests.gui.helpers import signed_in_main
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.password_dialog import ChangePasswordDialog

NEW = "Sygis-Vihm-2026"  # keyClicks types ASCII only
LONG = "üks pikk lause, mis on hea paroolifraas ja mida on lihtne meelde jätta " * 3


def open_dialog(qtbot: QtBot, main: MainWindow) -> ChangePasswordDialog:
    main.change_password_action.trigger()
    dialog = visible_dialog(qtbot, ChangePasswordDialog)
    assert not dialog.forced and dialog.parent() is main
    return dialog


def type_all(qtbot: QtBot, dialog: ChangePasswordDialog, old: str, new: str,
             repeat: str) -> None:
    for edit, text in ((dialog.old, old), (dialog.new, new), (dialog.repeat, repeat)):
        edit.clear()
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)


def test_wrong_current_password_is_shown_next_to_it(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, RECEPTION_USER, RECEPTION_PASSWORD)
    assert main.change_password_action in main.program_menu.actions()
    dialog = open_dialog(qtbot, main)
    assert dialog.windowTitle() == "Change my password"
    assert all(e.echoMode() == QLineEdit.EchoMode.Password
               for e in (dialog.old, dialog.new, dialog.repeat))

    qtbot.keyClicks(dialog.new, "kati")  # the live hint, before anything is pressed
    assert dialog.hint.isVisible()
    assert "Use at least 8 characters." in dialog.hint.text()
    qtbot.waitUntil(lambda: "must not contain the username" in dialog.hint.text())
    dialog.new.setText(LONG)  # a long passphrase, pasted: allowed, no rule unmet
    assert dialog.hint.problems == [] and dialog.hint.text().startswith("✓")

    type_all(qtbot, dialog, "Vale-Parool-1", NEW, NEW)
    old_error = dialog.grid.errors["old_password"]
    qtbot.waitUntil(old_error.isVisible)
    assert old_error.text() == "The current password is not right."
    assert not dialog.grid.errors["new_password"].isVisible()
    assert dialog.new.text() == NEW and dialog.old.hasSelectedText()  # kept, easy to retype
    assert dialog.isVisible()

    type_all(qtbot, dialog, RECEPTION_PASSWORD, NEW, NEW + "!")
    repeat_error = dialog.grid.errors["repeat_password"]
    qtbot.waitUntil(repeat_error.isVisible)
    assert repeat_error.text() == "The two new passwords are not the same."
    assert not old_error.isVisible()

    dialog.show_passwords.setChecked(True)
    assert dialog.new.echoMode() == QLineEdit.EchoMode.Normal
    main.change_language("et")
    assert repeat_error.text() == "Kaks uut parooli ei ole ühesugused."
    assert dialog.submit_button.text() == "Vaheta parool"
    dialog.reject()


def test_changed_password_works_at_the_next_sign_in(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, RECEPTION_USER, RECEPTION_PASSWORD)
    dialog = open_dialog(qtbot, main)
    type_all(qtbot, dialog, RECEPTION_PASSWORD, NEW, NEW)
    qtbot.waitUntil(lambda: main.statusBar().currentMessage() == "Your password has been "
                                                                 "changed.")
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    main.sign_out_action.trigger()
    again = signed_in_main(qtbot, controller, RECEPTION_USER, NEW)
    assert again.session.username == RECEPTION_USER


def test_sections_see_the_session_the_password_change_brought_back(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    """The change renews the window's Session object: a section built afterwards (and the
    dialogs a section built before opens later) must get that one, not the sign-in's."""
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, RECEPTION_USER, RECEPTION_PASSWORD)
    signed_in = main.session
    first = main.stack.currentWidget()                  # built at sign-in
    assert not main.is_built("appointments")
    dialog = open_dialog(qtbot, main)
    type_all(qtbot, dialog, RECEPTION_PASSWORD, NEW, NEW)
    qtbot.waitUntil(lambda: main.session is not signed_in)
    renewed = main.session
    assert renewed == set_up_context.services.session    # the one the core now holds
    book = main.page("appointments")                    # first built after the change
    assert book is not None
    assert book.env.session is renewed                  # type: ignore[attr-defined]
    assert first.env.session is renewed                 # type: ignore[attr-defined]
    assert main.env.session is renewed
