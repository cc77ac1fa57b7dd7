"""One database thread for the whole UI (Anki's "operation" pattern).

Opening the vault, argon2 password checks and queries can take long enough to freeze the
window, so every service call runs here instead of on the GUI thread. There is exactly one
worker thread: SQLCipher work stays serialised in the order the UI asked for it, and the
callbacks always run on the GUI thread, where touching widgets is safe.

    worker.run(lambda: ctx.services.auth.sign_in(user, password),
               on_done=self._signed_in, on_error=self._show_error)

``fn`` must not touch widgets; read what it needs from them before calling ``run``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from ui.qt_compat import install as _install_qt_fixes

T = TypeVar("T")
_install_qt_fixes()  # the worker emits twice per job: see ui/qt_compat.py


class _Runner(QObject):
    """Lives on the worker thread; executes jobs in the order they were submitted."""

    finished = Signal(int, object, object)  # ticket, result, error

    @Slot(int, object)
    def execute(self, ticket: int, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception as error:  # delivered to on_error on the GUI thread
            self.finished.emit(ticket, None, error)
        else:
            self.finished.emit(ticket, result, None)


class Worker(QObject):
    _submit = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("salon-db")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        # Both connections cross threads, so Qt queues them: jobs run on the worker thread,
        # results are delivered on the thread this object lives on (the GUI thread).
        self._submit.connect(self._runner.execute)
        self._runner.finished.connect(self._deliver)
        self._pending: dict[int, tuple[Callable[[Any], None],
                                       Callable[[BaseException], None], QObject | None]] = {}
        self._tickets = 0
        self._thread.start()

    @property
    def busy(self) -> bool:
        """True while a job runs or its result has not been delivered yet."""
        return bool(self._pending)

    def run(self, fn: Callable[[], T], on_done: Callable[[T], None],
            on_error: Callable[[BaseException], None], *, owner: QObject | None = None) -> None:
        """Run ``fn`` on the database thread; then ``on_done(result)`` or ``on_error(exc)``.

        With ``owner``, the callbacks are skipped when that widget was deleted meanwhile
        (a window closed while its query ran).
        """
        if not self._thread.isRunning():
            raise RuntimeError("the worker is closed")
        self._tickets += 1
        self._pending[self._tickets] = (on_done, on_error, owner)
        self._submit.emit(self._tickets, fn)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, result: object, error: object) -> None:
        entry = self._pending.pop(ticket, None)
        if entry is None:  # the worker was closed meanwhile
            return
        on_done, on_error, owner = entry
        if owner is not None and not shiboken6.isValid(owner):
            return
        if isinstance(error, BaseException):
            on_error(error)
        else:
            on_done(result)

    def close(self) -> None:
        """Finish the jobs already submitted, then stop the thread (results not delivered)."""
        if not self._thread.isRunning():
            return
        thread = self._thread
        self._submit.emit(0, thread.quit)  # queued after every earlier job
        thread.wait()
        self._pending.clear()
