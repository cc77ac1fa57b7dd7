"""Edit a consent wording: saving adds the next version, the old ones stay as they were.

A "given" event stores the version the client saw, so an edit never changes what an earlier
client agreed to; the dialog says so, because that is the question a manager has. On an
error the dialog stays open with the text as typed (nothing typed is lost).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.consents import LegalBasis, Purpose, Wording
from salon_desktop.i18n import N_
from ui.widgets import ErrorLabel, TextBinder, heading, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

TITLE = N_("Edit the wording")
EXPLAIN = N_("Saving creates version {version}. Consents already recorded keep the version "
             "the client was shown; new consents get the new one.")
SAVE = N_("Save as a new version")


class WordingDialog(QDialog):
    #: the saved wording
    saved = Signal(object)

    def __init__(self, env: PageEnv, key: tuple[Purpose, str, LegalBasis],
                 current: Wording | None, heading_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wording_dialog")
        self.env = env
        self.key = key
        self._saving = False
        self.texts = TextBinder()
        title = heading(1.2)
        title.setText(heading_text)
        explain = label("hint")
        self.edit = QPlainTextEdit(current.text if current else "")
        self.edit.setObjectName("wording_text")
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.texts.bind(self.setWindowTitle, TITLE)
        self.texts.bind(explain.setText, EXPLAIN, version=current.version + 1 if current else 1)
        self.texts.bind(self.save_button.setText, SAVE)
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))
        self.resize(620, 420)

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()

    def save(self) -> None:
        if self._saving:
            return
        text, (purpose, language, basis) = self.edit.toPlainText(), self.key
        consents = self.env.ctx.services.consents
        self.error.clear_error()
        self._saving = True
        self.save_button.setEnabled(False)

        def done(wording: Wording) -> None:
            self._saving = False
            self.saved.emit(wording)
            self.accept()

        def failed(error: BaseException) -> None:
            self._saving = False
            self.save_button.setEnabled(True)
            self.error.show_error(error)
            self.edit.setFocus()

        self.env.worker.run(lambda: consents.edit_wording(purpose, language, text, basis),
                            done, failed, owner=self)

    def reject(self) -> None:
        """Not while the core is saving: the dialog is deleted once closed, and the list of
        versions would not learn of the new one."""
        if not self._saving:
            super().reject()
