"""“Add staff member…”: username, the name shown in the program, role, temporary password.

The core checks everything (username shape and uniqueness, the password policy) and names the
field at fault; the dialog only places the error there. The new member must replace the
temporary password at their first sign-in, so the manager never knows a working password.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from salon_desktop.domain.roles import ROLE_LABELS, Role
from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_, _
from ui.admin.temp_password import TemporaryPasswordDialog
from ui.pages import PageEnv


class RoleCombo(QComboBox):
    """Manager / Reception / Stylist, translated live; the data is the ``Role``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for role in Role:
            self.addItem(_(ROLE_LABELS[role]), role)

    def role(self) -> Role:
        return Role(self.currentData())

    def set_role(self, role: Role) -> None:
        self.setCurrentIndex(max(0, self.findData(role)))

    def retranslate(self) -> None:
        for row in range(self.count()):
            self.setItemText(row, _(ROLE_LABELS[Role(self.itemData(row))]))


class AddStaffDialog(TemporaryPasswordDialog):
    TITLE = N_("Add staff member")
    SUBMIT = N_("Add staff member")
    # The same words as `salon-desktop admin staff add`, so support hears one sentence.
    DONE = N_("Staff member added. They must choose their own password at their first "
              "sign-in.")
    PASSWORD_CAPTION = N_("Temporary password for the new staff member")

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.username.setFocus()

    def _build_rows(self) -> None:
        self.username = QLineEdit()
        self.username.setMaxLength(40)
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(80)
        self.role = RoleCombo()
        self.role.set_role(Role.STYLIST)  # most new accounts are stylists
        self.grid.add("username", N_("&Username"), self.username)
        self.grid.add("display_name", N_("&Name shown in the program"), self.display_name)
        self.grid.add("role", N_("&Role"), self.role)
        # A changed username can change the verdict ("must not contain the username").
        self.username.textEdited.connect(lambda _text: self._password_changed(
            self.password.text()))

    def _hint_username(self) -> str:
        return self.username.text()

    def _job(self) -> Callable[[], StaffMember]:
        staff = self.env.ctx.services.staff
        username, display = self.username.text(), self.display_name.text()
        role, password = self.role.role(), self.password.text()
        return lambda: staff.create(username, display, role, password)

    def retranslate(self) -> None:
        super().retranslate()
        self.role.retranslate()
