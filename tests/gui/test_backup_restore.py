"""Restoring over the live salon from Administration → Backups: the header first, an explicit
tick, progress, the result, and back to the sign-in screen with the backup's data in place;
then the replaced data kept aside is listed and can be removed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.services.demo import synthetic_clients
from salon_desktop.storage import clients_repo
from tests.backup_helpers import PASSPHRASE, db_of, seed, use_fast_kdf
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.gui.helpers import signed_in_main, wait_for_window, wait_ready
from ui.backup import jobs
from ui.backup.passphrase import AskPassphraseDialog
from ui.backup.reminder import show_backups_tab
from ui.backup.restore_dialog import RestoreDialog
from ui.backup.tab import BackupsTab
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.sign_in import SignInWindow


@pytest.fixture(autouse=True)
def _fast_backup_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_fast_kdf(monkeypatch)
    yield
    jobs.cancel_and_wait()


def clients_in(ctx: AppContext) -> int:
    return int(db_of(ctx).scalar("SELECT count(*) FROM clients"))


def backups_tab(qtbot: QtBot, main: MainWindow, stick: Path) -> BackupsTab:
    tab = show_backups_tab(main)
    assert isinstance(tab, BackupsTab) and tab.isVisible()
    tab.picker.set_folder(stick)
    qtbot.waitUntil(lambda: tab.table.rowCount() > 0 and not main.worker.busy)
    return tab


def test_restore_returns_to_sign_in_with_the_backups_data(
        qtbot: QtBot, set_up_context: AppContext, tmp_path: Path,
        make_controller: Callable[..., AppController]) -> None:
    ctx = set_up_context
    controller = make_controller(ctx)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    stick = tmp_path / "stick"
    stick.mkdir()
    seed(ctx, clients=30)
    ctx.services.backups.set_passphrase(PASSPHRASE)
    made = ctx.services.backups.create_backup(stick, PASSPHRASE)
    with db_of(ctx).transaction():  # work done after the backup: the restore takes it back
        clients_repo.insert_many(db_of(ctx), synthetic_clients(5), ctx.clock.now())
    assert clients_in(ctx) == 37

    tab = backups_tab(qtbot, main, stick)
    assert not any(w.isVisible() for w in tab.aside_widgets)
    tab.restore_button.click()
    ask = tab.actions.dialog
    assert isinstance(ask, AskPassphraseDialog)
    ask.passphrase.setText(PASSPHRASE)
    ask.action_button.click()
    qtbot.waitUntil(lambda: isinstance(tab.actions.dialog, RestoreDialog))
    dialog = tab.actions.dialog
    assert isinstance(dialog, RestoreDialog)
    assert dialog.header_view.values["salon"].text() == SALON_NAME
    assert dialog.header_view.values["file"].text() == made.path.name
    assert dialog.header_view.count_labels[0][1].text() == "32"
    assert "kept aside as a dated file" in dialog.explanation.findChild(type(dialog.title)).text()
    assert not dialog.restore_button.isEnabled()  # the tick first
    dialog.confirm.setChecked(True)
    dialog.restore_button.click()
    qtbot.waitUntil(dialog.sign_in_button.isVisible, timeout=15_000)
    assert not dialog.error.isVisible()
    assert dialog.progress.value() == 1000
    assert "was restored" in dialog.outcome.text()
    assert "No client had been erased" in dialog.outcome.text()
    assert ctx.services.session is None  # nobody is signed in after a restore
    dialog.sign_in_button.click()

    sign_in = wait_for_window(qtbot, controller, SignInWindow)
    assert isinstance(sign_in, SignInWindow)
    wait_ready(qtbot, sign_in)
    assert clients_in(ctx) == 32  # the backup's data
    kept = list(ctx.data_dir.glob("salon.db.before-restore-*"))
    assert len(kept) == 1

    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    tab = backups_tab(qtbot, main, stick)
    qtbot.waitUntil(lambda: tab.aside_list.count() == 1)
    assert all(w.isVisible() for w in tab.aside_widgets)
    box = tab.actions.remove_set_aside()
    assert box is not None
    yes = next(b for b in box.buttons() if b.text() == "Remove")
    yes.click()
    qtbot.waitUntil(lambda: not kept[0].exists() and tab.aside_list.count() == 0)
    assert not tab.aside_list.isVisible()
