"""Consent wordings (manager): what each purpose says, per language, with every version.

Wordings are the salon's data, versioned per purpose, legal basis and language; a "given"
event points at the version shown, so old versions stay readable here forever (read-only).
"Edit…" never changes a version: it adds the next one (``ConsentService.edit_wording``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.consents import (
    BASIS_LABELS,
    EXISTING_CUSTOMER_PURPOSES,
    PURPOSE_LABELS,
    LegalBasis,
    Purpose,
    Wording,
)
from salon_desktop.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from ui.privacy.texts import language_word, when
from ui.privacy.wording_dialog import WordingDialog
from ui.widgets import ErrorLabel, TextBinder, heading, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

LANGUAGE = N_("Language")
BASIS = N_("Legal basis")
VERSIONS = N_("Versions (the newest is in use; older ones stay readable)")
EDIT = N_("Edit…")
CURRENT = N_("Version {version} · in use since {date} · {by}")
OLDER = N_("Version {version} · {date} · {by}")
DEFAULT_BY = N_("the app's default")
SAVED = N_("Wording saved as version {version}.")
NONE = N_("No wording in this language yet. “Edit…” writes the first version.")


class WordingsPanel(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self._ticket = 0
        self.versions: list[Wording] = []
        self.dialog: WordingDialog | None = None
        self.purposes = QListWidget()
        self.purposes.setObjectName("wording_purposes")
        for purpose in Purpose:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, purpose.value)
            self.purposes.addItem(item)
        self.language = QComboBox()
        self.language.setObjectName("wording_language")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.basis = QComboBox()
        self.basis.setObjectName("wording_basis")
        for basis in LegalBasis:
            self.basis.addItem("", basis.value)
        self.language_label, self.basis_label = label(), label()
        self.language_label.setBuddy(self.language)
        self.basis_label.setBuddy(self.basis)
        self.purposes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.purposes.setTextElideMode(Qt.TextElideMode.ElideRight)  # full name: the tooltip
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.purposes)
        for widget in (self.language_label, self.language, self.basis_label, self.basis):
            left.addWidget(widget)
        left.addStretch(1)

        self.title = heading(1.2)
        self.versions_label = label("hint")
        self.version_list = QListWidget()
        self.version_list.setObjectName("wording_versions")
        self.version_list.setMaximumHeight(self.fontMetrics().height() * 5 + 14)
        self.text = QPlainTextEdit()
        self.text.setObjectName("wording_view")
        self.text.setReadOnly(True)
        self.empty = label("hint")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("wording_edit")
        self.error = ErrorLabel()
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.title, 1)
        heading_row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addLayout(heading_row)
        right.addWidget(self.error)
        right.addWidget(self.versions_label)
        right.addWidget(self.version_list)
        right.addWidget(self.empty)
        right.addWidget(self.text, 1)
        layout = QHBoxLayout(self)
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(320)
        layout.addWidget(side)
        layout.addLayout(right, 1)

        self.purposes.setCurrentRow(0)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.purposes.currentRowChanged.connect(lambda _r: self.reload())
        self.language.currentIndexChanged.connect(lambda _i: self.reload())
        self.basis.currentIndexChanged.connect(lambda _i: self.reload())
        self.version_list.currentRowChanged.connect(self._show_version)
        self.edit_button.clicked.connect(self.open_editor)
        self.texts.bind(self.language_label.setText, LANGUAGE)
        self.texts.bind(self.basis_label.setText, BASIS)
        self.texts.bind(self.versions_label.setText, VERSIONS)
        self.texts.bind(self.edit_button.setText, EDIT)
        self.texts.bind(self.empty.setText, NONE)
        self.retranslate()

    def selection(self) -> tuple[Purpose, str, LegalBasis]:
        item = self.purposes.currentItem()
        purpose = Purpose(item.data(Qt.ItemDataRole.UserRole)) if item else Purpose.EMAIL
        basis = LegalBasis(self.basis.currentData())
        if purpose not in EXISTING_CUSTOMER_PURPOSES:
            basis = LegalBasis.CONSENT
        return purpose, str(self.language.currentData()), basis

    def showEvent(self, event: QShowEvent) -> None:
        self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._ticket += 1
        ticket = self._ticket
        purpose, language, basis = self.selection()
        self.basis.setEnabled(purpose in EXISTING_CUSTOMER_PURPOSES)
        consents = self.env.ctx.services.consents
        self.env.worker.run(lambda: consents.wordings(purpose, basis),
                            lambda found: self._show(ticket, language, found),
                            lambda error: self._failed(ticket, error), owner=self)

    def _show(self, ticket: int, language: str, found: tuple[Wording, ...]) -> None:
        if ticket != self._ticket:
            return
        self.error.clear_error()
        self.versions = sorted((w for w in found if w.language == language),
                               key=lambda w: w.version, reverse=True)
        self.version_list.setCurrentRow(-1)  # a new list: show the version in use
        self.retranslate()

    def _failed(self, ticket: int, error: BaseException) -> None:
        if ticket == self._ticket:
            self.error.show_error(error)

    def _show_version(self, row: int) -> None:
        self.text.setPlainText(self.versions[row].text if 0 <= row < len(self.versions)
                               else "")

    def _version_line(self, index: int, wording: Wording) -> str:
        template = CURRENT if index == 0 else OLDER
        return _(template).format(version=wording.version, date=when(wording.created_at),
                                  by=wording.created_by or _(DEFAULT_BY))

    def open_editor(self) -> WordingDialog:
        dialog = WordingDialog(self.env, self.selection(),
                               self.versions[0] if self.versions else None, self.title.text(),
                               self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _saved(self, wording: Wording) -> None:
        self.env.show_status(_(SAVED).format(version=wording.version))
        self.reload()

    def retranslate(self) -> None:
        self.texts.apply()
        for row in range(self.purposes.count()):
            item = self.purposes.item(row)
            item.setText(_(PURPOSE_LABELS[Purpose(item.data(Qt.ItemDataRole.UserRole))]))
            item.setToolTip(item.text())
        self.purposes.setFixedHeight(self.purposes.sizeHintForRow(0) * len(Purpose)
                                     + 2 * self.purposes.frameWidth() + 2)
        for row in range(self.basis.count()):
            self.basis.setItemText(row, _(BASIS_LABELS[LegalBasis(self.basis.itemData(row))]))
        purpose, language, basis = self.selection()
        title = f"{_(PURPOSE_LABELS[purpose])} — {language_word(language)}"
        if basis is not LegalBasis.CONSENT:
            title += f" — {_(BASIS_LABELS[basis])}"
        self.title.setText(title)
        current = self.version_list.currentRow()
        self.version_list.blockSignals(True)
        self.version_list.clear()
        for index, wording in enumerate(self.versions):
            self.version_list.addItem(self._version_line(index, wording))
        self.version_list.setCurrentRow(current if 0 <= current < len(self.versions) else 0)
        self.version_list.blockSignals(False)
        self._show_version(self.version_list.currentRow())
        self.empty.setVisible(not self.versions)
        self.error.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()
