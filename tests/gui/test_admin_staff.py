"""The Staff tab, driven as the manager drives it: add a stylist through the dialog, the
stylist's first sign-in with the temporary password (forced change, then a main window without
Administration and without any client contact data), and the core's refusals — the last
manager, one's own account — shown in words, in the current language."""

from __future__ import annotations

import re
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import _
from salon_desktop.services.staff import CannotDeactivateSelf, LastManager
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.admin_helpers import admin_page, on_worker, visible_dialog, wait_idle
from tests.gui.conftest import RECEPTION_USER
from tests.gui.helpers import sign_in, signed_in_main, wait_for_window
from ui.admin.add_staff import AddStaffDialog
from ui.admin.role_dialog import RoleDialog
from ui.admin.staff_page import StaffTab
from ui.controller import AppController
from ui.language import apply_language
from ui.main_window import MainWindow
from ui.pages.placeholder import PlaceholderPage
from ui.password_dialog import ChangePasswordDialog
from ui.sign_in import SignInWindow

L = Qt.MouseButton.LeftButton
PHONE, EMAIL = "+372 5123 4567", "oie.smidt@onnelik.ee"
NEW_PASSWORD = "Roosa-Kamm-2027"


def staff_tab(qtbot: QtBot, main: MainWindow) -> StaffTab:
    tab = admin_page(main).staff
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    return tab


def accept_button(box: QMessageBox) -> QAbstractButton:
    return next(b for b in box.buttons()
                if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)


def readable_text(window: QWidget) -> str:
    """What a person can read in ``window``: labels, fields, and every table's headers
    and cells."""
    parts: list[str] = []
    for widget in window.findChildren(QLabel):
        if widget.isVisible():
            parts.append(widget.text())
    for edit in window.findChildren(QLineEdit):
        if edit.isVisible():
            parts += [edit.text(), edit.placeholderText()]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        # A list model hides columnCount; it has one column.
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        rows = model.rowCount(QModelIndex())
        for column in range(columns):
            parts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
        for row in range(rows):
            for column in range(columns):
                parts.append(str(model.data(model.index(row, column)) or ""))
    return "\n".join(parts)


def test_manager_adds_a_stylist_who_must_choose_a_password(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    services = set_up_context.services
    on_worker(qtbot, controller.worker, lambda: services.clients.create(
        ClientDraft("Õie", "Šmidt", phone=PHONE, email=EMAIL)))
    tab = staff_tab(qtbot, main)

    qtbot.mouseClick(tab.add_button, L)
    dialog = visible_dialog(qtbot, AddStaffDialog)
    qtbot.keyClicks(dialog.username, "anna")
    qtbot.keyClicks(dialog.display_name, "Anna Kask")
    assert dialog.role.role() is Role.STYLIST
    qtbot.keyClicks(dialog.password, "anna")
    qtbot.waitUntil(dialog.hint.isVisible)  # the live hint lists the unmet rules
    assert "Use at least 8 characters." in dialog.hint.text()
    qtbot.mouseClick(dialog.suggest_button, L)
    qtbot.waitUntil(lambda: len(dialog.password.text()) == 19)
    temporary = dialog.password.text()
    qtbot.waitUntil(lambda: dialog.hint.problems == [])
    qtbot.mouseClick(dialog.submit_button, L)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert dialog.shown_password.text() == temporary  # shown once, to hand over
    assert dialog.password.text() == ""
    assert dialog.focusWidget() is dialog.close_button
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)  # Enter closes
    assert dialog.shown_password.text() == "" or not shiboken6.isValid(dialog)
    qtbot.waitUntil(lambda: tab.select_username("anna"))
    anna = tab.selected()
    assert anna is not None and anna.role is Role.STYLIST and anna.must_change_password
    assert main.statusBar().currentMessage() == "Anna Kask was added as Stylist."

    main.sign_out_action.trigger()
    sign_in(qtbot, controller, "anna", temporary)
    forced = wait_for_window(qtbot, controller, ChangePasswordDialog)
    assert isinstance(forced, ChangePasswordDialog) and forced.forced
    assert forced.leave_button.text() == "Sign out"
    qtbot.keyClicks(forced.old, temporary)
    qtbot.keyClicks(forced.new, NEW_PASSWORD)
    qtbot.keyClicks(forced.repeat, NEW_PASSWORD)
    qtbot.keyClick(forced.repeat, Qt.Key.Key_Return)
    stylist = wait_for_window(qtbot, controller, MainWindow)
    assert isinstance(stylist, MainWindow)
    assert "administration" not in stylist.section_keys()
    assert stylist.staff_label.text() == "Anna Kask · Stylist"
    assert stylist.statusBar().currentMessage() == "Your password has been changed."
    wait_idle(qtbot, controller.worker)
    shown = readable_text(stylist)
    if not isinstance(stylist.stack.widget(0), PlaceholderPage):
        assert "Šmidt" in shown  # the client is listed: the check below is not vacuous
    assert EMAIL not in shown and "5123" not in shown
    assert not re.search(r"\S+@\S+\.\w+", shown)
    headers = {_("Phone"), _("E-mail")}
    assert not headers & {line.strip() for line in shown.splitlines()}


def test_forced_change_cannot_be_skipped_but_signs_out(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    staff = set_up_context.services.staff
    kati = on_worker(qtbot, controller.worker, lambda: staff.find(RECEPTION_USER))
    on_worker(qtbot, controller.worker, lambda: staff.reset_password(kati.id, "Ajutine-2026x"))
    main.sign_out_action.trigger()
    sign_in(qtbot, controller, RECEPTION_USER, "Ajutine-2026x")
    forced = wait_for_window(qtbot, controller, ChangePasswordDialog)
    qtbot.keyClick(forced, Qt.Key.Key_Escape)
    window = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(window, SignInWindow)
    assert set_up_context.services.session is None


def test_the_core_refusals_are_shown_in_words(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    tab = staff_tab(qtbot, main)
    apply_language("et")
    main.retranslate()
    # One's own account: the manager is told to ask another manager.
    assert tab.select_username(ADMIN_USER)
    assert tab.active_button.text() == "Deaktiveeri…"
    qtbot.mouseClick(tab.active_button, L)
    box = tab.confirm_box
    assert isinstance(box, QMessageBox)
    assert accept_button(box).text() == "Deaktiveeri"
    qtbot.mouseClick(accept_button(box), L)
    qtbot.waitUntil(tab.error.isVisible)
    assert tab.error.text() == CannotDeactivateSelf().user_message()
    assert tab.error.text().startswith("Oma kontot ei saa")

    # The last manager: the only manager may not give up the role (a demotion takes effect
    # at once, so there is no stale session that could deactivate the last one).
    assert tab.select_username(ADMIN_USER)
    qtbot.mouseClick(tab.role_button, L)
    dialog = visible_dialog(qtbot, RoleDialog)
    dialog.role.set_role(Role.STYLIST)
    qtbot.mouseClick(dialog.save_button, L)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == LastManager().user_message()
    apply_language("ru")
    dialog.retranslate()
    assert dialog.error.text().startswith("В салоне должна остаться")
    dialog.reject()


def test_add_dialog_puts_errors_next_to_their_field(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    tab = staff_tab(qtbot, main)
    dialog = tab.add_member()
    qtbot.keyClicks(dialog.username, RECEPTION_USER)  # already in use
    qtbot.keyClicks(dialog.password, "Kaktus-Lill-2026")
    qtbot.mouseClick(dialog.submit_button, L)
    username_error = dialog.grid.errors["username"]
    qtbot.waitUntil(username_error.isVisible)
    assert username_error.text() == "This username is already in use."
    assert not dialog.grid.errors["temporary_password"].isVisible()
    assert dialog.password.text() == "Kaktus-Lill-2026"  # nothing typed is lost
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "liis")
    assert not username_error.isVisible()
    dialog.password.setText("salon123")
    qtbot.mouseClick(dialog.submit_button, L)
    password_error = dialog.grid.errors["temporary_password"]
    qtbot.waitUntil(password_error.isVisible)
    assert "common password" in password_error.text()
    dialog.reject()
    assert dialog.password.text() == ""
