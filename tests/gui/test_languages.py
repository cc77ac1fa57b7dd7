"""Every screen in Estonian, Russian and English: no English text left on an et/ru screen,
and no empty labels or buttons in any language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.i18n import LANGUAGE_NAMES
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.helpers import signed_in_main, wait_for_window, wait_ready
from tests.gui.test_setup_wizard import click, fill_manager, fill_salon, start_wizard
from tests.memory_keyring import MemoryKeyring
from tools.i18n_check import extracted
from ui.controller import AppController
from ui.language import apply_language
from ui.open_failed import OpenFailedWindow
from ui.setup_wizard import SetupWizard
from ui.sign_in import SignInWindow

LANGS = ["et", "ru", "en"]
W = QWizard.WizardButton


@cache
def english_msgids() -> frozenset[str]:
    return frozenset(m if isinstance(m, str) else m[0] for m in extracted().values())


def shown_texts(window: QWidget) -> Iterator[str]:
    """Every text a person can read in ``window``: labels, buttons, titles, menus, hints."""
    yield window.windowTitle()
    for label in window.findChildren(QLabel):
        yield label.text()
    for button in window.findChildren(QAbstractButton):
        yield button.text()
        yield button.toolTip()
    for edit in window.findChildren(QLineEdit):
        yield edit.placeholderText()
    for nav in window.findChildren(QListWidget):
        for row in range(nav.count()):
            yield nav.item(row).text()
    if isinstance(window, QWizard):
        page = window.currentPage()
        yield page.title()
        yield page.subTitle()
        for which in (W.BackButton, W.NextButton, W.CommitButton, W.FinishButton,
                      W.CancelButton):
            yield window.buttonText(which)
    if isinstance(window, QMainWindow):
        for menu_action in window.menuBar().actions():
            yield menu_action.text()
            for action in menu_action.menu().actions():
                yield action.text()


def check_language(window: QWidget, language: str) -> None:
    texts = [t for t in shown_texts(window) if t]
    assert texts, "nothing to read?"
    if language != "en":
        english = [t for t in texts if t in english_msgids()]
        assert english == [], f"untranslated on a {language} screen: {english}"


@pytest.fixture(params=LANGS)
def language(request: pytest.FixtureRequest) -> str:
    apply_language(request.param)
    return str(request.param)


def test_wizard_pages(qtbot: QtBot, language: str, new_context: AppContext,
                      make_controller: Callable[..., AppController]) -> None:
    wizard = start_wizard(qtbot, make_controller(new_context))
    assert wizard.language_page.group.checkedButton().text() == LANGUAGE_NAMES[language]
    check_language(wizard, language)
    click(qtbot, wizard, W.NextButton)
    click(qtbot, wizard, W.NextButton)  # empty name: the error is shown in this language
    check_language(wizard, language)
    fill_salon(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)
    check_language(wizard, language)
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, W.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.SHEET, timeout=15_000)
    check_language(wizard, language)
    click(qtbot, wizard, W.NextButton)
    wizard.confirm_page.key_edit.setText("22222-")
    check_language(wizard, language)
    assert wizard.confirm_page.error.isVisible()


def test_sign_in_and_main_window(qtbot: QtBot, language: str, set_up_context: AppContext,
                                 make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    sign_in = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(sign_in, SignInWindow)
    check_language(sign_in, language)  # the "Opening…" state
    wait_ready(qtbot, sign_in)
    check_language(sign_in, language)
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    check_language(main, language)
    for row in range(main.navigation.count()):
        main.show_section_row(row)
        check_language(main, language)


def test_open_failure_page(qtbot: QtBot, language: str, set_up_context: AppContext,
                           memory_keyring: MemoryKeyring,
                           make_controller: Callable[..., AppController]) -> None:
    memory_keyring.entries.clear()
    controller = make_controller(set_up_context)
    controller.start()
    page = wait_for_window(qtbot, controller, OpenFailedWindow)
    check_language(page, language)


def test_switching_live_keeps_what_was_typed(qtbot: QtBot, set_up_context: AppContext,
                                            make_controller: Callable[..., AppController]
                                            ) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    sign_in = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(sign_in, SignInWindow)
    wait_ready(qtbot, sign_in)
    qtbot.keyClicks(sign_in.username, "mari")
    for code in ("ru", "et", "en"):
        sign_in.language.setCurrentIndex(sign_in.language.findData(code))
        sign_in.language.activated.emit(sign_in.language.currentIndex())
        check_language(sign_in, code)
        assert sign_in.username.text() == "mari"
    assert sign_in.submit.text() == "Sign in"
    with pytest.raises(AssertionError, match="untranslated"):
        check_language(sign_in, "et")  # the check is not vacuous: English is caught
    prefs = (set_up_context.data_dir / "prefs.json").read_text(encoding="utf-8")
    assert '"en"' in prefs
