"""Administration → Backups, driven like a manager would: choose the stick, type the
passphrase, watch the bar reach 100 %, see the file listed; and every way it can go wrong
(wrong passphrase, the stick gone, pulled midway) leaves a clear message and no final file."""

from __future__ import annotations

import errno
import shutil
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pytest
from babel.messages.extract import extract_from_dir
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.backup.rotation import list_backups
from salon_desktop.backup.writer import DestinationIO
from salon_desktop.context import AppContext
from salon_desktop.i18n import _
from tests.backup_helpers import PASSPHRASE, seed, use_fast_kdf
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.test_languages import shown_texts
from tools.i18n_check import KEYWORDS
from ui.backup import jobs
from ui.backup.header_view import VerifiedDialog
from ui.backup.passphrase import AskPassphraseDialog, SetPassphraseDialog
from ui.backup.tab import BackupsTab
from ui.language import apply_language
from ui.pages import PageEnv
from ui.worker import Worker


@pytest.fixture(autouse=True)
def _fast_backup_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_fast_kdf(monkeypatch)
    yield
    jobs.cancel_and_wait()


@pytest.fixture
def statuses() -> list[str]:
    return []


@pytest.fixture
def env(set_up_context: AppContext, worker: Worker, statuses: list[str]) -> Iterator[PageEnv]:
    """The manager signed in to a salon with 30 clients and a backup passphrase."""
    ctx = set_up_context
    ctx.open()
    session = ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    seed(ctx, clients=30)
    ctx.services.backups.set_passphrase(PASSPHRASE)
    yield PageEnv(ctx, worker, session, statuses.append)
    worker.run(lambda: None, lambda _n: None, lambda _e: None)  # drain before ctx closes
    worker.close()


def open_tab(qtbot: QtBot, env: PageEnv, stick: Path | None = None) -> BackupsTab:
    tab = BackupsTab(env)
    qtbot.addWidget(tab)
    tab.resize(1100, 560)
    tab.show()
    qtbot.waitUntil(lambda: tab.passphrase_set is not None)
    if stick is not None:
        tab.picker.set_folder(stick)
        wait_idle(qtbot, env)
    return tab


def wait_idle(qtbot: QtBot, env: PageEnv) -> None:
    qtbot.waitUntil(lambda: not env.worker.busy and jobs.current() is None, timeout=15_000)


def type_passphrase(qtbot: QtBot, dialog: object, passphrase: str) -> None:
    assert isinstance(dialog, AskPassphraseDialog)
    dialog.passphrase.setText(passphrase)  # keyClicks types ASCII only; this has õ and ü
    dialog.action_button.click()


def back_up(qtbot: QtBot, tab: BackupsTab, passphrase: str = PASSPHRASE) -> None:
    tab.back_up_button.click()
    type_passphrase(qtbot, tab.actions.dialog, passphrase)
    wait_idle(qtbot, tab.env)


def test_back_up_into_a_folder_shows_progress_and_lists_the_file(
        qtbot: QtBot, env: PageEnv, tmp_path: Path, statuses: list[str]) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    tab = open_tab(qtbot, env, stick)
    assert tab.picker.destination() == stick
    assert tab.empty_label.isVisible()
    seen: list[int] = []
    tab.panel.bar.valueChanged.connect(seen.append)
    back_up(qtbot, tab)

    written = list_backups(stick)
    assert len(written) == 1
    assert seen[-1] == 1000 and seen == sorted(seen)  # forward only, up to 100 %
    assert tab.panel.bar.value() == tab.panel.bar.maximum()
    assert written[0].path.name in tab.panel.outcome.text()
    assert statuses == [f"Backup written and verified: {written[0].path.name}"]
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert tab.table.item(0, 2).text() == written[0].path.name
    assert not tab.empty_label.isVisible()
    assert tab.back_up_button.isEnabled()


def test_wrong_passphrase_shows_the_translated_message(qtbot: QtBot, env: PageEnv,
                                                       tmp_path: Path) -> None:
    apply_language("et")
    stick = tmp_path / "stick"
    stick.mkdir()
    tab = open_tab(qtbot, env, stick)
    back_up(qtbot, tab, "not the passphrase at all")
    assert tab.panel.error.isVisible()
    assert _("This is not the backup passphrase set for this salon. Nothing was written.") \
        in tab.panel.error.text()
    assert "Midagi ei kirjutatud" in tab.panel.error.text()
    assert list(stick.iterdir()) == []


def test_stick_removed_after_choosing_it(qtbot: QtBot, env: PageEnv, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    tab = open_tab(qtbot, env, stick)
    shutil.rmtree(stick)
    back_up(qtbot, tab)
    assert "The backup folder or drive is not available." in tab.panel.error.text()
    assert not stick.exists()
    assert tab.back_up_button.isEnabled()  # the app goes on; try again with the stick in


class _PulledMidway(DestinationIO):
    """The stick is pulled out after the first 1 MiB chunk went through."""

    def __init__(self) -> None:
        self.chunks = 0

    def write(self, handle: BinaryIO, data: bytes) -> None:
        self.chunks += 1
        if self.chunks == 2:
            raise OSError(errno.ENODEV, "injected: no such device")
        super().write(handle, data)


def test_stick_pulled_while_writing_keeps_no_final_file(
        qtbot: QtBot, env: PageEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backups = env.ctx.services.backups
    earlier = backups.create_backup(stick, PASSPHRASE).path
    db = env.ctx.vault.db  # type: ignore[union-attr]
    with db.transaction():  # big enough for several chunks, so the pull strikes midway
        db.execute("UPDATE clients SET notes = ? || id", ("x" * 80_000,))
    env.ctx.clock.advance(60)  # type: ignore[attr-defined]
    monkeypatch.setattr(backups, "io", _PulledMidway())
    tab = open_tab(qtbot, env, stick)
    back_up(qtbot, tab)
    assert "removed or stopped responding" in tab.panel.error.text()
    assert [b.path for b in list_backups(stick)] == [earlier]
    assert sorted(p.name for p in stick.iterdir()) == [earlier.name]
    assert tab.table.rowCount() == 1


class _SlowStick(DestinationIO):
    """Opening the file waits until the test lets it go (a slow USB 2 stick)."""

    def __init__(self) -> None:
        self.reached, self.go = threading.Event(), threading.Event()

    def open_new(self, path: Path) -> BinaryIO:
        self.reached.set()
        self.go.wait(10)
        return super().open_new(path)


def test_app_stays_usable_during_a_backup_and_cancel_keeps_nothing(
        qtbot: QtBot, env: PageEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    slow = _SlowStick()
    monkeypatch.setattr(env.ctx.services.backups, "io", slow)
    tab = open_tab(qtbot, env, stick)
    tab.back_up_button.click()
    type_passphrase(qtbot, tab.actions.dialog, PASSPHRASE)
    qtbot.waitUntil(slow.reached.is_set)
    assert tab.panel.bar.isVisible() and tab.panel.cancel_button.isEnabled()
    assert not tab.back_up_button.isEnabled() and not tab.file_button.isEnabled()
    # Meanwhile reception works on: the database worker answers at once.
    answers: list[int] = []
    clients = env.ctx.services.clients
    env.worker.run(lambda: len(clients.search("").items), answers.append, pytest.fail)
    qtbot.waitUntil(lambda: bool(answers))
    tab.panel.cancel_button.click()
    slow.go.set()
    wait_idle(qtbot, env)
    assert "nothing of this backup was kept" in tab.panel.outcome.text()
    assert not tab.panel.error.isVisible()
    assert list(stick.iterdir()) == []
    assert not [p for p in env.ctx.data_dir.iterdir() if "staging" in p.name]


def test_verify_shows_what_the_backup_holds(qtbot: QtBot, env: PageEnv,
                                            tmp_path: Path, statuses: list[str]) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    result = env.ctx.services.backups.create_backup(stick, PASSPHRASE)
    tab = open_tab(qtbot, env, stick)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    tab.verify_button.click()
    type_passphrase(qtbot, tab.actions.dialog, PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(tab.actions.dialog, VerifiedDialog), timeout=15_000)
    dialog = tab.actions.dialog
    assert isinstance(dialog, VerifiedDialog)
    view = dialog.header_view
    assert view.values["salon"].text() == result.info.header.salon_name
    assert view.values["file"].text() == result.path.name
    clients = result.info.count("clients")
    assert clients == 32  # 30 seeded + the 2 markers
    assert view.count_labels[0][0].text() == "Clients"
    assert view.count_labels[0][1].text() == "32"
    assert statuses[-1] == f"Backup verified: {result.path.name}"
    dialog.accept()


def test_verify_with_the_wrong_passphrase_stays_in_the_dialog(
        qtbot: QtBot, env: PageEnv, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    env.ctx.services.backups.create_backup(stick, PASSPHRASE)
    tab = open_tab(qtbot, env, stick)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    tab.verify_button.click()
    dialog = tab.actions.dialog
    type_passphrase(qtbot, dialog, "Punane rebane magab metsas")
    assert isinstance(dialog, AskPassphraseDialog)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "This is not the passphrase of this backup." in dialog.error.text()
    assert dialog.isVisible() and jobs.current() is None
    dialog.reject()


def test_set_passphrase_twice_with_live_hint(qtbot: QtBot, env: PageEnv,
                                             statuses: list[str]) -> None:
    tab = open_tab(qtbot, env)
    assert tab.passphrase_set is True
    tab.passphrase_button.click()
    dialog = tab.actions.dialog
    assert isinstance(dialog, SetPassphraseDialog)
    assert "Older backups still need the passphrase" in " ".join(
        w.text() for w in dialog.findChildren(type(dialog.hint)))
    qtbot.keyClicks(dialog.first, "short")
    qtbot.waitUntil(lambda: "at least 12 characters" in dialog.hint.text())
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "Uus lause varukoopiate jaoks")
    qtbot.waitUntil(lambda: dialog.hint.text().startswith("✓"))
    qtbot.keyClicks(dialog.again, "Uus lause varukoopiate jaoks!")
    dialog.action_button.click()
    assert dialog.again_error.isVisible()  # typed differently: nothing saved
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "Uus lause varukoopiate jaoks")
    dialog.action_button.click()
    qtbot.waitUntil(lambda: statuses == ["The backup passphrase was saved."])
    wait_idle(qtbot, env)
    stick = env.ctx.data_dir.parent / "stick"
    stick.mkdir()
    env.ctx.services.backups.create_backup(stick, "Uus lause varukoopiate jaoks")


@cache
def backup_msgids() -> frozenset[str]:
    """The English texts of ui/backup (extracting only this package keeps the test quick)."""
    found = extract_from_dir(str(Path(__file__).parents[2] / "ui" / "backup"),
                             method_map=[("**.py", "python")], keywords=KEYWORDS)
    return frozenset(m[0] if isinstance(m, tuple) else m for _f, _l, m, _c, _x in found)


def check_language(window: QWidget, language: str) -> None:
    texts = [t for t in shown_texts(window) if t]
    assert texts
    english = [t for t in texts if t in backup_msgids() and _(t) != t]
    assert english == [], f"untranslated on a {language} screen: {english}"


@pytest.mark.parametrize("language", ["et", "ru"])
def test_every_backup_screen_is_translated(qtbot: QtBot, env: PageEnv, tmp_path: Path,
                                           language: str) -> None:
    from ui.backup.restore_dialog import RestoreDialog

    stick = tmp_path / "stick"
    stick.mkdir()
    made = env.ctx.services.backups.create_backup(stick, PASSPHRASE)
    apply_language(language)
    tab = open_tab(qtbot, env, stick)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    check_language(tab, language)
    check_language(tab.actions.set_passphrase(), language)
    tab.actions.dialog.reject()  # type: ignore[union-attr]
    ask = tab.actions.restore(made.path)
    assert ask is not None
    check_language(ask, language)
    type_passphrase(qtbot, ask, PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(tab.actions.dialog, RestoreDialog))
    restore = tab.actions.dialog
    check_language(restore, language)  # type: ignore[arg-type]
    restore.reject()  # type: ignore[union-attr]
    check_language(VerifiedDialog(made.info, tab), language)


@pytest.mark.parametrize("flow", ["verify", "restore"])
@pytest.mark.parametrize("answer", ["queued_before_cancel", "after_cancel"])
def test_cancelled_while_the_passphrase_is_checked_starts_nothing(
        qtbot: QtBot, env: PageEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        flow: str, answer: str) -> None:
    """Esc while the backup's header is read with the typed passphrase: whether the check's
    answer was already waiting in the event queue or comes later, no verify job starts and
    no restore review opens (the person said no)."""
    from ui.backup.restore_dialog import RestoreDialog

    stick = tmp_path / "stick"
    stick.mkdir()
    env.ctx.services.backups.create_backup(stick, PASSPHRASE)
    tab = open_tab(qtbot, env, stick)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    backups = env.ctx.services.backups
    real_inspect = backups.inspect_backup
    held = threading.Event()

    def held_inspect(path: Path, passphrase: str) -> object:
        assert held.wait(10)
        return real_inspect(path, passphrase)

    monkeypatch.setattr(backups, "inspect_backup", held_inspect)
    started: list[jobs.BackgroundJob] = []
    real_start = jobs.start
    monkeypatch.setattr(jobs, "start", lambda job: started.append(job) or real_start(job))

    (tab.verify_button if flow == "verify" else tab.restore_button).click()
    dialog = tab.actions.dialog
    type_passphrase(qtbot, dialog, PASSPHRASE)             # the check is on the worker
    assert isinstance(dialog, AskPassphraseDialog) and dialog.busy.isVisible()
    if answer == "queued_before_cancel":
        held.set()
        after = threading.Event()   # a job behind the check: once it ran, the check's
        env.worker.run(after.set, lambda _n: None, lambda _e: None)  # answer is queued
        assert after.wait(10)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)          # handled before that answer
    else:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        held.set()
    wait_idle(qtbot, env)
    qtbot.wait(50)
    assert started == [] and jobs.current() is None
    assert tab.findChildren(RestoreDialog) == []
    assert tab.actions.dialog is None
    assert tab.panel.outcome.text() == ""
