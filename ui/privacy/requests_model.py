"""The requests register as a table: what was asked, by whom, and how much time is left.

The deadline is what a manager scans for, so the due column says it in words ("in 5 days",
"overdue by 3 days") and overdue rows are marked in the error colour, due-soon rows in the
warning colour — colour plus words, never colour alone. "Today" is the service's (the
salon's clock), handed in with the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from salon_desktop.domain.rights import (
    DUE_SOON_DAYS,
    REQUEST_KIND_LABELS,
    REQUEST_STATUS_LABELS,
    DataRequest,
    RequestStatus,
)
from salon_desktop.i18n import N_, _, get_translator, ngettext
from ui.style import ERROR, WARNING_BG
from ui.table_model import TableModel

COLUMNS = (N_("Received"), N_("Due"), N_("Request"), N_("Client"), N_("Status"),
           N_("Handled by"), N_("Note"))
DUE, CLIENT = 1, 3
NOT_A_CLIENT = N_("not a client")
ERASED = N_("erased client")
EXTENDED = N_("extended")
DUE_TODAY = N_("due today")
OVERDUE_BG = "#FBE9E7"  # ERROR text on it 5.3:1


def due_words(request: DataRequest, today: date) -> str:
    if request.status is not RequestStatus.OPEN:
        return ""
    left = request.days_left(today)
    if left < 0:
        return ngettext("overdue by {count} day", "overdue by {count} days",
                        -left).format(count=-left)
    if left == 0:
        return _(DUE_TODAY)
    return ngettext("in {count} day", "in {count} days", left).format(count=left)


class RequestsModel(TableModel[DataRequest]):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.today = date.today()

    @property
    def requests(self) -> tuple[DataRequest, ...]:
        """The requests shown, in row order."""
        return self.rows

    def show(self, requests: Sequence[DataRequest], today: date) -> None:
        self.today = today
        self.set_rows(requests)

    def role_data(self, request: DataRequest, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column == DUE and request.extended:
            return request.extension_reason
        if role == Qt.ItemDataRole.ForegroundRole and request.overdue(self.today):
            return QBrush(QColor(ERROR))
        if role == Qt.ItemDataRole.BackgroundRole and request.status is RequestStatus.OPEN:
            if request.overdue(self.today):
                return QBrush(QColor(OVERDUE_BG))
            if request.days_left(self.today) <= DUE_SOON_DAYS:
                return QBrush(QColor(WARNING_BG))
        return None

    def text(self, request: DataRequest, column: int) -> str:
        t = get_translator()
        if column == 0:
            return t.date(request.received_on)
        if column == DUE:
            parts = [t.date(request.due_on), due_words(request, self.today),
                     _(EXTENDED) if request.extended else ""]
            return " · ".join(p for p in parts if p)
        if column == 2:
            return _(REQUEST_KIND_LABELS[request.kind])
        if column == CLIENT:
            if request.client_name:
                return request.client_name
            return _(ERASED) if request.client_erased else _(NOT_A_CLIENT)
        if column == 4:
            status = _(REQUEST_STATUS_LABELS[request.status])
            return f"{status} {t.date(request.closed_on)}" if request.closed_on else status
        if column == 5:
            return request.handled_by or ""
        return (request.note or "").replace("\n", " ")
