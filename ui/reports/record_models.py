"""The record of processing as three read-friendly tables: measures, activities, recipients.

A measure is only worth something if someone looks at it, so the measures table says when
each was last checked and marks the ones that are due — never checked, or not within the
last ``CHECK_EVERY_MONTHS`` — in words and in colour (never colour alone). Items the salon
switched off stay listed, greyed, so they can be switched on again. "Today" is the salon's
clock, handed in with the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from salon_desktop.domain.processing_record import (
    RECIPIENT_LABELS,
    Activity,
    Recipient,
    SecurityMeasure,
)
from salon_desktop.domain.rights import add_months
from salon_desktop.i18n import N_, _, get_translator
from ui.privacy.requests_model import OVERDUE_BG
from ui.style import DISABLED, ERROR
from ui.table_model import TableModel

CHECK_EVERY_MONTHS = 12
YES, NO = N_("Yes"), N_("No")
NEVER_CHECKED = N_("never checked")
CHECK_DUE = N_("{date} · a check is due")
NOT_YET = N_("not yet")
NOT_IN_USE = N_("not in use")
NOT_NAMED = N_("(name not entered)")
Row = TypeVar("Row", SecurityMeasure, Activity, Recipient)


def check_due(measure: SecurityMeasure, today: date) -> bool:
    """Never checked, or last checked ``CHECK_EVERY_MONTHS`` or more ago (switched-off
    measures are not due)."""
    if not measure.active:
        return False
    checked = measure.last_checked
    return checked is None or add_months(checked, CHECK_EVERY_MONTHS) <= today


class _RecordTable(TableModel[Row]):
    """Rows of one kind; subclasses say the columns, each cell's words (``text``, also its
    tooltip, as a long text can still be cut) and which rows stand out (``emphasis``)."""

    def __init__(self) -> None:
        super().__init__()
        self.today = date.today()

    def show(self, rows: Sequence[Row], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def role_data(self, item: Row, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and not getattr(item, "active", True):
            return QBrush(QColor(DISABLED))
        return self.emphasis(item, role)

    def emphasis(self, row: Row, role: int) -> object:
        return None


class MeasuresModel(_RecordTable[SecurityMeasure]):
    columns = (N_("Measure"), N_("Who / where"), N_("Physical"), N_("Last checked"))

    def text(self, row: SecurityMeasure, column: int) -> str:
        if column == 0:
            return row.text
        if column == 1:
            return row.holder
        if column == 2:
            return _(YES if row.physical else NO)
        if not row.active:
            return _(NOT_IN_USE)
        if row.last_checked is None:
            return _(NEVER_CHECKED)
        day = get_translator().date(row.last_checked)
        shown = _(CHECK_DUE).format(date=day) if check_due(row, self.today) else day
        return f"{shown} ({row.checked_by})" if row.checked_by else shown

    def emphasis(self, row: SecurityMeasure, role: int) -> object:
        if check_due(row, self.today):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(OVERDUE_BG))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(ERROR))
        return None


class ActivitiesModel(_RecordTable[Activity]):
    columns = (N_("Purpose"), N_("Data"), N_("Legal basis"), N_("Retention"),
               N_("Last reviewed"))

    def text(self, row: Activity, column: int) -> str:
        texts = (row.purpose, row.data, row.legal_basis, row.retention)
        if column < len(texts):
            return texts[column]
        return get_translator().date(row.last_reviewed) if row.last_reviewed else _(NOT_YET)


class RecipientsModel(_RecordTable[Recipient]):
    columns = (N_("Recipient"), N_("Company or person"), N_("What they receive"),
               N_("In use"))

    def text(self, row: Recipient, column: int) -> str:
        if column == 0:
            return _(RECIPIENT_LABELS[row.kind])
        if column == 1:
            return row.name or _(NOT_NAMED)
        if column == 2:
            return row.receives
        return _(YES if row.active else NO)

    def emphasis(self, row: Recipient, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and not row.name:
            return QBrush(QColor(DISABLED))
        return None
