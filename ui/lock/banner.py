"""The calm offer after sign-in: "You have unsaved work from 10:42 — Restore / Discard".

Not a dialog: it asks nothing that blocks, and it shows only the time, never what was typed
(the content appears when its owner presses Restore). It sits as a thin bar under the
toolbar, one draft at a time, newest first.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget

from salon_desktop.i18n import N_, _, get_translator

if TYPE_CHECKING:  # the services load on the worker at start-up, not with the window
    from salon_desktop.services.drafts import Draft

UNSAVED = N_("You have unsaved work from {time}.")


def saved_time(moment: datetime, today: datetime | None = None) -> str:
    """10:42 today, 24.11.2026 18:05 on another day (local time)."""
    local = moment.astimezone()
    now = (today or datetime.now(local.tzinfo)).astimezone(local.tzinfo)
    if local.date() == now.date():
        return local.strftime("%H:%M")
    return get_translator().datetime(local)


class DraftBanner(QToolBar):
    restore_requested = Signal(object)  # Draft
    discard_requested = Signal(object)  # Draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.draft: Draft | None = None
        box = QWidget()
        box.setProperty("role", "note")
        box.setStyleSheet("QWidget[role=\"note\"] { background: #FFF4E5; }")
        self.text = QLabel()
        self.text.setProperty("role", "note")
        self.restore_button = QPushButton()
        self.restore_button.setProperty("role", "primary")
        self.discard_button = QPushButton()
        row = QHBoxLayout(box)
        row.setContentsMargins(12, 4, 12, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.addWidget(box)
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_draft(self, draft: Draft) -> None:
        self.draft = draft
        self.retranslate()
        self.setEnabled(True)
        self.show()

    def retranslate(self) -> None:
        self.restore_button.setText(_("Restore"))
        self.discard_button.setText(_("Discard"))
        if self.draft is not None:
            self.text.setText(_(UNSAVED).format(time=saved_time(self.draft.saved_at)))

    def _restore(self) -> None:
        if self.draft is not None:
            self.setEnabled(False)
            self.restore_requested.emit(self.draft)

    def _discard(self) -> None:
        if self.draft is not None:
            self.setEnabled(False)
            self.discard_requested.emit(self.draft)
