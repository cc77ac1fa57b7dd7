"""What ``gui_probe.py`` measures with: event filters that note moments, waits that spin the
event loop, key presses as a keyboard sends them, the peak memory.

Kept apart from the steps (``probe_steps.py``) and the command line (``gui_probe.py``): these
know nothing of the app's windows beyond class names, so they stay the same when a step
changes.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

WAIT_S = 30.0


class ProbeFailed(RuntimeError):
    """A step did not happen within its time (the message says which)."""


@dataclass
class Marks:
    """Moments seen by the event filters and signal slots (``perf_counter`` seconds)."""

    first_paint: float | None = None
    main_shown: float | None = None
    main_window: QWidget | None = None
    loaded: list[tuple[float, str, int]] = field(default_factory=list)  # time, text, rows
    handed_over: list[float] = field(default_factory=list)
    list_painted: float = 0.0
    card_loaded: float | None = None


class StartWatcher(QObject):
    """App-wide until the main window shows: the sign-in window's first paint, then the main
    window's Show (its client list answers later, through the worker, so connecting to the
    model then is in time). Removed at once, so typing is measured without it."""

    def __init__(self, marks: Marks, app: QApplication) -> None:
        super().__init__()
        self.marks, self.app = marks, app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # cheap checks first: this sees every event of the app
        if kind == QEvent.Type.Paint:
            if self.marks.first_paint is None and type(watched).__name__ == "SignInWindow":
                self.marks.first_paint = time.perf_counter()
        elif kind == QEvent.Type.Show and type(watched).__name__ == "MainWindow":
            self.marks.main_shown = time.perf_counter()
            self.marks.main_window = watched  # type: ignore[assignment]
            self.app.removeEventFilter(self)
        return False


class PaintWatcher(QObject):
    """The client list's viewport and its "no client matches" page: when did either last
    paint? (With no match the table is hidden and only that page paints.)"""

    def __init__(self, marks: Marks) -> None:
        super().__init__()
        self.marks = marks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.marks.list_painted = time.perf_counter()
        return False


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
    """Run the event loop until ``condition()``; every state change arrives as an event, and
    a 10 ms heartbeat keeps the wait from sleeping past a deadline."""
    deadline = time.perf_counter() + timeout_s
    heartbeat = QTimer()
    heartbeat.start(10)
    try:
        while not condition():
            if time.perf_counter() > deadline:
                raise ProbeFailed(f"timed out waiting for {what}")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        heartbeat.stop()


def settle(ms: int) -> None:
    """Let queued work (repaints, deferred deletes) finish before the next measurement."""
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def press(widget: QWidget, key: str | Qt.Key) -> None:
    """One key as a keyboard sends it. ``QTest.keyClick`` with a ``str`` passes it through a
    C ``char`` (õ arrives as Ã), so a letter goes as a press and a release carrying its text
    and the key code Qt gives that letter (its upper case), as a real keyboard's would."""
    if isinstance(key, Qt.Key):
        QTest.keyClick(widget, key)
        return
    code = ord(key.upper()) if len(key.upper()) == 1 else 0
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier,
                                                 key))


def peak_rss_mb() -> float:
    """This process's peak resident size. Linux: ``VmHWM`` of /proc/self/status, because
    ``getrusage``'s ``ru_maxrss`` also counts the parent's memory at the fork before exec
    (the kernel keeps the larger of the two): started from the benchmark it said 275 MB for
    a 176 MB probe. Elsewhere ``getrusage`` (macOS reports bytes, others KiB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024
