"""The idle lock's timer: minutes without keyboard or mouse input anywhere in the app.

Input is seen by one application-wide event filter. Time is read from ``Clock.monotonic()``,
which is CLOCK_BOOTTIME on Linux and keeps counting while the computer sleeps, and is
cross-checked with the wall clock (the larger elapsed time wins) where the monotonic clock
stops during sleep (macOS, some Windows clocks). Qt's own timers run on CLOCK_MONOTONIC and
stop during suspend, so the periodic timer alone would leave a woken laptop showing the
client card for a while: the filter therefore also checks on *every* event, and the first
event after waking locks the app before it is delivered (input events are swallowed; other
events pass, so no queued worker result is ever lost).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

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


def clamp_minutes(value: object) -> int:
    """The setting as stored may be anything; the lock must still come within 15 minutes."""
    try:
        minutes = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_MINUTES
    return max(MIN_MINUTES, min(MAX_MINUTES, minutes))


class IdleWatcher(QObject):
    """Emits ``timed_out`` once after ``minutes`` without input, then stops itself."""

    timed_out = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._clock: Clock | None = None
        self._minutes = DEFAULT_MINUTES
        self._last_mono = 0.0
        self._last_wall: datetime | None = None
        self._running = False
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

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)

    def start(self, clock: Clock) -> None:
        """Start counting from now (a fresh sign-in or unlock is input)."""
        self._clock = clock
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
        if self._clock is not None:
            self._last_mono = self._clock.monotonic()
            self._last_wall = self._clock.now()

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
        """Emit ``timed_out`` (once) if the time is up; True when it was."""
        if not self.expired():
            return False
        self.stop()
        self.timed_out.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_input = event.type() in INPUT_EVENTS
        if self.check():
            return is_input  # the event that woke us is not delivered behind the lock
        if is_input:
            self.note_input()
        return False
