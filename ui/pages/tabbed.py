"""A section made of a heading and tabs (Administration, Privacy & consents, Reports).

Tab titles are msgids, so a language switch re-titles them; each tab's own ``retranslate()``
runs too. Which tabs exist is decided by the section from the session (a courtesy that
mirrors the services' checks — they refuse anyway).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from salon_desktop.i18n import _
from ui.widgets import TextBinder, heading

T = TypeVar("T", bound=QWidget)


class TabbedSection(QWidget):
    def __init__(self, title: str, tabs_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        self.title = heading(1.35)
        self.texts.bind(self.title.setText, title)
        self.tabs = QTabWidget()
        self.tabs.setObjectName(tabs_name)
        self.tabs.setDocumentMode(True)
        self._titles: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)

    def add_tab(self, tab: T, title: str) -> T:
        """Append a tab (``title`` a msgid marked with N_); other areas plug in here too."""
        self.tabs.addTab(tab, _(title))
        self._titles.append(title)
        return tab

    def show_tab(self, tab: QWidget | None) -> bool:
        index = self.tabs.indexOf(tab) if tab is not None else -1
        if index >= 0:
            self.tabs.setCurrentIndex(index)
        return index >= 0

    def retranslate(self) -> None:
        self.texts.apply()
        for index, title in enumerate(self._titles):
            self.tabs.setTabText(index, _(title))
            retranslate = getattr(self.tabs.widget(index), "retranslate", None)
            if callable(retranslate):
                retranslate()
