"""When the vault cannot be opened: a clear page with the way out, and never a new vault."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.helpers import signed_in_main, wait_for_window
from tests.memory_keyring import MemoryKeyring
from ui.controller import AppController
from ui.open_failed import OpenFailedWindow
from ui.recover_dialog import RecoverDialog


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()
            and p.name != "prefs.json"}


def test_lost_key_shows_the_way_out_and_recovery_leads_to_sign_in(
        qtbot: QtBot, set_up_context: AppContext, memory_keyring: MemoryKeyring,
        make_controller: Callable[..., AppController]) -> None:
    memory_keyring.entries.clear()  # the keyring lost the database key (new PC, reinstall)
    before = _snapshot(set_up_context.data_dir)
    controller = make_controller(set_up_context)
    controller.start()
    page = wait_for_window(qtbot, controller, OpenFailedWindow)
    assert isinstance(page, OpenFailedWindow)
    message = page.message.text()
    assert "The database key is missing from this computer's keyring." in message
    assert "Recover access" in message
    assert str(set_up_context.data_dir) in page.folder.text()
    assert _snapshot(set_up_context.data_dir) == before  # nothing created or changed
    assert set_up_context.vault is None

    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(RecoverDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    key = set_up_context.recovery_key  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.key_edit, key.lower())
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    assert main.session.username == ADMIN_USER


def test_damaged_key_file_is_explained_and_quit_works(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    sidecar = set_up_context.data_dir / "vault.json"
    sidecar.write_text("{ damaged", encoding="utf-8")
    controller = make_controller(set_up_context)
    controller.start()
    page = wait_for_window(qtbot, controller, OpenFailedWindow)
    assert isinstance(page, OpenFailedWindow)
    assert "vault.json" in page.message.text()
    assert "Way out" in page.message.text()
    assert sidecar.read_text(encoding="utf-8") == "{ damaged"
    with qtbot.waitSignal(controller.quit_requested):
        qtbot.mouseClick(page.quit_button, Qt.MouseButton.LeftButton)


def test_try_again_opens_once_the_key_is_back(
        qtbot: QtBot, set_up_context: AppContext, memory_keyring: MemoryKeyring,
        make_controller: Callable[..., AppController]) -> None:
    saved = dict(memory_keyring.entries)
    memory_keyring.entries.clear()  # e.g. a keyring that was still locked
    controller = make_controller(set_up_context)
    controller.start()
    page = wait_for_window(qtbot, controller, OpenFailedWindow)
    memory_keyring.entries.update(saved)
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
