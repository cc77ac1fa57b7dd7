"""Clipboard copies of a phone number or e-mail: gone after the delay, on lock and on exit,
but only while the clipboard still holds our copy; marked private for clipboard managers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QClipboard, QGuiApplication
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.gui import lock_helpers
from tests.gui.lock_helpers import (
    PHONE,
    sign_in_main,
    use_fake_clients_page,
)
from ui.controller import AppController
from ui.lock.clipboard import CLEAR_AFTER_MS, ClipboardGuard, copy_sensitive, guard

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest


def _clipboard() -> QClipboard:
    return QGuiApplication.clipboard()


@pytest.fixture(autouse=True)
def _empty_clipboard() -> None:
    _clipboard().clear()


def test_the_copy_is_cleared_after_the_delay(qtbot: QtBot) -> None:
    assert CLEAR_AFTER_MS == 30_000
    clip = ClipboardGuard(clear_after_ms=40)
    clip.copy(PHONE)
    assert _clipboard().text() == PHONE and clip.holding
    data = _clipboard().mimeData()
    assert data.data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: _clipboard().text() == "", timeout=2000)
    assert not clip.holding


def test_a_later_copy_by_the_user_is_left_alone(qtbot: QtBot) -> None:
    clip = ClipboardGuard(clear_after_ms=40)
    clip.copy(PHONE)
    _clipboard().setText("Tartu mnt 1")  # the user copied something else meanwhile
    qtbot.wait(120)
    assert _clipboard().text() == "Tartu mnt 1"
    assert clip.clear() is False  # on exit too: not ours any more


def test_a_new_copy_replaces_the_one_watched(qtbot: QtBot) -> None:
    clip = ClipboardGuard(clear_after_ms=60_000)
    clip.copy(PHONE)
    clip.copy("oie.smidt@example.com")
    assert _clipboard().text() == "oie.smidt@example.com"
    assert clip.clear() is True and _clipboard().text() == ""


def test_the_app_wide_copy_is_cleared_on_exit() -> None:
    copy_sensitive(PHONE)
    assert _clipboard().text() == PHONE
    app = QGuiApplication.instance()
    assert app is not None and guard().parent() is app  # lives and dies with the app
    assert app.receivers("2aboutToQuit()") >= 1  # … connected to clear() (see guard())
    assert guard().clear() is True and _clipboard().text() == ""


def test_locking_clears_the_copy(qtbot: QtBot, lock_salon: AppContext,
                                 monkeypatch: pytest.MonkeyPatch,
                                 make_controller: Callable[..., AppController]) -> None:
    use_fake_clients_page(monkeypatch)
    controller = make_controller(lock_salon)
    controller.start()
    main = sign_in_main(qtbot, controller)
    copy_sensitive(PHONE)
    assert _clipboard().text() == PHONE
    main.lock()
    assert controller.lock.locked and _clipboard().text() == ""
