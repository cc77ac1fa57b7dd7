"""A guard against a reference-counting bug in PySide6's ``SignalInstance.emit``/``disconnect``.

PySide6 6.12.0 on Python 3.11 returns ``True`` from ``emit()`` (and ``disconnect()``) without
owning a reference to it: every call from Python takes one reference away from ``True``. A
fresh interpreter holds only a few hundred to a few thousand, so after that many emits
(the worker emits twice per database call) Python aborts with "bool_dealloc: deallocating
True or False" — a reception PC would crash within a day. Python 3.12+ makes ``True``
immortal, so the bug is harmless there.

``install()`` measures whether this Qt binding has the bug and, only then, wraps the two
methods to give the lost reference back. On a fixed PySide6 nothing is patched.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_installed: list[str] = []
_checked: list[bool] = []


class _Probe(QObject):
    fired = Signal()


def _loses_reference(call: Callable[[_Probe], object]) -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        call(probe)
    return sys.getrefcount(True) < before


def _give_back(original: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        if result is True or result is False:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    wrapper.__name__ = getattr(original, "__name__", "wrapper")
    wrapper.__doc__ = getattr(original, "__doc__", None)
    return wrapper


def _noop() -> None:
    return None


def _connect_and_disconnect(probe: _Probe) -> None:
    probe.fired.connect(_noop)
    probe.fired.disconnect(_noop)


def install() -> list[str]:
    """Patch what leaks (idempotent); returns the names of the patched methods."""
    if _checked or sys.version_info >= (3, 12):
        return list(_installed)
    _checked.append(True)
    if _loses_reference(lambda probe: probe.fired.emit()):
        SignalInstance.emit = _give_back(SignalInstance.emit)  # type: ignore[method-assign]
        _installed.append("emit")
    if _loses_reference(_connect_and_disconnect):
        SignalInstance.disconnect = _give_back(  # type: ignore[method-assign]
            SignalInstance.disconnect)
        _installed.append("disconnect")
    return list(_installed)


def installed() -> list[str]:
    return list(_installed)
