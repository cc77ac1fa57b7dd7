"""The audit log's filter widgets: the action drop-down with its groups, and the date range.

The action list is what occurs in the log (``AuditService.actions()``), grouped by the part
before the dot, so "Sign-in, sign-out and lock: all" filters by the prefix "auth." (the
core treats an action ending in "." as a prefix) and each action below it filters exactly.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from salon_desktop.i18n import N_, _, current_language
from ui.admin.audit_labels import action_text, group_of, group_text
from ui.style import scaled_font

ALL_ACTIONS = N_("All actions")
_INDENT = "    "
_LOCALES = {"et": "et_EE", "ru": "ru_RU", "en": "en_GB"}
_DATE_FORMATS = {"et": "dd.MM.yyyy", "ru": "dd.MM.yyyy", "en": "dd/MM/yyyy"}


class ActionCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action_filter")
        self.setMaxVisibleItems(20)
        self._actions: list[str] = []
        self.addItem(_(ALL_ACTIONS), None)

    def set_actions(self, actions: list[str]) -> None:
        """Rebuild the list when the log has new kinds of action; the choice is kept."""
        if sorted(actions) == self._actions:
            return
        self._actions = sorted(actions)
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(_(ALL_ACTIONS), None)
        groups: dict[str, list[str]] = {}
        for action in self._actions:
            groups.setdefault(group_of(action), []).append(action)
        for prefix in sorted(groups, key=group_text):
            self.addItem(group_text(prefix), f"{prefix}.")
            self.setItemData(self.count() - 1, scaled_font(1.0, bold=True),
                             Qt.ItemDataRole.FontRole)
            for action in sorted(groups[prefix], key=action_text):
                self.addItem(_INDENT + action_text(action), action)
        self.setCurrentIndex(max(0, self.findData(chosen)))
        self.blockSignals(False)

    def choose(self, value: str | None) -> bool:
        """Select an action code or a group prefix ("auth."); False when it is not listed."""
        row = self.findData(value)
        if row < 0:
            return False
        self.setCurrentIndex(row)
        return True

    def retranslate(self) -> None:
        for row in range(self.count()):
            value = self.itemData(row)
            if value is None:
                self.setItemText(row, _(ALL_ACTIONS))
            elif str(value).endswith("."):
                self.setItemText(row, group_text(str(value)[:-1]))
            else:
                self.setItemText(row, _INDENT + action_text(str(value)))


class DateRange(QObject):
    """From and to (both days included); the other end follows so the range never inverts."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.since, self.until = QDateEdit(), QDateEdit()
        self.since.setObjectName("since_filter")
        self.until.setObjectName("until_filter")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDate(QDate.currentDate())
        self.retranslate(current_language())
        self.since.dateChanged.connect(self._since_changed)
        self.until.dateChanged.connect(self._until_changed)

    def _since_changed(self, value: QDate) -> None:
        if value > self.until.date():
            self.until.setDate(value)
        self.changed.emit()

    def _until_changed(self, value: QDate) -> None:
        if value < self.since.date():
            self.since.setDate(value)
        self.changed.emit()

    def set_range(self, since: date, until: date) -> None:
        for edit, value in ((self.since, since), (self.until, until)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def range(self) -> tuple[date, date]:
        return self.since.date().toPython(), self.until.date().toPython()  # type: ignore[return-value]

    def retranslate(self, language: str) -> None:
        """Dates as the language writes them, month names in the calendar too."""
        for edit in (self.since, self.until):
            edit.setLocale(QLocale(_LOCALES.get(language, "en_GB")))
            edit.setDisplayFormat(_DATE_FORMATS.get(language, "dd/MM/yyyy"))
            calendar = edit.calendarWidget()
            if calendar is not None:
                calendar.setLocale(edit.locale())
