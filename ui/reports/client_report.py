"""The client data report at the desk: pick the client, choose the language, print or save.

Reception uses this while the client waits, so it is one list, one choice and three buttons.
The picker is the one shared client picker (``ui/clients/picker.py``, as in Privacy and the
booking dialog) and the actions are the Privacy section's own (``ClientRights``): the same
search, the same save dialog, the same audited core calls, the same preview that keeps the
PDF in memory. The JSON export is the manager's (DATA_EXPORT);
the button is not shown to anyone else — the service would refuse anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from salon_desktop.domain.clients import ClientListItem
from salon_desktop.i18n import LANGUAGES, N_, _
from ui.clients.picker import ClientPicker
from ui.privacy.client_rights import EXPORT, PRINT, ClientRights
from ui.privacy.texts import language_word
from ui.widgets import ErrorLabel, TextBinder, heading, label, primary_button

if TYPE_CHECKING:
    from ui.pages import PageEnv

PICK_HINT = N_("Choose a client on the left to print or save their data report.")
EXPLAIN = N_("The report holds everything the salon keeps about the client, health details "
             "included, so hand it only to the client in person; every copy printed or saved "
             "is recorded in the audit log.")
LANGUAGE = N_("Report language:")
CLIENTS_LANGUAGE = N_("The client's language ({language})")
SAVE = N_("Save as PDF…")
PICKER_WIDTH = 260


class ClientReportPanel(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.client: ClientListItem | None = None
        #: the chosen report language; ``None`` = the client's.
        self.language: str | None = None
        self.error = ErrorLabel()
        self.rights = ClientRights(env, self, self.error)
        self.can_export = self.rights.can_export

        self.picker = ClientPicker(env)
        self.picker.setFixedWidth(PICKER_WIDTH)
        self.picker.picked.connect(self.open_client)
        self.hint = label("hint")
        self.name = heading(1.25)
        self.explain = label("hint")
        self.language_box = QComboBox()
        self.language_box.setObjectName("report_language")
        self.language_box.addItem("", None)
        for code in LANGUAGES:
            self.language_box.addItem(language_word(code), code)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        language_label = label(word_wrap=False)
        language_label.setBuddy(self.language_box)
        language_row = QHBoxLayout()
        language_row.addWidget(language_label)
        language_row.addWidget(self.language_box)
        language_row.addStretch(1)

        self.print_button = primary_button()
        self.save_button = QPushButton()
        self.export_button = QPushButton()
        if not self.can_export:  # not setVisible(True): no parent yet, a window
            self.export_button.hide()
        buttons = QHBoxLayout()
        for button, name, action in (
                (self.print_button, "report_print", self.rights.preview_report),
                (self.save_button, "report_save", self.rights.save_report),
                (self.export_button, "report_export", self.rights.export_json)):
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, run=action: self._run(run))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.rights.busy.connect(self._busy)

        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.setSpacing(10)
        detail.addWidget(self.name)
        detail.addWidget(self.explain)
        detail.addLayout(language_row)
        detail.addLayout(buttons)
        detail.addWidget(self.error)
        self.detail.hide()
        right = QVBoxLayout()
        right.setContentsMargins(12, 4, 4, 0)
        right.addWidget(self.hint)
        right.addWidget(self.detail)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addLayout(right, 1)
        search = QShortcut(QKeySequence.StandardKey.Find, self)
        search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search.activated.connect(lambda: self.picker.edit.setFocus())

        for setter, msgid in ((self.hint.setText, PICK_HINT), (self.explain.setText, EXPLAIN),
                              (language_label.setText, LANGUAGE),
                              (self.print_button.setText, PRINT),
                              (self.save_button.setText, SAVE),
                              (self.export_button.setText, EXPORT)):
            self.texts.bind(setter, msgid)
        self._busy(False)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        if not self.picker.loaded:
            self.picker.search_now()
        super().showEvent(event)

    def open_client(self, client: ClientListItem) -> None:
        """Show the chosen client; the language goes back to the client's own."""
        self.client = client
        self.error.clear_error()
        self.language_box.setCurrentIndex(0)
        self.hint.hide()
        self.detail.show()
        self._busy(False)
        self.retranslate()

    def _language_chosen(self, _index: int) -> None:
        self.language = self.language_box.currentData()

    def _run(self, action: Callable[..., object]) -> None:
        if self.client is not None:
            action(self.client.id, language=self.language)

    def _busy(self, running: bool) -> None:
        """While a report is produced or written, its buttons wait (one copy per click)."""
        for button in (self.print_button, self.save_button, self.export_button):
            button.setEnabled(self.client is not None and not running)

    def retranslate(self) -> None:
        self.texts.apply()
        self.picker.retranslate()
        self.error.retranslate()
        if self.client is not None:
            self.name.setText(f"{self.client.first_name} {self.client.last_name}")
            self.language_box.setItemText(0, _(CLIENTS_LANGUAGE).format(
                language=language_word(self.client.language)))

    def clear(self) -> None:
        """The lock: no client's name stays on screen or in memory, a report on its way is
        dropped (an open preview is the lock's to reject)."""
        self.rights.cancel()
        self.client = None
        self.language_box.setCurrentIndex(0)
        self.picker.clear()
        self.name.clear()
        self.error.clear_error()
        self.detail.hide()
        self.hint.show()
        self._busy(False)
