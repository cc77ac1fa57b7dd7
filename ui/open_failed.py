"""The page shown when the salon's data cannot be opened: what happened and the way out.

Opening failures are never "fixed" by creating a new, empty vault: that would hide the real
data and put the salon's work into a database nobody can find again. The page shows the
error's own message (with its way out), “Recover access” for a lost keyring entry, “Try
again” for a keyring that was locked, and Quit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from salon_desktop.i18n import N_
from salon_desktop.security.rollback import RollbackSuspected
from ui.errors import message_for
from ui.icons import icon
from ui.language import LanguageCombo, switch_language
from ui.recover_dialog import RecoverDialog
from ui.rollback_form import RollbackForm
from ui.widgets import TextBinder, heading, label, primary_button
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext


class OpenFailedWindow(QWidget):
    retry_requested = Signal()
    quit_requested = Signal()
    #: a manager kept an older database that was put back (``RollbackSuspected``)
    rollback_accepted = Signal(object)

    def __init__(self, ctx: AppContext, worker: Worker, error: BaseException, *,
                 prefs_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.error, self.prefs_dir = ctx, worker, error, prefs_dir
        self.texts = TextBinder()
        self.setWindowTitle("Salon Desktop")
        self.setWindowIcon(icon("app"))
        self.setMinimumSize(560, 480)
        self.resize(680, 520)

        self.language = LanguageCombo()
        self.language.language_chosen.connect(lambda code: switch_language(code,
                                                                           self.prefs_dir))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language)

        picture = QLabel()
        picture.setPixmap(icon("warning").pixmap(QSize(40, 40)))
        self.title = heading(1.4)
        self.message = label()
        self.message.setObjectName("error_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder = label("hint")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recover_button = primary_button()
        self.retry_button = QPushButton()
        self.quit_button = QPushButton()
        self.texts.bind(self.title.setText, N_("The salon's data could not be opened"))
        self.texts.bind(self.folder.setText, N_("Data folder: {folder}"),
                        folder=str(ctx.data_dir))
        self.texts.bind(self.recover_button.setText, N_("Recover access"))
        self.texts.bind(self.retry_button.setText, N_("Try again"))
        self.texts.bind(self.quit_button.setText, N_("Quit"))
        self.recover_button.clicked.connect(self.open_recover_dialog)
        self.retry_button.clicked.connect(self.retry_requested)
        self.quit_button.clicked.connect(self.quit_requested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.recover_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)

        card = QFrame()
        card.setProperty("role", "card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(28, 24, 28, 24)
        title_row = QHBoxLayout()
        title_row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(self.title, 1)
        card_layout.addLayout(title_row)
        card_layout.addSpacing(6)
        card_layout.addWidget(self.message)
        card_layout.addSpacing(10)
        card_layout.addWidget(self.folder)
        card_layout.addSpacing(14)
        self.rollback: RollbackForm | None = None
        if isinstance(error, RollbackSuspected):
            # Not a lost key: the way out is a manager's decision, or the newer file back.
            self.recover_button.hide()
            self.rollback = RollbackForm(ctx, worker)
            self.rollback.accepted.connect(self.rollback_accepted)
            card_layout.addWidget(self.rollback)
            card_layout.addSpacing(10)
        card_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(card)
        layout.addStretch(2)
        self.retranslate()
        if self.rollback is not None:
            self.rollback.username.setFocus()
        else:
            self.recover_button.setFocus()

    def open_recover_dialog(self) -> RecoverDialog:
        dialog = RecoverDialog(self.ctx, self.worker, self)
        # Access restored: open the vault again; the sign-in window follows.
        dialog.recovered.connect(self.retry_requested)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.texts.apply()
        self.message.setText(message_for(self.error))
        self.language.sync()
        if self.rollback is not None:
            self.rollback.retranslate()
