"""The backup reminder at the manager's sign-in: a banner (never a dialog) when the last good
backup is older than the interval, a link to Administration → Backups, gone after a backup;
nothing for a fresh backup and nothing for reception."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTabWidget
from pytestqt.qtbot import QtBot

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from tests.backup_helpers import PASSPHRASE, use_fast_kdf
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.conftest import RECEPTION_PASSWORD, RECEPTION_USER
from tests.gui.helpers import signed_in_main
from ui.backup import jobs
from ui.backup.reminder import ReminderBanner
from ui.backup.tab import BackupsTab
from ui.controller import AppController
from ui.language import switch_language
from ui.main_window import MainWindow

DAY = 24 * 3600


@pytest.fixture(autouse=True)
def _fast_backup_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_fast_kdf(monkeypatch)
    yield
    jobs.cancel_and_wait()


def backed_up(ctx: AppContext, stick: Path) -> None:
    """A good backup now, made the way the CLI makes it (then the vault is closed again)."""
    ctx.open()
    ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    ctx.services.backups.set_passphrase(PASSPHRASE)
    ctx.services.backups.create_backup(stick, PASSPHRASE)
    ctx.services.auth.sign_out()
    ctx.close()


def banner_of(qtbot: QtBot, main: MainWindow) -> ReminderBanner | None:
    qtbot.waitUntil(lambda: not main.worker.busy)
    return main.findChild(ReminderBanner)


def test_banner_when_the_last_good_backup_is_old(
        qtbot: QtBot, set_up_context: AppContext, clock: FakeClock, tmp_path: Path,
        make_controller: Callable[..., AppController]) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backed_up(set_up_context, stick)
    clock.advance(9 * DAY)  # the default interval is 7 days
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: main.findChild(ReminderBanner) is not None)
    banner = main.findChild(ReminderBanner)
    assert isinstance(banner, ReminderBanner) and banner.isVisible()
    assert banner.text_label.text() == "The last good backup is 9 days old."
    switch_language("ru", None)
    assert banner.text_label.text() == "Последней исправной резервной копии 9 дней."
    switch_language("en", None)

    banner.link.click()  # to Administration → Backups, "Back up now" in focus
    tab = main.findChild(BackupsTab)
    assert isinstance(tab, BackupsTab) and tab.isVisible()
    assert main.section_keys()[main.navigation.currentRow()] == "administration"
    tabs = main.findChild(QTabWidget, "admin_tabs")
    assert tabs is not None and tabs.currentWidget() is tab

    tab.picker.set_folder(stick)
    qtbot.waitUntil(lambda: tab.passphrase_set is True and not main.worker.busy)
    tab.back_up_button.click()
    tab.actions.dialog.passphrase.setText(PASSPHRASE)  # type: ignore[union-attr]
    tab.actions.dialog.action_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: jobs.current() is None and tab.panel.outcome.isVisible(),
                    timeout=15_000)
    assert not banner.isVisible()  # a good backup: the reminder goes


def test_banner_when_never_backed_up_and_it_can_be_closed(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: main.findChild(ReminderBanner) is not None)
    banner = main.findChild(ReminderBanner)
    assert isinstance(banner, ReminderBanner)
    assert banner.text_label.text() == "No backup of the salon's data has been made yet."
    banner.close_button.click()
    assert not banner.isVisible()


def test_no_banner_after_a_recent_backup(
        qtbot: QtBot, set_up_context: AppContext, clock: FakeClock, tmp_path: Path,
        make_controller: Callable[..., AppController]) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backed_up(set_up_context, stick)
    clock.advance(6 * DAY)
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    assert banner_of(qtbot, main) is None


def test_no_banner_for_reception(qtbot: QtBot, set_up_context: AppContext,
                                 make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, RECEPTION_USER, RECEPTION_PASSWORD)
    assert banner_of(qtbot, main) is None
    assert main.findChild(BackupsTab) is None
