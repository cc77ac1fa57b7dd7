"""The pages of the import wizard: the file, the column mapping, the report.

Reading the file (``preview``) and importing (``import_rows``) run on the worker: a list of
several thousand clients takes a moment to check, and the window must not freeze meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from salon_desktop.domain.client_import import (
    FIELD_LABELS,
    IMPORT_FIELDS,
    REQUIRED_FIELDS,
    ImportPreview,
)
from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_, _, ngettext
from ui.widgets import ErrorLabel, TextBinder, busy_bar, label

if TYPE_CHECKING:
    from ui.clients.import_wizard import ImportWizard

PREVIEW_ROWS = 8
NOT_IMPORTED = N_("— not imported —")
NEED_NAMES = N_("Please choose the columns that hold the first name and the last name.")
ONE_COLUMN_EACH = N_("Each field can come from one column only.")


def ask_csv_path(parent: QWidget) -> str:
    """The file to import (a function of its own so tests can answer for the person)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getOpenFileName(parent, _("Choose the client list"), folder,
                                                _("CSV files (*.csv *.txt)"))
    return path


def _table() -> QTableWidget:
    table = QTableWidget()
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: no cell cursor to move
    return table


class ImportPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.texts = TextBinder()
        self.error = ErrorLabel()
        self.busy = busy_bar()
        self.busy.hide()

    def import_wizard(self) -> ImportWizard:
        return cast("ImportWizard", self.wizard())

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()


class FilePage(ImportPage):
    def __init__(self) -> None:
        super().__init__()
        self.texts.bind(self.setTitle, N_("Choose the file"))
        self.texts.bind(self.setSubTitle, N_("A CSV file saved from Excel or another program; "
                                             "the first row holds the column names."))
        self.choose = QPushButton()
        self.choose.setObjectName("choose_file")
        self.texts.bind(self.choose.setText, N_("Choose file…"))
        self.choose.clicked.connect(self._choose)
        self.path_label = label()
        self.path_label.setObjectName("import_path")
        tip = label("hint")
        self.texts.bind(tip.setText, N_("In Excel: File → Save As → “CSV UTF-8”. Columns can "
                                        "be in any order; you match them on the next page."))
        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addWidget(self.path_label, 1)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.busy)
        column.addWidget(self.error)
        column.addWidget(tip)
        column.addStretch(1)

    def _choose(self) -> None:
        chosen = ask_csv_path(self)
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        """Read the header and the first rows on the worker."""
        wizard = self.import_wizard()
        wizard.path, wizard.preview = path, None
        self.path_label.setText(path.name)
        self.error.clear_error()
        self.busy.show()
        self.completeChanged.emit()
        importer = wizard.env.ctx.services.client_import

        def done(preview: ImportPreview) -> None:
            self.busy.hide()
            wizard.preview = preview
            self.completeChanged.emit()

        def failed(error: BaseException) -> None:
            self.busy.hide()
            self.error.show_error(error)

        wizard.env.worker.run(lambda: importer.preview(path), done, failed, owner=self)

    def isComplete(self) -> bool:
        return self.import_wizard().preview is not None


class MappingPage(ImportPage):
    def __init__(self) -> None:
        super().__init__()
        self.texts.bind(self.setTitle, N_("Match the columns"))
        self.texts.bind(self.setSubTitle, N_("Choose which client field each column holds. "
                                             "Columns left as “not imported” are skipped."))
        self.setCommitPage(True)
        self.texts.bind(lambda text: self.setButtonText(QWizard.WizardButton.CommitButton, text),
                        N_("Import"))
        self.mapping_table = _table()
        self.mapping_table.setObjectName("mapping")
        self.preview_table = _table()
        self.preview_table.setObjectName("preview")
        self.rows_label = label("hint")
        self.combos: list[QComboBox] = []
        column = QVBoxLayout(self)
        column.addWidget(self.mapping_table)
        column.addWidget(self.rows_label)
        column.addWidget(self.preview_table, 1)
        column.addWidget(self.error)
        column.addWidget(self.busy)

    def initializePage(self) -> None:
        preview = self.import_wizard().preview
        assert preview is not None
        self.error.clear_error()
        self.combos = []
        table = self.mapping_table
        table.setRowCount(len(preview.columns))
        table.setColumnCount(3)
        for row, name in enumerate(preview.columns):
            table.setItem(row, 0, QTableWidgetItem(name))
            sample = next((r[row] for r in preview.rows if row < len(r) and r[row].strip()), "")
            table.setItem(row, 1, QTableWidgetItem(sample))
            combo = QComboBox()
            combo.setObjectName(f"map_{row}")
            combo.addItem("", None)
            for field in IMPORT_FIELDS:
                combo.addItem("", field)
            combo.setCurrentIndex(max(0, combo.findData(preview.suggested_mapping.get(row))))
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeRowsToContents()
        shown = sum(table.rowHeight(row) for row in range(min(table.rowCount(), 9)))
        table.setFixedHeight(shown + table.horizontalHeader().sizeHint().height() + 4)
        self._fill_preview(preview)
        self.retranslate()

    def _fill_preview(self, preview: ImportPreview) -> None:
        rows = preview.rows[:PREVIEW_ROWS]
        table = self.preview_table
        table.setColumnCount(len(preview.columns))
        table.setHorizontalHeaderLabels(list(preview.columns))
        table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values[:len(preview.columns)]):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeColumnsToContents()

    def mapping(self) -> dict[int, str]:
        return {row: str(combo.currentData()) for row, combo in enumerate(self.combos)
                if combo.currentData() is not None}

    def set_field(self, column: int, field: str | None) -> None:
        self.combos[column].setCurrentIndex(max(0, self.combos[column].findData(field)))

    def _changed(self) -> None:
        self.error.clear_error()
        self.completeChanged.emit()

    def check(self) -> ValidationError | None:
        fields = list(self.mapping().values())
        if len(fields) != len(set(fields)):
            return ValidationError("mapping", ONE_COLUMN_EACH)
        if not all(required in fields for required in REQUIRED_FIELDS):
            return ValidationError("mapping", NEED_NAMES)
        return None

    def validatePage(self) -> bool:
        wizard = self.import_wizard()
        if wizard.report is not None:
            return True
        problem = self.check()
        if problem is not None:
            self.error.show_error(problem)
            return False
        if not self.busy.isVisible():
            self.busy.show()
            wizard.start_import(self.mapping())
        return False

    def import_failed(self, error: BaseException) -> None:
        self.busy.hide()
        self.error.show_error(error)

    def retranslate(self) -> None:
        super().retranslate()
        self.mapping_table.setHorizontalHeaderLabels(
            [_("Column in the file"), _("Example"), _("Client field")])
        for combo in self.combos:
            combo.setItemText(0, _(NOT_IMPORTED))
            for index, field in enumerate(IMPORT_FIELDS, start=1):
                combo.setItemText(index, _(FIELD_LABELS[field]))
        preview = self.import_wizard().preview if self.wizard() else None
        if preview is not None:
            shown = min(PREVIEW_ROWS, len(preview.rows))
            self.rows_label.setText(ngettext(
                "The file has {count} client row; the first {shown} are shown below.",
                "The file has {count} client rows; the first {shown} are shown below.",
                preview.row_count).format(count=preview.row_count, shown=shown))


class ReportPage(ImportPage):
    def __init__(self) -> None:
        super().__init__()
        self.texts.bind(self.setTitle, N_("Import finished"))
        self.summary = label()
        self.summary.setObjectName("import_summary")
        self.rejected = _table()
        self.rejected.setObjectName("rejected")
        self.rejected.setColumnCount(2)
        self.rejected.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.rejected, 1)

    def initializePage(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        report = self.import_wizard().report if self.wizard() else None
        if report is None:
            return
        imported = ngettext("{count} client was imported.", "{count} clients were imported.",
                            report.imported).format(count=report.imported)
        rejected = ngettext("{count} row was left out; fix it in the file and import it again.",
                            "{count} rows were left out; fix them in the file and import them "
                            "again.", len(report.rejected)).format(count=len(report.rejected))
        self.summary.setText(f"{imported} {rejected}" if report.rejected else imported)
        self.rejected.setVisible(bool(report.rejected))
        self.rejected.setHorizontalHeaderLabels([_("Row"), _("Reason")])
        self.rejected.setRowCount(len(report.rejected))
        for row, item in enumerate(report.rejected):
            self.rejected.setItem(row, 0, QTableWidgetItem(str(item.row_number)))
            reason = QTableWidgetItem(item.message())
            reason.setToolTip(reason.text())
            self.rejected.setItem(row, 1, reason)
        header = self.rejected.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rejected.resizeRowsToContents()  # long reasons wrap instead of being cut
