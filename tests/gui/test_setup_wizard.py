"""The first-run set-up wizard, driven end to end like a person would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton, QWizard
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.security.keystore import OsKeyStore
from tests.conftest import ADMIN_PASSWORD
from tests.gui.helpers import wait_for_window, wait_ready
from ui import recovery_pages
from ui.controller import AppController
from ui.recovery_pages import check_typed_key
from ui.setup_wizard import SetupWizard
from ui.sign_in import SignInWindow

W = QWizard.WizardButton


def click(qtbot: QtBot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def start_wizard(qtbot: QtBot, controller: AppController) -> SetupWizard:
    controller.start()
    wizard = wait_for_window(qtbot, controller, SetupWizard)
    assert isinstance(wizard, SetupWizard)
    qtbot.waitExposed(wizard)
    return wizard


def choose_language(qtbot: QtBot, wizard: SetupWizard, code: str) -> None:
    button = wizard.findChild(QRadioButton, f"language_{code}")
    # A radio button reacts to clicks on its circle and text, not on the empty space after.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def fill_salon(qtbot: QtBot, wizard: SetupWizard, name: str = "Salong Õnnelik") -> None:
    edits = wizard.salon_page.form.edits
    qtbot.keyClicks(edits["salon_name"], name)
    qtbot.keyClicks(edits["salon_registry_code"], "12345678")
    qtbot.keyClicks(edits["salon_address"], "Tartu mnt 1, Tallinn")
    qtbot.keyClicks(edits["salon_email"], "info@example.test")
    qtbot.keyClicks(edits["salon_phone"], "+372 5555 0000")


def fill_manager(qtbot: QtBot, wizard: SetupWizard, again: str = ADMIN_PASSWORD) -> None:
    edits = wizard.manager_page.form.edits
    for key in edits:
        edits[key].clear()
    qtbot.keyClicks(edits["username"], "mari")
    qtbot.keyClicks(edits["display_name"], "Mari Juhataja")
    qtbot.keyClicks(edits["password"], ADMIN_PASSWORD)
    qtbot.keyClicks(edits["password_again"], again)


def test_set_up_end_to_end(qtbot: QtBot, make_controller: Callable[..., AppController],
                           new_context: AppContext, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(new_context)
    wizard = start_wizard(qtbot, controller)
    assert wizard.currentId() == SetupWizard.LANGUAGE
    click(qtbot, wizard, W.NextButton)

    # Page 2: the name is required, and the error sits next to the name field.
    click(qtbot, wizard, W.NextButton)
    name_error = wizard.salon_page.form.errors["salon_name"]
    assert wizard.currentId() == SetupWizard.SALON
    assert name_error.isVisible() and name_error.text() == "Please enter the salon's name."
    fill_salon(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == SetupWizard.MANAGER

    # Page 3: too short a password, then two different ones; nothing is created meanwhile.
    edits, errors = wizard.manager_page.form.edits, wizard.manager_page.form.errors
    qtbot.keyClicks(edits["username"], "mari")
    qtbot.keyClicks(edits["password"], "short")
    hint = wizard.manager_page.password_hint
    assert hint.isVisible() and "Use at least 8 characters." in hint.text()  # live, as typed
    click(qtbot, wizard, W.CommitButton)
    assert errors["password"].text() == "Use at least 8 characters."
    fill_manager(qtbot, wizard, again=ADMIN_PASSWORD + "x")
    click(qtbot, wizard, W.CommitButton)
    assert errors["password_again"].text() == "The two passwords are not the same."
    assert not errors["password"].isVisible()
    assert not hint.isVisible()  # every rule met
    assert not new_context.vault_exists()
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, W.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.SHEET, timeout=15_000)
    assert new_context.vault_exists()
    assert not edits["password"].text()  # the typed password is not kept

    # Page 4: the key in six groups, never in the title or on the clipboard.
    key = wizard.recovery_key
    groups = [label.text() for label in wizard.sheet_page.group_labels]
    assert "-".join(groups) == key
    assert key not in wizard.windowTitle()
    assert key not in (QApplication.clipboard().text() or "")
    assert not wizard.button(W.BackButton).isVisible() or \
        not wizard.button(W.BackButton).isEnabled()
    sheet = tmp_path / "Recovery sheet"
    monkeypatch.setattr(recovery_pages, "ask_pdf_path", lambda _parent: str(sheet))
    qtbot.mouseClick(wizard.sheet_page.save_button, Qt.MouseButton.LeftButton)
    pdf = sheet.with_name("Recovery sheet.pdf")
    qtbot.waitUntil(lambda: wizard.sheet_page.saved_label.isVisible(), timeout=15_000)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Recovery sheet.pdf" in wizard.sheet_page.saved_label.text()
    click(qtbot, wizard, W.NextButton)

    # Page 5: a mistyped group is named; Finish only once the key matches.
    page = wizard.confirm_page
    assert wizard.currentId() == SetupWizard.CONFIRM
    assert not wizard.button(W.FinishButton).isEnabled()
    wrong = key.split("-")
    wrong[2] = wrong[2][:4] + ("A" if wrong[2][4] != "A" else "B")
    qtbot.keyClicks(page.key_edit, "-".join(wrong))
    assert page.error.text() == "Group 3 of the recovery key is mistyped; please check it."
    assert not wizard.button(W.FinishButton).isEnabled()
    page.key_edit.clear()
    qtbot.keyClicks(page.key_edit, key.lower().replace("-", " "))
    assert not page.error.isVisible()
    assert page.ok_label.isVisible()
    click(qtbot, wizard, W.FinishButton)

    sign_in = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(sign_in, SignInWindow)
    wait_ready(qtbot, sign_in)
    assert sign_in.salon_label.text() == "Salong Õnnelik"
    assert sign_in.username.text() == "mari"
    assert wizard.recovery_key == ""


def test_language_switch_retranslates_the_wizard(
        qtbot: QtBot, make_controller: Callable[..., AppController],
        new_context: AppContext) -> None:
    wizard = start_wizard(qtbot, make_controller(new_context))
    english_next = wizard.buttonText(W.NextButton)
    choose_language(qtbot, wizard, "et")
    assert wizard.language_page.title() == "Tere tulemast!"
    assert wizard.buttonText(W.NextButton) != english_next
    prefs = json.loads((new_context.data_dir / "prefs.json").read_text(encoding="utf-8"))
    assert prefs["language"] == "et"
    click(qtbot, wizard, W.NextButton)
    assert wizard.salon_page.title() == "Salong"


def test_no_keyring_is_a_clear_error_and_leaves_nothing(
        qtbot: QtBot, make_controller: Callable[..., AppController], data_dir: Path) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    ctx = AppContext(data_dir, keystore=OsKeyStore(FailKeyring()))
    try:
        wizard = start_wizard(qtbot, make_controller(ctx))
        click(qtbot, wizard, W.NextButton)
        fill_salon(qtbot, wizard)
        click(qtbot, wizard, W.NextButton)
        fill_manager(qtbot, wizard)
        click(qtbot, wizard, W.CommitButton)
        error = wizard.manager_page.general_error
        qtbot.waitUntil(error.isVisible, timeout=10_000)
        assert "No secure system keyring" in error.text()
        assert "Recover access" in error.text()  # the way out is part of the message
        assert wizard.currentId() == SetupWizard.MANAGER
        assert not ctx.vault_exists()
        assert wizard.button(W.CommitButton).isEnabled()
    finally:
        ctx.close()


def test_check_typed_key() -> None:
    from salon_desktop.security.recovery_key import generate

    key = generate()
    assert check_typed_key(key, key) == (True, None)
    assert check_typed_key(f"  {key.lower()} ", key) == (True, None)
    assert check_typed_key(key[:11], key) == (False, None)  # two groups, still typing
    first_wrong = ("2" if key[0] != "2" else "3") + key[1:5]
    matches, error = check_typed_key(first_wrong, key)
    assert not matches and error is not None and "Group 1" in error.user_message()
    other = generate()
    matches, error = check_typed_key(other, key)
    assert not matches and error is not None


def test_cancel_before_creating_quits_and_leaves_nothing(
        qtbot: QtBot, make_controller: Callable[..., AppController],
        new_context: AppContext) -> None:
    controller = make_controller(new_context)
    wizard = start_wizard(qtbot, controller)
    with qtbot.waitSignal(controller.quit_requested):
        click(qtbot, wizard, W.CancelButton)
    assert not new_context.vault_exists()


def test_leave_question_answers_and_is_deleted(
        qtbot: QtBot, make_controller: Callable[..., AppController],
        new_context: AppContext) -> None:
    """The real question box: each answer comes back as a plain bool, and the box does not
    outlive it as a hidden child of the wizard."""
    wizard = start_wizard(qtbot, make_controller(new_context))

    def answer_with(press: Callable[[QMessageBox], None]) -> bool:
        def answer() -> None:
            boxes = [box for box in wizard.findChildren(QMessageBox) if box.isVisible()]
            assert len(boxes) == 1
            press(boxes[0])

        QTimer.singleShot(0, answer)
        leaving = wizard.confirm_leave()
        qtbot.waitUntil(lambda: not wizard.findChildren(QMessageBox))
        return leaving

    def button(text: str) -> Callable[[QMessageBox], None]:
        return lambda box: next(b for b in box.buttons() if b.text() == text).click()

    assert answer_with(button("Stay")) is False
    assert answer_with(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape)) is False
    assert answer_with(button("Leave")) is True
    assert wizard.isVisible()  # the caller decides what leaving means


def test_leaving_after_creating_asks_first(
        qtbot: QtBot, make_controller: Callable[..., AppController],
        new_context: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(new_context)
    wizard = start_wizard(qtbot, controller)
    click(qtbot, wizard, W.NextButton)
    fill_salon(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, W.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.SHEET, timeout=15_000)
    answers = iter([False, True])  # "Stay", then "Leave"
    monkeypatch.setattr(wizard, "confirm_leave", lambda: next(answers))
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.currentId() == SetupWizard.SHEET
    click(qtbot, wizard, W.CancelButton)
    sign_in = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(sign_in, SignInWindow)
    assert sign_in.username.text() == "mari"  # the salon exists: sign in to it
