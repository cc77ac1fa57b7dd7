"""The rows of a marketing list, as the service built them a moment ago.

Only the contact the purpose needs is shown (e-mail for the e-mail list, phone for SMS,
both plus the day to greet for birthdays): the same columns the CSV export writes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from salon_desktop.domain.consents import Purpose, Recipient
from salon_desktop.i18n import N_, _, get_translator
from ui.privacy.texts import language_word

NAME, LANGUAGE, EMAIL, PHONE, BIRTHDAY = (N_("Name"), N_("Language"), N_("E-mail"),
                                         N_("Phone"), N_("Birthday"))
COLUMNS: dict[Purpose, tuple[str, ...]] = {
    Purpose.EMAIL: (NAME, LANGUAGE, EMAIL),
    Purpose.SMS: (NAME, LANGUAGE, PHONE),
    Purpose.BIRTHDAY: (BIRTHDAY, NAME, LANGUAGE, EMAIL, PHONE),
}
Index = QModelIndex | QPersistentModelIndex


class RecipientsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.purpose = Purpose.EMAIL
        self.recipients: tuple[Recipient, ...] = ()

    def show(self, purpose: Purpose, recipients: Sequence[Recipient]) -> None:
        self.beginResetModel()
        self.purpose, self.recipients = purpose, tuple(recipients)
        self.endResetModel()

    def clear(self) -> None:
        self.show(self.purpose, ())

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.recipients:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.recipients)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS[self.purpose])

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.columnCount():
            return _(COLUMNS[self.purpose][section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        recipient = self.recipients[index.row()]
        column = COLUMNS[self.purpose][index.column()]
        if column == NAME:
            return f"{recipient.last_name}, {recipient.first_name}"
        if column == LANGUAGE:
            return language_word(recipient.language)
        if column == EMAIL:
            return recipient.email or ""
        if column == PHONE:
            return recipient.phone or ""
        birthday = recipient.birthday
        return get_translator().date(birthday) if birthday else ""
