"""What the Backups tab's buttons do: dialogs, the backup job, restores, removing kept data.

Each action asks for the backup passphrase just for itself and lets go of it when done.
Dialogs open window-modal without a nested event loop (``open()``), so the rest of the app
keeps painting and tests can drive them; the open dialog is kept in ``self.dialog``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from salon_desktop.i18n import N_, _
from ui.backup import jobs
from ui.backup.header_view import VerifiedDialog
from ui.backup.passphrase import AskPassphraseDialog, SetPassphraseDialog
from ui.backup.restore_dialog import RestoreDialog

if TYPE_CHECKING:
    from salon_desktop.backup.verify import BackupInfo
    from salon_desktop.services.backups import BackupResult
    from ui.backup.tab import BackupsTab

D = TypeVar("D", bound=QDialog)
BACKUP_FILTER = N_("Salon Desktop backups (*.sdbak)")


def ask_backup_file(parent: QWidget) -> str:
    """The file dialog (a seam: tests and screenshots answer it without a dialog)."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, _("Choose a backup to restore"),
                                                  "", _(BACKUP_FILTER))
    return chosen


def announce_restored(widget: QWidget, salon_name: str) -> None:
    """Tell the main window that nobody is signed in any more; through its ``signed_out``
    the controller shows the sign-in screen (``MainWindow.after_restore``)."""
    after_restore = getattr(widget.window(), "after_restore", None)
    if callable(after_restore):
        after_restore(salon_name)


class BackupActions(QObject):
    def __init__(self, tab: BackupsTab) -> None:
        super().__init__(tab)
        self.tab, self.env = tab, tab.env
        self.dialog: QDialog | None = None
        self.confirm_box: QMessageBox | None = None
        tab.passphrase_button.clicked.connect(self.set_passphrase)
        tab.back_up_button.clicked.connect(self.back_up)
        tab.verify_button.clicked.connect(self.verify)
        tab.restore_button.clicked.connect(self.restore_selected)
        tab.file_button.clicked.connect(self.restore_from_file)
        tab.remove_button.clicked.connect(self.remove_set_aside)

    def _open(self, dialog: D) -> D:
        self.tab.panel.clear()
        self.tab.list_error.clear_error()
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # -- the passphrase ------------------------------------------------------------------
    def set_passphrase(self) -> SetPassphraseDialog:
        dialog = SetPassphraseDialog(self.env, changing=bool(self.tab.passphrase_set),
                                     parent=self.tab)
        dialog.completed.connect(self._passphrase_saved)
        return self._open(dialog)

    def _passphrase_saved(self) -> None:
        self.env.show_status(_("The backup passphrase was saved."))
        self.tab.reload()

    # -- making a backup -----------------------------------------------------------------
    def back_up(self) -> AskPassphraseDialog | None:
        folder = self.tab.picker.destination()
        if folder is None or jobs.current() is not None:
            return None
        dialog = AskPassphraseDialog(
            self.env, N_("Back up now"),
            N_("Type the backup passphrase. The backup is encrypted with it, written to the "
               "chosen drive and checked there."),
            N_("Back up"), parent=self.tab)
        dialog.chosen.connect(lambda passphrase, _r: self._start_backup(folder, passphrase))
        return self._open(dialog)

    def _start_backup(self, folder: Path, passphrase: str) -> None:
        backups = self.env.ctx.services.backups
        job = jobs.BackgroundJob(jobs.MAKE, lambda progress, cancel: backups.create_backup(
            folder, passphrase, progress, cancel))
        self.follow(jobs.start(job))

    def follow(self, job: jobs.BackgroundJob) -> None:
        self.tab.panel.attach(job)
        job.done.connect(self._job_done)
        job.failed.connect(self._job_failed)
        self.tab.sync_buttons()

    def _job_done(self, result: BackupResult | BackupInfo) -> None:
        from salon_desktop.services.backups import BackupResult

        self.tab.sync_buttons()
        if isinstance(result, BackupResult):
            name = result.path.name
            self.env.show_status(_("Backup written and verified: {name}").format(name=name))
            self.tab.panel.show_outcome(N_("✓ Backup written and verified:\n{name}"), name=name)
            self.tab.backup_made.emit()
            self.tab.table.clearSelection()  # the new one, at the top, gets selected
            self.tab.reload_backups()
            return
        self.env.show_status(_("Backup verified: {name}").format(name=result.path.name))
        self._open(VerifiedDialog(result, self.tab))

    def _job_failed(self, _error: BaseException) -> None:
        self.tab.sync_buttons()
        self.tab.reload_backups()  # a vanished stick: its list goes too

    # -- verifying -----------------------------------------------------------------------
    def verify(self) -> AskPassphraseDialog | None:
        backup = self.tab.table.selected()
        if backup is None or jobs.current() is not None:
            return None
        path = backup.path
        backups = self.env.ctx.services.backups
        dialog = AskPassphraseDialog(
            self.env, N_("Verify a backup"),
            N_("Type the passphrase this backup was made with. Every part of the backup is "
               "then checked; nothing is changed."),
            N_("Verify"), check=lambda p: backups.inspect_backup(path, p), parent=self.tab)
        dialog.chosen.connect(lambda passphrase, _info: self._start_verify(path, passphrase))
        return self._open(dialog)

    def _start_verify(self, path: Path, passphrase: str) -> None:
        backups = self.env.ctx.services.backups
        job = jobs.BackgroundJob(jobs.VERIFY, lambda progress, cancel: backups.verify_backup(
            path, passphrase, progress, cancel))
        self.follow(jobs.start(job))

    # -- restoring -----------------------------------------------------------------------
    def restore_selected(self) -> AskPassphraseDialog | None:
        backup = self.tab.table.selected()
        return self.restore(backup.path) if backup is not None else None

    def restore_from_file(self) -> AskPassphraseDialog | None:
        chosen = ask_backup_file(self.tab)
        return self.restore(Path(chosen)) if chosen else None

    def restore(self, path: Path) -> AskPassphraseDialog | None:
        if jobs.current() is not None:
            return None
        backups = self.env.ctx.services.backups
        dialog = AskPassphraseDialog(
            self.env, N_("Restore a backup"),
            N_("Type the passphrase this backup was made with (if it was changed since, the "
               "one from then). Nothing is changed yet: you will see what the backup holds "
               "first."),
            N_("Open backup"), check=lambda p: backups.inspect_backup(path, p),
            parent=self.tab)
        dialog.chosen.connect(self._review_restore)
        return self._open(dialog)

    def _review_restore(self, passphrase: str, info: BackupInfo) -> None:
        dialog = RestoreDialog(self.env, info, passphrase, self.tab)
        dialog.restored.connect(lambda salon: announce_restored(self.tab, salon))
        self._open(dialog)

    # -- data kept aside -----------------------------------------------------------------
    def remove_set_aside(self) -> QMessageBox | None:
        path = self.tab.aside_list.selected()
        if path is None:
            return None
        text = _("Remove the data kept aside ({what})? It is deleted from this computer for "
                 "good, including clients erased since.").format(
            what=self.tab.aside_list.text_for(path))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Remove kept data"), text,
                          QMessageBox.StandardButton.NoButton, self.tab)
        yes = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        backups = self.env.ctx.services.backups

        def clicked(button: object) -> None:
            self.confirm_box = None
            if button is yes:
                self.env.worker.run(lambda: backups.remove_set_aside(path), self._removed,
                                    self.tab.list_error.show_error, owner=self.tab)

        box.buttonClicked.connect(clicked)
        self.confirm_box = box
        box.open()
        return box

    def _removed(self, _none: object) -> None:
        self.env.show_status(_("The kept data was removed."))
        self.tab.reload_set_aside()

    def retranslate(self) -> None:
        dialog = self.dialog
        retranslate = getattr(dialog, "retranslate", None)
        if callable(retranslate):
            retranslate()
