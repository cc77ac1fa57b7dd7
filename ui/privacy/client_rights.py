"""One client's rights, from wherever the client is on screen: the data report (Art. 15),
the portable JSON export (Art. 20), logging a request, erasing the client (Art. 17).
The report is saved as a PDF, or produced in memory and previewed for printing
(``ui/printing.py``) — the client card offers both through the same object.

The consents panel offers them for the picked client; the requests register offers them for
a request's client and passes the request, so carrying it out also closes it (the service
does both in one transaction). Files are written by the core, atomically, exactly where the
person chose — no temporary copy anywhere else. The menu shows only what the role may do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QPushButton, QWidget

from salon_desktop.domain.clients import ClientListItem
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_, _, get_translator
from salon_desktop.services.erasure import ErasureResult
from ui import printing
from ui.privacy import files
from ui.privacy.erase_dialog import EraseClientDialog, EraseTarget
from ui.privacy.request_dialogs import NewRequestDialog
from ui.privacy.texts import PDF_FILTER
from ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from ui.pages import PageEnv

MENU = N_("Data protection")
REPORT = N_("Client data report…")
PRINT_REPORT = N_("Preview and print the client data report…")
PRINT = N_("Preview and print…")
REPORT_NAME = N_("Client data report")  # the preview's title and the print job's name
EXPORT = N_("Export data (JSON)…")
NEW_REQUEST = N_("Log a data protection request…")
ERASE = N_("Erase client data…")
REPORT_TITLE = N_("Save the client data report as PDF")
REPORT_FILE = N_("client-data-report.pdf")
EXPORT_TITLE = N_("Export the client's data as JSON")
EXPORT_FILE = N_("client-data.json")
JSON_FILTER = N_("JSON files (*.json)")
REPORT_SAVED = N_("Client data report saved.")
REPORT_PRINTED = N_("Client data report sent to the printer.")
EXPORT_SAVED = N_("Client data exported.")
CLOSED_TOO = N_("The request is closed as answered.")
LOGGED = N_("Data protection request logged. The answer is due by {date}.")
ERASED = N_("Client data erased.")
D = TypeVar("D", bound=QDialog)


class ClientRights(QObject):
    """The actions, bound to a page's worker, error line and status bar."""

    #: True while a job of these actions runs on the worker (the caller shows it)
    busy = Signal(bool)

    def __init__(self, env: PageEnv, parent: QWidget, error: ErrorLabel,
                 changed: Callable[[], None] = lambda: None,
                 erased: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.env, self.parent_widget, self.error, self.changed = env, parent, error, changed
        self.after_erasure = erased or changed
        session = env.session
        self.can_report = session.can(Permission.REPORT_PRINT)
        self.can_export = session.can(Permission.DATA_EXPORT)
        self.can_erase = session.can(Permission.ERASE)
        self.dialog: QDialog | None = None
        self.actions: list[tuple[QAction, str]] = []
        self._ticket = 0  # bumped by cancel(): a report still on its way is not shown

    def menu_button(self, client: Callable[[], ClientListItem | None]) -> QPushButton:
        """"Data protection" (a menu) for the client ``client()`` returns when used.

        A push button with a menu, like the card's "Report…": its size hint keeps room for
        the drop-down arrow, where a tool button in instant-popup mode draws the arrow over
        the last letters ("Andmekaitse", "Защита данных")."""
        button = QPushButton()
        button.setObjectName("client_rights")
        menu = QMenu(button)
        entries = (("report", REPORT, self.can_report, lambda c: self.save_report(c.id)),
                   ("print", PRINT_REPORT, self.can_report,
                    lambda c: self.preview_report(c.id)),
                   ("export", EXPORT, self.can_export, lambda c: self.export_json(c.id)),
                   ("request", NEW_REQUEST, self.can_report, self.new_request),
                   ("erase", ERASE, self.can_erase,
                    lambda c: self.erase(c.id, c.first_name, c.last_name)))
        for name, msgid, allowed, run in entries:
            if not allowed:
                continue
            if name == "erase":
                menu.addSeparator()
            action = menu.addAction("")
            action.setObjectName(f"rights_{name}")
            action.triggered.connect(lambda _c=False, r=run: self._with(client(), r))
            self.actions.append((action, msgid))
        button.setMenu(menu)
        if not self.actions:  # not setVisible(True): no parent yet, a window
            button.hide()
        self.busy.connect(lambda running: button.setEnabled(not running))
        self.button = button
        return button

    def retranslate(self) -> None:
        if hasattr(self, "button"):
            self.button.setText(_(MENU))  # Qt draws the menu arrow beside it
            for action, msgid in self.actions:
                action.setText(_(msgid))

    @staticmethod
    def _with(client: ClientListItem | None, run: Callable[[ClientListItem], object]) -> None:
        if client is not None:
            run(client)

    # -- the actions ---------------------------------------------------------------------------
    def _run(self, job: Callable[[], object], status: str) -> None:
        self.error.clear_error()
        self.busy.emit(True)

        def done(_result: object) -> None:
            self.busy.emit(False)
            self.env.show_status(status)
            self.changed()

        def failed(error: BaseException) -> None:
            self.busy.emit(False)
            self.error.show_error(error)

        self.env.worker.run(job, done, failed, owner=self.parent_widget)

    def cancel(self) -> None:
        """The client left the screen (card closed, page cleared by the lock): a report still
        being produced is not shown. An open preview is the lock's to reject."""
        self._ticket += 1

    def save_report(self, client_id: int, request_id: int | None = None, *,
                    language: str | None = None) -> None:
        chosen = files.ask_save_path(self.parent_widget, _(REPORT_TITLE), _(REPORT_FILE),
                                     _(PDF_FILTER))
        if chosen:
            path, subject = files.with_suffix(chosen, ".pdf"), self.env.ctx.services.data_subject
            self._run(lambda: subject.save_access_report(client_id, Path(path),
                                                         language=language,
                                                         request_id=request_id),
                      self._saved(REPORT_SAVED, request_id))

    def preview_report(self, client_id: int, request_id: int | None = None, *,
                       language: str | None = None) -> None:
        """The report in memory (the client's language; audited as a preview), then the print
        preview. Once pages reach a printer, ``_printed`` records the paper copy and, with
        ``request_id``, closes the access request as answered — as saving does."""
        subject = self.env.ctx.services.data_subject
        self._ticket += 1
        ticket = self._ticket
        self.error.clear_error()
        self.busy.emit(True)

        def show(pdf: bytes) -> None:
            self.busy.emit(False)
            if ticket != self._ticket:
                return
            try:
                dialog = printing.preview_and_print(self.parent_widget, pdf, _(REPORT_NAME))
            except printing.PreviewFailed as error:
                self.error.show_error(error)
                return
            dialog.printed.connect(lambda _pages: self._printed(client_id, request_id,
                                                                language))
            self.dialog = dialog  # it discards the PDF and deletes itself when finished
            dialog.finished.connect(lambda _r: self._closed(dialog))

        def failed(error: BaseException) -> None:
            self.busy.emit(False)
            if ticket == self._ticket:
                self.error.show_error(error)

        self.env.worker.run(lambda: subject.access_report_pdf(client_id, language=language),
                            show, failed,
                            owner=self.parent_widget)

    def _printed(self, client_id: int, request_id: int | None,
                 language: str | None = None) -> None:
        """Audit the paper copy (``report.print``, output=print). The core records that only
        while producing the report, so it is produced once more on the worker and the bytes
        are dropped there (~0.1 s); a core call that only records it would spare that."""
        services = self.env.ctx.services

        def record() -> None:
            services.data_subject.access_report_pdf(client_id, language=language,
                                                    output="print")
            if request_id is not None:
                services.requests.close(request_id)

        self._run(record, self._saved(REPORT_PRINTED, request_id))

    def export_json(self, client_id: int, request_id: int | None = None, *,
                    language: str | None = None) -> None:
        chosen = files.ask_save_path(self.parent_widget, _(EXPORT_TITLE), _(EXPORT_FILE),
                                     _(JSON_FILTER))
        if chosen:
            path, subject = files.with_suffix(chosen, ".json"), self.env.ctx.services.data_subject
            self._run(lambda: subject.export_json(client_id, Path(path), language=language,
                                                  request_id=request_id),
                      self._saved(EXPORT_SAVED, request_id))

    @staticmethod
    def _saved(msgid: str, request_id: int | None) -> str:
        return _(msgid) + (f" {_(CLOSED_TOO)}" if request_id is not None else "")

    def new_request(self, client: ClientListItem | None) -> NewRequestDialog:
        dialog = NewRequestDialog(self.env, client, self.parent_widget)
        dialog.saved.connect(lambda request: self._logged(request.due_on))
        return self.open_dialog(dialog)

    def _logged(self, due: date) -> None:
        self.env.show_status(_(LOGGED).format(date=get_translator().date(due)))
        self.changed()

    def erase(self, client_id: int, first_name: str | None = None,
              last_name: str | None = None, request_id: int | None = None) -> None:
        """Ask the service what would go and stay, then open the confirmation. Without the
        names (from the register, which has "first last" only) the card supplies them."""
        services = self.env.ctx.services

        def preview() -> EraseTarget:
            first, last = first_name, last_name
            if first is None or last is None:
                card = services.clients.get_card(client_id)
                first, last = card.first_name or "", card.last_name or ""
            return EraseTarget(client_id, first, last,
                               services.erasure.preview(client_id),
                               int(services.settings.get("retention_accounting_years")),
                               request_id)

        self.error.clear_error()
        self.env.worker.run(preview, self._confirm_erase, self.error.show_error,
                            owner=self.parent_widget)

    def _confirm_erase(self, target: EraseTarget) -> None:
        dialog = EraseClientDialog(self.env, target, self.parent_widget)
        dialog.erased.connect(self._erased)
        self.open_dialog(dialog)

    def _erased(self, _result: ErasureResult) -> None:
        self.env.show_status(_(ERASED))
        self.after_erasure()

    def open_dialog(self, dialog: D) -> D:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
