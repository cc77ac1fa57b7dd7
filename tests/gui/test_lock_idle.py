"""The idle lock, on a clock the test controls: locked after the timeout without input, not
locked when there was input just before, and locked at the first event after a sleep that no
timer noticed (the event itself is swallowed). Time asleep counts also where the monotonic
clock stops during sleep (the wall-clock cross-check). The delay comes from the settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QHoverEvent, QInputMethodEvent
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from tests.gui import lock_helpers
from tests.gui.lock_helpers import (
    open_card_with_edits,
    sign_in_main,
    use_fake_clients_page,
)
from ui.controller import AppController
from ui.lock import idle as idle_module
from ui.lock.idle import IdleWatcher, clamp_minutes
from ui.lock.manager import idle_delay_changed
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest

HOUR = 3600


@pytest.fixture
def app(qtbot: QtBot, lock_salon: AppContext, monkeypatch: pytest.MonkeyPatch,
        make_controller: Callable[..., AppController]) -> tuple[AppController, MainWindow]:
    use_fake_clients_page(monkeypatch)
    controller = make_controller(lock_salon)
    controller.start()
    main = sign_in_main(qtbot, controller)
    qtbot.waitUntil(lambda: not controller.worker.busy)  # the idle delay has been read
    return controller, main


def test_idle_for_the_timeout_locks(qtbot: QtBot, app: tuple[AppController, MainWindow],
                                    clock: FakeClock) -> None:
    controller, _main = app
    idle = controller.lock.idle
    assert idle.running and idle.minutes == 2
    idle.set_interval(10)
    clock.advance(119)
    qtbot.wait(50)  # the timer checks several times: not yet
    assert not controller.lock.locked
    clock.advance(1)
    qtbot.waitUntil(lambda: isinstance(controller.window, LockWindow), timeout=2000)
    assert not idle.running  # paused while locked


def test_input_just_before_the_timeout_keeps_it_open(
        qtbot: QtBot, app: tuple[AppController, MainWindow], clock: FakeClock) -> None:
    controller, main = app
    idle = controller.lock.idle
    idle.set_interval(10)
    clock.advance(119)
    qtbot.mouseMove(main.navigation)  # a hand on the mouse
    clock.advance(2)
    qtbot.wait(50)
    assert not idle.check() and not controller.lock.locked
    clock.advance(117)
    qtbot.keyClick(main.navigation, Qt.Key.Key_Down)  # and a key
    clock.advance(119)
    qtbot.wait(50)
    assert not controller.lock.locked
    clock.advance(1)
    qtbot.waitUntil(lambda: controller.lock.locked, timeout=2000)


def test_a_sleep_locks_at_the_first_event_after_waking(
        qtbot: QtBot, app: tuple[AppController, MainWindow], clock: FakeClock,
        lock_salon: AppContext) -> None:
    controller, main = app
    card = open_card_with_edits(qtbot, main, lock_salon.client_id,  # type: ignore[attr-defined]
                                "before the sleep")
    controller.lock.idle.set_interval(60 * 60 * 1000)  # no timer fires during the "sleep"
    clock.advance(8 * HOUR)  # CLOCK_BOOTTIME kept counting while the laptop slept
    assert not controller.lock.locked
    qtbot.keyClick(card.notes, Qt.Key.Key_X)  # the first thing that happens on waking
    assert isinstance(controller.window, LockWindow)
    assert card.notes.toPlainText() == "before the sleep"  # the key was not delivered


def test_a_paint_after_waking_is_enough(qtbot: QtBot, app: tuple[AppController, MainWindow],
                                       clock: FakeClock) -> None:
    """On waking the compositor repaints before anyone touches a key: that locks too."""
    controller, main = app
    controller.lock.idle.set_interval(60 * 60 * 1000)
    clock.advance(3 * 60)
    main.navigation.update()
    main.repaint()
    assert controller.lock.locked


class _StoppedMonotonic(FakeClock):
    """macOS and some Windows clocks: the monotonic clock stops while asleep, the wall clock
    does not."""

    def sleep(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)


def test_the_wall_clock_catches_a_sleep_the_monotonic_clock_missed(qtbot: QtBot) -> None:
    clock = _StoppedMonotonic(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    watcher = IdleWatcher(interval_ms=60 * 60 * 1000)
    fired: list[bool] = []
    watcher.timed_out.connect(lambda: fired.append(True))
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher.start(clock)
    try:
        clock.sleep(5 * 60)
        assert clock.monotonic() == 1000.0
        qtbot.keyClick(field, Qt.Key.Key_A)
        assert fired == [True]  # (the key itself is held back by the shield: see above)
        # A wall clock set *back* does not hide real idle time, nor invent any.
        watcher.start(clock)
        clock._now -= timedelta(hours=1)
        assert not watcher.check() and watcher.idle_seconds() == 0
    finally:
        watcher.stop()


def test_a_sleep_only_the_wall_clock_saw_locks_at_the_first_paint(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the monotonic clock stops during sleep, the system's wall clock, which the
    filter reads on every event, notices the jump: the first repaint locks, no input needed."""
    clock = _StoppedMonotonic(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    system_wall = [1_800_000_000.0]
    monkeypatch.setattr(idle_module, "_wall_seconds", lambda: system_wall[0])
    watcher = IdleWatcher(interval_ms=60 * 60 * 1000)
    fired: list[bool] = []
    watcher.timed_out.connect(lambda: fired.append(True))
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher.start(clock)
    try:
        field.repaint()
        assert fired == []
        clock.sleep(8 * HOUR)
        system_wall[0] += 8 * HOUR
        field.repaint()
        assert fired == [True]
    finally:
        watcher.stop()


class _CountingClock(FakeClock):
    def __init__(self) -> None:
        super().__init__()
        self.wall_reads = 0

    def now(self) -> datetime:
        self.wall_reads += 1
        return super().now()


def test_ordinary_events_cost_two_comparisons(qtbot: QtBot) -> None:
    """~5,000 events go through the filter while a section is built: between two full checks
    none of them reads the wall clock (a datetime) or counts as input, however many there are;
    the time being up is still found at the next one."""
    clock = _CountingClock()
    watcher = IdleWatcher(interval_ms=60 * 60 * 1000)
    fired: list[bool] = []
    watcher.timed_out.connect(lambda: fired.append(True))
    target = QObject()
    watcher.start(clock)
    try:
        reads = clock.wall_reads
        at = QPointF(5, 5)
        events = [QEvent(QEvent.Type.User), QEvent(QEvent.Type.LayoutRequest),
                  QEnterEvent(at, at, at),  # a pointer event, but no one needs to move
                  QHoverEvent(QEvent.Type.HoverMove, at, at, at)]  # for these
        for _ in range(250):
            for event in events:
                QCoreApplication.sendEvent(target, event)
        assert clock.wall_reads == reads and fired == []
        clock.advance(119)
        QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))
        assert fired == []
        clock.advance(1)
        QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))
        assert fired == [True]
    finally:
        watcher.stop()


def test_typing_through_an_input_method_counts_and_is_held_back(qtbot: QtBot,
                                                               clock: FakeClock) -> None:
    """Text from an input method (no key events, e.g. on Wayland) is input too."""
    watcher = IdleWatcher(interval_ms=60 * 60 * 1000)
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher.start(clock)
    try:
        clock.advance(119)
        commit = QInputMethodEvent()
        commit.setCommitString("a")
        QCoreApplication.sendEvent(field, commit)
        clock.advance(119)
        assert not watcher.check()  # the typing restarted the count
        clock.advance(1)
        late = QInputMethodEvent()
        late.setCommitString("b")
        assert watcher.eventFilter(field, late) is True  # swallowed: it found the time up
        assert not watcher.running
    finally:
        watcher.stop()


def test_other_events_are_never_swallowed(qtbot: QtBot, clock: FakeClock) -> None:
    """Only input is held back: a queued worker result arriving first must still arrive."""
    watcher = IdleWatcher()
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher.start(clock)
    clock.advance(10 * 60)
    assert watcher.eventFilter(field, QEvent(QEvent.Type.MetaCall)) is False
    assert not watcher.running


def test_the_delay_comes_from_the_settings(qtbot: QtBot, app: tuple[AppController, MainWindow],
                                          clock: FakeClock, lock_salon: AppContext) -> None:
    controller, _main = app
    settings = lock_salon.services.settings
    controller.worker.run(lambda: settings.set("idle_lock_minutes", 5), lambda _v: None,
                          pytest.fail)
    controller.lock.refresh_settings()
    qtbot.waitUntil(lambda: controller.lock.idle.minutes == 5)
    controller.lock.idle.set_interval(10)
    clock.advance(4 * 60 + 59)
    qtbot.wait(40)
    assert not controller.lock.locked
    clock.advance(1)
    qtbot.waitUntil(lambda: controller.lock.locked, timeout=2000)


def test_the_administration_page_can_change_the_delay_at_once(
        app: tuple[AppController, MainWindow]) -> None:
    controller, _main = app
    idle_delay_changed(7)
    assert controller.lock.idle.minutes == 7


def test_a_bad_stored_delay_still_locks_within_fifteen_minutes() -> None:
    for stored, minutes in ((0, 1), (2, 2), ("7", 7), (15, 15), (90, 15), ("x", 2), (None, 2)):
        assert clamp_minutes(stored) == minutes
