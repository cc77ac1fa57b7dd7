"""Administration → Backups screenshots (called by ``tools/screenshots.py``).

A salon of its own (demo clients and visits) with three backups on a "stick" folder a day
apart and one earlier restore (so "Data kept aside" shows), then nine days without a
backup, so the reminder banner shows at the manager's sign-in. Shoots the tab with its list,
the passphrase dialog with its live hint, a backup in progress (the stick is held back after
the snapshot), and the header a restore shows before anything is changed. Alone, for a quick
look: ``python -m tools.backup_screens [--lang et ru] [--out DIR]``.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from PySide6.QtTest import QTest

from salon_desktop.backup.writer import DestinationIO
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from tools.screens_common import (
    MANAGER,
    PASSWORD,
    SALON,
    Shooter,
    Wait,
    close_window,
    finish,
    manager_salon,
    run_alone,
)
from ui.backup.passphrase import AskPassphraseDialog, SetPassphraseDialog
from ui.backup.reminder import offer_backup_reminder, show_backups_tab
from ui.backup.restore_dialog import RestoreDialog
from ui.main_window import MainWindow
from ui.worker import Worker

START = datetime(2026, 11, 12, 17, 30, tzinfo=UTC)
DAY = 24 * 3600
PASSPHRASE = "Sinine kass jookseb üle õue"


class _HeldStick(DestinationIO):
    """Holds the copy back until released, so the bar can be photographed mid-way."""

    def __init__(self) -> None:
        self.reached, self.release = threading.Event(), threading.Event()

    def open_new(self, path: Path) -> BinaryIO:
        self.reached.set()
        self.release.wait(60)
        return super().open_new(path)


def _salon(folder: Path, keyring: Any, stick: Path) -> AppContext:
    clock = FakeClock(START)
    ctx = manager_salon(folder, keyring, clock)
    s = ctx.services
    s.demo.add_demo_data(60, 300)
    s.backups.set_passphrase(PASSPHRASE)
    made = [s.backups.create_backup(stick, PASSPHRASE)]
    for _ in range(2):
        clock.advance(DAY)
        made.append(s.backups.create_backup(stick, PASSPHRASE))
    clock.advance(3600)
    ctx.restore_backup(made[-1].path, PASSPHRASE)  # keeps the replaced data aside
    clock.advance(9 * DAY)
    ctx.services.auth.sign_in(MANAGER, PASSWORD)
    return ctx


def backup_screens(shoot: Shooter, folder: Path, keyring: Any, wait: Wait) -> None:
    stick = folder.parent / "KINGSTON"
    stick.mkdir(parents=True, exist_ok=True)
    ctx = _salon(folder, keyring, stick)
    session = ctx.services.session
    assert session is not None
    worker = Worker()
    main = MainWindow(ctx, worker, session, salon_name=SALON.name)
    main.resize(1366, 768)
    main.show()
    offer_backup_reminder(main)
    tab = show_backups_tab(main)
    assert tab is not None
    tab.picker.set_folder(stick)
    wait(lambda: tab.table.rowCount() == 3 and tab.aside_list.count() == 1
         and not worker.busy)
    shoot.shot(main, "backup-tab")

    dialog = tab.actions.set_passphrase()
    assert isinstance(dialog, SetPassphraseDialog)
    QTest.keyClicks(dialog.first, "salong")  # typed: the live hint asks the core
    QTest.keyClicks(dialog.again, "salong")
    wait(lambda: dialog.hint.isVisible() and not worker.busy)
    shoot.shot(dialog, "backup-passphrase-dialog")
    dialog.reject()

    held = _HeldStick()
    ctx.services.backups.io = held
    ask = tab.actions.back_up()
    assert isinstance(ask, AskPassphraseDialog)
    ask.passphrase.setText(PASSPHRASE)
    shoot.shot(ask, "backup-passphrase-ask")
    ask.submit()
    wait(held.reached.is_set)
    wait(lambda: tab.panel.bar.value() >= 300)
    shoot.shot(main, "backup-progress")
    held.release.set()
    wait(lambda: tab.panel.outcome.isVisible() and not worker.busy, timeout=60)
    shoot.shot(main, "backup-done")
    ctx.services.backups.io = DestinationIO()

    backup = tab.table.selected()
    assert backup is not None
    ask = tab.actions.restore(backup.path)
    assert isinstance(ask, AskPassphraseDialog)
    ask.passphrase.setText(PASSPHRASE)
    ask.submit()
    wait(lambda: isinstance(tab.actions.dialog, RestoreDialog), timeout=60)
    restore = tab.actions.dialog
    assert isinstance(restore, RestoreDialog)
    restore.confirm.setChecked(True)
    shoot.shot(restore, "backup-restore-header")
    restore.reject()

    close_window(main)
    finish(ctx, worker)


if __name__ == "__main__":
    run_alone("backup_screens", backup_screens)
