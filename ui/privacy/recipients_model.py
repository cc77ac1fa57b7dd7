"""The rows of a marketing list, as the service built them a moment ago.

Only the contact the purpose needs is shown (e-mail for the e-mail list, phone for SMS,
both plus the day to greet for birthdays): the same columns the CSV export writes. The
columns therefore change with the purpose, so they are set per list (``set_columns``) rather
than fixed on the class as in the other tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from salon_desktop.domain.consents import Purpose, Recipient
from salon_desktop.i18n import N_, get_translator
from ui.privacy.texts import language_word
from ui.table_model import TableModel

NAME, LANGUAGE, EMAIL, PHONE, BIRTHDAY = (N_("Name"), N_("Language"), N_("E-mail"),
                                         N_("Phone"), N_("Birthday"))
COLUMNS: dict[Purpose, tuple[str, ...]] = {
    Purpose.EMAIL: (NAME, LANGUAGE, EMAIL),
    Purpose.SMS: (NAME, LANGUAGE, PHONE),
    Purpose.BIRTHDAY: (BIRTHDAY, NAME, LANGUAGE, EMAIL, PHONE),
}


class RecipientsModel(TableModel[Recipient]):
    """One marketing list under the columns of its purpose."""

    def __init__(self) -> None:
        super().__init__()
        self.purpose = Purpose.EMAIL
        self.columns = COLUMNS[self.purpose]

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """The recipients shown (the rows), in the service's order."""
        return self.rows

    def show(self, purpose: Purpose, recipients: Sequence[Recipient]) -> None:
        """Show the ``purpose`` list: its recipients under its columns, in one reset."""
        self.purpose = purpose
        self.set_columns(COLUMNS[purpose], recipients)

    def clear(self) -> None:
        """Drop the recipients (a hidden tab, the lock); the purpose's columns stay."""
        self.set_rows(())

    def text(self, item: Recipient, column: int) -> str:
        header = self.columns[column]
        if header == NAME:
            return f"{item.last_name}, {item.first_name}"
        if header == LANGUAGE:
            return language_word(item.language)
        if header == EMAIL:
            return item.email or ""
        if header == PHONE:
            return item.phone or ""
        birthday = item.birthday
        return get_translator().date(birthday) if birthday else ""
