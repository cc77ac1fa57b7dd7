"""Helpers for the Administration and password tests: run a core call on the worker (the
only thread that touches the database), open the Administration page, find a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.admin.page import AdminPage
from ui.main_window import MainWindow
from ui.worker import Worker

W = TypeVar("W", bound=QWidget)


def on_worker(qtbot: QtBot, worker: Worker, fn: Callable[[], Any],
              timeout: int = 10_000) -> Any:
    """Run ``fn`` on the database thread and wait for its result (or raise its error)."""
    box: dict[str, Any] = {}
    worker.run(fn, lambda result: box.setdefault("result", result),
               lambda error: box.setdefault("error", error))
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    if "error" in box:
        raise box["error"]
    return box["result"]


def wait_idle(qtbot: QtBot, worker: Worker, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: not worker.busy, timeout=timeout)


def admin_page(main: MainWindow) -> AdminPage:
    assert main.show_section("administration")
    page = main.stack.currentWidget()
    assert isinstance(page, AdminPage)
    return page


def visible_dialog(qtbot: QtBot, kind: type[W], timeout: int = 5_000) -> W:
    """The visible window of ``kind`` (dialogs are opened window-modal, without exec)."""
    def find() -> W | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, kind) and w.isVisible()), None)

    qtbot.waitUntil(lambda: find() is not None, timeout=timeout)
    found = find()
    assert found is not None
    return found
