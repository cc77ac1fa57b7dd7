"""Where the backup goes: a drive from the list, or any folder ("Choose folder…").

A freshly plugged stick appears after "Refresh" (or when the tab is shown again). The first
removable-looking drive is chosen by default: a backup on the PC's own disk does not survive
that disk. A chosen folder stays in the list for this session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from salon_desktop.i18n import N_, _
from ui.backup.drives import Drive, folder_drive, list_drives
from ui.backup.formatting import size_text
from ui.widgets import TextBinder

NO_DRIVE = N_("No drive found: plug in the backup stick or choose a folder.")


def ask_folder(parent: QWidget) -> str:
    """The folder dialog (a seam: tests and screenshots answer it without a dialog)."""
    return QFileDialog.getExistingDirectory(parent, _("Choose the backup folder"))


def drive_text(drive: Drive, *, folder: bool = False) -> str:
    details = [_("{free} free").format(free=size_text(drive.free_bytes))]
    if drive.fs_type:
        details.append(drive.fs_type)
    if drive.removable:
        details.append(_("removable"))
    if drive.read_only:
        details.append(_("read-only"))
    # Name and free space first: a long folder path is what gets cut off, not the facts.
    if folder:
        return _("Folder {name} ({details}) — {path}").format(
            name=drive.name, details=", ".join(details), path=drive.path)
    name = drive.name or _("This computer's disk")
    return f"{name} ({', '.join(details)}) — {drive.path}"


class DestinationPicker(QWidget):
    #: The chosen folder, or None when nothing is chosen.
    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        self.combo = QComboBox()
        self.combo.setObjectName("backup_destination")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        self.refresh_button = QPushButton()
        self.folder_button = QPushButton()
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.folder_button.clicked.connect(self.choose_folder)
        self.texts.bind(self.refresh_button.setText, N_("&Refresh"))
        self.texts.bind(self.refresh_button.setToolTip,
                        N_("Look for drives again (after plugging in a stick)"))
        self.texts.bind(self.folder_button.setText, N_("Choose &folder…"))
        self.texts.bind(self.combo.setPlaceholderText, NO_DRIVE)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        self._drives: list[tuple[Drive, bool]] = []  # (drive, is a chosen folder)
        self._folders: list[Path] = []
        self.combo.currentIndexChanged.connect(lambda _i: self._sync_tooltip())
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit(self.destination()))
        self.refresh()

    def destination(self) -> Path | None:
        index = self.combo.currentIndex()
        return self._drives[index][0].path if 0 <= index < len(self._drives) else None

    def refresh(self, *, prefer: Path | None = None) -> None:
        """Re-read the drives; keep the current choice (or ``prefer``) if it is there."""
        before = self.destination()
        keep = prefer or before
        drives = [(d, False) for d in list_drives()]
        drives += [(folder_drive(f), True) for f in self._folders]
        self._drives = drives
        self.combo.blockSignals(True)
        self.combo.clear()
        for drive, folder in drives:
            text = drive_text(drive, folder=folder)
            self.combo.addItem(text)
            self.combo.setItemData(self.combo.count() - 1, text,
                                   Qt.ItemDataRole.ToolTipRole)
        self._sync_tooltip()
        index = self._index_of(keep) if keep is not None else -1
        if index < 0:
            index = next((i for i, (d, _f) in enumerate(drives) if d.removable and not
                          d.read_only), -1)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        if self.destination() != before:
            self.changed.emit(self.destination())

    def _index_of(self, path: Path) -> int:
        return next((i for i, (d, _f) in enumerate(self._drives) if d.path == path), -1)

    def set_folder(self, folder: Path) -> None:
        """Offer ``folder`` (kept for this session) and choose it."""
        folder = Path(folder)
        if folder not in self._folders and self._index_of(folder) < 0:
            self._folders.append(folder)
        self.refresh(prefer=folder)

    def choose_folder(self) -> None:
        chosen = ask_folder(self)
        if chosen:
            self.set_folder(Path(chosen))

    def retranslate(self) -> None:
        self.texts.apply()
        for index, (drive, folder) in enumerate(self._drives):
            text = drive_text(drive, folder=folder)
            self.combo.setItemText(index, text)
            self.combo.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)
        self._sync_tooltip()

    def _sync_tooltip(self) -> None:
        """The whole text, for when the field is too narrow for a long folder path."""
        self.combo.setToolTip(self.combo.currentText())
