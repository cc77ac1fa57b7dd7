"""The one database thread: jobs run off the GUI thread, in order; results come back on it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.worker import Worker


def test_result_comes_back_on_the_gui_thread(qtbot: QtBot, worker: Worker) -> None:
    gui = threading.get_ident()
    ran_on: list[int] = []
    delivered_on: list[int] = []
    results: list[int] = []

    def job() -> int:
        ran_on.append(threading.get_ident())
        return 42

    def done(value: int) -> None:
        delivered_on.append(threading.get_ident())
        results.append(value)

    worker.run(job, done, pytest.fail)
    assert worker.busy
    qtbot.waitUntil(lambda: results == [42])
    assert ran_on[0] != gui
    assert delivered_on == [gui]
    assert not worker.busy


def test_errors_go_to_on_error(qtbot: QtBot, worker: Worker) -> None:
    errors: list[BaseException] = []

    def job() -> None:
        raise ValueError("boom")

    worker.run(job, lambda _r: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ValueError)


def test_jobs_run_in_order_on_one_thread(qtbot: QtBot, worker: Worker) -> None:
    seen: list[tuple[int, int]] = []
    for number in range(20):
        worker.run(lambda n=number: (n, threading.get_ident()), seen.append, pytest.fail)
    qtbot.waitUntil(lambda: len(seen) == 20)
    assert [n for n, _t in seen] == list(range(20))
    assert len({t for _n, t in seen}) == 1


def test_callbacks_skipped_when_the_owner_is_gone(qtbot: QtBot, worker: Worker) -> None:
    owner = QWidget()
    called: list[object] = []
    gate = threading.Event()
    worker.run(lambda: gate.wait(5), called.append, called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    gate.set()
    qtbot.waitUntil(lambda: not worker.busy)
    assert called == []


def test_close_finishes_submitted_jobs(qtbot: QtBot) -> None:
    worker = Worker()
    done: list[int] = []
    for number in range(5):
        worker.run(lambda n=number: done.append(n), lambda _r: None, pytest.fail)
    worker.close()
    assert done == [0, 1, 2, 3, 4]
    with pytest.raises(RuntimeError):
        worker.run(lambda: None, lambda _r: None, pytest.fail)


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
