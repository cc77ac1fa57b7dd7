"""Set-up wizard pages 4–5: the recovery sheet, then typing the recovery key back.

The recovery key is the only way back to the data if the keyring loses the database key, so
it is shown large, in monospace groups numbered like on the printed sheet, and Finish stays
disabled until it has been typed back correctly. It is never copied to the clipboard (the
labels are not selectable), logged or put in a window title.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_, _, current_language
from salon_desktop.security.errors import RecoveryKeyMalformed, RecoveryKeyTypo
from salon_desktop.security.recovery_key import GROUP_SIZE, GROUPS, normalize
from ui.style import mono_font
from ui.widgets import ErrorLabel, label
from ui.wizard_pages import WizardPage

NOT_THIS_KEY = N_("This is a valid recovery key, but not the one shown on the previous page.")
SAVED = N_("Saved as {name}. Print it, put the paper in the locked cabinet, then delete the "
           "file.")
_SEPARATORS = re.compile(r"[\s\-–—_.]")


def ask_pdf_path(parent: QWidget) -> str:
    """Where to save the sheet (a function of its own so tests can answer for the user)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / _("recovery-sheet.pdf"))
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save recovery sheet as PDF"),
                                                suggested, _("PDF files (*.pdf)"))
    return path


class SheetPage(WizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.saved_path: Path | None = None
        self.texts.bind(self.setTitle, N_("Recovery key"))
        self.texts.bind(self.setSubTitle, N_("Print it or write it down now: it is shown only "
                                             "this once."))
        why = label()
        self.texts.bind(why.setText,
                        N_("If this computer ever loses the key to the salon's data (a new "
                           "computer, a reinstalled system, a Windows password reset), this "
                           "recovery key is the only way back to the data. Keep the paper in "
                           "the salon's locked cabinet, never on the computer or in an "
                           "e-mail."))
        self.group_labels: list[QLabel] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(0)
        for index in range(GROUPS):
            group = QLabel()
            group.setFont(mono_font(22))
            group.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            group.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number = label("hint")
            number.setText(str(index + 1))
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(group, 0, index)
            grid.addWidget(number, 1, index)
            self.group_labels.append(group)
        key_box = QWidget()
        key_box.setObjectName("key_box")
        key_box.setStyleSheet("#key_box { background: #FFFFFF; border: 1px solid #DDD9D4;"
                              " border-radius: 6px; }")
        key_box.setLayout(grid)
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.status = ErrorLabel()
        self.saved_label = label("success")
        self.saved_label.hide()
        self.texts.bind(self.save_button.setText, N_("Save recovery sheet as PDF…"))
        self.texts.bind(self.open_button.setText, N_("Open the PDF to print"))
        self.save_button.clicked.connect(self.save_pdf)
        self.open_button.clicked.connect(self.open_pdf)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addSpacing(8)
        layout.addWidget(key_box)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:
        groups = self.setup_wizard().recovery_key.split("-")
        for group_label, group in zip(self.group_labels, groups, strict=True):
            group_label.setText(group)

    def forget_key(self) -> None:
        for group_label in self.group_labels:
            group_label.clear()

    def save_pdf(self) -> None:
        wizard = self.setup_wizard()
        chosen = ask_pdf_path(self)
        if not chosen or wizard.created is None or wizard.worker.busy:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        created, key, language = wizard.created, wizard.recovery_key, current_language()
        self.status.clear_error()
        self.save_button.setEnabled(False)

        def render() -> Path:
            from salon_desktop.reports.recovery_sheet import render_recovery_sheet

            render_recovery_sheet(path, salon_name=created.salon_name,
                                  vault_id=created.vault_id, created_at=created.created_at,
                                  recovery_key=key, language=language)
            return path

        wizard.worker.run(render, self._saved, self._not_saved, owner=self)

    def _saved(self, path: Path) -> None:
        self.saved_path = path
        self.save_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self._show_saved()

    def _show_saved(self) -> None:
        if self.saved_path is None:
            return
        self.saved_label.setText(_(SAVED).format(name=self.saved_path.name))
        self.saved_label.show()

    def retranslate(self) -> None:
        super().retranslate()
        self._show_saved()

    def _not_saved(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.show_error(error)

    def open_pdf(self) -> None:
        """Printing goes through the PDF viewer: PySide6-Essentials has no QtPdf to print."""
        if self.saved_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path)))


class ConfirmKeyPage(WizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.matches = False
        self.texts.bind(self.setTitle, N_("Check the recovery key"))
        self.texts.bind(self.setSubTitle, N_("Type the recovery key from the sheet, to be sure "
                                             "it was written down correctly."))
        caption = QLabel()
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("recovery_key")
        self.key_edit.setFont(mono_font(16))
        self.key_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        caption.setBuddy(self.key_edit)
        self.texts.bind(caption.setText, N_("Recovery &key"))
        hint = label("hint")
        self.texts.bind(hint.setText, N_("Capital or small letters, spaces and dashes do not "
                                         "matter."))
        self.error = ErrorLabel()
        self.ok_label = label("success")
        self.texts.bind(self.ok_label.setText, N_("The recovery key is correct. Choose "
                                                  "Finish to sign in."))
        self.ok_label.hide()
        self.key_edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        for widget in (caption, self.key_edit, hint, self.error, self.ok_label):
            layout.addWidget(widget)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.key_edit.clear()
        self.key_edit.setFocus()

    def isComplete(self) -> bool:
        return self.matches

    def _check(self, typed: str) -> None:
        expected = self.setup_wizard().recovery_key
        self.matches, error = check_typed_key(typed, expected)
        self.error.show_error(error)
        self.ok_label.setVisible(self.matches)
        self.completeChanged.emit()


def check_typed_key(typed: str, expected: str) -> tuple[bool, BaseException | None]:
    """(matches, error to show). A finished group that differs is named at once."""
    compact = _SEPARATORS.sub("", typed.upper())
    if len(compact) < GROUPS * GROUP_SIZE:
        plain = expected.replace("-", "")
        for index in range(len(compact) // GROUP_SIZE):
            part = slice(index * GROUP_SIZE, (index + 1) * GROUP_SIZE)
            if compact[part] != plain[part]:
                return False, RecoveryKeyTypo(index + 1)
        return False, None
    try:
        canonical = normalize(typed)
    except (RecoveryKeyTypo, RecoveryKeyMalformed) as error:
        return False, error
    if canonical != expected:
        return False, ValidationError("recovery_key", NOT_THIS_KEY)
    return True, None
