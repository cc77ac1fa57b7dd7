"""The salon's record of processing (GDPR Art. 30) and security measures (Art. 32), kept by
the manager and printed for the Andmekaitse Inspektsioon.

It is shown in the program's language (``ProcessingRecordService.record``), reloaded when
the language changes, and after every change — so what is on screen is what is stored.
Keeping it is mostly ticking off checks, so "Mark checked today" is one click on the
selected measure; the measures that are due stand out (``record_models.check_due``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.processing_record import ProcessingRecord
from salon_desktop.i18n import N_, _, current_language
from ui.privacy import files
from ui.privacy.texts import PDF_FILTER
from ui.reports.record_dialogs import MeasureDialog, RecipientDialog
from ui.reports.record_models import ActivitiesModel, MeasuresModel, RecipientsModel
from ui.reports.wrap_table import WrapTable
from ui.widgets import ErrorLabel, TextBinder, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

INTRO = N_("What the salon does with personal data and how it keeps it safe, as the "
           "Andmekaitse Inspektsioon may ask to see it. Check every measure at least once "
           "a year.")
MEASURES, ACTIVITIES, RECIPIENTS = (N_("Security measures"), N_("Processing activities"),
                                    N_("Recipients"))
DUE_LEGEND = N_("Marked in red: never checked, or last checked 12 or more months ago.")
SAVE = N_("Save as PDF…")
SAVE_TITLE = N_("Save the record of processing as PDF")
SAVE_FILE = N_("record-of-processing.pdf")
CHECKED, ADD_MEASURE, EDIT_MEASURE = (N_("Mark checked today"), N_("Add measure…"),
                                      N_("Edit measure…"))
REVIEWED, ADD_RECIPIENT, EDIT_RECIPIENT = (N_("Mark reviewed"), N_("Add recipient…"),
                                           N_("Edit recipient…"))
CHECKED_DONE = N_("Measure marked as checked today.")
REVIEWED_DONE = N_("Activity marked as reviewed today.")
MEASURE_SAVED = N_("Security measure saved.")
RECIPIENT_SAVED = N_("Recipient saved.")
PDF_SAVED = N_("Record of processing saved as PDF.")
#: the columns holding sentences share the width; the others fit their contents
WIDE = {"measures": (0,), "activities": (0, 1, 2, 3), "recipients": (2,)}


def _identity(item: object) -> object:
    """A measure's or recipient's id, an activity's key."""
    return getattr(item, "id", None) or getattr(item, "key", None)


class RecordPanel(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.record: ProcessingRecord | None = None
        self.dialog: QDialog | None = None
        self._ticket = 0
        self.error = ErrorLabel()
        self.measures, self.activities = MeasuresModel(), ActivitiesModel()
        self.recipients = RecipientsModel()
        self.tables = {name: WrapTable(name, model, WIDE[name]) for name, model in (
            ("measures", self.measures), ("activities", self.activities),
            ("recipients", self.recipients))}
        self.buttons: dict[str, QPushButton] = {}
        intro = label("hint")
        self.save_button = self._button("record_pdf", SAVE, self.save_pdf)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.save_button)
        legend = label("hint")
        self.sections = QTabWidget()
        self.sections.setObjectName("record_sections")
        self._titles = (MEASURES, ACTIVITIES, RECIPIENTS)
        self._section("measures", (("checked", CHECKED, self.mark_checked),
                                   ("add_measure", ADD_MEASURE, self.add_measure),
                                   ("edit_measure", EDIT_MEASURE, self.edit_measure)), legend)
        self._section("activities", (("reviewed", REVIEWED, self.mark_reviewed),), None)
        self._section("recipients", (("add_recipient", ADD_RECIPIENT, self.add_recipient),
                                     ("edit_recipient", EDIT_RECIPIENT,
                                      self.edit_recipient)), None)
        self.tables["measures"].doubleClicked.connect(lambda _i: self.edit_measure())
        self.tables["recipients"].doubleClicked.connect(lambda _i: self.edit_recipient())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.sections, 1)
        self.texts.bind(intro.setText, INTRO)
        self.texts.bind(legend.setText, DUE_LEGEND)
        self.retranslate()

    def _button(self, name: str, msgid: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: action())
        self.texts.bind(button.setText, msgid)
        self.buttons[name] = button
        return button

    def _section(self, name: str, actions: tuple[tuple[str, str, Callable[[], object]], ...],
                 legend: QWidget | None) -> None:
        row = QHBoxLayout()
        for key, msgid, action in actions:
            row.addWidget(self._button(key, msgid, action))
        row.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.tables[name], 1)
        if legend is not None:
            column.addWidget(legend)
        column.addLayout(row)
        self.sections.addTab(page, "")
        self.tables[name].selectionModel().selectionChanged.connect(lambda *_a: self._sync())

    # -- loading -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self.reload()  # the checks' due dates move with the calendar
        super().showEvent(event)

    def reload(self) -> None:
        self._ticket += 1
        ticket, language = self._ticket, current_language()
        service, clock = self.env.ctx.services.processing_record, self.env.ctx.clock

        def load() -> tuple[ProcessingRecord, date]:
            return service.record(language), clock.now().astimezone().date()

        self.env.worker.run(load, lambda result: self._show(ticket, *result),
                            lambda error: self._failed(ticket, error), owner=self)

    def _show(self, ticket: int, record: ProcessingRecord, today: date) -> None:
        if ticket != self._ticket:
            return
        models = {"measures": self.measures, "activities": self.activities,
                  "recipients": self.recipients}
        kept = {name: _identity(model.rows[row]) for name, model in models.items()
                if (row := self._selected_row(name)) is not None}
        self.record = record
        self.error.clear_error()
        self.measures.show(sorted(record.measures, key=lambda m: not m.active), today)
        self.activities.show(record.activities, today)
        self.recipients.show(record.recipients, today)
        for name, identity in kept.items():  # the selection follows the item, not the row
            found = [_identity(item) for item in models[name].rows]
            if identity in found:
                self.tables[name].selectRow(found.index(identity))
        self._sync()

    def _failed(self, ticket: int, error: BaseException) -> None:
        if ticket == self._ticket:
            self.error.show_error(error)

    def _selected_row(self, name: str) -> int | None:
        rows = self.tables[name].selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _sync(self) -> None:
        measure = self._selected_row("measures")
        active = measure is not None and self.measures.rows[measure].active
        self.buttons["checked"].setEnabled(active)
        self.buttons["edit_measure"].setEnabled(measure is not None)
        self.buttons["reviewed"].setEnabled(self._selected_row("activities") is not None)
        self.buttons["edit_recipient"].setEnabled(self._selected_row("recipients") is not None)
        self.save_button.setEnabled(self.record is not None)

    # -- changes -----------------------------------------------------------------------------
    def _change(self, job: Callable[[], object], status: str) -> None:
        def done(_result: object) -> None:
            self.env.show_status(_(status))
            self.reload()

        self.error.clear_error()
        self.env.worker.run(job, done, self.error.show_error, owner=self)

    def mark_checked(self) -> None:
        row = self._selected_row("measures")
        if row is not None and self.measures.rows[row].active:
            service, measure_id = self.env.ctx.services.processing_record, \
                self.measures.rows[row].id
            self._change(lambda: service.mark_measure_checked(measure_id), CHECKED_DONE)

    def mark_reviewed(self) -> None:
        row = self._selected_row("activities")
        if row is not None:
            service, key = self.env.ctx.services.processing_record, self.activities.rows[row].key
            self._change(lambda: service.mark_activity_reviewed(key), REVIEWED_DONE)

    def add_measure(self) -> MeasureDialog:
        return self._open(MeasureDialog(self.env, None, self), MEASURE_SAVED)

    def edit_measure(self) -> MeasureDialog | None:
        row = self._selected_row("measures")
        if row is None:
            return None
        return self._open(MeasureDialog(self.env, self.measures.rows[row], self), MEASURE_SAVED)

    def add_recipient(self) -> RecipientDialog:
        return self._open(RecipientDialog(self.env, None, self), RECIPIENT_SAVED)

    def edit_recipient(self) -> RecipientDialog | None:
        row = self._selected_row("recipients")
        if row is None:
            return None
        return self._open(RecipientDialog(self.env, self.recipients.rows[row], self),
                          RECIPIENT_SAVED)

    def _open(self, dialog: MeasureDialog | RecipientDialog, status: str
              ) -> MeasureDialog | RecipientDialog:
        """Window-modal, so the lock can reject it like any other dialog."""
        self.dialog = dialog
        dialog.saved.connect(lambda: (self.env.show_status(_(status)), self.reload()))
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def save_pdf(self) -> None:
        """The whole record in the program's language, written by the core where chosen."""
        chosen = files.ask_save_path(self, _(SAVE_TITLE), _(SAVE_FILE), _(PDF_FILTER))
        if chosen:
            path, language = files.with_suffix(chosen, ".pdf"), current_language()
            service = self.env.ctx.services.processing_record
            self._change(lambda: service.save_pdf(path, language), PDF_SAVED)

    def retranslate(self) -> None:
        self.texts.apply()
        for index, title in enumerate(self._titles):
            self.sections.setTabText(index, _(title))
        for model in (self.measures, self.activities, self.recipients):
            model.retranslate()
        self.error.retranslate()
        if self.record is not None and self.record.language != current_language():
            self.reload()  # the texts themselves come from the core, in one language
