"""Retention review (manager): clients with no visit or booking for the set years, and the
anonymised accounting records past their period — listed, then erased or anonymised in bulk
after one confirmation that says the count and that it cannot be undone.

The review is loaded when the tab is first shown and on Reload, not on every show: each
review is audited (with counts), and the list only changes with the calendar. Restricted
clients and clients with an open request are never listed (the service leaves them out),
and a client who booked meanwhile is skipped when acted on; the status bar says how many
were done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_, _, get_translator, ngettext
from salon_desktop.services.retention import RetentionReview
from ui.widgets import ErrorLabel, TextBinder, label, note

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.pages import PageEnv

RELOAD = N_("Reload")
SELECT_ALL = N_("Select all")
ERASE = N_("Erase selected…")
ANONYMISE = N_("Anonymise selected…")
DELETE_RECORDS = N_("Delete expired records…")
DUE = N_("Clients with no visit or booking since {date} ({years} years):")
NONE_DUE = N_("No client is due: everyone has had a visit or booking since {date}.")
EXPLAIN = N_("Erase keeps only the visits the Accounting Act requires, as anonymous records, "
             "until their period ends. Anonymise keeps all visits without any person "
             "behind them, as statistics. Both remove the client completely and cannot be "
             "undone. Restricted clients and clients with an open request are not listed.")
NEVER = N_("never came")
LINE = N_("{name} · client since {since} · last visit or booking: {last}")
CONFIRM_TITLE = N_("Retention")


class RetentionPanel(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.review: RetentionReview | None = None
        self.confirm_box: QMessageBox | None = None
        self.buttons = {key: QPushButton() for key in ("reload", "all", "erase", "anonymise",
                                                        "records")}
        for key, button in self.buttons.items():
            button.setObjectName(f"retention_{key}")
        self.heading = label()
        self.list = QListWidget()
        self.list.setObjectName("retention_clients")
        self.records = label()
        self.error = ErrorLabel()
        explain = label()
        top = QHBoxLayout()
        for key in ("all", "erase", "anonymise"):
            top.addWidget(self.buttons[key])
        top.addStretch(1)
        top.addWidget(self.buttons["reload"])
        bottom = QHBoxLayout()
        bottom.addWidget(self.records, 1)
        bottom.addWidget(self.buttons["records"])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note(explain))
        layout.addWidget(self.error)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.buttons["reload"].clicked.connect(self.reload)
        self.buttons["all"].clicked.connect(self.select_all)
        self.buttons["erase"].clicked.connect(lambda: self.ask(keep_as_statistics=False))
        self.buttons["anonymise"].clicked.connect(lambda: self.ask(keep_as_statistics=True))
        self.buttons["records"].clicked.connect(self.ask_records)
        self.list.itemChanged.connect(lambda _item: self._sync())
        for key, msgid in (("reload", RELOAD), ("all", SELECT_ALL), ("erase", ERASE),
                           ("anonymise", ANONYMISE), ("records", DELETE_RECORDS)):
            self.texts.bind(self.buttons[key].setText, msgid)
        self.texts.bind(explain.setText, EXPLAIN)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        if self.review is None:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        retention = self.env.ctx.services.retention
        self.env.worker.run(retention.review, self._show, self.error.show_error, owner=self)

    def _show(self, review: RetentionReview) -> None:
        self.review = review
        self.error.clear_error()
        self.list.blockSignals(True)
        self.list.clear()
        for candidate in review.clients:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, candidate.client_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.retranslate()

    def clear(self) -> None:
        """The lock: the names go; the next show reviews again."""
        self.review = None
        self.list.clear()
        self.retranslate()

    def chosen(self) -> list[int]:
        return [int(self.list.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.list.count())
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def select_all(self) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(Qt.CheckState.Checked)

    def _sync(self) -> None:
        chosen = bool(self.chosen())
        self.buttons["erase"].setEnabled(chosen)
        self.buttons["anonymise"].setEnabled(chosen)
        self.buttons["all"].setEnabled(self.list.count() > 0)
        self.buttons["records"].setEnabled(bool(self.review and self.review.expired_records))

    # -- acting, after one confirmation ---------------------------------------------------------
    def ask(self, *, keep_as_statistics: bool) -> QMessageBox | None:
        ids = self.chosen()
        if not ids:
            return None
        count = len(ids)
        text = (ngettext("Anonymise {count} client? Their visits stay as statistics without "
                         "any person behind them. This cannot be undone.",
                         "Anonymise {count} clients? Their visits stay as statistics without "
                         "any person behind them. This cannot be undone.", count)
                if keep_as_statistics else
                ngettext("Erase {count} client? Only the visits the Accounting Act requires "
                         "stay, anonymised. This cannot be undone.",
                         "Erase {count} clients? Only the visits the Accounting Act requires "
                         "stay, anonymised. This cannot be undone.", count))
        retention = self.env.ctx.services.retention
        act = retention.anonymise_clients if keep_as_statistics else retention.erase_clients
        yes = _(ANONYMISE if keep_as_statistics else ERASE).rstrip("…")
        return self._confirm(text.format(count=count), yes,
                             lambda: act(ids, confirmed=True), self._acted)

    def ask_records(self) -> QMessageBox | None:
        if not self.review or not self.review.expired_records:
            return None
        count = self.review.expired_records
        retention = self.env.ctx.services.retention
        text = ngettext("Delete {count} anonymised accounting record past its {years}-year "
                        "period? This cannot be undone.",
                        "Delete {count} anonymised accounting records past their {years}-year "
                        "period? This cannot be undone.", count)
        return self._confirm(text.format(count=count, years=self.review.accounting_years),
                             _(DELETE_RECORDS).rstrip("…"),
                             lambda: retention.delete_expired_records(confirmed=True),
                             self._deleted)

    def _confirm(self, text: str, yes_text: str, job: Callable[[], int],
                 done: Callable[[int], None]) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, _(CONFIRM_TITLE), text,
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # Enter does not erase anyone
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            self.confirm_box = None
            if button is yes:
                self.error.clear_error()
                self.env.worker.run(job, done, self.error.show_error, owner=self)

        box.buttonClicked.connect(clicked)
        self.confirm_box = box
        box.open()
        return box

    def _acted(self, count: int) -> None:
        self.env.show_status(ngettext("{count} client removed.", "{count} clients removed.",
                                      count).format(count=count))
        self.reload()

    def _deleted(self, count: int) -> None:
        self.env.show_status(ngettext("{count} record deleted.", "{count} records deleted.",
                                      count).format(count=count))
        self.reload()

    def retranslate(self) -> None:
        self.texts.apply()
        review, t = self.review, get_translator()
        if review is not None:
            since = t.date(review.inactive_before)
            self.heading.setText(_(DUE if review.clients else NONE_DUE).format(
                date=since, years=review.inactive_years))
            for row, candidate in enumerate(review.clients):
                self.list.item(row).setText(_(LINE).format(
                    name=f"{candidate.last_name}, {candidate.first_name}",
                    since=t.date(candidate.created_on),
                    last=t.date(candidate.last_seen) if candidate.last_seen else _(NEVER)))
            self.records.setText(ngettext(
                "{count} anonymised accounting record is past its {years}-year period.",
                "{count} anonymised accounting records are past their {years}-year period.",
                review.expired_records).format(count=review.expired_records,
                                               years=review.accounting_years))
        self.records.setVisible(bool(review and review.expired_records))
        self.buttons["records"].setVisible(bool(review and review.expired_records))
        self.error.retranslate()
        self._sync()
