"""Import clients from a spreadsheet: file → column mapping (with a preview) → report.

The core suggests the mapping from the header names (English, Estonian and Russian), checks
every row exactly like the client form and writes the good rows in one transaction; the
report lists each left-out row with its spreadsheet row number and the reason, so reception
can fix the file and import just those rows again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from salon_desktop.domain.client_import import ImportPreview, ImportReport
from salon_desktop.i18n import N_
from ui.clients.import_pages import FilePage, ImportPage, MappingPage, ReportPage
from ui.pages import PageEnv
from ui.widgets import TextBinder

W = QWizard.WizardButton


class ImportWizard(QWizard):
    FILE, MAPPING, REPORT = range(3)
    imported = Signal(int)  # how many clients were added

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.texts = TextBinder()
        self.texts.bind(self.setWindowTitle, N_("Import clients"))
        for which, msgid in ((W.BackButton, N_("Back")), (W.NextButton, N_("Next")),
                             (W.CancelButton, N_("Cancel")), (W.FinishButton, N_("Finish"))):
            self.texts.bind(lambda text, w=which: self.setButtonText(w, text), msgid)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.report_page = ReportPage()
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.REPORT, self.report_page)
        self.resize(880, 620)

    def start_import(self, mapping: dict[int, str]) -> None:
        """Called by the mapping page; on success the wizard moves on to the report."""
        assert self.path is not None
        path, importer = self.path, self.env.ctx.services.client_import
        self.button(W.CommitButton).setEnabled(False)

        def done(report: ImportReport) -> None:
            self.report = report
            self.mapping_page.busy.hide()
            self.button(W.CommitButton).setEnabled(True)
            if report.imported:
                self.imported.emit(report.imported)
            self.next()

        def failed(error: BaseException) -> None:
            self.button(W.CommitButton).setEnabled(True)
            self.mapping_page.import_failed(error)

        self.env.worker.run(lambda: importer.import_rows(path, mapping), done, failed,
                            owner=self)

    def retranslate(self) -> None:
        self.texts.apply()
        for page_id in self.pageIds():
            page = self.page(page_id)
            if isinstance(page, ImportPage):
                page.retranslate()
