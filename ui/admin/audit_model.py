"""The audit log as a Qt table model, without widgets (tested on its own).

Times are stored in UTC and shown in this computer's local time, formatted by the current
language's translator (25.11.2026 11:00:05 in et and ru); actions are shown as phrases with
the code and its detail in the tooltip, for support. Field *names* only, never values — the
log holds no values to show.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject, Qt

from salon_desktop.domain.roles import ROLE_LABELS, Role
from salon_desktop.i18n import N_, _, get_translator
from salon_desktop.services.audit_view import AuditRecord
from ui.admin.audit_labels import NOBODY, action_text, record_text
from ui.table_model import RowRole, TableModel


class AuditColumn(IntEnum):
    TIME = 0
    STAFF = 1
    ROLE = 2
    WORKSTATION = 3
    ACTION = 4
    RECORD = 5
    FIELDS = 6


HEADERS: dict[AuditColumn, str] = {
    AuditColumn.TIME: N_("Time"),
    AuditColumn.STAFF: N_("Staff member"),
    AuditColumn.ROLE: N_("Role"),
    AuditColumn.WORKSTATION: N_("Workstation"),
    AuditColumn.ACTION: N_("Action"),
    AuditColumn.RECORD: N_("Record"),
    AuditColumn.FIELDS: N_("Fields"),
}
ACTION_TOOLTIP = N_("Code: {action}")
DETAIL_TOOLTIP = N_("Detail: {detail}")
STAFF_RECORD = N_("Staff member: {name}")

#: the AuditRecord behind a row
RecordRole = RowRole


def local_time_text(record: AuditRecord) -> str:
    """The entry's time on this computer's clock, as the current language writes dates."""
    local = record.ts.astimezone()
    return f"{get_translator().date(local.date())} {local.strftime('%H:%M:%S')}"


class AuditTableModel(TableModel[AuditRecord]):
    columns = tuple(HEADERS[column] for column in AuditColumn)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: dict[int, str] = {}

    def set_records(self, records: list[AuditRecord],
                    staff_names: dict[int, str] | None = None) -> None:
        """``staff_names`` maps staff ids to the names shown in the program (the log itself
        has the username)."""
        if staff_names is not None:
            self._names = dict(staff_names)
        self.set_rows(records)

    def set_staff_names(self, staff_names: dict[int, str]) -> None:
        self._names = dict(staff_names)
        if self.rows:
            self.dataChanged.emit(self.index(0, AuditColumn.STAFF),
                                  self.index(len(self.rows) - 1, AuditColumn.STAFF))

    def record(self, row: int) -> AuditRecord | None:
        return self.item(row)

    def role_data(self, record: AuditRecord, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column in (AuditColumn.FIELDS,
                                                              AuditColumn.RECORD):
            return self.text(record, column) or None  # long texts are cut in the cell
        if role == Qt.ItemDataRole.ToolTipRole and column == AuditColumn.ACTION:
            lines = [_(ACTION_TOOLTIP).format(action=record.action)]
            if record.detail:
                lines.append(_(DETAIL_TOOLTIP).format(detail=record.detail))
            return "\n".join(lines)
        return None

    def text(self, record: AuditRecord, column: int) -> str:
        column = AuditColumn(column)
        if column is AuditColumn.TIME:
            return local_time_text(record)
        if column is AuditColumn.STAFF:
            if record.staff_id is None:
                return NOBODY  # a failed sign-in is nobody's: the person before is not blamed
            return self._names.get(record.staff_id) or record.staff_username or NOBODY
        if column is AuditColumn.ROLE:
            try:
                return _(ROLE_LABELS[Role(record.staff_role)]) if record.staff_role else ""
            except ValueError:
                return record.staff_role or ""
        if column is AuditColumn.WORKSTATION:
            return record.workstation
        if column is AuditColumn.ACTION:
            return action_text(record.action, getattr(record, "label", None))
        if column is AuditColumn.RECORD:
            if record.record_type == "staff" and record.record_id:
                # Staff accounts by name: the manager knows people, not numbers.
                name = self._names.get(int(record.record_id)) \
                    if record.record_id.isdigit() else None
                if name:
                    return _(STAFF_RECORD).format(name=name)
            return record_text(record.record_type, record.record_id)
        return ", ".join(record.fields)
