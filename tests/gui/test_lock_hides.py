"""Locking hides everything, whatever is open: a modal message box waiting for an answer, a
non-modal dialog, a file dialog, an open menu, a tooltip and a completer, a client card with
unsaved edits. Each time the lock still happens, nothing of the client is readable in any
visible window, and a screenshot of the desktop shows the lock screen and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolTip,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from tests.conftest import SALON_NAME
from tests.gui import lock_helpers
from tests.gui.lock_helpers import (
    EMAIL,
    FIRST,
    LAST,
    PHONE,
    SECRETS,
    open_card_with_edits,
    sign_in_main,
    use_fake_clients_page,
)
from tests.gui.screen_scan import (
    desktop_shot,
    leaks,
    only_window_in,
    readable_texts,
    shots_dir,
    visible_windows,
)
from ui.controller import AppController
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest

IDLE = 121  # seconds: past the default two minutes


WalkAway = Callable[[], None]


def _later(walk_away: WalkAway) -> None:
    """For what waits in its own event loop (exec): walk away once it is on screen."""
    QTimer.singleShot(30, walk_away)


def _message_box(main: MainWindow, walk_away: WalkAway, answers: list[object]) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Salon Desktop",
                      f"Erase {FIRST} {LAST} ({PHONE})?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, main)
    _later(walk_away)
    answers.append(QMessageBox.StandardButton(box.exec()))


def _dialog(main: MainWindow, walk_away: WalkAway, answers: list[object]) -> None:
    dialog = QDialog(main)
    dialog.setWindowTitle("Salon Desktop")
    QVBoxLayout(dialog).addWidget(QLabel(f"{FIRST} {LAST}\n{PHONE}\n{EMAIL}"))
    dialog.show()
    walk_away()


def _file_dialog(main: MainWindow, walk_away: WalkAway, answers: list[object]) -> None:
    dialog = QFileDialog(main, "Import clients")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.selectFile(f"{LAST} {PHONE}.csv")
    _later(walk_away)
    answers.append(QDialog.DialogCode(dialog.exec()))


def _menu(main: MainWindow, walk_away: WalkAway, answers: list[object]) -> None:
    _later(walk_away)
    answers.append(main.program_menu.exec(main.mapToGlobal(QPoint(40, 40))))


def _popups(main: MainWindow, walk_away: WalkAway, answers: list[object]) -> None:
    search = QLineEdit(main.centralWidget())
    completer = QCompleter([f"{LAST}, {FIRST}", f"{LAST}, Mari"], search)
    search.setCompleter(completer)
    search.show()
    search.setText(LAST[:2])
    completer.complete()
    QToolTip.showText(main.mapToGlobal(QPoint(200, 200)), f"{LAST}, {FIRST} · {PHONE}", main)
    assert completer.popup().isVisible() and QToolTip.isVisible()
    walk_away()


SCENARIOS: dict[str, Callable[[MainWindow, WalkAway, list[object]], None]] = {
    "message-box": _message_box, "dialog": _dialog, "file-dialog": _file_dialog,
    "menu": _menu, "popups": _popups,
}


@pytest.fixture
def app(qtbot: QtBot, lock_salon: AppContext, monkeypatch: pytest.MonkeyPatch,
        make_controller: Callable[..., AppController]) -> tuple[AppController, MainWindow]:
    use_fake_clients_page(monkeypatch, real_pages=True)  # whatever the pages open
    controller = make_controller(lock_salon)
    controller.start()
    main = sign_in_main(qtbot, controller)
    controller.lock.idle.set_interval(10)
    return controller, main


def _assert_only_the_lock_screen(controller: AppController, shot_path: Path) -> None:
    screen = controller.window
    assert isinstance(screen, LockWindow) and controller.lock.locked
    QApplication.processEvents()
    assert visible_windows() == [screen]
    text = readable_texts()
    assert leaks(text, SECRETS) == [] and FIRST not in text and SALON_NAME in text
    shot = desktop_shot(shot_path)
    assert only_window_in(shot, screen)
    # Not only hidden: once the deferred deletes ran, no widget holds the client any more.
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    assert leaks(readable_texts(QApplication.topLevelWidgets()), SECRETS) == []


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_idle_lock_happens_over_anything_open(
        qtbot: QtBot, app: tuple[AppController, MainWindow], clock: FakeClock,
        lock_salon: AppContext, scenario: str, tmp_path: Path) -> None:
    controller, main = app
    open_card_with_edits(qtbot, main, lock_salon.client_id,  # type: ignore[attr-defined]
                         "Allergiline PPD suhtes")
    answers: list[object] = []

    def walk_away() -> None:
        """The receptionist turns away: two minutes pass with this on screen."""
        assert leaks(readable_texts(), SECRETS) == list(SECRETS)  # the scan does see the client
        desktop_shot(shots_dir(tmp_path) / f"unlocked-{scenario}.png")
        clock.advance(IDLE)

    QTimer.singleShot(0, lambda: SCENARIOS[scenario](main, walk_away, answers))
    qtbot.waitUntil(lambda: controller.lock.locked, timeout=5000)
    qtbot.waitUntil(lambda: scenario in ("dialog", "popups") or bool(answers))
    _assert_only_the_lock_screen(controller, shots_dir(tmp_path) / f"lock-over-{scenario}.png")
    if scenario == "message-box":
        assert answers == [QMessageBox.StandardButton.No]  # answered "no", never "yes"
    if scenario == "file-dialog":
        assert answers == [QDialog.DialogCode.Rejected]
    if scenario == "menu":
        assert answers == [None]  # the menu closed without choosing anything
    # The typed notes were kept as the manager's draft, then the session was locked.
    qtbot.waitUntil(lambda: lock_salon.services.session is None)
    assert lock_salon.services.auth.locked_by() == "Mari Juhataja"
    rows = lock_salon.services.ctx.db.query("SELECT kind, key, staff_id FROM drafts")
    assert [(r["kind"], r["key"]) for r in rows] == [
        ("client", f"client:{lock_salon.client_id}")]  # type: ignore[attr-defined]


def test_a_nested_question_while_locking_cannot_stop_the_lock(
        qtbot: QtBot, app: tuple[AppController, MainWindow], clock: FakeClock) -> None:
    """A dialog whose Cancel asks "discard your changes?" (and refuses to close on No) is
    the classic way a lock gets cancelled: here it is hidden anyway, and its question too."""
    controller, main = app
    questions: list[object] = []

    class Careful(QDialog):
        def reject(self) -> None:
            box = QMessageBox(QMessageBox.Icon.Question, "Salon Desktop", "Discard changes?",
                              QMessageBox.StandardButton.Discard
                              | QMessageBox.StandardButton.Cancel, self)
            questions.append(QMessageBox.StandardButton(box.exec()))
            if questions[-1] == QMessageBox.StandardButton.Discard:
                super().reject()

    careful = Careful(main)
    QVBoxLayout(careful).addWidget(QLabel(f"{LAST} {PHONE}"))
    careful.show()
    controller.lock.lock("button")
    assert controller.lock.locked
    assert questions == [QMessageBox.StandardButton.Cancel]
    assert not careful.isVisible()
    qtbot.waitUntil(lambda: visible_windows() == [controller.window])
    assert leaks(readable_texts(), SECRETS) == []
