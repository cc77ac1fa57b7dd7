"""Keeping an older database that was put back in place (``RollbackSuspected``).

Shown inside the open-failure window: only a manager, with their own password, may accept
the older data; the core signs them in (throttled and audited), records
``vault.rollback_accepted`` and re-anchors. Anything else keeps the app closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from salon_desktop.i18n import N_
from ui.widgets import ErrorLabel, TextBinder, label, primary_button
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.base import Session


class RollbackForm(QWidget):
    accepted = Signal(object)  # the manager's Session

    def __init__(self, ctx: AppContext, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.texts = TextBinder()
        self.explain = label("hint")
        self.username = QLineEdit()
        self.username.setObjectName("rollback_username")
        self.password = QLineEdit()
        self.password.setObjectName("rollback_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        self.accept_button = primary_button()
        self.accept_button.setObjectName("rollback_accept")
        self.accept_button.clicked.connect(self.accept_older_data)
        self.password.returnPressed.connect(self.accept_older_data)
        form = QFormLayout()
        self.username_label, self.password_label = label(), label()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.texts.bind(self.explain.setText,
                        N_("To keep the older data, a manager signs in here. The decision is "
                           "recorded in the audit log."))
        self.texts.bind(self.username_label.setText, N_("Manager's username"))
        self.texts.bind(self.password_label.setText, N_("Password"))
        self.texts.bind(self.accept_button.setText, N_("Keep the older data"))
        self.texts.apply()

    def accept_older_data(self) -> None:
        username, password = self.username.text(), self.password.text()
        self.password.clear()
        self.error.clear_error()
        self.accept_button.setEnabled(False)
        ctx = self.ctx

        def failed(error: BaseException) -> None:
            self.accept_button.setEnabled(True)
            self.error.show_error(error)

        def done(session: Session) -> None:
            self.accept_button.setEnabled(True)
            self.accepted.emit(session)

        self.worker.run(lambda: ctx.accept_rollback(username, password), done, failed,
                        owner=self)

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()
