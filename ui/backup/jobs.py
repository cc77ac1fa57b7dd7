"""Long backup work on a thread of its own, with progress and Cancel.

``create_backup`` holds the database only for its snapshot, so it runs beside the database
worker and reception keeps working. At most one such job runs at a time, held here rather
than by the tab: locking the screen closes the main window, and a backup to a slow stick
must neither be killed with it nor keep a dead window alive. A new Backups tab picks the
running job up again; quitting the app cancels it and waits, so the database is never
closed under it.

The core calls ``progress(done, total)`` and ``cancel()`` on the job's own thread; they only
emit a (queued) signal and read an ``Event``, never touch widgets or services.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ui.qt_compat import install as _install_qt_fixes

log = logging.getLogger(__name__)
_install_qt_fixes()

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
JobFn = Callable[[ProgressFn, CancelFn], Any]

MAKE, VERIFY = "make", "verify"
_QUIT_WAIT_MS = 30_000


class ProgressRelay(QObject):
    """Carries progress from another thread to the GUI thread, and Cancel the other way."""

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)  # queued: the receiver lives on the GUI thread

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class BackgroundJob(QThread):
    """One job (``fn(progress, cancel)``); ``done`` or ``failed`` on the GUI thread."""

    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, kind: str, fn: JobFn) -> None:
        super().__init__()
        self.kind = kind
        self.setObjectName(f"salon-backup-{kind}")
        self._fn = fn
        self.relay = ProgressRelay()
        self.relay.progressed.connect(self._forward)
        self.last_progress = (0, 1)
        self.outcome: tuple[Any, BaseException | None] | None = None
        self.finished.connect(self._deliver)

    @property
    def cancel_requested(self) -> bool:
        return self.relay.cancelled()

    def cancel(self) -> None:
        self.relay.cancel()

    def run(self) -> None:  # on the job's thread
        try:
            result = self._fn(self.relay.report, self.relay.cancelled)
        except Exception as error:  # delivered to ``failed`` on the GUI thread
            self.outcome = (None, error)
        else:
            self.outcome = (result, None)

    @Slot(int, int)
    def _forward(self, done: int, total: int) -> None:
        self.last_progress = (done, max(total, 1))
        self.progressed.emit(done, total)

    @Slot()
    def _deliver(self) -> None:
        # Progress signals were queued to this object before ``finished``: they came first.
        _forget(self)
        result, error = self.outcome or (None, RuntimeError("the job ended without a result"))
        if error is not None:
            self.failed.emit(error)
        else:
            self.done.emit(result)


_running: list[BackgroundJob] = []
_quit_hook: list[bool] = []


def current() -> BackgroundJob | None:
    """The job still running (or whose result is not delivered yet), if any."""
    return _running[0] if _running else None


def start(job: BackgroundJob) -> BackgroundJob:
    if _running:
        raise RuntimeError("a backup job is already running")
    _running.append(job)
    _hook_quit()
    job.start()
    return job


def _forget(job: BackgroundJob) -> None:
    job.wait()
    if job in _running:
        _running.remove(job)


def _hook_quit() -> None:
    app = QCoreApplication.instance()
    if app is not None and not _quit_hook:
        _quit_hook.append(True)
        app.aboutToQuit.connect(cancel_and_wait)


def cancel_and_wait(timeout_ms: int = _QUIT_WAIT_MS) -> None:
    """Quitting: stop the job before the database is closed (nothing of it is kept)."""
    for job in list(_running):
        job.cancel()
        if not job.wait(timeout_ms):
            log.error("a backup job did not stop in time")
        if job in _running:
            _running.remove(job)
