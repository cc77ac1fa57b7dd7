"""Erase client data (GDPR Art. 17): the manager's one irreversible action, confirmed by
typing the client's last name.

Typing the name (not a yes/no) makes the manager look at *who* is going, and a slip of the
Enter key cannot erase anyone: the button stays disabled until the name matches. The dialog
says what goes and what stays anonymised (visits as accounting records, as the Accounting
Act requires; the requests register without the name) from the service's own preview, and
that a restored backup will not bring the client back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_, _, ngettext
from salon_desktop.services.erasure import ErasurePreview, ErasureResult
from ui.widgets import ErrorLabel, TextBinder, heading, label, note

if TYPE_CHECKING:
    from ui.pages import PageEnv

TITLE = N_("Erase client data")
GOES = N_("This erases {client} everywhere in the salon's data: contact details, "
          "preferences, notes, health data and patch tests, bookings, consents and their "
          "history, visit notes and colour formulas — also from the search index. A "
          "restored backup will not bring the client back.")
TYPE = N_("To confirm, type the client's last name: {last_name}")
ERASE = N_("Erase for good")
NOTHING_STAYS = N_("Nothing about the client stays.")
WIDTH = 620


@dataclass(frozen=True)
class EraseTarget:
    """Who is to be erased, and what the service says will happen."""

    client_id: int
    first_name: str
    last_name: str
    preview: ErasurePreview
    accounting_years: int
    request_id: int | None = None


def stays_text(target: EraseTarget) -> str:
    """What stays, anonymised — the question a manager has before erasing."""
    preview, parts = target.preview, []
    if preview.visits:
        parts.append(ngettext(
            "{count} visit stays as an anonymous accounting record (date, services, price) "
            "for {years} years, as the Accounting Act requires.",
            "{count} visits stay as anonymous accounting records (date, services, price) "
            "for {years} years, as the Accounting Act requires.",
            preview.visits).format(count=preview.visits, years=target.accounting_years))
    if preview.open_requests:
        parts.append(ngettext(
            "{count} open data protection request stays in the register, without the name.",
            "{count} open data protection requests stay in the register, without the name.",
            preview.open_requests).format(count=preview.open_requests))
    return " ".join(parts) or _(NOTHING_STAYS)


def name_matches(typed: str, last_name: str) -> bool:
    return typed.strip().casefold() == last_name.strip().casefold() != ""


class EraseClientDialog(QDialog):
    #: the service's result, after the erasure went through
    erased = Signal(object)

    def __init__(self, env: PageEnv, target: EraseTarget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("erase_client_dialog")
        self.env, self.target = env, target
        self._erasing = False
        self.texts = TextBinder()
        name = f"{target.first_name} {target.last_name}"
        title = heading(1.2)
        goes = label()
        self.stays = label("note")
        typed_label = label()
        self.typed = QLineEdit()
        self.typed.setObjectName("erase_last_name")
        typed_label.setBuddy(self.typed)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.erase_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.erase_button.setObjectName("erase_confirm")
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        self.typed.textChanged.connect(
            lambda text: self.erase_button.setEnabled(name_matches(text, target.last_name)))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(goes)
        layout.addWidget(note(self.stays))
        layout.addWidget(typed_label)
        layout.addWidget(self.typed)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.texts.bind(self.setWindowTitle, TITLE)
        self.texts.bind(title.setText, TITLE)
        self.texts.bind(goes.setText, GOES, client=name)
        self.texts.bind(typed_label.setText, TYPE, last_name=target.last_name)
        self.texts.bind(self.erase_button.setText, ERASE)
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))
        self.setMinimumWidth(WIDTH)
        self.retranslate()
        self.typed.setFocus()

    def retranslate(self) -> None:
        self.texts.apply()
        self.stays.setText(stays_text(self.target))
        self.error.retranslate()
        # word-wrapped labels: the height they need at this width, not their own guess
        layout = self.layout()
        if layout is not None:
            width = max(WIDTH, self.width())
            self.resize(width, max(self.height(), layout.totalHeightForWidth(width)))

    def erase(self) -> None:
        if self._erasing or not name_matches(self.typed.text(), self.target.last_name):
            return
        erasure, target = self.env.ctx.services.erasure, self.target
        self._erasing = True
        self.erase_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.error.clear_error()

        def done(result: ErasureResult) -> None:
            self._erasing = False
            self.erased.emit(result)
            self.accept()

        def failed(error: BaseException) -> None:
            self._erasing = False
            self.cancel_button.setEnabled(True)
            self.erase_button.setEnabled(True)
            self.error.show_error(error)

        self.env.worker.run(lambda: erasure.erase(target.client_id,
                                                  request_id=target.request_id),
                            done, failed, owner=self)

    def reject(self) -> None:
        """Not while the erasure runs (Esc too, not only Cancel): the dialog is deleted once
        closed, and the page would go on showing a client who is gone."""
        if not self._erasing:
            super().reject()
