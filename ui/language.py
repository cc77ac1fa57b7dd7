"""The UI language: choosing it, remembering it for this computer, re-translating live.

Our own texts come from the gettext catalogs (``salon_desktop.i18n``); Qt's own texts (the
context menu of a text field, standard dialog buttons) come from Qt's ``qtbase_<lang>.qm``
where Qt ships one (Russian yes, Estonian no: those stay English, and our windows label
their buttons themselves).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QSize, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QWidget

from salon_desktop.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, set_language
from salon_desktop.prefs import write_language
from ui.icons import icon

log = logging.getLogger(__name__)

_qt_translator: list[QTranslator] = []


def apply_language(language: str) -> str:
    """Make ``language`` current for our catalogs and for Qt's own texts."""
    lang = set_language(language)
    app = QApplication.instance()
    if app is None:
        return lang
    while _qt_translator:
        app.removeTranslator(_qt_translator.pop())
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        _qt_translator.append(translator)
    return lang


def switch_language(language: str, prefs_dir: Path | None) -> str:
    """Apply, remember for this computer (the sign-in screen's language), re-translate."""
    lang = apply_language(language)
    if prefs_dir is not None:
        try:
            write_language(prefs_dir, lang)
        except OSError:
            log.warning("the language preference could not be saved")
    for widget in QApplication.topLevelWidgets():
        retranslate = getattr(widget, "retranslate", None)
        if callable(retranslate) and widget.isVisible():
            retranslate()
    return lang


class LanguageCombo(QComboBox):
    """Eesti / Русский / English, each named in itself so anyone finds their own."""

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code in LANGUAGES:
            self.addItem(LANGUAGE_NAMES[code], code)
        self.sync()
        self.activated.connect(self._on_activated)

    def sync(self) -> None:
        self.setCurrentIndex(max(0, self.findData(current_language())))

    def _on_activated(self, index: int) -> None:
        code = self.itemData(index)
        if code and code != current_language():
            self.language_chosen.emit(str(code))


def language_row(combo: LanguageCombo) -> QHBoxLayout:
    """``combo`` at the top right behind a globe, on the sign-in window and the forced
    password change: someone who cannot read the current language still finds where to
    change it, and finds it in the same place on both."""
    globe = QLabel()
    globe.setPixmap(icon("language").pixmap(QSize(18, 18)))
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(globe)
    row.addWidget(combo)
    return row
