"""The backups on the chosen drive (newest first), and the databases restores kept aside.

The list comes from the file names alone (no passphrase needed): date, size and file name.
Only finished, verified backups carry a final name, so everything listed here was complete
when written; "Verify…" proves it is still readable today.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from salon_desktop.i18n import N_, _
from ui.backup.formatting import size_text, when_text

if TYPE_CHECKING:
    from salon_desktop.backup.rotation import BackupFile

COLUMNS = (N_("Made"), N_("Size"), N_("File"))
_ASIDE_MARK = ".before-restore-"


class BackupTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("backup_list")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.backups: list[BackupFile] = []
        self.retranslate()

    def set_backups(self, backups: list[BackupFile]) -> None:
        keep = self.selected()
        self.backups = list(backups)
        self.setRowCount(len(self.backups))
        self._fill()
        paths = [b.path for b in self.backups]
        if keep is not None and keep.path in paths:
            self.selectRow(paths.index(keep.path))
        elif self.backups:
            self.selectRow(0)

    def _fill(self) -> None:
        for row, backup in enumerate(self.backups):
            size = QTableWidgetItem(size_text(backup.size_bytes))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((QTableWidgetItem(when_text(backup.created_at)),
                                           size, QTableWidgetItem(backup.path.name))):
                self.setItem(row, column, item)

    def selected(self) -> BackupFile | None:
        rows = self.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.backups):
            return None
        return self.backups[rows[0].row()]

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self._fill()


def kept_at(path: Path) -> datetime | None:
    """When a restore set this database aside (UTC in its name), else its file time."""
    stamp = path.name.partition(_ASIDE_MARK)[2][:15]
    try:
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        with contextlib.suppress(OSError):
            return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class SetAsideList(QListWidget):
    """Databases replaced by restores: "Kept aside on 25.11.2026 10:00 (12 MB)"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("set_aside_list")
        self.paths: list[Path] = []

    def set_paths(self, paths: list[Path]) -> None:
        self.paths = list(paths)
        self.clear()
        for path in self.paths:
            item = QListWidgetItem()
            item.setToolTip(path.name)
            self.addItem(item)
        self.retranslate()
        if self.paths:
            self.setCurrentRow(0)
            rows = min(3, len(self.paths))  # no tall empty box for the usual one entry
            self.setFixedHeight(rows * self.sizeHintForRow(0) + 2 * self.frameWidth() + 4)

    def selected(self) -> Path | None:
        row = self.currentRow()
        return self.paths[row] if 0 <= row < len(self.paths) else None

    def text_for(self, path: Path) -> str:
        moment = kept_at(path)
        when = when_text(moment) if moment else path.name
        return _("Replaced on {when} ({size})").format(when=when, size=size_text(_size(path)))

    def retranslate(self) -> None:
        for row, path in enumerate(self.paths):
            self.item(row).setText(self.text_for(path))
