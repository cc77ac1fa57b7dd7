"""The lock screen: the salon's name and a sign-in form, nothing else.

No client, no count, no preview, not even the section that was open: whoever stands at the
desk learns only which salon this is. The same staff member unlocks with their password
(``auth.unlock``: their own session comes back); "Switch user" lets another staff member
sign in with their own name (``auth.sign_in``: their own session, role and view). Both
run on the worker (argon2 takes a moment) and both are audited by the auth service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from salon_desktop.i18n import N_
from ui.icons import icon
from ui.widgets import ErrorLabel, TextBinder, centered, heading, label, primary_button
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.base import Session

PRODUCT = "Salon Desktop"  # a name, never translated
LOCKED = N_("Locked. Sign in to continue.")
SWITCHING = N_("Sign in with your own username and password.")


class LockWindow(QWidget):
    signed_in = Signal(object)  # Session: the same person unlocked, or someone else

    def __init__(self, ctx: AppContext, worker: Worker, *, salon_name: str,
                 locked_username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_window")
        self.ctx, self.worker, self.locked_username = ctx, worker, locked_username
        self.texts = TextBinder()
        self._busy = False
        self.setWindowTitle(PRODUCT)
        self.setWindowIcon(icon("app"))
        self.setMinimumSize(480, 480)

        logo = QLabel()
        logo.setPixmap(icon("lock").pixmap(QSize(48, 48)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.salon_label = heading(1.6)
        self.salon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.salon_label.setText(salon_name or PRODUCT)
        self.prompt = label("hint")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username = QLineEdit(locked_username)
        self.username.setObjectName("lock_username")
        self.password = QLineEdit()
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.error = ErrorLabel()
        self.submit = primary_button()
        self.switch_button = QPushButton()
        self.switch_button.setProperty("role", "link")
        self.switch_button.setCursor(Qt.CursorShape.PointingHandCursor)

        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.sign_in)
        self.submit.clicked.connect(self.sign_in)
        self.switch_button.clicked.connect(self.switch_user)

        card = QFrame()
        card.setProperty("role", "card")
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 24, 28, 24)
        for widget in (logo, self.salon_label, self.prompt, self.username_label,
                       self.username, self.password_label, self.password, self.error,
                       self.submit):
            box.addWidget(widget)
        box.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centered(card, 420))
        layout.addStretch(2)
        self._set_mode(switching=not locked_username)

    # -- modes ---------------------------------------------------------------------------
    @property
    def switching(self) -> bool:
        return not self.username.isReadOnly()

    def _set_mode(self, *, switching: bool) -> None:
        self.username.setReadOnly(not switching)
        self.username.setFocusPolicy(Qt.FocusPolicy.StrongFocus if switching
                                     else Qt.FocusPolicy.ClickFocus)
        self.switch_button.setVisible(not switching)
        self.texts = TextBinder()
        self.texts.bind(self.username_label.setText, N_("&Username"))
        self.texts.bind(self.password_label.setText, N_("&Password"))
        self.texts.bind(self.switch_button.setText, N_("Switch user"))
        self.texts.bind(self.prompt.setText, SWITCHING if switching else LOCKED)
        self.texts.bind(self.submit.setText, N_("Sign in") if switching else N_("Unlock"))

    def switch_user(self) -> None:
        """Another staff member: an empty, editable name; the locked session stays locked
        until someone signs in."""
        self.error.clear_error()
        self.username.clear()
        self.password.clear()
        self._set_mode(switching=True)
        self.username.setFocus()

    def focus_first(self) -> None:
        (self.username if self.switching and not self.username.text()
         else self.password).setFocus()

    # -- signing in ----------------------------------------------------------------------
    def sign_in(self) -> None:
        if self._busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self.username.setFocus()
            return
        self.error.clear_error()
        self._set_busy(True)
        auth = self.ctx.services.auth
        same_person = username.casefold() == self.locked_username.casefold()

        def job() -> Session:
            if same_person and auth.locked_by() is not None:
                return auth.unlock(password)
            return auth.sign_in(username, password)

        self.worker.run(job, self._signed_in, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.username, self.password, self.submit, self.switch_button):
            widget.setEnabled(not busy)

    def _signed_in(self, session: Session) -> None:
        self.password.clear()
        self._set_busy(False)
        self.signed_in.emit(session)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.show_error(error)
        self.password.clear()
        self.password.setFocus()

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()
