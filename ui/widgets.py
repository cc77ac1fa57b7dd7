"""Small building blocks shared by the windows: live-translated texts, field errors, labels.

Switching the language re-translates the open windows in place (nothing typed is lost), so
every widget remembers *msgids*, not translated text: ``TextBinder`` keeps (setter, msgid)
pairs and re-applies them; ``ErrorLabel`` keeps the error object and asks it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import _
from ui.errors import message_for
from ui.style import scaled_font


class TextBinder:
    """Remembers which msgid goes into which setter, so ``apply()`` re-translates them all."""

    def __init__(self) -> None:
        self._bound: list[tuple[Callable[[str], Any], str, dict[str, Any]]] = []

    def bind(self, setter: Callable[[str], Any], msgid: str, **params: Any) -> None:
        """Call ``setter`` with the translated ``msgid`` now and on every ``apply()``.

        Mark the msgid with ``N_`` at the call site so the extractor finds it.
        """
        self._bound.append((setter, msgid, params))
        setter(_format(msgid, params))

    def apply(self) -> None:
        for setter, msgid, params in self._bound:
            setter(_format(msgid, params))


def _format(msgid: str, params: dict[str, Any]) -> str:
    text = _(msgid)
    return text.format(**params) if params else text


class ErrorLabel(QLabel):
    """Shows one error next to its field, in plain words; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._error: BaseException | None = None
        self.hide()

    @property
    def error(self) -> BaseException | None:
        return self._error

    def show_error(self, error: BaseException | None) -> None:
        self._error = error
        self.retranslate()

    def clear_error(self) -> None:
        self.show_error(None)

    def retranslate(self) -> None:
        if self._error is None:
            self.clear()
            self.hide()
            return
        self.setText(message_for(self._error))
        self.setAccessibleName(self.text())
        self.show()


def label(role: str = "", *, word_wrap: bool = True) -> QLabel:
    widget = QLabel()
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(word_wrap)
    return widget


def note(text_label: QLabel) -> QFrame:
    """A calm framed note around ``text_label`` (a frame, not label padding, so word-wrapped
    text gets its full height)."""
    frame = QFrame()
    frame.setProperty("role", "note")
    box = QVBoxLayout(frame)
    box.setContentsMargins(10, 8, 10, 8)
    text_label.setProperty("role", "note")
    text_label.setWordWrap(True)
    box.addWidget(text_label)
    return frame


def centered(widget: QWidget, width: int) -> QHBoxLayout:
    """``widget`` at a fixed width, centred by stretches (not by an alignment flag: aligned
    items get their size hint, so word-wrapped labels inside would be cut off)."""
    widget.setFixedWidth(width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


def heading(factor: float = 1.35) -> QLabel:
    widget = QLabel()
    widget.setFont(scaled_font(factor, bold=True))
    widget.setWordWrap(True)
    return widget


def primary_button() -> QPushButton:
    button = QPushButton()
    button.setProperty("role", "primary")
    button.setMinimumHeight(34)
    return button


def busy_bar() -> QProgressBar:
    """An indeterminate bar: shows that something happens without promising a duration."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    return bar

