"""The backup passphrase: setting or changing it (typed twice, live hint), and asking for it.

It is asked for every time a backup is made, verified or restored, and kept nowhere: not in
memory between actions, not on disk (docs/backups.md, "## GUI"). Typing it each time keeps
it known on the day a restore needs it, and a forgotten passphrase makes every backup
useless. The core decides what a good passphrase is (``passphrase_hint``); this only shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_, _
from ui.icons import icon
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, busy_bar, heading, label, note

OLDER_BACKUPS = N_("Older backups still need the passphrase they were made with. Keep the old "
                   "one until those backups have been rotated away.")
KEEP_IT_SAFE = N_("Write it on the recovery sheet or keep it in the locked cabinet: a backup "
                  "cannot be opened without its passphrase, not even by us.")
PASSPHRASE_OK = N_("This passphrase meets every rule.")
NOT_THE_SAME = N_("The two passphrases are not the same.")


def passphrase_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    return edit


class _PassphraseDialog(QDialog):
    """Title, explanation, fields, "Show", error, busy bar, [action] [Cancel]."""

    def __init__(self, env: PageEnv, title: str, explanation: str, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.setWindowIcon(icon("key"))
        self.setMinimumWidth(540)
        self.title = heading(1.25)
        self.explanation = label()
        self.texts.bind(self.setWindowTitle, title)
        self.texts.bind(self.title.setText, title)
        self.texts.bind(self.explanation.setText, explanation)
        self.show_box = QCheckBox()
        self.show_box.setObjectName("show_passphrase")
        self.texts.bind(self.show_box.setText, N_("&Show the passphrase while typing"))
        self.error = ErrorLabel()
        self.error.setObjectName("passphrase_dialog_error")
        self.busy = busy_bar()
        self.busy.hide()
        self.action_button = QPushButton()
        self.action_button.setProperty("role", "primary")
        self.action_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.texts.bind(self.action_button.setText, action)
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(8)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.explanation)
        self.edits: list[QLineEdit] = []
        self.show_box.toggled.connect(self._show_text)

    def add_field(self, caption: str, edit: QLineEdit) -> None:
        caption_label = QLabel()
        caption_label.setBuddy(edit)
        self.texts.bind(caption_label.setText, caption)
        self.layout_.addWidget(caption_label)
        self.layout_.addWidget(edit)
        edit.textEdited.connect(lambda _text: self.error.clear_error())
        self.edits.append(edit)

    def finish_layout(self, *extra: QWidget) -> None:
        for widget in (self.show_box, *extra, self.error, self.busy):
            self.layout_.addWidget(widget)
        self.layout_.addSpacing(6)
        self.layout_.addWidget(self.buttons)
        self.edits[0].setFocus()

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in self.edits:
            edit.setEchoMode(mode)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (*self.edits, self.action_button, self.cancel_button, self.show_box):
            widget.setEnabled(not busy)

    def clear_fields(self) -> None:
        for edit in self.edits:
            edit.clear()

    def submit(self) -> None:
        raise NotImplementedError

    def failed(self, error: BaseException) -> None:
        self.set_busy(False)
        self.error.show_error(error)
        self.edits[0].setFocus()
        self.edits[0].selectAll()

    def reject(self) -> None:
        self.clear_fields()
        super().reject()

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()


class AskPassphraseDialog(_PassphraseDialog):
    """Asks once. With ``check`` (run on the database worker, e.g. reading a backup's
    header), a wrong passphrase is shown here, so it can be typed again at once."""

    #: (passphrase, the check's result or None)
    chosen = Signal(str, object)

    def __init__(self, env: PageEnv, title: str, explanation: str, action: str, *,
                 check: Callable[[str], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, title, explanation, action, parent)
        self.check = check
        #: closed without the check's approval (Esc, the title bar's X, the lock): an answer
        #: still in the event queue must then start nothing
        self.cancelled = False
        self.passphrase = passphrase_edit("backup_passphrase")
        self.add_field(N_("Backup &passphrase"), self.passphrase)
        self.finish_layout()

    def submit(self) -> None:
        typed = self.passphrase.text()
        if not typed or self.busy.isVisible():
            self.passphrase.setFocus()
            return
        self.error.clear_error()
        check = self.check
        if check is None:
            self._passed(typed, None)
            return
        self.set_busy(True)
        self.env.worker.run(lambda: check(typed), lambda result: self._passed(typed, result),
                            self.failed, owner=self)

    def _passed(self, typed: str, result: object) -> None:
        """The check's answer. The worker drops it once the dialog is deleted, but not while
        it already waits in the event queue when Cancel lands: then the person said no, and
        no verify, restore or backup may start with the passphrase typed."""
        if self.cancelled:
            return
        self.set_busy(False)
        self.clear_fields()
        self.accept()
        self.chosen.emit(typed, result)

    def done(self, result: int) -> None:
        """However it closes, except through ``_passed``'s accept: cancelled."""
        if result != QDialog.DialogCode.Accepted:
            self.cancelled = True
        super().done(result)


class SetPassphraseDialog(_PassphraseDialog):
    """Set (or change) the passphrase: typed twice, the core's hint shown while typing."""

    completed = Signal()

    def __init__(self, env: PageEnv, *, changing: bool, parent: QWidget | None = None) -> None:
        title = (N_("Change the backup passphrase") if changing
                 else N_("Set the backup passphrase"))
        super().__init__(
            env, title,
            N_("Backups are encrypted with this passphrase, so they can be restored on a new "
               "computer. Use at least 12 characters: a short sentence is easier to keep "
               "than a code."),
            N_("Save passphrase"), parent)
        self.first = passphrase_edit("new_passphrase")
        self.again = passphrase_edit("passphrase_again")
        self.hint = label("hint")
        self.hint.setObjectName("passphrase_hint")
        self.hint.hide()
        self.again_error = ErrorLabel()
        self.again_error.setObjectName("passphrase_again_error")
        self.add_field(N_("&New backup passphrase"), self.first)
        self.layout_.addWidget(self.hint)
        self.add_field(N_("Type it &again"), self.again)
        self.layout_.addWidget(self.again_error)
        self.again.textEdited.connect(lambda _text: self.again_error.clear_error())
        notes = QLabel()
        self.texts.bind(notes.setText, OLDER_BACKUPS if changing else KEEP_IT_SAFE)
        self.finish_layout(note(notes))
        self._hint: tuple[str, dict[str, object]] | None = None
        self._asked = 0
        self.first.textEdited.connect(self._ask_hint)

    def _ask_hint(self, text: str) -> None:
        self._asked += 1
        ticket = self._asked
        if not text:
            self._show_hint(ticket, None, empty=True)
            return
        hint = self.env.ctx.services.backups.passphrase_hint
        self.env.worker.run(lambda: hint(text), lambda found: self._show_hint(ticket, found),
                            lambda _error: None, owner=self)

    def _show_hint(self, ticket: int, found: tuple[str, dict[str, object]] | None, *,
                   empty: bool = False) -> None:
        if ticket != self._asked:  # typed on meanwhile: a newer answer is coming
            return
        self._hint = found
        self.hint.setVisible(not empty)
        self._apply_hint()

    def _apply_hint(self) -> None:
        if self._hint is None:
            self.hint.setProperty("role", "success")
            self.hint.setText(f"✓ {_(PASSPHRASE_OK)}")
        else:
            msgid, params = self._hint
            self.hint.setProperty("role", "hint")
            self.hint.setText(f"• {_(msgid).format(**params)}")
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)

    def submit(self) -> None:
        first, again = self.first.text(), self.again.text()
        if self.busy.isVisible():
            return
        self.error.clear_error()
        if first != again:
            self.again_error.show_error(ValidationError("passphrase_again", NOT_THE_SAME))
            self.again.setFocus()
            self.again.selectAll()
            return
        self.set_busy(True)
        backups = self.env.ctx.services.backups
        self.env.worker.run(lambda: backups.set_passphrase(first), self._saved, self.failed,
                            owner=self)

    def _saved(self, _none: object) -> None:
        self.set_busy(False)
        self.clear_fields()
        self.accept()
        self.completed.emit()

    def reject(self) -> None:
        """Not while the passphrase is being saved: the dialog is deleted once closed, and
        the tab would not learn that a passphrase is set. (Asking for one may be cancelled
        while it is checked: nothing is written, and nothing should start after.)"""
        if self.busy.isHidden():
            super().reject()

    def retranslate(self) -> None:
        super().retranslate()
        self.again_error.retranslate()
        if self.hint.isVisible():
            self._apply_hint()
