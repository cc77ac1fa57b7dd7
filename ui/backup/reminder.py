"""The backup reminder at the manager's sign-in: a calm banner, never a dialog in the way.

``BackupService.reminder()`` decides (no good backup younger than ``backup_reminder_days``;
never backed up counts as due). The banner sits in its own toolbar row under the session bar,
says how old the last good backup is and links to Administration → Backups. It goes away
when closed or when a backup succeeds, and re-words itself with the main window (it binds to
the window's ``texts``), so no change to the main window is needed beyond calling
``offer_backup_reminder``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_, _, ngettext
from ui.backup.tab import BackupsTab
from ui.icons import icon
from ui.style import WARNING_BG, WARNING_INK

if TYPE_CHECKING:
    from salon_desktop.services.backups import BackupReminder
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
NEVER = N_("No backup of the salon's data has been made yet.")
BACK_UP_NOW = N_("Back up now")


class ReminderBanner(QFrame):
    open_requested = Signal()
    close_requested = Signal()

    def __init__(self, reminder: BackupReminder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setObjectName("backup_reminder")
        self.setStyleSheet(
            f"QFrame#backup_reminder {{ background: {WARNING_BG}; border: 1px solid #E8CFA8;"
            f" border-radius: 4px; }}"
            f" QFrame#backup_reminder QLabel {{ color: {WARNING_INK}; }}")
        mark = QLabel()
        mark.setPixmap(icon("warning").pixmap(QSize(18, 18)))
        self.text_label = QLabel()
        self.text_label.setObjectName("backup_reminder_text")
        self.link = QPushButton()
        self.link.setObjectName("backup_reminder_link")
        self.link.setProperty("role", "link")
        self.link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.link.clicked.connect(self.open_requested.emit)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_requested.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 3, 6, 3)
        row.addWidget(mark)
        row.addWidget(self.text_label)
        row.addWidget(self.link)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.retranslate()

    def message(self) -> str:
        days = self.reminder.days_since
        if days is None or self.reminder.last_good_at is None:
            return _(NEVER)
        return ngettext("The last good backup is {days} day old.",
                        "The last good backup is {days} days old.", days).format(days=days)

    def retranslate(self) -> None:
        self.text_label.setText(self.message())
        self.link.setText(_(BACK_UP_NOW))
        self.close_button.setToolTip(_("Hide this reminder"))


def show_backups_tab(window: QWidget) -> BackupsTab | None:
    """Administration → Backups, with "Back up now" focused."""
    show_section = getattr(window, "show_section", None)
    if show_section is None or not show_section("administration"):
        return None
    tab = window.findChild(BackupsTab)
    if tab is None:
        return None
    parent = tab.parentWidget()
    while parent is not None and not isinstance(parent, QTabWidget):
        parent = parent.parentWidget()
    if parent is not None:
        parent.setCurrentWidget(tab)
    tab.back_up_button.setFocus()
    return tab


def offer_backup_reminder(window: MainWindow) -> None:
    """At sign-in: ask the core (on the worker) and show the banner if a backup is due."""
    if not window.session.can(Permission.BACKUP) or window.session.must_change_password:
        return
    backups = window.ctx.services.backups

    def failed(error: BaseException) -> None:  # a reminder is never worth an error on screen
        log.warning("the backup reminder could not be read: %s", type(error).__name__)

    window.worker.run(backups.reminder, lambda r: _show(window, r) if r.due else None, failed,
                      owner=window)


def _show(window: MainWindow, reminder: BackupReminder) -> ReminderBanner:
    banner = ReminderBanner(reminder)
    bar = QToolBar()
    bar.setObjectName("backup_reminder_bar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    bar.setStyleSheet("QToolBar#backup_reminder_bar { border: none; padding: 2px 8px; }")
    bar.addWidget(banner)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.show()  # added to a window already on screen
    banner.open_requested.connect(lambda: show_backups_tab(window))
    banner.close_requested.connect(bar.hide)
    tab = window.findChild(BackupsTab)
    if tab is not None:
        tab.backup_made.connect(bar.hide)
    else:  # Administration is built when first shown (ui/main_window.py)
        def built(_key: str, page: QWidget) -> None:
            found = page.findChild(BackupsTab)
            if found is not None:
                found.backup_made.connect(bar.hide)

        window.page_built.connect(built)

    def retranslate(_text: str) -> None:
        if shiboken6.isValid(banner):
            banner.retranslate()

    window.texts.bind(retranslate, BACK_UP_NOW)
    return banner
