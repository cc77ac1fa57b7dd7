"""The idle lock's timer: minutes without keyboard or mouse input anywhere in the app.

Input is seen by one application-wide event filter. Time is read from ``Clock.monotonic()``,
which is CLOCK_BOOTTIME on Linux and keeps counting while the computer sleeps, and is
cross-checked with the wall clock (the larger elapsed time wins) where the monotonic clock
stops during sleep (macOS, some Windows clocks). Qt's own timers run on CLOCK_MONOTONIC and
stop during suspend, so the periodic timer alone would leave a woken laptop showing the
client card for a while: the filter therefore also looks at the time on *every* event, and
the first event after waking locks the app before it is delivered (input events are
swallowed; other events pass, so no queued worker result is ever lost).

The filter sees every event of the application — ~5,000 while a section is built — so what
it does per event is kept to two clock reads and two comparisons (docs/performance.md): each
full check (both clocks, the cross-check) works out the moments at which the time could next
be up, on the clock's monotonic time and on the system's wall clock in seconds, and an
ordinary event only compares the two with them. An input event, which is rarer, compares
both of the ``Clock``'s own readings with the moments the time is up on each (the
cross-check, so a sleep only the wall clock saw is caught at the first key) and restarts the
count.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QShortcutEvent

from salon_desktop.clock import Clock
from salon_desktop.domain.settings import SETTINGS

_SETTING = SETTINGS["idle_lock_minutes"]
DEFAULT_MINUTES = int(_SETTING.default)
MIN_MINUTES, MAX_MINUTES = int(_SETTING.minimum or 1), int(_SETTING.maximum or 15)
CHECK_INTERVAL_MS = 5_000

_T = QEvent.Type
#: What counts as a person at the keyboard (and is swallowed while locked or when it is
#: the event that discovers the timeout).
INPUT_EVENTS = frozenset({
    _T.KeyPress, _T.KeyRelease, _T.ShortcutOverride, _T.Shortcut, _T.InputMethod,
    _T.MouseButtonPress, _T.MouseButtonRelease, _T.MouseButtonDblClick, _T.MouseMove,
    _T.NonClientAreaMouseButtonPress, _T.NonClientAreaMouseButtonRelease,
    _T.NonClientAreaMouseButtonDblClick, _T.NonClientAreaMouseMove, _T.Wheel,
    _T.ContextMenu, _T.TouchBegin, _T.TouchUpdate, _T.TouchEnd, _T.TabletPress,
    _T.TabletRelease, _T.TabletMove, _T.NativeGesture,
})
#: The input events that are not a ``QInputEvent`` (``QEvent.isInputEvent()`` is false).
#: Asking an event for its ``type()`` costs ~0.5 µs in PySide (an enum is made), about as
#: much as everything else the filter does, so only these and ``QInputEvent``s are asked.
_OTHER_INPUT_CLASSES: frozenset[type[QEvent]] = frozenset({QInputMethodEvent, QShortcutEvent})

#: The system's wall clock in seconds, read on every event to notice a jump (a sleep the
#: monotonic clock missed, a clock set forward) at the first event after it. It only decides
#: *when to look*: whether the time is up is always decided on the watcher's ``Clock``.
#: (``Clock.now()`` makes a ``datetime``: four times the cost.) Tests replace it.
_wall_seconds: Callable[[], float] = time.time


def clamp_minutes(value: object) -> int:
    """The setting as stored may be anything; the lock must still come within 15 minutes."""
    try:
        minutes = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_MINUTES
    return max(MIN_MINUTES, min(MAX_MINUTES, minutes))


def _never() -> float:
    return float("-inf")


class IdleWatcher(QObject):
    """Emits ``timed_out`` once after ``minutes`` without input, then stops itself."""

    timed_out = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._clock: Clock | None = None
        self._monotonic: Callable[[], float] = _never  # the clock's, bound at start()
        self._minutes = DEFAULT_MINUTES
        self._limit = timedelta(minutes=DEFAULT_MINUTES)
        self._last_mono = 0.0
        self._last_wall: datetime | None = None
        # When the next full check is due (see the module's docstring); -inf = at once.
        self._due_mono = float("-inf")  # on the clock's monotonic time
        self._due_wall = float("-inf")  # on the system's wall clock (ordinary events)
        self._due_now: datetime | None = None  # on the clock's now() (input events)
        self._running = False
        #: Called with each key press while running; True swallows it. The lock manager
        #: catches Ctrl+L here, where a modal dialog cannot block it — one app-wide filter
        #: serves both, since every event through a Python filter costs (docs/performance.md).
        self.key_hook: Callable[[QKeyEvent], bool] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    # -- control -------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    @property
    def minutes(self) -> int:
        return self._minutes

    def set_minutes(self, minutes: object) -> None:
        self._minutes = clamp_minutes(minutes)
        self._limit = timedelta(minutes=self._minutes)
        self._due_mono = float("-inf")  # a shorter delay may already be over: look again
        if self._last_wall is not None:
            self._due_now = self._last_wall + self._limit

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)

    def start(self, clock: Clock) -> None:
        """Start counting from now (a fresh sign-in or unlock is input)."""
        self._clock = clock
        self._monotonic = clock.monotonic
        self.note_input()
        if not self._running:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._running = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._running:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._running = False

    # -- measuring -----------------------------------------------------------------------
    def note_input(self) -> None:
        clock = self._clock
        if clock is not None:
            self._restart(clock.monotonic(), clock.now())

    def _restart(self, mono: float, now: datetime) -> None:
        """Count from this input: the time is up ``minutes`` from here on either clock."""
        limit = self._minutes * 60
        self._last_mono, self._last_wall = mono, now
        self._due_mono = mono + limit
        self._due_now = now + self._limit
        self._due_wall = _wall_seconds() + limit

    def idle_seconds(self) -> float:
        clock = self._clock
        if clock is None:
            return 0.0
        elapsed = clock.monotonic() - self._last_mono
        if self._last_wall is not None:  # a clock that stopped during sleep is caught here
            elapsed = max(elapsed, (clock.now() - self._last_wall).total_seconds())
        return elapsed

    def expired(self) -> bool:
        return self._running and self.idle_seconds() >= self._minutes * 60

    def check(self) -> bool:
        """The full check (both clocks): emit ``timed_out`` (once) if the time is up; True
        when it was. Otherwise note when the next one is due."""
        if not self._running or self._clock is None:
            return False
        left = self._minutes * 60 - self.idle_seconds()
        if left > 0:
            self._due_mono = self._clock.monotonic() + left
            self._due_wall = _wall_seconds() + left
            return False
        self.stop()
        self.timed_out.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if ((event.isInputEvent() or type(event) in _OTHER_INPUT_CLASSES)
                and event.type() in INPUT_EVENTS):
            clock = self._clock
            if clock is None:
                return False
            # Both of the clock's readings, compared with the moments the time is up on
            # each: the cross-check on every input without the full check's arithmetic.
            mono, now = clock.monotonic(), clock.now()
            due_now = self._due_now
            if (mono >= self._due_mono or due_now is None or now >= due_now) and self.check():
                return True  # the event that woke us is not delivered behind the lock
            self._restart(mono, now)
            hook = self.key_hook
            return (hook is not None and type(event) is QKeyEvent
                    and event.type() == QEvent.Type.KeyPress and hook(event))
        if self._monotonic() >= self._due_mono or _wall_seconds() >= self._due_wall:
            self.check()  # not input: never swallowed, so no queued worker result is lost
        return False
