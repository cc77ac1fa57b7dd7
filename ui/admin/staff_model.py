"""The staff table as a Qt model, kept free of widgets so it is tested on its own (as Vorta
tests its models): who works here, their role, whether they may sign in, and whether their
password is still a temporary one the manager handed over.

Texts are translated when the view asks (``data``/``headerData``), never stored, so a language
switch only needs ``retranslate()`` to repaint.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from salon_desktop.domain.roles import ROLE_LABELS
from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_, _
from ui.style import DISABLED

YES, NO = N_("Yes"), N_("No")
TEMPORARY = N_("Temporary password: must be changed at the next sign-in.")

Index = QModelIndex | QPersistentModelIndex


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
MemberRole = Qt.ItemDataRole.UserRole


class StaffTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._members: list[StaffMember] = []

    # -- contents --------------------------------------------------------------------------
    def set_members(self, members: list[StaffMember]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self.endResetModel()

    def member(self, row: int) -> StaffMember | None:
        return self._members[row] if 0 <= row < len(self._members) else None

    def row_of(self, staff_id: int) -> int:
        """The row showing ``staff_id``, or -1 (to keep the selection across a reload)."""
        return next((row for row, m in enumerate(self._members) if m.id == staff_id), -1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(StaffColumn) - 1)
        if self._members:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._members) - 1, len(StaffColumn) - 1))

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(StaffColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(StaffColumn)):
            return _(HEADERS[StaffColumn(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        member = self.member(index.row()) if index.isValid() else None
        if member is None:
            return None
        column = StaffColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(member, column)
        if role == MemberRole:
            return member
        if role == Qt.ItemDataRole.ForegroundRole and not member.active:
            return QColor(DISABLED)  # a deactivated account reads as such at a glance
        if role == Qt.ItemDataRole.ToolTipRole and column is StaffColumn.MUST_CHANGE \
                and member.must_change_password:
            return _(TEMPORARY)
        return None

    @staticmethod
    def _text(member: StaffMember, column: StaffColumn) -> str:
        if column is StaffColumn.NAME:
            return member.display_name
        if column is StaffColumn.USERNAME:
            return member.username
        if column is StaffColumn.ROLE:
            return _(ROLE_LABELS[member.role])
        if column is StaffColumn.ACTIVE:
            return _(YES if member.active else NO)
        return _(YES) if member.must_change_password else ""
