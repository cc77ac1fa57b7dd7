"""The staff table as a Qt model, kept free of widgets so it is tested on its own (as Vorta
tests its models): who works here, their role, whether they may sign in, and whether their
password is still a temporary one the manager handed over.

Texts are translated when the view asks (``data``/``headerData``), never stored, so a language
switch only needs ``retranslate()`` to repaint.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from salon_desktop.domain.roles import ROLE_LABELS
from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_, _
from ui.style import DISABLED
from ui.table_model import RowRole, TableModel

YES, NO = N_("Yes"), N_("No")
TEMPORARY = N_("Temporary password: must be changed at the next sign-in.")


class StaffColumn(IntEnum):
    NAME = 0
    USERNAME = 1
    ROLE = 2
    ACTIVE = 3
    MUST_CHANGE = 4


HEADERS: dict[StaffColumn, str] = {
    StaffColumn.NAME: N_("Name"),
    StaffColumn.USERNAME: N_("Username"),
    StaffColumn.ROLE: N_("Role"),
    StaffColumn.ACTIVE: N_("Active"),
    StaffColumn.MUST_CHANGE: N_("Must change password"),
}

#: The member object behind a row, for the page's actions.
MemberRole = RowRole


class StaffTableModel(TableModel[StaffMember]):
    columns = tuple(HEADERS[column] for column in StaffColumn)

    # -- contents --------------------------------------------------------------------------
    def set_members(self, members: list[StaffMember]) -> None:
        self.set_rows(members)

    def member(self, row: int) -> StaffMember | None:
        return self.item(row)

    def row_of(self, staff_id: int) -> int:
        """The row showing ``staff_id``, or -1 (to keep the selection across a reload)."""
        return next((row for row, m in enumerate(self.rows) if m.id == staff_id), -1)

    # -- cells -----------------------------------------------------------------------------
    def role_data(self, member: StaffMember, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and not member.active:
            return QColor(DISABLED)  # a deactivated account reads as such at a glance
        if role == Qt.ItemDataRole.ToolTipRole and column == StaffColumn.MUST_CHANGE \
                and member.must_change_password:
            return _(TEMPORARY)
        return None

    def text(self, member: StaffMember, column: int) -> str:
        if column == StaffColumn.NAME:
            return member.display_name
        if column == StaffColumn.USERNAME:
            return member.username
        if column == StaffColumn.ROLE:
            return _(ROLE_LABELS[member.role])
        if column == StaffColumn.ACTIVE:
            return _(YES if member.active else NO)
        return _(YES) if member.must_change_password else ""
