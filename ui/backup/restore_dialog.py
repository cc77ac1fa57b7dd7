"""Restoring one backup over the salon's data: review, confirm, progress, result.

One dialog instead of a chain: it shows what the backup holds (its header), explains that
the current data is kept aside as a dated file (nothing is deleted), and needs an explicit
tick before "Verify and restore". The restore runs on the database worker (it closes and
reopens the database) with progress and Cancel; a refusal changes nothing. Afterwards nobody
is signed in, so the only way on is "Sign in again".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_, _, ngettext
from ui.backup import jobs
from ui.backup.formatting import when_text
from ui.backup.header_view import HeaderView
from ui.icons import icon
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, heading, label, note

if TYPE_CHECKING:
    from salon_desktop.backup.verify import BackupInfo
    from salon_desktop.services.backup_restore import RestoreResult

KEPT_ASIDE = N_("Restoring replaces all of the salon's current data with this backup; what was "
                "entered after it was made is not in it. The current data is not deleted: it is "
                "kept aside as a dated file on this computer until you remove it (under "
                "\"Data kept aside by restores\"). Clients erased since the backup was made are "
                "erased again. Everyone is signed out afterwards; staff sign in with the "
                "passwords they had then.")
PHASES = ((400, N_("Checking the backup…")), (800, N_("Preparing the restored data…")),
          (1001, N_("Putting the restored data in place…")))


class RestoreDialog(QDialog):
    #: The restored salon's name; nobody is signed in any more.
    restored = Signal(str)

    def __init__(self, env: PageEnv, info: BackupInfo, passphrase: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.info = env, info
        self._passphrase = passphrase
        self.running = False
        self.result: RestoreResult | None = None
        self.session_gone = False
        self._phase_msgid = PHASES[0][1]
        self.texts = TextBinder()
        self.setWindowIcon(icon("key"))
        self.setMinimumWidth(600)
        self.title = heading(1.25)
        self.header_view = HeaderView()
        self.header_view.set_info(info)
        explanation = QLabel()
        self.texts.bind(explanation.setText, KEPT_ASIDE)
        self.explanation = note(explanation)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirm_restore")
        self.texts.bind(self.confirm.setText,
                        N_("I understand: &replace the salon's data with this backup"))
        self.phase = label()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.outcome = label("success")
        self.outcome.setObjectName("restore_outcome")
        self.error = ErrorLabel()
        self.error.setObjectName("restore_error")
        for widget in (self.phase, self.progress, self.outcome):
            widget.hide()
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("verify_and_restore")
        self.restore_button.setProperty("role", "primary")
        self.cancel_button = QPushButton()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setProperty("role", "primary")
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.hide()  # after addButton, which shows it
        self.restore_button.clicked.connect(self.start)
        self.sign_in_button.clicked.connect(self._sign_in_again)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm.toggled.connect(self.restore_button.setEnabled)
        self.restore_button.setEnabled(False)
        self.cancel_button.setDefault(True)
        self.texts.bind(self.setWindowTitle, N_("Restore a backup"))
        self.texts.bind(self.title.setText, N_("Restore this backup?"))
        self.texts.bind(self.restore_button.setText, N_("Verify and restore"))
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))
        self.texts.bind(self.sign_in_button.setText, N_("Sign in again"))
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (self.title, self.header_view, self.explanation, self.confirm,
                       self.phase, self.progress, self.outcome, self.error):
            layout.addWidget(widget)
        layout.addWidget(buttons)

    # -- running -------------------------------------------------------------------------
    def start(self) -> None:
        if self.running or not self.confirm.isChecked():
            return
        self.error.clear_error()
        if jobs.current() is not None:  # a backup still holds the database now and then
            self.error.show_error(SalonError(N_(
                "A backup is being made or checked. Restore once it has finished.")))
            return
        self.running = True
        self.confirm.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.phase.show()
        self.progress.setValue(0)
        self.progress.show()
        self._progress(0, 1000)
        # No parent: the worker's closure keeps it alive even if a lock deletes this dialog
        # mid-restore, so a progress report never reaches a deleted object.
        relay = jobs.ProgressRelay()
        relay.progressed.connect(self._progress)
        self.cancel_button.clicked.disconnect()
        self.cancel_button.clicked.connect(lambda: self._cancel(relay))
        ctx, path, passphrase = self.env.ctx, Path(self.info.path), self._passphrase
        self._passphrase = ""
        self.env.worker.run(
            lambda: ctx.restore_backup(path, passphrase, relay.report, relay.cancelled),
            self._done, self._failed, owner=self)

    def _progress(self, done: int, total: int) -> None:
        value = done * 1000 // max(total, 1)
        self.progress.setValue(value)
        self._phase_msgid = next(msgid for limit, msgid in PHASES if value < limit)
        self.phase.setText(_(self._phase_msgid))

    def _cancel(self, relay: jobs.ProgressRelay) -> None:
        relay.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(_("Cancelling…"))

    def _done(self, result: RestoreResult) -> None:
        self.running = False
        self.result = result
        self.progress.setValue(1000)
        self._finish()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.progress.hide()
        self.phase.hide()
        self.error.show_error(error)
        # A failed swap reopens the old database without a session: sign in again then too.
        services = self.env.ctx.services
        self.session_gone = services.session is None
        if self.session_gone:
            self._finish()
            return
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(_("Close"))
        self.cancel_button.clicked.disconnect()
        self.cancel_button.clicked.connect(self.reject)

    def _finish(self) -> None:
        self.cancel_button.hide()
        self.restore_button.hide()
        self.confirm.hide()
        self.explanation.hide()
        self.sign_in_button.show()
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setFocus()
        self.retranslate()

    def outcome_text(self) -> str:
        result = self.result
        if result is None:
            return ""
        erased = len(result.erased_client_ids)
        lines = [_("✓ The backup made {when} was restored.").format(
            when=when_text(result.info.created_at))]
        if erased:
            lines.append(ngettext(
                "{count} client erased since the backup was made was erased again.",
                "{count} clients erased since the backup was made were erased again.",
                erased).format(count=erased))
        else:
            lines.append(_("No client had been erased since the backup was made."))
        if result.set_aside is not None:
            lines.append(_("The replaced data is kept aside on this computer; remove it under "
                           "Backups once everything looks right."))
        lines.append(_("Nobody is signed in now: sign in again."))
        return "\n".join(lines)

    def _sign_in_again(self) -> None:
        self.accept()
        self.restored.emit(self.info.header.salon_name if self.result else "")

    # -- closing is not an option while the database is being replaced ---------------------
    def reject(self) -> None:
        if self.running or self.result is not None or self.session_gone:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running or self.result is not None or self.session_gone:
            event.ignore()
            return
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.texts.apply()
        self.header_view.retranslate()
        self.error.retranslate()
        if self.phase.isVisible():
            self.phase.setText(_(self._phase_msgid))
        text = self.outcome_text()
        self.outcome.setVisible(bool(text))
        self.outcome.setText(text)
