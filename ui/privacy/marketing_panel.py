"""Marketing lists (manager only): who may be sent e-mail, SMS or a birthday greeting now.

Each list is one query over the consent ledger at the moment of use — nothing is cached,
here either: the table is rebuilt each time the panel is shown, the list is switched or
Reload is pressed, so a client who withdrew a second ago is never on it. The service audits
every list and export with its purpose and count. The CSV goes to the manager's mail/SMS
tool (a processor the manager chose), written atomically where the manager says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.consents import (
    MARKETING_PURPOSES,
    PURPOSE_LABELS,
    ExportResult,
    Purpose,
    Recipient,
)
from salon_desktop.i18n import N_, _, ngettext
from salon_desktop.services.marketing import DEFAULT_BIRTHDAY_DAYS, MAX_BIRTHDAY_DAYS
from ui.privacy import files
from ui.privacy.recipients_model import RecipientsModel
from ui.privacy.texts import CSV_FILTER
from ui.widgets import ErrorLabel, TextBinder, label, note

if TYPE_CHECKING:
    from ui.pages import PageEnv

LIST = N_("List:")
DAYS = N_("Birthdays in the next")
DAYS_SUFFIX = N_(" days")
RELOAD = N_("Reload")
EXPORT = N_("Export CSV…")
EXPORT_TITLE = N_("Export the list as CSV")
SUGGESTED: dict[Purpose, str] = {
    Purpose.EMAIL: N_("email-list.csv"),
    Purpose.SMS: N_("sms-list.csv"),
    Purpose.BIRTHDAY: N_("birthday-list.csv"),
}
NOTE = N_("Built right now from the consent ledger: only clients whose consent stands at "
          "this moment are on the list. Clients who withdrew, object to marketing or whose "
          "processing is restricted are left out, and so is anyone without the contact the "
          "list needs. Nothing is kept: reload before each use, and export only to send.")
DEBOUNCE_MS = 400


def count_text(count: int) -> str:
    return ngettext("{count} recipient", "{count} recipients", count).format(count=count)


def exported_text(count: int) -> str:
    return ngettext("List exported: {count} recipient.", "List exported: {count} recipients.",
                    count).format(count=count)


class MarketingPanel(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self._ticket = 0
        self.count = 0
        self.loaded = False
        self.purpose_box = QComboBox()
        self.purpose_box.setObjectName("marketing_purpose")
        for purpose in MARKETING_PURPOSES:
            self.purpose_box.addItem("", purpose)
        self.days = QSpinBox()
        self.days.setObjectName("birthday_days")
        self.days.setRange(1, MAX_BIRTHDAY_DAYS)
        self.days.setValue(DEFAULT_BIRTHDAY_DAYS)
        self.days_label = QLabel()
        self.days_label.setBuddy(self.days)
        self.reload_button = QPushButton()
        self.reload_button.setObjectName("marketing_reload")
        self.export_button = QPushButton()
        self.export_button.setObjectName("marketing_export")
        list_label = QLabel()
        list_label.setBuddy(self.purpose_box)
        top = QHBoxLayout()
        for widget in (list_label, self.purpose_box, self.days_label, self.days,
                       self.reload_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        explain = label()
        self.count_label = label(word_wrap=False)
        self.count_label.setObjectName("marketing_count")
        self.model = RecipientsModel()
        self.table = QTableView()
        self.table.setObjectName("marketing_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note(explain))
        layout.addWidget(self.error)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reload)
        self.purpose_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.days.valueChanged.connect(lambda _v: self._timer.start(DEBOUNCE_MS))
        self.reload_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export)
        self.texts.bind(list_label.setText, LIST)
        self.texts.bind(self.days_label.setText, DAYS)
        self.texts.bind(self.days.setSuffix, DAYS_SUFFIX)
        self.texts.bind(self.reload_button.setText, RELOAD)
        self.texts.bind(self.export_button.setText, EXPORT)
        self.texts.bind(explain.setText, NOTE)
        self.retranslate()

    def purpose(self) -> Purpose:
        return Purpose(self.purpose_box.currentData())

    def showEvent(self, event: QShowEvent) -> None:
        self.reload()  # a list is only as true as the moment it was built
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.clear()  # bulk contact data does not linger on a hidden tab
        super().hideEvent(event)

    def clear(self) -> None:
        """Drop the list (a hidden tab, the lock); an answer on its way is ignored."""
        self._ticket += 1
        self.model.clear()
        self.loaded = False

    def reload(self) -> None:
        self._timer.stop()
        self._ticket += 1
        ticket, purpose, days = self._ticket, self.purpose(), self.days.value()
        self._sync_days()
        marketing = self.env.ctx.services.marketing

        def build() -> tuple[Recipient, ...]:
            if purpose is Purpose.EMAIL:
                return marketing.email_list()
            if purpose is Purpose.SMS:
                return marketing.sms_list()
            return marketing.birthday_list(days)

        self.env.worker.run(build, lambda found: self._show(ticket, purpose, found),
                            lambda error: self._failed(ticket, error), owner=self)

    def _show(self, ticket: int, purpose: Purpose, found: tuple[Recipient, ...]) -> None:
        if ticket != self._ticket:
            return
        self.error.clear_error()
        self.model.show(purpose, found)
        self.count = len(found)
        self.loaded = True
        self.retranslate()

    def _failed(self, ticket: int, error: BaseException) -> None:
        if ticket == self._ticket:
            self.model.clear()
            self.error.show_error(error)

    def export(self) -> None:
        purpose, days = self.purpose(), self.days.value()
        chosen = files.ask_save_path(self, _(EXPORT_TITLE), _(SUGGESTED[purpose]), _(CSV_FILTER))
        if not chosen:
            return
        path = files.with_suffix(chosen, ".csv")
        marketing = self.env.ctx.services.marketing
        self.error.clear_error()
        self.export_button.setEnabled(False)

        def done(result: ExportResult) -> None:
            self.export_button.setEnabled(True)
            self.env.show_status(exported_text(result.count))
            self.reload()  # the table shows the list as exported

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.error.show_error(error)

        self.env.worker.run(lambda: marketing.export_csv(purpose, path, days), done, failed,
                            owner=self)

    def _sync_days(self) -> None:
        birthday = self.purpose() is Purpose.BIRTHDAY
        self.days.setVisible(birthday)
        self.days_label.setVisible(birthday)

    def retranslate(self) -> None:
        self.texts.apply()
        for row in range(self.purpose_box.count()):
            self.purpose_box.setItemText(
                row, _(PURPOSE_LABELS[Purpose(self.purpose_box.itemData(row))]))
        self.count_label.setText(count_text(self.count) if self.loaded else "")
        self.model.retranslate()
        self.error.retranslate()
        self._sync_days()
