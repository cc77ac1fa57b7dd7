"""The sign-in window: the salon's name, username, password; nothing about any client.

It appears at once in an "Opening…" state while the worker opens the vault (the window is on
screen within a second even when the demo salon is first created), then the form is enabled.
The argon2 check of the password runs on the worker too, so the window never freezes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_
from ui.icons import icon
from ui.language import LanguageCombo, language_row, switch_language
from ui.recover_dialog import RecoverDialog
from ui.widgets import (
    ErrorLabel,
    TextBinder,
    busy_bar,
    centered,
    heading,
    label,
    note,
    primary_button,
)
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.base import Session

PRODUCT = "Salon Desktop"  # a name, never translated
DEMO_NOTE = N_("Demo salon: every client here is invented.\nUsername: {user}\nPassword: "
               "{password}")
# The same words as `salon-desktop admin recover`, so support hears one sentence.
RECOVERED = N_("Access restored: the database key is back in this computer's keyring.")


class SignInWindow(QWidget):
    signed_in = Signal(object)  # Session

    def __init__(self, ctx: AppContext | None, worker: Worker, *, demo: bool = False,
                 prefs_dir: Path | None = None, username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.demo, self.prefs_dir = ctx, worker, demo, prefs_dir
        self.salon_name = ""
        self.texts = TextBinder()
        self.setWindowTitle(PRODUCT)
        self.setWindowIcon(icon("app"))
        self.setMinimumSize(480, 560)
        self.resize(560, 640)

        self.language = LanguageCombo()
        self.language.language_chosen.connect(self._change_language)
        top = language_row(self.language)

        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(QSize(56, 56)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.salon_label = heading(1.6)
        self.salon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.salon_label.setText(PRODUCT)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._opening_page())
        self.stack.addWidget(self._form_page())

        card = QFrame()
        card.setProperty("role", "card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(28, 24, 28, 24)
        card_layout.addWidget(logo)
        card_layout.addWidget(self.salon_label)
        card_layout.addSpacing(6)
        card_layout.addWidget(self.stack)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addLayout(centered(card, 420))
        layout.addStretch(2)
        if username:
            self.username.setText(username)

    # -- building ------------------------------------------------------------------------
    def _opening_page(self) -> QWidget:
        page = QWidget()
        self.opening_label = label("hint")
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texts.bind(self.opening_label.setText, N_("Opening the salon's data…"))
        box = QVBoxLayout(page)
        box.addStretch(1)
        box.addWidget(self.opening_label)
        box.addWidget(busy_bar())
        box.addStretch(1)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget()
        self.prompt = label("hint")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.error = ErrorLabel()
        self.notice = label("success")
        self.notice.hide()
        self.submit = primary_button()
        self.recover_button = QPushButton()
        self.recover_button.setProperty("role", "link")
        self.recover_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.demo_note = QLabel()
        self.demo_box = note(self.demo_note)
        self.demo_box.setVisible(self.demo)
        self.demo_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.texts.bind(self.prompt.setText, N_("Sign in to continue."))
        self.texts.bind(self.notice.setText, RECOVERED)
        self.texts.bind(self.username_label.setText, N_("&Username"))
        self.texts.bind(self.password_label.setText, N_("&Password"))
        self.texts.bind(self.submit.setText, N_("Sign in"))
        self.texts.bind(self.recover_button.setText, N_("Recover access"))
        self.texts.bind(self.recover_button.setToolTip,
                        N_("When this computer has lost the key to the salon's data: enter "
                           "the recovery key from the recovery sheet."))

        self.username.returnPressed.connect(self._enter_on_username)
        self.password.returnPressed.connect(self.sign_in)
        self.submit.clicked.connect(self.sign_in)
        self.recover_button.clicked.connect(self.open_recover_dialog)

        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.prompt)
        box.addSpacing(8)
        for widget in (self.username_label, self.username, self.password_label, self.password,
                       self.error, self.notice):
            box.addWidget(widget)
        box.addSpacing(8)
        box.addWidget(self.submit)
        box.addWidget(self.recover_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.demo_box)
        return page

    # -- states --------------------------------------------------------------------------
    def set_opening(self) -> None:
        self.stack.setCurrentIndex(0)

    def set_ready(self, salon_name: str) -> None:
        if self.demo and not self.demo_note.text():
            # Imported only now: the core loads on the worker while "Opening…" shows.
            from salon_desktop.services.demo import DEMO_PASSWORD, DEMO_USER

            self.texts.bind(self.demo_note.setText, DEMO_NOTE, user=DEMO_USER,
                            password=DEMO_PASSWORD)
        self.salon_name = salon_name
        self.salon_label.setText(salon_name or PRODUCT)
        self.stack.setCurrentIndex(1)
        target = self.password if self.username.text() else self.username
        target.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.submit, self.recover_button,
                       self.language):
            widget.setEnabled(not busy)

    # -- actions -------------------------------------------------------------------------
    def _enter_on_username(self) -> None:
        if self.password.text():
            self.sign_in()
        else:
            self.password.setFocus()

    def sign_in(self) -> None:
        if self.stack.currentIndex() != 1 or self.worker.busy:
            return
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self.username.setFocus()
            return
        self.error.clear_error()
        self.notice.hide()
        self._set_busy(True)
        assert self.ctx is not None, "sign-in is enabled only once the vault is open"
        auth = self.ctx.services.auth
        self.worker.run(lambda: auth.sign_in(username, password), self._signed_in,
                        self._failed, owner=self)

    def _signed_in(self, session: Session) -> None:
        self.password.clear()
        self._set_busy(False)
        self.signed_in.emit(session)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.show_error(error)
        self.password.clear()
        self.password.setFocus()

    def open_recover_dialog(self) -> RecoverDialog:
        assert self.ctx is not None
        dialog = RecoverDialog(self.ctx, self.worker, self)
        dialog.recovered.connect(self._recovered)
        dialog.open()
        return dialog

    def _recovered(self) -> None:
        self.notice.show()

    def _change_language(self, code: str) -> None:
        switch_language(code, self.prefs_dir)

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()
        self.language.sync()
