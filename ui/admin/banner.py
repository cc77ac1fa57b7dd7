"""A result banner: green when all is well, red when something is broken, in plain words.

Used for "Verify integrity": the manager must see at a glance whether the audit log is
intact, and if not, which entry is the first one at fault. The banner keeps the msgid and
its parameters, so a language switch re-words it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from salon_desktop.i18n import _
from ui.style import ERROR

# Contrast (WCAG AA): OK_INK on OK_BG 7.6:1, ERROR on BAD_BG 5.6:1.
OK_BG, OK_INK, OK_BORDER = "#E6F4EA", "#1B5E20", "#A5D6A7"
BAD_BG, BAD_BORDER = "#FDECEA", "#E6A29C"


class ResultBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("result_banner")
        self.text_label = QLabel()
        self.text_label.setObjectName("result_text")
        self.text_label.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 8)
        box.addWidget(self.text_label)
        self.ok: bool | None = None
        self._msgid = ""
        self._params: dict[str, Any] = {}
        self.hide()

    def show_result(self, ok: bool, msgid: str, params: dict[str, Any]) -> None:
        self.ok, self._msgid, self._params = ok, msgid, dict(params)
        background, ink, border = (OK_BG, OK_INK, OK_BORDER) if ok else (BAD_BG, ERROR,
                                                                          BAD_BORDER)
        self.setStyleSheet(
            f"QFrame#result_banner {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }}"
            f" QLabel#result_text {{ color: {ink}; font-weight: bold; background: transparent;"
            f" }}")
        self.retranslate()
        self.show()

    def clear_result(self) -> None:
        self.ok = None
        self.hide()

    def retranslate(self) -> None:
        if self.ok is None:
            return
        mark = "✓" if self.ok else "⚠"
        self.text_label.setText(f"{mark} {_(self._msgid).format(**self._params)}")
        self.text_label.setAccessibleName(self.text_label.text())
