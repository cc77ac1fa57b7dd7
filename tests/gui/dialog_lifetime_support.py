"""Helpers of the dialog-lifetime tests (test_dialog_lifetime*.py)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.test_privacy_consents import WAIT


def alive(kind: type[QWidget]) -> list[QWidget]:
    """Every widget of ``kind`` still in memory, once the pending deletes have run."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [w for w in QApplication.allWidgets() if isinstance(w, kind)]


def assert_gone(qtbot: QtBot, *kinds: type[QWidget]) -> None:
    for kind in kinds:
        qtbot.waitUntil(lambda k=kind: alive(k) == [], timeout=WAIT)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute)


# -- the appointment book --------------------------------------------------------------------
