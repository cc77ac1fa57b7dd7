"""The flow between the windows: set-up or open → sign in → main window → lock → sign in.

One top-level window at a time; the next one is shown before the previous one closes, so the
application never sees "last window closed" in between. Opening the vault runs on the worker
while the sign-in window already shows "Opening…". When opening fails, the failure page says
why and offers the way out; it never creates a new vault in place of one it cannot open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.errors import message_for
from ui.lock.manager import LockManager
from ui.sign_in import SignInWindow
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.base import Session
    from ui.main_window import MainWindow
    from ui.open_failed import OpenFailedWindow
    from ui.password_dialog import ChangePasswordDialog
    from ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)


class AppController(QObject):
    """Drives the windows. ``context`` is the ``AppContext``, or a function building it: then
    it is built on the worker, so importing the core (argon2, reportlab, keyring: most of a
    second) happens while the sign-in window already shows "Opening…"."""

    quit_requested = Signal()

    def __init__(self, context: AppContext | Callable[[], AppContext], worker: Worker, *,
                 demo: bool = False, prefs_dir: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_context = context if callable(context) else None
        self.ctx: AppContext = None if callable(context) else context  # type: ignore[assignment]
        self.worker, self.demo = worker, demo
        if prefs_dir is None and self.ctx is None:
            raise ValueError("prefs_dir is needed when the context is built later")
        self.prefs_dir = prefs_dir if prefs_dir is not None else self.ctx.data_dir
        self.window: QWidget | None = None
        self._retired: list[QWidget] = []
        self.salon_name = ""
        self._opener: Callable[[], None] = lambda: None
        self.lock = LockManager(self)  # idle, Ctrl+L and OS locks; drafts (docs/lock.md)
        self.lock.show_window.connect(self._replace)
        self.lock.signed_in.connect(self._signed_in)

    # -- start ---------------------------------------------------------------------------
    def start(self) -> None:
        if self._make_context is None:
            self._begin(self.ctx.vault_exists())
            return
        waiting = self.show_sign_in(opening=True)
        make = self._make_context

        def build() -> tuple[AppContext, bool]:
            ctx = make()
            return ctx, ctx.vault_exists()

        def built(result: tuple[AppContext, bool]) -> None:
            self.ctx, exists = result
            waiting.ctx = self.ctx
            self._begin(exists, waiting)

        self.worker.run(build, built, self._start_failed, owner=waiting)

    def _begin(self, vault_exists: bool, waiting: SignInWindow | None = None) -> None:
        if self.demo:
            self.open_vault(self.ctx.open_or_create_demo, waiting)
        elif vault_exists:
            self.open_vault(self.ctx.open, waiting)
        else:
            self.show_wizard()

    def _start_failed(self, error: BaseException) -> None:
        """The core could not even be loaded (a broken installation): say so and stop."""
        from PySide6.QtWidgets import QMessageBox

        log.critical("start-up failed: %s", type(error).__name__, exc_info=error)
        QMessageBox.critical(self.window, "Salon Desktop", message_for(error))
        self.quit()

    def open_vault(self, opener: Callable[[], None],
                   waiting: SignInWindow | None = None) -> None:
        self._opener = opener  # "Try again" and a recovered key open the same way again
        sign_in = waiting or self.show_sign_in(opening=True)
        sign_in.set_opening()
        ctx = self.ctx

        def job() -> str:
            if ctx.vault is not None:  # a retry after a half-way open: start clean
                ctx.close()
            opener()
            return ctx.services.settings.salon_details().name

        def opened(salon_name: str) -> None:
            self.salon_name = salon_name
            sign_in.set_ready(salon_name)

        self.worker.run(job, opened, self.show_open_failed, owner=sign_in)

    # -- the windows ---------------------------------------------------------------------
    def show_wizard(self) -> SetupWizard:
        from ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.ctx, self.worker, prefs_dir=self.prefs_dir)
        wizard.finished.connect(lambda _result: self._wizard_finished(wizard))
        self._replace(wizard)
        return wizard

    def _wizard_finished(self, wizard: SetupWizard) -> None:
        created = wizard.created
        if created is None:
            self.quit()
            return
        self.salon_name = created.salon_name
        sign_in = self.show_sign_in(username=created.username)
        sign_in.set_ready(created.salon_name)

    def show_sign_in(self, *, opening: bool = False, username: str = "") -> SignInWindow:
        window = SignInWindow(self.ctx, self.worker, demo=self.demo, prefs_dir=self.prefs_dir,
                              username=username)
        window.signed_in.connect(self._signed_in)
        if opening:
            window.set_opening()
        else:
            window.set_ready(self.salon_name)
        self._replace(window)
        return window

    def show_open_failed(self, error: BaseException) -> OpenFailedWindow:
        from ui.open_failed import OpenFailedWindow

        log.warning("the vault could not be opened: %s", type(error).__name__)
        window = OpenFailedWindow(self.ctx, self.worker, error, prefs_dir=self.prefs_dir)
        window.retry_requested.connect(lambda: self.open_vault(self._opener))
        window.quit_requested.connect(self.quit)
        window.rollback_accepted.connect(self._rollback_accepted)
        self._replace(window)
        return window

    def _rollback_accepted(self, session: Session) -> None:
        """A manager kept the older data: the vault is open and they are signed in."""
        ctx, worker = self.ctx, self.worker

        def named(salon_name: str) -> None:
            self.salon_name = salon_name
            self._signed_in(session)

        worker.run(lambda: ctx.services.settings.salon_details().name, named,
                   self.show_open_failed)

    def _signed_in(self, session: Session) -> None:
        if session.must_change_password:
            self.show_password_change(session)
        else:
            self.show_main(session)

    def show_password_change(self, session: Session) -> ChangePasswordDialog:
        """A temporary password opens nothing but its own replacement (the core refuses
        everything else): this dialog is the whole window until it is changed or the person
        signs out."""
        from salon_desktop.i18n import _
        from ui.password_dialog import CHANGED, ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx, self.worker, session, forced=True,
                                      prefs_dir=self.prefs_dir)
        dialog.password_changed.connect(lambda s: self.show_main(s).show_status(_(CHANGED)))
        dialog.signed_out.connect(self._signed_out)
        self._replace(dialog)
        return dialog

    def show_main(self, session: Session) -> MainWindow:
        from ui.main_window import MainWindow

        window = MainWindow(self.ctx, self.worker, session, salon_name=self.salon_name,
                            prefs_dir=self.prefs_dir)
        window.signed_out.connect(self._signed_out)
        window.restored.connect(self._restored)
        self._replace(window)
        self.lock.attach(window)
        from ui.backup.reminder import offer_backup_reminder

        offer_backup_reminder(window)  # a manager whose last good backup is too old
        return window

    def _restored(self, salon_name: str) -> None:
        """The restored data may name the salon differently (the sign-in screen shows it)."""
        self.salon_name = salon_name or self.salon_name

    def _signed_out(self, username: str) -> None:
        self.show_sign_in(username=username)

    def _replace(self, window: QWidget) -> None:
        previous, self.window = self.window, window
        window.show()
        if QGuiApplication.platformName() != "offscreen":  # offscreen cannot raise
            window.raise_()
        window.activateWindow()
        if previous is not None:
            self._retire(previous)

    def _retire(self, window: QWidget) -> None:
        """Hide now, delete on the next event-loop turn: the window may be in the middle of
        its own slot (a dialog of it that emitted "recovered", a button's click)."""
        window.hide()
        self._retired.append(window)  # keep the wrapper alive until Qt deletes the window
        window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))
        window.deleteLater()

    def _forget(self, window: QWidget) -> None:
        self._retired = [kept for kept in self._retired if kept is not window]

    # -- the end -------------------------------------------------------------------------
    def quit(self) -> None:
        self.quit_requested.emit()

    def shutdown(self) -> None:
        """Close the window, sign out and close the vault on the worker, stop the worker."""
        self.lock.shutdown()
        if self.window is not None:
            window, self.window = self.window, None
            self._retire(window)
        ctx = self.ctx
        if ctx is None:  # never built
            self.worker.close()
            return

        def close_vault() -> None:
            try:
                if ctx.vault is not None and ctx.services.session is not None:
                    ctx.services.auth.sign_out()
            finally:
                ctx.close()

        self.worker.run(close_vault, lambda _none: None,
                        lambda error: log.error("closing failed: %s", type(error).__name__))
        self.worker.close()
