"""Putting every window away without a question, and keeping input away from them.

Known ways lock screens fail: a dialog left open stops the lock, a "save changes?" question
cancels it, a menu or tooltip stays on top, a shortcut or mnemonic still reaches the window
behind. So locking never *closes* a window the way a user would (no ``closeEvent`` that may
ask): menus, completers and combo lists are popups and are closed; message boxes are
answered with their Cancel/No button (never Yes, Save or Discard); other dialogs are
rejected, and whatever is still visible is hidden. A ``QDialog`` hidden this way also ends
its ``exec()``, so the code that opened it carries on with "cancelled".

While locked, ``LockShield`` (an application-wide event filter) swallows keyboard, mouse,
shortcut and mnemonic events meant for anything outside the lock screen, hides a window that
appears later (a late error box), and pulls the focus back to the lock screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QToolTip,
    QWhatsThis,
    QWidget,
)

from ui.lock.idle import INPUT_EVENTS

log = logging.getLogger(__name__)
_MAX_POPUPS = 50  # a popup whose close() opens another must not loop forever
_SAFE_ROLES = (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole)


def is_tooltip(widget: QWidget) -> bool:
    return type(widget).__name__ == "QTipLabel"


def close_transients() -> None:
    """Tooltips, "What's this?", menus, completer and combo-box popups."""
    QToolTip.hideText()
    QWhatsThis.leaveWhatsThisMode()
    for _ in range(_MAX_POPUPS):
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
        if popup.isVisible():
            popup.hide()


def answer_no(box: QMessageBox) -> None:
    """Click the box's Cancel (else No) button, as Esc would; else just reject it.

    A box with only Yes/Save/Discard/OK is rejected: ``exec()`` then returns no choice.
    """
    for role in _SAFE_ROLES:
        for button in box.buttons():
            if box.buttonRole(button) == role:
                button.click()
                return
    box.reject()


def put_away(widget: QWidget) -> None:
    """Dismiss one top-level window as "cancelled", and make sure it is hidden."""
    if not shiboken6.isValid(widget):
        return
    try:
        if isinstance(widget, QMessageBox):
            answer_no(widget)
        elif isinstance(widget, QDialog):
            widget.reject()
    except Exception:  # a dialog's own reject() failing must not stop the lock
        log.exception("a dialog could not be dismissed; hiding it")
    if shiboken6.isValid(widget) and widget.isVisible():
        widget.hide()


def put_away_windows(keep: tuple[QWidget, ...]) -> int:
    """Every visible top-level window except ``keep``; returns how many were put away."""
    count = 0
    for widget in QApplication.topLevelWidgets():
        if any(widget is kept for kept in keep) or is_tooltip(widget):
            continue
        if widget.isVisible():
            put_away(widget)
            count += 1
    return count


class LockShield(QObject):
    """While engaged, only the lock screen (and its own popups) gets input and focus."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._screen: QWidget | None = None
        self._focus_home: Callable[[], None] = lambda: None

    @property
    def engaged(self) -> bool:
        return self._screen is not None

    def engage(self, screen: QWidget, focus_home: Callable[[], None] | None = None) -> None:
        if self._screen is None:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_changed)
        self._screen = screen
        self._focus_home = focus_home or screen.setFocus

    def release(self) -> None:
        if self._screen is None:
            return
        self._screen = None
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)

    def inside(self, obj: QObject | None) -> bool:
        """``obj`` is the lock screen or belongs to it (its fields, menus, actions)."""
        screen = self._screen
        node = obj
        while node is not None and screen is not None:
            if node is screen:
                return True
            node = node.parent()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._screen is None or isinstance(watched, QWindow):
            # A QWindow only forwards its input to a widget, which is judged below.
            return False
        kind = event.type()
        if kind in INPUT_EVENTS:
            return not self.inside(watched)
        if (kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow()
                and not is_tooltip(watched) and not self.inside(watched)):
            # Later, not now: a dialog shown by exec() must be inside its loop to leave it.
            QTimer.singleShot(0, self, lambda w=watched: self._put_away_late(w))
        return False

    def _put_away_late(self, widget: QWidget) -> None:
        if self._screen is not None and shiboken6.isValid(widget) and widget.isVisible():
            log.info("a window opened while locked was put away: %s", type(widget).__name__)
            put_away(widget)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self._screen is not None and now is not None and not self.inside(now):
            QTimer.singleShot(0, self, self._return_focus)

    def _return_focus(self) -> None:
        screen = self._screen
        if screen is not None and shiboken6.isValid(screen):
            screen.activateWindow()
            self._focus_home()
