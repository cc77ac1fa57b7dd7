"""The operating system locking the session or going to sleep locks the app: the handlers
(unit), the Windows message mapping, logind's session path, the whole app locking on
"PrepareForSleep(true)", and the same signals over a real (private) D-Bus daemon."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.gui import lock_helpers
from tests.gui.lock_helpers import (
    sign_in_main,
    use_fake_clients_page,
)
from ui.controller import AppController
from ui.lock import session_watch
from ui.lock.screen import LockWindow
from ui.lock.session_watch import SessionWatcher, logind_session_path, windows_reason

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest


@pytest.fixture
def watcher() -> Iterator[tuple[SessionWatcher, list[str]]]:
    made = SessionWatcher()
    reasons: list[str] = []
    made.lock_requested.connect(reasons.append)
    yield made, reasons
    made.stop()


def test_the_handlers(watcher: tuple[SessionWatcher, list[str]]) -> None:
    made, reasons = watcher
    made.on_prepare_for_sleep(False)  # waking up: nothing to do (the lock is already on)
    made.on_screensaver(False)
    assert reasons == []
    made.on_prepare_for_sleep(True)
    made.on_session_lock()
    made.on_screensaver(True)
    assert reasons == ["sleep", "session_lock", "screensaver"]


def test_windows_messages() -> None:
    assert windows_reason(0x02B1, 0x7) == "session_lock"   # WTS_SESSION_LOCK
    assert windows_reason(0x02B1, 0x4) == "session_lock"   # WTS_REMOTE_DISCONNECT
    assert windows_reason(0x02B1, 0x1) is None              # WTS_CONSOLE_CONNECT
    assert windows_reason(0x02B1, 0x8) is None              # WTS_SESSION_UNLOCK
    assert windows_reason(0x0218, 0x4) == "sleep"           # PBT_APMSUSPEND
    assert windows_reason(0x0218, 0x7) is None              # PBT_APMRESUMESUSPEND
    assert windows_reason(0x0100, 0x7) is None              # WM_KEYDOWN


def test_logind_session_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    assert logind_session_path("2") == "/org/freedesktop/login1/session/_32"
    assert logind_session_path("c12") == "/org/freedesktop/login1/session/c12"
    assert logind_session_path("a-b") == "/org/freedesktop/login1/session/a_2db"
    monkeypatch.setenv("XDG_SESSION_ID", "17")
    assert session_watch.own_session_path() == "/org/freedesktop/login1/session/_317"
    monkeypatch.delenv("XDG_SESSION_ID")
    assert session_watch.own_session_path() == ""  # unknown: any session's Lock


def test_the_app_locks_when_the_computer_goes_to_sleep(
        qtbot: QtBot, lock_salon: AppContext, monkeypatch: pytest.MonkeyPatch,
        make_controller: Callable[..., AppController]) -> None:
    use_fake_clients_page(monkeypatch)
    controller = make_controller(lock_salon)
    controller.start()
    sign_in_main(qtbot, controller)
    controller.lock.os_watcher.on_prepare_for_sleep(True)
    assert isinstance(controller.window, LockWindow)
    controller.lock.os_watcher.on_session_lock()  # a second signal changes nothing
    assert isinstance(controller.window, LockWindow)


@pytest.fixture
def private_bus() -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed")
    process = subprocess.Popen([daemon, "--session", "--nofork", "--nopidfile",
                                "--print-address=1"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    yield address
    process.terminate()
    process.wait(5)


def test_real_dbus_signals(qtbot: QtBot, private_bus: str, monkeypatch: pytest.MonkeyPatch,
                           watcher: tuple[SessionWatcher, list[str]]) -> None:
    """A private daemon stands in for both buses; a second connection plays logind and the
    screen saver (it owns their names, as only they can on a real bus)."""
    made, reasons = watcher
    monkeypatch.setenv("XDG_SESSION_ID", "2")
    system = QDBusConnection.connectToBus(private_bus, "salon-test-watcher")
    desktop = QDBusConnection.connectToBus(private_bus, "salon-test-desktop")
    try:
        assert desktop.registerService("org.freedesktop.login1")
        assert desktop.registerService("org.gnome.ScreenSaver")
        watching = made.start(system_bus=system, session_bus=system)
        assert "logind PrepareForSleep" in watching and "logind session Lock" in watching

        def emit(path: str, interface: str, name: str, *args: object) -> None:
            message = QDBusMessage.createSignal(path, interface, name)
            message.setArguments(list(args))
            assert desktop.send(message)

        emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep",
             False)
        emit("/org/freedesktop/login1/session/_33", "org.freedesktop.login1.Session", "Lock")
        emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep",
             True)
        emit("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session", "Lock")
        emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
        qtbot.waitUntil(lambda: len(reasons) == 3, timeout=3000)
        assert reasons == ["sleep", "session_lock", "screensaver"]  # not another session's
        made.stop()
        emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep",
             True)
        qtbot.wait(100)
        assert len(reasons) == 3
    finally:
        QDBusConnection.disconnectFromBus("salon-test-watcher")
        QDBusConnection.disconnectFromBus("salon-test-desktop")


def test_without_a_bus_nothing_is_watched(watcher: tuple[SessionWatcher, list[str]]) -> None:
    made, _reasons = watcher
    if QDBusConnection.systemBus().isConnected() or QDBusConnection.sessionBus().isConnected():
        pytest.skip("this machine has a D-Bus")
    assert made.start() == []
