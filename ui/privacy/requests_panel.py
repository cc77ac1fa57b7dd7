"""The register of data protection requests (manager): deadlines, extensions, closing, and
carrying a request out.

Carrying out is one button whose words follow the selected request: an access request gets
"Client data report…", a portability request "Export data (JSON)…", an erasure request
"Erase client data…". The core then closes the request in the same transaction as the
work, so the register cannot say "open" about something already done (or the reverse).
Rectification, restriction and objection are carried out on the client's card or in the
consents tab, then closed here. An access request may also be answered on paper: "Preview
and print…" prints the report and closes the request once the pages went to the printer.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.rights import DataRequest, RequestKind, RequestStatus
from salon_desktop.i18n import N_, _, get_translator
from ui.privacy.client_rights import ERASE, EXPORT, PRINT, REPORT, ClientRights
from ui.privacy.request_dialogs import CloseDialog, ExtendDialog
from ui.privacy.requests_model import RequestsModel
from ui.widgets import ErrorLabel, TextBinder, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

NEW = N_("New request…")
EXTEND = N_("Extend…")
CLOSE = N_("Close…")
CARRY_OUT = N_("Carry out…")
OPEN_ONLY, EVERY = N_("Open requests"), N_("All requests")
EMPTY = N_("No open requests. Log a request with “New request…” the day it arrives.")
EXTENDED = N_("Deadline extended to {date}.")
CLOSED = N_("Request closed.")
#: what carrying out each kind means here (others are done elsewhere, then closed here)
CARRY: dict[RequestKind, str] = {RequestKind.ACCESS: REPORT, RequestKind.PORTABILITY: EXPORT,
                                 RequestKind.ERASURE: ERASE}


class RequestsPanel(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self._ticket = 0
        self.loaded = False
        self.error = ErrorLabel()
        self.rights = ClientRights(env, self, self.error, changed=self.reload)
        self.new_button, self.extend_button = QPushButton(), QPushButton()
        self.close_button, self.carry_button = QPushButton(), QPushButton()
        self.print_button = QPushButton()
        for button, name in ((self.new_button, "request_new"),
                             (self.extend_button, "request_extend"),
                             (self.close_button, "request_close"),
                             (self.carry_button, "request_carry_out"),
                             (self.print_button, "request_print")):
            button.setObjectName(name)
        self.filter = QComboBox()
        self.filter.setObjectName("request_filter")
        self.filter.addItem("", RequestStatus.OPEN.value)
        self.filter.addItem("", None)
        top = QHBoxLayout()
        for button in (self.new_button, self.extend_button, self.close_button,
                       self.carry_button, self.print_button):
            top.addWidget(button)
        if not self.rights.can_report:  # not setVisible(True): no parent yet, a window
            self.print_button.hide()
        top.addStretch(1)
        top.addWidget(self.filter)
        self.model = RequestsModel()
        self.table = QTableView()
        self.table.setObjectName("requests_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = label("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

        self.new_button.clicked.connect(lambda: self.rights.new_request(None))
        self.extend_button.clicked.connect(self.extend)
        self.close_button.clicked.connect(self.close_request)
        self.carry_button.clicked.connect(self.carry_out)
        self.print_button.clicked.connect(self.print_report)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync())
        self.table.doubleClicked.connect(lambda _i: self.carry_out())
        for setter, msgid in ((self.new_button.setText, NEW), (self.extend_button.setText, EXTEND),
                              (self.close_button.setText, CLOSE), (self.empty.setText, EMPTY),
                              (self.print_button.setText, PRINT)):
            self.texts.bind(setter, msgid)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        self.reload()  # deadlines move with the calendar
        super().showEvent(event)

    def selected(self) -> DataRequest | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.requests[rows[0].row()] if rows else None

    def reload(self, select_id: int | None = None) -> None:
        self._ticket += 1
        ticket, status = self._ticket, self.filter.currentData()
        keep = select_id if select_id is not None else getattr(self.selected(), "id", None)
        requests = self.env.ctx.services.requests

        def load() -> tuple[tuple[DataRequest, ...], date]:
            return requests.entries(status), requests.overview().today

        def show(result: tuple[tuple[DataRequest, ...], date]) -> None:
            if ticket != self._ticket:
                return
            entries, today = result
            self.loaded = True
            self.error.clear_error()
            self.model.show(entries, today)
            ids = [r.id for r in entries]
            if keep in ids:
                self.table.selectRow(ids.index(keep))
            self.empty.setVisible(not entries and status is not None)
            self._sync()

        self.env.worker.run(load, show, lambda e: self._failed(ticket, e), owner=self)

    def clear(self) -> None:
        """The lock: no client's name stays in the table."""
        self._ticket += 1
        self.rights.cancel()
        self.model.show((), self.model.today)
        self.loaded = False

    def _failed(self, ticket: int, error: BaseException) -> None:
        if ticket == self._ticket:
            self.error.show_error(error)

    def _sync(self) -> None:
        request = self.selected()
        is_open = request is not None and request.status is RequestStatus.OPEN
        self.extend_button.setEnabled(is_open and request is not None and not request.extended)
        self.close_button.setEnabled(is_open)
        carry = CARRY.get(request.kind) if request is not None else None
        self.carry_button.setText(_(carry or CARRY_OUT))
        self.carry_button.setEnabled(bool(is_open and carry and request is not None
                                          and request.client_id is not None
                                          and self._allowed(request.kind)))
        self.print_button.setEnabled(bool(
            is_open and request is not None and request.kind is RequestKind.ACCESS
            and request.client_id is not None and self.rights.can_report))

    def _allowed(self, kind: RequestKind) -> bool:
        return {RequestKind.ACCESS: self.rights.can_report,
                RequestKind.PORTABILITY: self.rights.can_export,
                RequestKind.ERASURE: self.rights.can_erase}.get(kind, False)

    # -- actions -----------------------------------------------------------------------------
    def extend(self) -> ExtendDialog | None:
        request = self.selected()
        if request is None:
            return None
        dialog = ExtendDialog(self.env, request, self)
        dialog.saved.connect(lambda r: self._changed(
            r, _(EXTENDED).format(date=get_translator().date(r.due_on))))
        return self.rights.open_dialog(dialog)

    def close_request(self) -> CloseDialog | None:
        request = self.selected()
        if request is None:
            return None
        dialog = CloseDialog(self.env, request, self)
        dialog.saved.connect(lambda r: self._changed(r, _(CLOSED)))
        return self.rights.open_dialog(dialog)

    def carry_out(self) -> None:
        request = self.selected()
        if request is None or not self.carry_button.isEnabled() or request.client_id is None:
            return
        if request.kind is RequestKind.ACCESS:
            self.rights.save_report(request.client_id, request.id)
        elif request.kind is RequestKind.PORTABILITY:
            self.rights.export_json(request.client_id, request.id)
        elif request.kind is RequestKind.ERASURE:
            self.rights.erase(request.client_id, request_id=request.id)

    def print_report(self) -> None:
        request = self.selected()
        if request is None or not self.print_button.isEnabled() or request.client_id is None:
            return
        self.rights.preview_report(request.client_id, request.id)

    def _changed(self, request: DataRequest, status: str) -> None:
        self.env.show_status(status)
        self.reload(select_id=request.id)

    def retranslate(self) -> None:
        self.texts.apply()
        self.filter.setItemText(0, _(OPEN_ONLY))
        self.filter.setItemText(1, _(EVERY))
        self.model.retranslate()
        self.rights.retranslate()
        self.error.retranslate()
        self._sync()
