"""Copies of a client's phone number or e-mail that do not outlive their use.

``copy_sensitive(text)`` puts the text on the clipboard and takes it off again after 30 s,
when the app locks and when it quits, but only if the clipboard still holds *our* copy: what
the user copied since (from any program) is left alone. The copy is marked for clipboard
managers that honour it (KDE Klipper's password hint, Windows clipboard history and cloud
sync, macOS' concealed type), so it is not kept in their history either.

    from ui.lock.clipboard import copy_sensitive
    copy_button.clicked.connect(lambda: copy_sensitive(card.phone))

On lock the app also drops the X11/Wayland primary selection if it owns it (text merely
selected in a field of the app, e.g. a client's address, is pasted by a middle click).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000
#: Hints understood by clipboard managers: do not keep this in the history.
_PRIVATE_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"':
        b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"':
        b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
    "org.nspasteboard.ConcealedType": b"",
}


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None, *,
                 clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self._text: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear)

    @property
    def holding(self) -> bool:
        """True while our last copy may still be on the clipboard."""
        return self._text is not None

    def copy(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        for mime, value in _PRIVATE_HINTS.items():
            data.setData(mime, value)
        QGuiApplication.clipboard().setMimeData(data, QClipboard.Mode.Clipboard)
        self._text = text
        self._timer.start()

    def clear(self) -> bool:
        """Take our copy off the clipboard if it is still there; True if it was."""
        self._timer.stop()
        ours, self._text = self._text, None
        clipboard = QGuiApplication.clipboard()
        if ours is None or clipboard.text(QClipboard.Mode.Clipboard) != ours:
            return False
        clipboard.clear(QClipboard.Mode.Clipboard)
        return True

    def clear_for_lock(self) -> None:
        self.clear()
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)


_guard: list[ClipboardGuard] = []


def guard() -> ClipboardGuard:
    """The application's guard, made on first use and cleared when the app quits."""
    app = QGuiApplication.instance()
    if not _guard or _guard[0].parent() is not app:
        _guard.clear()
        made = ClipboardGuard(app)
        if app is not None:
            app.aboutToQuit.connect(made.clear)
        _guard.append(made)
    return _guard[0]


def copy_sensitive(text: str) -> None:
    """Copy a phone number or e-mail for at most 30 s (see the module's docstring)."""
    guard().copy(text)


def clear_sensitive() -> bool:
    return guard().clear()
