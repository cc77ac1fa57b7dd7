"""Logging a data protection request, extending its deadline, closing it.

Small dialogs, each one service call; on an error they stay open with what was typed. The
deadline is the service's (one month from receipt, Art. 12(3)), so the new-request dialog
only says so. Extending needs the reason the client must be told; refusing needs the
reason too (Art. 12(4)), closing as done does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.clients import ClientListItem
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.rights import (
    REQUEST_KIND_LABELS,
    REQUEST_STATUS_LABELS,
    DataRequest,
    RequestKind,
    RequestStatus,
)
from salon_desktop.i18n import N_, _
from ui.clients.picker import ClientPicker
from ui.save_guard import SavesOnWorker
from ui.widgets import ErrorLabel, TextBinder, heading, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

NEW_TITLE = N_("New data protection request")
NEW_EXPLAIN = N_("Log the request the day it arrives: the answer is due within one month "
                 "(GDPR Art. 12). Write in the note how it came and what exactly was asked, "
                 "not the client's data.")
KIND, CLIENT, RECEIVED, NOTE = N_("Request"), N_("Client"), N_("Received on"), N_("Note")
NOT_A_CLIENT = N_("The requester is not a client")
PICK_CLIENT = N_("Choose the client in the list, or tick that the requester is not a client.")
LOG = N_("Log the request")
EXTEND_TITLE = N_("Extend the deadline")
EXTEND_EXPLAIN = N_("The deadline moves to three months from receipt, once. Tell the client "
                    "within the first month, with this reason.")
REASON = N_("Reason")
EXTEND = N_("Extend by two months")
CLOSE_TITLE = N_("Close the request")
CLOSE_EXPLAIN = N_("Done: the request was carried out. Refused: write why — the client must "
                   "be told the reason and the right to complain to the Andmekaitse "
                   "Inspektsioon.")
OUTCOME, STATUS = N_("Outcome"), N_("Status")
CLOSE = N_("Close the request")


class _StepDialog(SavesOnWorker, QDialog):
    """Title, explanation, a form, an error line and two buttons; ``job`` runs on save."""

    saved = Signal(object)  # the DataRequest as stored

    def __init__(self, env: PageEnv, title: str, explain: str, ok: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        heading_label, explain_label = heading(1.2), label("hint")
        self.form = QFormLayout()
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label)
        layout.addWidget(explain_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for setter, msgid in ((self.setWindowTitle, title), (heading_label.setText, title),
                              (explain_label.setText, explain), (self.ok_button.setText, ok),
                              (cancel.setText, N_("Cancel"))):
            self.texts.bind(setter, msgid)
        self.setMinimumWidth(520)

    def row(self, msgid: str, widget: QWidget) -> None:
        caption = label(word_wrap=False)
        caption.setBuddy(widget)
        self.texts.bind(caption.setText, msgid)
        self.form.addRow(caption, widget)

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()

    def job(self) -> Callable[[], DataRequest] | None:
        raise NotImplementedError

    def save(self) -> None:
        if self._saving:
            return
        job = self.job()
        if job is None:
            return
        self.error.clear_error()

        def finished(request: DataRequest) -> None:
            self.saved.emit(request)
            self.accept()

        self.run_save(self.env.worker, job, finished, self.error.show_error, self.ok_button)


def _note_edit(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(edit.fontMetrics().height() * 4 + 16)
    return edit


class NewRequestDialog(_StepDialog):
    def __init__(self, env: PageEnv, client: ClientListItem | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, NEW_TITLE, NEW_EXPLAIN, LOG, parent)
        self.setObjectName("new_request_dialog")
        self.client = client
        self.kind = QComboBox()
        self.kind.setObjectName("request_kind")
        for kind in RequestKind:
            self.kind.addItem(_(REQUEST_KIND_LABELS[kind]), kind.value)
        self.row(KIND, self.kind)
        self.picker: ClientPicker | None = None
        self.not_client = QCheckBox()
        if client is None:
            self.picker = ClientPicker(env)
            self.picker.results.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
            self.picker.picked.connect(self._picked)
            self.row(CLIENT, self.picker)
            self.texts.bind(self.not_client.setText, NOT_A_CLIENT)
            self.form.addRow("", self.not_client)
            self.picker.search_now()
        else:
            fixed = label(word_wrap=False)
            fixed.setText(f"{client.first_name} {client.last_name}")
            self.row(CLIENT, fixed)
        self.today = QDate.currentDate()
        self.received = QDateEdit(self.today)
        self.received.setObjectName("request_received")
        self.received.setCalendarPopup(True)
        self.received.setMaximumDate(self.today)
        self.received.setDisplayFormat("dd.MM.yyyy")
        self.row(RECEIVED, self.received)
        self.note = _note_edit("request_note")
        self.row(NOTE, self.note)
        self.retranslate()

    def _picked(self, client: ClientListItem) -> None:
        self.client = client
        self.not_client.setChecked(False)

    def retranslate(self) -> None:
        super().retranslate()
        for row in range(self.kind.count()):
            self.kind.setItemText(row, _(REQUEST_KIND_LABELS[RequestKind(self.kind.itemData(row))]))
        if self.picker is not None:
            self.picker.retranslate()

    def job(self) -> Callable[[], DataRequest] | None:
        if self.client is None and not self.not_client.isChecked():
            self.error.show_error(ValidationError("client_id", PICK_CLIENT))
            return None
        client_id = None if self.not_client.isChecked() or self.client is None \
            else self.client.id
        kind, note = RequestKind(self.kind.currentData()), self.note.toPlainText()
        # left at today: the service's own today (the salon's clock), else the day chosen
        received = None if self.received.date() == self.today else self.received.date().toPython()
        requests = self.env.ctx.services.requests
        return lambda: requests.receive(kind, client_id, received_on=received, note=note)


class ExtendDialog(_StepDialog):
    def __init__(self, env: PageEnv, request: DataRequest,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, EXTEND_TITLE, EXTEND_EXPLAIN, EXTEND, parent)
        self.setObjectName("extend_request_dialog")
        self.request = request
        self.reason = _note_edit("extend_reason")
        self.row(REASON, self.reason)

    def job(self) -> Callable[[], DataRequest]:
        requests, request_id = self.env.ctx.services.requests, self.request.id
        reason = self.reason.toPlainText()
        return lambda: requests.extend(request_id, reason)


class CloseDialog(_StepDialog):
    def __init__(self, env: PageEnv, request: DataRequest,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, CLOSE_TITLE, CLOSE_EXPLAIN, CLOSE, parent)
        self.setObjectName("close_request_dialog")
        self.request = request
        self.status = QComboBox()
        self.status.setObjectName("close_status")
        for status in (RequestStatus.DONE, RequestStatus.REFUSED):
            self.status.addItem("", status.value)
        self.row(STATUS, self.status)
        self.outcome = _note_edit("close_outcome")
        self.row(OUTCOME, self.outcome)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        for row in range(self.status.count()):
            self.status.setItemText(
                row, _(REQUEST_STATUS_LABELS[RequestStatus(self.status.itemData(row))]))

    def job(self) -> Callable[[], DataRequest]:
        requests, request_id = self.env.ctx.services.requests, self.request.id
        status, outcome = RequestStatus(self.status.currentData()), self.outcome.toPlainText()
        return lambda: requests.close(request_id, status, outcome or None)
