"""The paper consent form: print it, then record what the client ticked.

The printed form is kept (``PrintedForm``: which wording versions it showed) until it is
recorded, because the client may sign it later in the visit; "Record signed form…" stays
available for that client until sign-out. Only what was ticked is recorded, with the
versions the paper showed, by the method "signed paper form".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from salon_desktop.domain.consents import ConsentEvent, PrintedForm
from salon_desktop.i18n import N_, _, ngettext
from ui.privacy import files
from ui.privacy.record_form_dialog import RecordFormDialog
from ui.privacy.texts import PDF_FILTER

if TYPE_CHECKING:
    from ui.privacy.consents_panel import ConsentsPanel

PRINT = N_("Print consent form…")
PRINT_TIP = N_("Save the consent form as a PDF in the client's language, print it, and let "
               "the client tick and sign it.")
RECORD = N_("Record signed form…")
SAVE_TITLE = N_("Save the consent form as PDF")
SUGGESTED = N_("consent-form.pdf")
SAVED = N_("Consent form saved. Print it and let the client tick and sign it.")
NOTHING = N_("Nothing was ticked on the form, so nothing was recorded.")


class PaperForms(QObject):
    def __init__(self, panel: ConsentsPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.pending: dict[int, tuple[PrintedForm, Path | None]] = {}
        self.dialog: RecordFormDialog | None = None
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_consent_form")
        self.print_button.clicked.connect(self.print_form)
        if not panel.can_write:  # not setVisible(True): no parent yet, a window
            self.print_button.hide()
        self.record_button = QPushButton()
        self.record_button.setObjectName("record_signed_form")
        self.record_button.clicked.connect(self.open_record_dialog)
        self.record_button.hide()

    def retranslate(self) -> None:
        self.print_button.setText(_(PRINT))
        self.print_button.setToolTip(_(PRINT_TIP))
        self.record_button.setText(_(RECORD))
        if self.dialog is not None:
            self.dialog.retranslate()

    def sync(self) -> None:
        client = self.panel.client
        self.record_button.setVisible(client is not None and client.id in self.pending)

    def print_form(self) -> None:
        client = self.panel.client
        if client is None:
            return
        chosen = files.ask_save_path(self.panel, _(SAVE_TITLE), _(SUGGESTED), _(PDF_FILTER))
        if not chosen:
            return
        path = files.with_suffix(chosen, ".pdf")
        consents = self.panel.env.ctx.services.consents
        self.panel.error.clear_error()
        self.print_button.setEnabled(False)

        def printed(form: PrintedForm) -> None:
            self.print_button.setEnabled(True)
            self.pending[form.client_id] = (form, path)
            self.panel.env.show_status(_(SAVED))
            self.sync()
            if self.panel.client is not None and self.panel.client.id == form.client_id:
                self.open_record_dialog()

        def failed(error: BaseException) -> None:
            self.print_button.setEnabled(True)
            self.panel.error.show_error(error)

        self.panel.env.worker.run(lambda: consents.consent_form(client.id, path), printed,
                                  failed, owner=self.panel)

    def open_record_dialog(self) -> RecordFormDialog | None:
        client = self.panel.client
        if client is None or client.id not in self.pending:
            return None
        form, path = self.pending[client.id]
        dialog = RecordFormDialog(form, f"{client.first_name} {client.last_name}", path,
                                  self.panel)
        dialog.accepted.connect(lambda: self.record(form, dialog.ticked()))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def record(self, form: PrintedForm, ticked: list) -> None:
        if not ticked:
            self.pending.pop(form.client_id, None)
            self.sync()
            self.panel.env.show_status(_(NOTHING))
            return
        consents = self.panel.env.ctx.services.consents

        def recorded(events: tuple[ConsentEvent, ...]) -> None:
            self.pending.pop(form.client_id, None)
            self.panel.env.show_status(ngettext(
                "{count} consent recorded from the signed form.",
                "{count} consents recorded from the signed form.",
                len(events)).format(count=len(events)))
            self.panel.reload()

        self.panel.error.clear_error()
        self.panel.env.worker.run(lambda: consents.record_form(form, ticked), recorded,
                                  self.panel.error.show_error, owner=self.panel)
