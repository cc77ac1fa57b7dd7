"""Lock when the operating system locks the session or goes to sleep, where it tells us.

What each platform offers (docs/lock.md has the full table):

* **Linux** (D-Bus, through QtDBus): logind's ``PrepareForSleep(true)`` on the system bus
  (suspend and hibernate, sent before the machine sleeps), logind's ``Lock`` signal on our
  own session (``loginctl lock-session``, most desktops' lock), and the screen saver's
  ``ActiveChanged(true)`` on the session bus (``org.freedesktop.ScreenSaver``: KDE, Xfce and
  others; ``org.gnome.ScreenSaver``: GNOME). Without a bus (CI, a container) nothing is
  watched and the idle lock alone protects.
* **Windows**: ``WTSRegisterSessionNotification`` on a hidden native window, then
  ``WM_WTSSESSION_CHANGE`` / ``WTS_SESSION_LOCK`` (Win+L, the screen saver's lock, switching
  user) and ``WM_POWERBROADCAST`` / ``PBT_APMSUSPEND`` (sleep), seen by a native event filter.
* **macOS**: the screen-lock notification (``com.apple.screenIsLocked``) needs an
  Objective-C observer (PyObjC), which the app does not ship; the idle lock covers it, with
  time asleep counted through the wall-clock cross-check (idle.py).
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

LOGIN1 = ("org.freedesktop.login1", "/org/freedesktop/login1",
          "org.freedesktop.login1.Manager")
SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
     "org.freedesktop.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)

# Windows messages (winuser.h, wtsapi32.h).
WM_WTSSESSION_CHANGE = 0x02B1
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004


def windows_reason(message: int, wparam: int) -> str | None:
    """The reason to lock for one Windows message, or None."""
    if message == WM_WTSSESSION_CHANGE and wparam in (
            WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT):
        return "session_lock"
    if message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
        return "sleep"
    return None


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, watcher: SessionWatcher) -> None:
        super().__init__()
        self.watcher = watcher

    def nativeEventFilter(self, event_type: QByteArray | bytes, message: int
                          ) -> tuple[bool, int]:
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            reason = windows_reason(msg.message, int(msg.wParam or 0))
            if reason is not None:
                self.watcher.lock_requested.emit(reason)
        return False, 0


class SessionWatcher(QObject):
    """Emits ``lock_requested(reason)``: "sleep", "session_lock" or "screensaver"."""

    lock_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watching: list[str] = []
        self._links: list[tuple[Any, str, str, str, str, str]] = []
        self._native: _WindowsFilter | None = None
        self._hidden_window: Any = None

    # -- the handlers (public so tests can drive them without a bus) ---------------------
    @Slot(bool)
    def on_prepare_for_sleep(self, sleeping: bool) -> None:
        if sleeping:
            self.lock_requested.emit("sleep")

    @Slot()
    def on_session_lock(self) -> None:
        self.lock_requested.emit("session_lock")

    @Slot(bool)
    def on_screensaver(self, active: bool) -> None:
        if active:
            self.lock_requested.emit("screensaver")

    # -- starting and stopping -----------------------------------------------------------
    def start(self, *, system_bus: Any = None, session_bus: Any = None) -> list[str]:
        """Listen where this platform lets us; returns what is watched (for the log)."""
        if self.watching:
            return self.watching
        try:
            if sys.platform.startswith("linux") or system_bus or session_bus:
                self._start_dbus(system_bus, session_bus)
            elif sys.platform == "win32":
                self._start_windows()
        except Exception:  # never let a desktop quirk stop the app: the idle lock remains
            log.exception("the operating system's lock signals could not be watched")
        log.info("OS lock signals watched: %s", ", ".join(self.watching) or "none")
        return self.watching

    def stop(self) -> None:
        for bus, service, path, interface, name, slot in self._links:
            bus.disconnect(service, path, interface, name, self, slot)
        self._links.clear()
        app = QCoreApplication.instance()
        if self._native is not None and app is not None:
            app.removeNativeEventFilter(self._native)
            self._native = None
        self.watching = []

    # -- Linux ---------------------------------------------------------------------------
    def _connect(self, bus: Any, service: str, path: str, interface: str, name: str,
                 slot: str) -> bool:
        if bus.connect(service, path, interface, name, self, slot):
            self._links.append((bus, service, path, interface, name, slot))
            return True
        return False

    def _start_dbus(self, system_bus: Any, session_bus: Any) -> None:
        from PySide6.QtDBus import QDBusConnection

        system = system_bus or QDBusConnection.systemBus()
        if system.isConnected():
            if self._connect(system, *LOGIN1, "PrepareForSleep",
                             SLOT("on_prepare_for_sleep(bool)")):
                self.watching.append("logind PrepareForSleep")
            if self._connect(system, LOGIN1[0], own_session_path(),
                             "org.freedesktop.login1.Session", "Lock", SLOT("on_session_lock()")):
                self.watching.append("logind session Lock")
        session = session_bus or QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path, interface in SCREEN_SAVERS:
                if self._connect(session, service, path, interface, "ActiveChanged",
                                 SLOT("on_screensaver(bool)")):
                    self.watching.append(f"{interface} {path}")

    # -- Windows -------------------------------------------------------------------------
    def _start_windows(self) -> None:  # pragma: no cover - runs on Windows only
        from PySide6.QtGui import QWindow

        app = QCoreApplication.instance()
        if app is None:
            return
        self._native = _WindowsFilter(self)
        app.installNativeEventFilter(self._native)
        self.watching.append("WM_POWERBROADCAST")
        window = QWindow()  # never shown: it only receives the session messages
        window.create()
        self._hidden_window = window
        wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
        if wtsapi32.WTSRegisterSessionNotification(ctypes.c_void_p(int(window.winId())), 0):
            self.watching.append("WM_WTSSESSION_CHANGE")


def logind_session_path(session_id: str) -> str:
    """logind's object path for a session id, escaped as systemd's ``bus_label_escape``
    does (``2`` → ``_32``), so no blocking D-Bus call is needed at start-up."""
    label = "".join(ch if ch.isascii() and (ch.isalpha() or (ch.isdigit() and i > 0))
                    else "".join(f"_{byte:02x}" for byte in ch.encode())
                    for i, ch in enumerate(session_id))
    return f"/org/freedesktop/login1/session/{label}"


def own_session_path() -> str:
    """Our session's path; "" (every session) when the session id is not known, which
    can only lock more often, never less."""
    session_id = os.environ.get("XDG_SESSION_ID", "")
    return logind_session_path(session_id) if session_id else ""
