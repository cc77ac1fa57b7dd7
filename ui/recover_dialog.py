"""“Recover access”: type the recovery key from the sheet to put the database key back into
this computer's keyring (new PC, reinstalled OS, Windows password reset).

The unwrap (argon2id) runs on the worker. The typed key stays in the field only; it is never
logged, never put in a window title and the field is cleared once access is restored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_
from ui.icons import icon
from ui.style import mono_font
from ui.widgets import ErrorLabel, TextBinder, busy_bar, heading, label
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext

TITLE = N_("Recover access")


class RecoverDialog(QDialog):
    recovered = Signal()

    def __init__(self, ctx: AppContext, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Opened per click and read by nobody once closed: gone with what was typed.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx, self.worker = ctx, worker
        self.texts = TextBinder()
        self.setWindowIcon(icon("key"))
        self.setMinimumWidth(520)
        self.title = heading(1.25)
        self.explanation = label()
        self.key_label = QLabel()
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("recovery_key")
        self.key_edit.setFont(mono_font(14))
        self.key_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.key_label.setBuddy(self.key_edit)
        self.error = ErrorLabel()
        self.busy = busy_bar()
        self.busy.hide()
        self.buttons = QDialogButtonBox()
        self.recover_button = QPushButton()
        self.recover_button.setProperty("role", "primary")
        self.recover_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.recover)
        self.buttons.rejected.connect(self.reject)

        self.texts.bind(self.setWindowTitle, TITLE)
        self.texts.bind(self.title.setText, TITLE)
        self.texts.bind(self.explanation.setText,
                        N_("Use this when this computer has lost the key to the salon's data. "
                           "Type the recovery key from the salon's recovery sheet. Capital or "
                           "small letters, spaces and dashes do not matter."))
        self.texts.bind(self.key_label.setText, N_("Recovery &key"))
        self.texts.bind(self.recover_button.setText, N_("Recover access"))
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (self.title, self.explanation, self.key_label, self.key_edit,
                       self.error, self.busy):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

    def recover(self) -> None:
        typed = self.key_edit.text()
        if not typed.strip() or self.worker.busy:
            self.key_edit.setFocus()
            return
        self.error.clear_error()
        self._set_busy(True)
        ctx = self.ctx
        self.worker.run(lambda: ctx.recover(typed), self._done, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.key_edit, self.recover_button, self.cancel_button):
            widget.setEnabled(not busy)

    def _done(self, _vault_id: str) -> None:
        self._set_busy(False)
        self.key_edit.clear()
        self.recovered.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.show_error(error)
        self.key_edit.setFocus()

    def reject(self) -> None:
        """Not while the key is being checked: closing deletes the dialog, and the answer
        (access restored, so the window goes on) would be lost with it."""
        if self.busy.isHidden():
            super().reject()

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()
