"""Administration → Backups: where to, the passphrase, "Back up now", and the backups there.

Left: making a backup (destination, passphrase, progress). Right: what is on that drive
(verify, restore) and the databases earlier restores kept aside. The manager can leave the
tab while a backup runs; the job lives on (``jobs``) and this tab, or the next one, shows it.
Everything reaches the core through the worker or the backup job; see docs/backups.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from salon_desktop.i18n import N_, _
from ui.backup import jobs
from ui.backup.actions import BackupActions
from ui.backup.backup_list import BackupTable, SetAsideList
from ui.backup.destination import DestinationPicker
from ui.backup.progress_panel import JobPanel
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, heading, label, primary_button

if TYPE_CHECKING:
    from salon_desktop.backup.rotation import BackupFile

TAB_TITLE = N_("Backups")
PASSPHRASE_SET = N_("The backup passphrase is set. It is asked for at every backup and restore.")
PASSPHRASE_MISSING = N_("No backup passphrase yet: set one before the first backup.")


def _row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    if stretch:
        row.addStretch(1)
    return row


class BackupsTab(QWidget):
    #: A backup was written and verified (the reminder banner goes away).
    backup_made = Signal()

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.passphrase_set: bool | None = None
        self.loaded = False
        self._build_left()
        self._build_right()
        columns = QHBoxLayout(self)
        columns.setContentsMargins(4, 10, 4, 4)
        columns.setSpacing(24)
        columns.addLayout(self.left, 1)
        columns.addLayout(self.right, 1)
        self.actions = BackupActions(self)
        running = jobs.current()
        if running is not None:
            self.actions.follow(running)
        self.sync_buttons()

    # -- building ------------------------------------------------------------------------
    def _build_left(self) -> None:
        self.make_title = heading(1.1)
        self.texts.bind(self.make_title.setText, N_("Make a backup"))
        self.make_hint = label("hint")
        self.texts.bind(self.make_hint.setText, N_(
            "Backups are encrypted with the backup passphrase and checked after writing. "
            "Keep the backup stick somewhere else than this computer."))
        self.to_label = QLabel()
        self.picker = DestinationPicker()
        self.to_label.setBuddy(self.picker.combo)
        self.texts.bind(self.to_label.setText, N_("Back up &to"))
        self.picker.changed.connect(lambda _path: self.reload_backups())
        self.passphrase_label = label()
        self.passphrase_label.setObjectName("passphrase_state")
        self.passphrase_button = QPushButton()
        self.passphrase_button.setObjectName("passphrase_button")
        self.back_up_button = primary_button()
        self.back_up_button.setObjectName("back_up_now")
        self.texts.bind(self.back_up_button.setText, N_("&Back up now"))
        self.panel = JobPanel()
        self.left = QVBoxLayout()
        self.left.setSpacing(8)
        for widget in (self.make_title, self.make_hint, self.to_label, self.picker):
            self.left.addWidget(widget)
        self.left.addSpacing(6)
        self.left.addWidget(self.passphrase_label)
        self.left.addLayout(_row(self.passphrase_button))
        self.left.addSpacing(6)
        self.left.addLayout(_row(self.back_up_button))
        self.left.addWidget(self.panel)
        self.left.addStretch(1)

    def _build_right(self) -> None:
        self.list_title = heading(1.1)
        self.texts.bind(self.list_title.setText, N_("Backups on this drive"))
        self.table = BackupTable()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.sync_buttons())
        self.empty_label = label("hint")
        self.empty_label.setObjectName("backup_list_empty")
        self.verify_button = QPushButton()
        self.restore_button = QPushButton()
        self.file_button = QPushButton()
        self.verify_button.setObjectName("verify_backup")
        self.restore_button.setObjectName("restore_backup")
        self.texts.bind(self.verify_button.setText, N_("&Verify…"))
        self.texts.bind(self.verify_button.setToolTip, N_(
            "Check that the backup can be opened and is complete (once a month)"))
        self.texts.bind(self.restore_button.setText, N_("R&estore…"))
        self.texts.bind(self.file_button.setText, N_("Restore from &another file…"))
        self.list_error = ErrorLabel()
        self.list_error.setObjectName("backup_list_error")
        self.aside_title = heading(1.0)
        self.texts.bind(self.aside_title.setText, N_("Data kept aside by restores"))
        self.aside_hint = label("hint")
        self.texts.bind(self.aside_hint.setText, N_(
            "Each restore keeps the data it replaced. It still holds everything it held, also "
            "clients erased since: remove it once the restored data looks right."))
        self.aside_list = SetAsideList()
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("remove_set_aside")
        self.texts.bind(self.remove_button.setText, N_("Re&move…"))
        self.aside_widgets = (self.aside_title, self.aside_hint, self.aside_list,
                              self.remove_button)
        self.right = QVBoxLayout()
        self.right.setSpacing(8)
        self.right.addWidget(self.list_title)
        self.right.addWidget(self.table, 1)
        self.right.addWidget(self.empty_label)
        self.right.addLayout(_row(self.verify_button, self.restore_button, self.file_button))
        self.right.addWidget(self.list_error)
        for widget in self.aside_widgets[:-1]:
            self.right.addWidget(widget)
        self.right.addLayout(_row(self.remove_button))
        for widget in self.aside_widgets:
            widget.hide()

    # -- state ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.reload()
        else:
            self.picker.refresh()  # a stick plugged in meanwhile

    def reload(self) -> None:
        backups = self.env.ctx.services.backups
        self.env.worker.run(backups.passphrase_is_set, self._passphrase_known,
                            self.list_error.show_error, owner=self)
        self.reload_backups()
        self.reload_set_aside()

    def _passphrase_known(self, is_set: bool) -> None:
        self.passphrase_set = is_set
        self.retranslate_state()
        self.sync_buttons()

    def reload_backups(self) -> None:
        folder = self.picker.destination()
        if folder is None:
            self._show_backups(None, [])
            return
        backups = self.env.ctx.services.backups
        self.env.worker.run(lambda: backups.list_backups(folder),
                            lambda found: self._show_backups(folder, found),
                            self.list_error.show_error, owner=self)

    def _show_backups(self, folder: Path | None, found: list[BackupFile]) -> None:
        if folder != self.picker.destination():
            return  # another drive was chosen meanwhile
        self.table.set_backups(found)
        self.retranslate_state()
        self.sync_buttons()

    def reload_set_aside(self) -> None:
        backups = self.env.ctx.services.backups
        self.env.worker.run(backups.set_aside_databases, self._show_set_aside,
                            self.list_error.show_error, owner=self)

    def _show_set_aside(self, paths: list[Path]) -> None:
        self.aside_list.set_paths(paths)
        for widget in self.aside_widgets:
            widget.setVisible(bool(paths))

    def sync_buttons(self) -> None:
        idle = jobs.current() is None
        selected = self.table.selected() is not None
        self.back_up_button.setEnabled(idle and bool(self.passphrase_set)
                                       and self.picker.destination() is not None)
        self.passphrase_button.setEnabled(self.passphrase_set is not None)
        self.verify_button.setEnabled(idle and selected)
        self.restore_button.setEnabled(idle and selected)
        self.file_button.setEnabled(idle)

    def retranslate_state(self) -> None:
        if self.passphrase_set is not None:
            self.passphrase_label.setText(_(PASSPHRASE_SET if self.passphrase_set
                                            else PASSPHRASE_MISSING))
            self.passphrase_button.setText(_(N_("Change the &passphrase…") if self.passphrase_set
                                             else N_("&Set backup passphrase…")))
        else:
            self.passphrase_button.setText(_("&Set backup passphrase…"))
        if self.picker.destination() is None:
            self.empty_label.setText(_("Choose a drive or folder to see the backups on it."))
        else:
            self.empty_label.setText(_("No backups on this drive yet."))
        self.empty_label.setVisible(not self.table.backups)

    def retranslate(self) -> None:
        self.texts.apply()
        self.picker.retranslate()
        self.table.retranslate()
        self.aside_list.retranslate()
        self.panel.retranslate()
        self.list_error.retranslate()
        self.retranslate_state()
        self.actions.retranslate()
