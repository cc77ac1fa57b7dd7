"""What a backup holds, read from its encrypted header: salon, when, which version, counts.

Shown before a restore (so the manager restores the backup they mean: the right salon, the
right day, about the number of clients they expect) and after the monthly "Verify…". The
header holds no personal data, only names of things and numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_
from ui.backup.formatting import SHOWN_TABLES, count_rows, number_text, size_text, when_text
from ui.icons import icon
from ui.widgets import TextBinder, heading, label

if TYPE_CHECKING:
    from salon_desktop.backup.verify import BackupInfo

_FACTS = (("salon", N_("Salon")), ("created", N_("Made")), ("version", N_("Program version")),
          ("size", N_("File size")), ("file", N_("File")))


class HeaderView(QFrame):
    """Two columns: caption | value, the facts first, then the counts per kind of record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.texts = TextBinder()
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        for key, caption in _FACTS:
            self._row(grid, key, caption)
        self.counts_title = QLabel()
        self.counts_title.setProperty("role", "hint")
        self.texts.bind(self.counts_title.setText, N_("Records in the backup"))
        grid.addWidget(self.counts_title, grid.rowCount(), 0, 1, 2)
        self.count_labels: list[tuple[QLabel, QLabel]] = []
        for table, _caption in (*SHOWN_TABLES, ("other", "")):
            caption_label, value = QLabel(), QLabel()
            value.setObjectName(f"count_{table}")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            row = grid.rowCount()
            grid.addWidget(caption_label, row, 0)
            grid.addWidget(value, row, 1)
            self.count_labels.append((caption_label, value))
        self.info: BackupInfo | None = None

    def _row(self, grid: QGridLayout, key: str, caption: str) -> None:
        caption_label, value = QLabel(), QLabel()
        value.setObjectName(f"header_{key}")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setWordWrap(True)
        self.texts.bind(caption_label.setText, caption)
        row = grid.rowCount()
        grid.addWidget(caption_label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1)
        self.values[key] = value

    def set_info(self, info: BackupInfo) -> None:
        self.info = info
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.apply()
        info = self.info
        if info is None:
            return
        header = info.header
        self.values["salon"].setText(header.salon_name)
        self.values["created"].setText(when_text(info.created_at))
        self.values["version"].setText(header.app_version)
        self.values["size"].setText(size_text(info.size_bytes))
        self.values["file"].setText(info.path.name)
        for (caption_label, value), (caption, count) in zip(
                self.count_labels, count_rows(header.counts), strict=True):
            caption_label.setText(caption)
            value.setText(number_text(count))


class VerifiedDialog(QDialog):
    """The result of "Verify…": in order, and what the backup holds."""

    def __init__(self, info: BackupInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        self.setWindowIcon(icon("key"))
        self.setMinimumWidth(480)
        title = heading(1.25)
        self.result_label = label("success")
        self.result_label.setObjectName("verify_result")
        self.header_view = HeaderView()
        self.header_view.set_info(info)
        close = QPushButton()
        close.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        self.texts.bind(self.setWindowTitle, N_("Backup verified"))
        self.texts.bind(title.setText, N_("Backup verified"))
        self.texts.bind(self.result_label.setText,
                        N_("✓ The backup is in order: the passphrase opens it and every part "
                           "of it was checked. It can be restored."))
        self.texts.bind(close.setText, N_("Close"))
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (title, self.result_label, self.header_view):
            layout.addWidget(widget)
        layout.addWidget(buttons)

    def retranslate(self) -> None:
        self.texts.apply()
        self.header_view.retranslate()
