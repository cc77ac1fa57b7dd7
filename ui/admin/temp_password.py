"""A dialog that sets a temporary password: the base of "Add staff member" and "Reset
password", and the reset dialog itself.

The temporary password is visible while the manager types it (they must read it out or write
it down), a "Suggest" button asks the core for a random one that passes the policy, and a live
hint lists the rules not met yet. After success it is shown once, large, on a last page —
then forgotten when the dialog closes. It is never put on the clipboard by the app.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_
from ui.admin.fields import FieldGrid, GrowingDialog, ProblemList
from ui.icons import icon
from ui.pages import PageEnv
from ui.style import mono_font
from ui.widgets import ErrorLabel, TextBinder, busy_bar, heading, label, note

HINT_DELAY_MS = 150  # ask the core once typing pauses, not on every key
HAND_OVER = N_("Give it to them in person or read it out; it is shown only this once. They "
               "choose their own password at their first sign-in.")


class TemporaryPasswordDialog(GrowingDialog):
    """Subclasses add their own rows in ``_build_rows`` and say what to run in ``_job``."""

    #: The member as saved; emitted as soon as the core has saved it (the table refreshes
    #: behind the dialog while the password is still shown).
    completed = Signal(object)

    TITLE = ""
    SUBMIT = ""
    DONE = ""
    PASSWORD_CAPTION = N_("Temporary password")

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.setWindowIcon(icon("key"))
        self.setMinimumWidth(560)
        self._submitting = False
        self._hint_ticket = 0
        self._hint_timer = QTimer(self)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.setInterval(HINT_DELAY_MS)
        self._hint_timer.timeout.connect(self._ask_hint)

        self.title = heading(1.25)
        self.grid = FieldGrid(self.texts)
        self._build_rows()
        self._add_password_row()
        self.error = ErrorLabel()
        self.busy = busy_bar()
        self.busy.hide()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._done_page())

        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton()
        self.submit_button.setProperty("role", "primary")
        self.submit_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.close_button = QPushButton()
        self.close_button.setProperty("role", "primary")
        role = QDialogButtonBox.ButtonRole
        self.buttons.addButton(self.submit_button, role.AcceptRole)
        self.buttons.addButton(self.cancel_button, role.RejectRole)
        self.buttons.addButton(self.close_button, role.ActionRole)
        self.close_button.hide()  # after addButton, which shows it
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)

        self.texts.bind(self.setWindowTitle, self.TITLE)
        self.texts.bind(self.title.setText, self.TITLE)
        self.texts.bind(self.submit_button.setText, self.SUBMIT)
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))
        self.texts.bind(self.close_button.setText, N_("Close"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)

    # -- building ------------------------------------------------------------------------
    def _build_rows(self) -> None:
        """Add the rows above the password (subclasses)."""

    def _add_password_row(self) -> None:
        self.password = QLineEdit()
        self.password.setFont(mono_font(12))
        self.password.textChanged.connect(self._password_changed)
        self.suggest_button = QPushButton()
        self.suggest_button.setAutoDefault(False)
        self.suggest_button.clicked.connect(self.suggest)
        self.texts.bind(self.suggest_button.setText, N_("Suggest"))
        self.texts.bind(self.suggest_button.setToolTip,
                        N_("Fill in a random temporary password that meets every rule."))
        self.hint = ProblemList()
        self.grid.add("temporary_password", N_("&Temporary password"), self.password,
                      beside=(self.suggest_button,), below=(self.hint,))

    def _form_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.grid.layout)
        box.addWidget(self.error)
        box.addWidget(self.busy)
        box.addStretch(1)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_label = label("success")
        self.shown_caption = QLabel()
        self.shown_password = QLabel()
        self.shown_password.setObjectName("shown_password")
        self.shown_password.setFont(mono_font(20))
        self.shown_password.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Selectable, so the manager may copy it on purpose; the app never copies it itself.
        self.shown_password.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hand_over = QLabel()
        self.texts.bind(self.done_label.setText, self.DONE)
        self.texts.bind(self.shown_caption.setText, self.PASSWORD_CAPTION)
        self.texts.bind(hand_over.setText, HAND_OVER)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.done_label)
        box.addSpacing(6)
        box.addWidget(self.shown_caption)
        box.addWidget(self.shown_password)
        box.addWidget(note(hand_over))
        box.addStretch(1)
        return page

    # -- the live hint -------------------------------------------------------------------
    def _hint_username(self) -> str:
        return ""

    def _password_changed(self, text: str) -> None:
        if not text:
            self._hint_timer.stop()
            self._hint_ticket += 1  # an answer still on its way is stale now
            self.hint.show_problems(None)
            return
        self._hint_timer.start()

    def _ask_hint(self) -> None:
        password, username = self.password.text(), self._hint_username()
        if not password:
            return
        self._hint_ticket += 1
        ticket = self._hint_ticket
        staff = self.env.ctx.services.staff
        self.env.worker.run(lambda: staff.password_hint(username, password),
                            lambda problems: self._hint_arrived(ticket, problems),
                            lambda _error: None, owner=self)

    def _hint_arrived(self, ticket: int, problems: list) -> None:
        if ticket == self._hint_ticket:  # answers to older keystrokes are dropped
            self.hint.show_problems(problems)

    def suggest(self) -> None:
        staff = self.env.ctx.services.staff
        self.env.worker.run(staff.suggest_temporary_password, self._suggested,
                            self._failed, owner=self)

    def _suggested(self, password: str) -> None:
        self.password.setText(password)
        self.grid.errors["temporary_password"].clear_error()
        self.password.setFocus()

    # -- saving --------------------------------------------------------------------------
    def _job(self) -> Callable[[], StaffMember]:
        """Read the fields (on the GUI thread) and return what the worker runs."""
        raise NotImplementedError

    def submit(self) -> None:
        if self._submitting or self.pages.currentIndex() != 0:
            return
        self.grid.clear()
        self.error.clear_error()
        job = self._job()
        self._set_busy(True)
        self.env.worker.run(job, self._saved, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._submitting = busy
        self.busy.setVisible(busy)
        for widget in (*self.grid.fields.values(), self.submit_button, self.suggest_button):
            widget.setEnabled(not busy)

    def _saved(self, member: StaffMember) -> None:
        self._set_busy(False)
        self.shown_password.setText(self.password.text())
        self.password.clear()
        self.pages.setCurrentIndex(1)
        for button in (self.submit_button, self.cancel_button):
            button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.layout().activate()  # place the Close button now, not on the next event turn
        self.fit_height()
        self.completed.emit(member)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not self.grid.show_error(error):
            self.error.show_error(error)

    def reject(self) -> None:
        """Not while the core is saving: the dialog is deleted once closed, and its answer
        (the password to hand over, the list to reload) would be lost with it."""
        if not self._submitting:
            super().reject()

    def done(self, result: int) -> None:
        """However the dialog closes, the password shown once is forgotten."""
        self._hint_timer.stop()
        self.shown_password.clear()
        self.password.clear()
        super().done(result)

    def retranslate(self) -> None:
        self.texts.apply()
        self.grid.retranslate()
        self.hint.retranslate()
        self.error.retranslate()


class ResetPasswordDialog(TemporaryPasswordDialog):
    TITLE = N_("Reset password")
    SUBMIT = N_("Reset password")
    DONE = N_("Password reset. They must choose their own password at their next sign-in.")

    def __init__(self, env: PageEnv, member: StaffMember,
                 parent: QWidget | None = None) -> None:
        self.member = member
        super().__init__(env, parent)

    def _build_rows(self) -> None:
        who = label()
        who.setObjectName("reset_who")
        self.texts.bind(who.setText,
                        N_("A temporary password for {name} ({username}). Any sign-in delay "
                           "after failed attempts is lifted."),
                        name=self.member.display_name, username=self.member.username)
        self.grid.add_full_width(who)

    def _hint_username(self) -> str:
        return self.member.username

    def _job(self) -> Callable[[], StaffMember]:
        staff, staff_id, password = (self.env.ctx.services.staff, self.member.id,
                                      self.password.text())
        return lambda: staff.reset_password(staff_id, password)
