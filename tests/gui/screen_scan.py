"""What a person could read or see on screen, for tests that must prove something is *not*
there (the lock screen, window titles, a role's view): the texts of every visible window,
and a "screenshot" of the whole offscreen desktop with every visible window in its place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def texts_of(window: QWidget) -> Iterator[str]:
    """Everything readable in ``window``: titles, labels, fields, buttons, tips, tables."""
    yield window.windowTitle()
    yield window.toolTip()
    for widget in [window, *window.findChildren(QWidget)]:
        yield widget.toolTip()
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            yield widget.text()
        elif isinstance(widget, QPlainTextEdit):
            yield widget.toPlainText()
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, top = widget.model(), QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
            for row in range(model.rowCount(top)):
                for column in range(columns):
                    yield str(model.index(row, column).data() or "")


def readable_texts(windows: list[QWidget] | None = None) -> str:
    return "\n".join(t for w in (windows or visible_windows()) for t in texts_of(w) if t)


def leaks(text: str, secrets: tuple[str, ...]) -> list[str]:
    return [secret for secret in secrets if secret in text]


def _desktop_area() -> QRect:
    """The screen, grown to hold every visible window whole (offscreen's screen is small)."""
    screen = QGuiApplication.primaryScreen()
    area = screen.virtualGeometry() if screen else QRect(0, 0, 1366, 768)
    for window in visible_windows():
        area = area.united(window.geometry())
    return area


def _stacking(window: QWidget) -> tuple[bool, bool]:
    """Offscreen has no window manager: main windows first, then dialogs, then popups."""
    popup = window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
    return popup, window.parentWidget() is not None


def desktop_shot(path: Path | None = None) -> QImage:
    """What a person would see: every visible top-level window painted at its place on the
    (offscreen) screen. Saved to ``path`` to be looked at."""
    area = _desktop_area()
    image = QImage(area.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#20303a"))  # the "desktop"
    painter = QPainter(image)
    for window in sorted(visible_windows(), key=_stacking):
        painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), window.grab())
    painter.end()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(path))
    return image


def only_window_in(shot: QImage, window: QWidget) -> bool:
    """True when ``shot`` is exactly ``window`` on an otherwise empty desktop."""
    area = _desktop_area()
    alone = QImage(area.size(), QImage.Format.Format_ARGB32)
    alone.fill(QColor("#20303a"))
    painter = QPainter(alone)
    painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), window.grab())
    painter.end()
    return alone == shot


def shots_dir(tmp_path: Path) -> Path:
    """Where the lock tests save their screenshots: ``$LOCK_SHOTS`` if set, else tmp."""
    return Path(os.environ["LOCK_SHOTS"]) if os.environ.get("LOCK_SHOTS") else tmp_path


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
          ) -> None:
    """A key press where the keyboard focus is (as a person's key would arrive)."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, key, modifier)
