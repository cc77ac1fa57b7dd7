"""The Staff tab: everyone who works here, and the manager's four actions on an account.

Accounts are never deleted (the audit log refers to them), only deactivated; a refusal from
the core (the last manager, one's own account) is shown under the buttons in plain words.
The list loads on the worker the first time the tab is shown, not when the window opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.roles import ROLE_LABELS
from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_, _
from ui.admin.add_staff import AddStaffDialog
from ui.admin.fields import TABLE_STYLE, same_height, section_note
from ui.admin.role_dialog import RoleDialog
from ui.admin.staff_model import StaffTableModel
from ui.admin.temp_password import ResetPasswordDialog
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, primary_button

DEACTIVATE, REACTIVATE = N_("Deactivate…"), N_("Reactivate…")
D = TypeVar("D", bound=QDialog)


class StaffTab(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.loaded = False
        self.confirm_box: QMessageBox | None = None
        self.model = StaffTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("staff_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setStyleSheet(TABLE_STYLE)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())
        self.view.activated.connect(lambda _index: self.change_role())  # Enter, double-click

        self.add_button = primary_button()
        self.role_button = QPushButton()
        self.active_button = QPushButton()
        self.reset_button = QPushButton()
        self.add_button.clicked.connect(self.add_member)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.texts.bind(self.add_button.setText, N_("Add staff member…"))
        self.texts.bind(self.role_button.setText, N_("Change role…"))
        self.texts.bind(self.reset_button.setText, N_("Reset password…"))
        self.error = ErrorLabel()
        self.error.setObjectName("staff_error")

        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.active_button,
                       self.reset_button):
            buttons.addWidget(button)
        same_height(self.add_button, self.role_button, self.active_button, self.reset_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(section_note(
            self.texts, N_("Accounts are never deleted: a deactivated account can no longer "
                           "sign in, and its entries in the audit log stay.")))
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        self._sync_buttons()

    # -- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else getattr(self.selected(), "id", None)
        staff = self.env.ctx.services.staff
        self.env.worker.run(staff.members, lambda members: self._show(members, keep),
                            self.error.show_error, owner=self)

    def _show(self, members: list[StaffMember], select_id: int | None) -> None:
        self.model.set_members(members)
        row = self.model.row_of(select_id) if select_id is not None else -1
        if row >= 0:
            self.view.selectRow(row)
        self._sync_buttons()

    def selected(self) -> StaffMember | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.member(rows[0].row()) if rows else None

    def select_username(self, username: str) -> bool:
        for row in range(self.model.rowCount()):
            member = self.model.member(row)
            if member is not None and member.username == username:
                self.view.selectRow(row)
                return True
        return False

    def _sync_buttons(self) -> None:
        member = self.selected()
        for button in (self.role_button, self.active_button, self.reset_button):
            button.setEnabled(member is not None)
        self.reset_button.setEnabled(member is not None and member.active)
        self.active_button.setText(_(REACTIVATE if member and not member.active
                                     else DEACTIVATE))

    # -- actions -------------------------------------------------------------------------
    def add_member(self) -> AddStaffDialog:
        dialog = AddStaffDialog(self.env, self)
        dialog.completed.connect(lambda m: self._changed(
            m, _("{name} was added as {role}.").format(name=m.display_name,
                                                       role=_(ROLE_LABELS[m.role]))))
        return self._open(dialog)

    def change_role(self) -> RoleDialog | None:
        member = self.selected()
        if member is None:
            return None
        dialog = RoleDialog(self.env, member, self)
        dialog.completed.connect(lambda m: self._changed(
            m, _("{name} is now {role}, from their next sign-in.").format(
                name=m.display_name, role=_(ROLE_LABELS[m.role]))))
        return self._open(dialog)

    def reset_password(self) -> ResetPasswordDialog | None:
        member = self.selected()
        if member is None or not member.active:
            return None
        dialog = ResetPasswordDialog(self.env, member, self)
        dialog.completed.connect(lambda m: self._changed(
            m, _("A temporary password was set for {name}.").format(name=m.display_name)))
        return self._open(dialog)

    def toggle_active(self) -> QMessageBox | None:
        member = self.selected()
        if member is None:
            return None
        staff = self.env.ctx.services.staff
        if member.active:
            return self._confirm(
                _("Deactivate {name}? They can no longer sign in. Their entries in the audit "
                  "log stay.").format(name=member.display_name),
                _("Deactivate"), lambda: staff.deactivate(member.id),
                _("Staff member deactivated: the account can no longer sign in."))
        return self._confirm(
            _("Reactivate {name}? They can sign in again with their password.").format(
                name=member.display_name),
            _("Reactivate"), lambda: staff.reactivate(member.id),
            _("Staff member reactivated: the account can sign in again."))

    def _confirm(self, text: str, yes_text: str, job: Callable[[], StaffMember],
                 done_text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, yes_text, text,
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # a slip of the Enter key must not lock someone out
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            self.confirm_box = None
            if button is yes:
                self.error.clear_error()
                self.env.worker.run(job, lambda m: self._changed(m, done_text),
                                    self.error.show_error, owner=self)

        box.buttonClicked.connect(clicked)
        self.confirm_box = box
        box.open()
        return box

    def _open(self, dialog: D) -> D:
        self.error.clear_error()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _changed(self, member: StaffMember, status: str) -> None:
        self.error.clear_error()
        self.env.show_status(status)
        self.reload(select_id=member.id)

    def retranslate(self) -> None:
        self.texts.apply()
        self.model.retranslate()
        self.error.retranslate()
        self._sync_buttons()
