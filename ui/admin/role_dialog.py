"""“Change role…”: one combo box. The new role takes effect at the member's next sign-in.

The core refuses to demote the salon's last active manager (``LastManager``); the refusal is
shown in the dialog, translated, and the dialog stays open with the choice kept.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_
from ui.admin.add_staff import RoleCombo
from ui.admin.fields import FieldGrid, GrowingDialog
from ui.icons import icon
from ui.pages import PageEnv
from ui.save_guard import SavesOnWorker
from ui.widgets import ErrorLabel, TextBinder, heading, label

TITLE = N_("Change role")


class RoleDialog(SavesOnWorker, GrowingDialog):
    completed = Signal(object)  # StaffMember

    def __init__(self, env: PageEnv, member: StaffMember,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.member = env, member
        self.texts = TextBinder()
        self.setWindowIcon(icon("person"))
        self.setMinimumWidth(480)
        title = heading(1.25)
        explanation = label("hint")
        self.grid = FieldGrid(self.texts)
        self.role = RoleCombo()
        self.role.set_role(member.role)
        self.grid.add("role", N_("&Role"), self.role)
        self.error = ErrorLabel()
        self.error.setObjectName("role_dialog_error")
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        cancel = QPushButton()
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)

        self.texts.bind(self.setWindowTitle, TITLE)
        self.texts.bind(title.setText, TITLE)
        self.texts.bind(explanation.setText,
                        N_("{name} ({username}). The new role takes effect at their next "
                           "sign-in."), name=member.display_name, username=member.username)
        self.texts.bind(self.save_button.setText, TITLE)
        self.texts.bind(cancel.setText, N_("Cancel"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addLayout(self.grid.layout)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def save(self) -> None:
        if self._saving:
            return
        if self.role.role() == self.member.role:
            self.reject()  # nothing changed: nothing to audit
            return
        self.error.clear_error()
        self.grid.clear()
        staff, staff_id, role = self.env.ctx.services.staff, self.member.id, self.role.role()
        self.run_save(self.env.worker, lambda: staff.change_role(staff_id, role), self._saved,
                      self._failed, self.save_button)

    def _saved(self, member: StaffMember) -> None:
        self.completed.emit(member)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not self.grid.show_error(error):
            self.error.show_error(error)

    def retranslate(self) -> None:
        self.texts.apply()
        self.role.retranslate()
        self.grid.retranslate()
        self.error.retranslate()
