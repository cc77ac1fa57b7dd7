"""“Change my password”: current, new, repeat — for every staff member, done in under a minute.

The live hint under the new password calls the pure policy function on every keystroke (no
database work: the salon's name and the minimum length are read once, on the worker), so the
person sees which rules are not met yet before pressing anything. Pasting is allowed (password
managers), any length up to the policy's maximum. The change itself runs on the worker; the
core names the field at fault and the error appears next to it, with what was typed kept.

Forced mode, after signing in with a temporary password: the core refuses everything else
(``PasswordChangeRequired``), so this dialog is the whole window. It cannot be skipped: Esc or
closing it signs out, which is the only other way on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_, _
from salon_desktop.security import password_policy
from ui.admin.fields import FieldGrid, GrowingDialog, ProblemList
from ui.icons import icon
from ui.language import LanguageCombo, language_row, switch_language
from ui.widgets import ErrorLabel, TextBinder, busy_bar, heading, label, primary_button
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.base import Session
    from ui.main_window import MainWindow

CHANGED = N_("Your password has been changed.")
TITLE = N_("Change my password")
FORCED_TITLE = N_("Choose your own password")


class ChangePasswordDialog(GrowingDialog):
    password_changed = Signal(object)  # the Session, no longer "must change"
    signed_out = Signal(str)           # forced mode: the person chose to sign out

    def __init__(self, ctx: AppContext, worker: Worker, session: Session, *,
                 forced: bool = False, prefs_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.session = ctx, worker, session
        self.forced, self.prefs_dir = forced, prefs_dir
        self.texts = TextBinder()
        self._busy = False
        self._leaving = False
        self._policy: tuple[str, int] = ("", password_policy.DEFAULT_MIN_LENGTH)
        self._policy_loaded = False
        self.setWindowIcon(icon("key") if not forced else icon("app"))
        self.setMinimumWidth(560)

        self.title = heading(1.35)
        self.intro = label()
        self.grid = FieldGrid(self.texts)
        self.old = self._password_edit()
        self.new = self._password_edit()
        self.repeat = self._password_edit()
        self.hint = ProblemList()
        self.show_passwords = QCheckBox()
        self.show_passwords.toggled.connect(self._reveal)
        self.grid.add("old_password", N_("&Current password"), self.old)
        self.grid.add("new_password", N_("&New password"), self.new, below=(self.hint,))
        self.grid.add("repeat_password", N_("New password &again"), self.repeat)
        self.grid.add("show", None, self.show_passwords)
        for caption in self.grid.captions.values():
            caption.setWordWrap(False)  # three short captions: one line each reads faster
        self.error = ErrorLabel()
        self.busy = busy_bar()
        self.busy.hide()
        self.submit_button = primary_button()
        self.submit_button.setObjectName("change_password")
        self.leave_button = QPushButton()
        for button in (self.submit_button, self.leave_button):
            button.setAutoDefault(False)  # Enter moves field to field, see _enter
        self.submit_button.clicked.connect(self.submit)
        self.leave_button.clicked.connect(self.reject)
        self.new.textChanged.connect(self._update_hint)
        self.old.returnPressed.connect(lambda: self._enter(self.new))
        self.new.returnPressed.connect(lambda: self._enter(self.repeat))
        self.repeat.returnPressed.connect(self.submit)

        self.texts.bind(self.setWindowTitle, FORCED_TITLE if forced else TITLE)
        self.texts.bind(self.title.setText, FORCED_TITLE if forced else TITLE)
        self.texts.bind(self.intro.setText, N_(
            "{name}, your password is temporary: the manager set it. Choose your own "
            "password to continue; nothing else opens until then.") if forced else N_(
            "Your new password works from now on, for signing in and for unlocking."),
            name=session.display_name)
        self.texts.bind(self.show_passwords.setText, N_("Show the passwords"))
        self.texts.bind(self.submit_button.setText, N_("Change password"))
        self.texts.bind(self.leave_button.setText, N_("Sign out") if forced else N_("Cancel"))
        self._build_layout()
        self.old.setFocus()

    def _password_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(password_policy.MAX_LENGTH)  # long passphrases and pasting welcome
        return edit

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if self.forced:  # the whole window: the language can be changed here too
            self.language = LanguageCombo()
            self.language.language_chosen.connect(
                lambda code: switch_language(code, self.prefs_dir))
            layout.addLayout(language_row(self.language))
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addLayout(self.grid.layout)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)
        buttons.addWidget(self.submit_button)
        layout.addLayout(buttons)

    # -- the live hint -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._policy_loaded:
            self._policy_loaded = True
            settings = self.ctx.services.settings

            def policy() -> tuple[str, int]:
                password_policy.BLOCKLIST.words()  # load the word lists off the GUI thread
                return (settings.salon_details().name,
                        int(settings.value("min_password_length")))

            self.worker.run(policy, self._policy_arrived, lambda _error: None, owner=self)

    def _policy_arrived(self, policy: tuple[str, int]) -> None:
        self._policy = policy
        self._update_hint(self.new.text())

    def _update_hint(self, text: str) -> None:
        if not text:
            self.hint.show_problems(None)
            return
        salon_name, min_length = self._policy
        self.hint.show_problems(password_policy.password_hint(
            text, username=self.session.username, salon_name=salon_name,
            min_length=min_length))

    def _reveal(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        for edit in (self.old, self.new, self.repeat):
            edit.setEchoMode(mode)

    # -- changing ------------------------------------------------------------------------
    def _enter(self, following: QLineEdit) -> None:
        if following.text():
            self.submit()
        else:
            following.setFocus()

    def submit(self) -> None:
        if self._busy or self._leaving:
            return
        old, new, repeat = self.old.text(), self.new.text(), self.repeat.text()
        if not old:
            self.old.setFocus()
            return
        self.grid.clear()
        self.error.clear_error()
        self._set_busy(True)
        auth = self.ctx.services.auth
        self.worker.run(lambda: auth.change_own_password(old, new, repeat), self._changed,
                        self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.old, self.new, self.repeat, self.submit_button):
            widget.setEnabled(not busy)

    def _changed(self, session: Session) -> None:
        self._set_busy(False)
        for edit in (self.old, self.new, self.repeat):
            edit.clear()
        self.session = session
        self.password_changed.emit(session)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if self.grid.show_error(error):
            field = self.grid.fields[getattr(error, "field", "")]
            if isinstance(field, QLineEdit):
                field.selectAll()  # typing again replaces it; nothing else is lost
        else:
            self.error.show_error(error)

    # -- leaving -------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel; in forced mode Esc, Close and "Sign out" all sign out.

        Not while the change is on the worker: the dialog is deleted once closed, and the
        renewed session it brings back would be lost with it."""
        if self._busy:
            return
        if not self.forced:
            super().reject()
            return
        if self._leaving:
            return
        self._leaving = True
        self.setEnabled(False)
        auth = self.ctx.services.auth
        self.worker.run(auth.sign_out, lambda _none: self.signed_out.emit(""),
                        lambda _error: self.signed_out.emit(""), owner=self)

    def done(self, result: int) -> None:
        """However it closes, no typed password stays behind in the fields."""
        for edit in (self.old, self.new, self.repeat):
            edit.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.forced and not self._leaving and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()  # the window stays until the sign-out has happened
            self.reject()
            return
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.texts.apply()
        self.grid.retranslate()
        self.hint.retranslate()
        self.error.retranslate()
        if self.forced:
            self.language.sync()


def open_for(window: MainWindow) -> ChangePasswordDialog:
    """From the main window's "Change my password…": a window-modal dialog; on success the
    window keeps the renewed session and the status bar says so."""
    dialog = ChangePasswordDialog(window.ctx, window.worker, window.session,
                                  prefs_dir=window.prefs_dir, parent=window)

    def changed(session: Session) -> None:
        window.session = session
        window.show_status(_(CHANGED))

    dialog.password_changed.connect(changed)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
