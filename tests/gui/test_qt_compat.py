"""PySide6 6.12.0 on Python 3.11 loses a reference to True on every emit(); the app's guard
must give it back, or a day of use ends in "bool_dealloc" (see ui/qt_compat.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ui.qt_compat import install


class _Emitter(QObject):
    fired = Signal(int, object)


def _slot(_number: int, _value: object) -> None:
    return None


def test_emit_and_disconnect_keep_true_alive() -> None:
    install()
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for number in range(3000):
        emitter.fired.emit(number, True)
        emitter.fired.connect(_slot)
        emitter.fired.disconnect(_slot)
    assert sys.getrefcount(True) >= before
