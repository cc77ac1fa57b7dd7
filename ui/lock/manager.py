"""Locking and unlocking: the order of the steps is what keeps the screen clean.

Lock (idle timeout, Ctrl+L / the Lock button, the OS locking or going to sleep):

1. collect every open form's unsaved edits (``drafts.collect_drafts``), before anything is
   hidden or destroyed;
2. engage the shield, so from here on nothing behind the lock gets input or focus;
3. close tooltips, menus and popups; answer message boxes with Cancel/No and reject the other
   dialogs (file and print dialogs too) without asking anything;
4. ask every page to ``clear()`` its client data;
5. drop our clipboard copy and selection;
6. show the lock screen in the main window's place; the controller hides the main window
   and deletes it with its models, caches and child dialogs (rebuilt from the services on
   unlock: nothing of the last view survives in memory);
7. on the worker, in this order: keep the drafts (still signed in), then ``auth.lock()``.
   A form whose Save was already on the worker gets no draft when that save stored its
   input (``drafts.SaveInFlight``): the serial worker ran the save first, so its outcome is
   known here, while the dialog itself may already be gone.

Unlock or switch user: the lock screen signs in on the worker; the controller builds a new
main window for that session (its own role and view); ``attach`` reads the idle delay, runs
``drafts.discard_expired()`` and offers that member's own drafts in a banner.
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from salon_desktop.i18n import _
from ui.lock.banner import DraftBanner
from ui.lock.clipboard import guard
from ui.lock.drafts import Unsaved, clear_pages, collect_drafts, host_row, reopen
from ui.lock.idle import IdleWatcher
from ui.lock.screen import LockWindow
from ui.lock.session_watch import SessionWatcher
from ui.lock.shield import LockShield, close_transients, put_away_windows

if TYPE_CHECKING:
    from salon_desktop.services.base import Session
    from salon_desktop.services.drafts import Draft
    from ui.controller import AppController
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
_managers: weakref.WeakSet[LockManager] = weakref.WeakSet()


def idle_delay_changed(minutes: object) -> None:
    """The manager saved a new ``idle_lock_minutes``: it applies at once, not only from the
    next sign-in. For the Administration page (no reference to the controller needed)."""
    for manager in list(_managers):
        manager.idle.set_minutes(minutes)


class LockManager(QObject):
    #: The lock screen, to be shown in place of the main window (controller._replace).
    show_window = Signal(QWidget)
    #: Someone signed in on the lock screen: the controller shows their main window.
    signed_in = Signal(object)

    def __init__(self, controller: AppController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.idle = IdleWatcher(self)
        self.idle.timed_out.connect(lambda: self.lock("idle"))
        self.os_watcher = SessionWatcher(self)
        self.os_watcher.lock_requested.connect(self.lock)
        self.shield = LockShield(self)
        self.idle.key_hook = self._lock_key
        self.main: MainWindow | None = None
        self.screen: LockWindow | None = None
        self.banner: DraftBanner | None = None
        self.offered: list[Draft] = []
        self._last_view: tuple[int, str] | None = None  # (staff id, section) at the lock
        _managers.add(self)

    @property
    def locked(self) -> bool:
        return self.screen is not None

    # -- a signed-in main window ---------------------------------------------------------
    def attach(self, main: MainWindow) -> None:
        """Watch ``main``: idle time, Ctrl+L, the OS; then offer its member's drafts."""
        self.main = main
        requested = getattr(main, "lock_requested", None)
        if requested is not None:
            requested.connect(lambda: self.lock("button"))
        main.signed_out.connect(lambda _name, m=main: self._detach(m))
        ctx = self.controller.ctx
        self.idle.start(ctx.clock)
        if not self.os_watcher.watching:
            self.os_watcher.start()
        if self._last_view is not None and self._last_view[0] == main.session.staff_id:
            main.show_section(self._last_view[1])  # the same person: the same section
        self._last_view = None
        services, session = ctx.services, main.session

        def job() -> tuple[object, list[Draft]]:
            minutes = services.settings.value("idle_lock_minutes")
            if session.must_change_password:
                return minutes, []
            services.drafts.discard_expired()
            return minutes, services.drafts.pending()

        self.controller.worker.run(job, lambda result: self._attached(main, *result),
                                   lambda error: log.error("drafts could not be read: %s",
                                                           type(error).__name__), owner=main)

    def _attached(self, main: MainWindow, minutes: object, drafts: list[Draft]) -> None:
        self.idle.set_minutes(minutes)
        if main is self.main:
            self.offered = [d for d in drafts if host_row(main, d.kind) is not None]
            self._offer_next()

    def refresh_settings(self) -> None:
        """Re-read the idle delay (for the Administration page after saving settings)."""
        ctx = self.controller.ctx
        self.controller.worker.run(lambda: ctx.services.settings.value("idle_lock_minutes"),
                                   self.idle.set_minutes,
                                   lambda error: log.error("idle delay not read: %s",
                                                           type(error).__name__))

    def _detach(self, main: MainWindow) -> None:
        if self.main is main:
            self.main = None
            self.idle.stop()

    # -- locking -------------------------------------------------------------------------
    def _lock_key(self, event: QKeyEvent) -> bool:
        """Ctrl+L inside a modal dialog: Qt does not trigger the main window's application
        shortcut while a modal dialog blocks that window, so the idle filter hands key
        presses here. Outside a dialog the shortcut fires first and this never sees it."""
        main = self.main
        if main is None or not shiboken6.isValid(main):
            return False
        action = main.lock_action
        if (not action.isEnabled() or action.shortcut().isEmpty()
                or QKeySequence(event.keyCombination()) != action.shortcut()):
            return False
        self.lock("button")
        return True

    def lock(self, reason: str = "button") -> None:
        main = self.main
        if main is None or self.screen is not None or not shiboken6.isValid(main):
            return
        if not main.lock_action.isEnabled():  # signing out already
            return
        log.info("locking: %s", reason)
        self.main, self.banner, self.offered = None, None, []
        self.idle.stop()
        unsaved = collect_drafts()  # first, while every form is still there
        try:
            self._lock(main)
        except Exception:  # fail closed: whatever broke, nothing stays on screen
            log.exception("locking failed; hiding every window")
            for widget in QApplication.topLevelWidgets():
                if widget is not self.screen:
                    widget.hide()
            if self.screen is not None and not self.screen.isVisible():
                self.show_window.emit(self.screen)
        finally:
            self._record_lock(unsaved)  # in any case: keep the drafts, lock the session

    def _lock(self, main: MainWindow) -> None:
        session = main.session
        ctx, worker = self.controller.ctx, self.controller.worker
        screen = LockWindow(ctx, worker, salon_name=self.controller.salon_name,
                            locked_username=session.username)
        screen.signed_in.connect(self._signed_in)
        self.screen = screen
        self.shield.engage(screen, screen.focus_first)
        close_transients()
        put_away_windows(keep=(main, screen))
        clear_pages(main)
        guard().clear_for_lock()
        index = main.stack.currentIndex()
        if 0 <= index < len(main.specs):
            self._last_view = (session.staff_id, main.specs[index].key)
        screen.setGeometry(main.geometry())
        screen.setWindowState(main.windowState())
        self.show_window.emit(screen)
        screen.focus_first()

    def _record_lock(self, unsaved: list[Unsaved]) -> None:
        ctx = self.controller.ctx
        services = ctx.services

        def job() -> int:
            kept = 0
            for item in unsaved:  # still signed in: the drafts are this member's
                if not item.still_unsaved():  # its Save, asked for before the lock, stored it
                    log.info("a %s draft was not kept: the form's save went through",
                             item.kind)
                    continue
                if item.in_flight is not None and item.in_flight.saved is None:
                    log.warning("a %s form's save had not run at the lock; draft kept",
                                item.kind)
                try:
                    services.drafts.save(item.kind, item.key, item.payload)
                    kept += 1
                except Exception as error:
                    log.error("a %s draft could not be kept: %s", item.kind,
                              type(error).__name__)
            services.auth.lock()
            ctx.anchor_now()  # narrows the window in which an older copy could be put back
            return kept

        self.controller.worker.run(
            job, lambda kept: log.info("locked; %d drafts kept", kept),
            lambda error: log.error("the lock was not recorded: %s", type(error).__name__))

    def _signed_in(self, session: Session) -> None:
        self.shield.release()
        self.screen = None
        self.signed_in.emit(session)  # the controller replaces the lock screen

    # -- drafts offered back -------------------------------------------------------------
    def _offer_next(self) -> None:
        main = self.main
        if main is None:
            return
        if not self.offered:
            if self.banner is not None:
                main.removeToolBar(self.banner)
                self.banner.deleteLater()
                self.banner = None
            return
        if self.banner is None:
            self.banner = DraftBanner(main)
            self.banner.restore_requested.connect(self._restore)
            self.banner.discard_requested.connect(self._discard)
            main.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
            main.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.banner.show_draft(self.offered[0])

    def _restore(self, draft: Draft) -> None:
        main, services = self.main, self.controller.ctx.services
        if main is None:
            return

        def taken(full: Draft) -> None:
            self._drop_offer(draft)
            try:
                if reopen(main, full.kind, full.key, full.payload or {}):
                    main.show_status(_("Your unsaved work is back."))
                    return
            except Exception:
                log.exception("a %s draft could not be reopened", full.kind)
            payload = full.payload or {}
            self.controller.worker.run(  # not lost: kept again for a later sign-in
                lambda: services.drafts.save(full.kind, full.key, payload),
                lambda _id: None, lambda error: log.error("draft not kept again: %s",
                                                          type(error).__name__))

        self.controller.worker.run(lambda: services.drafts.take(draft.id), taken,
                                   self._draft_failed(draft), owner=main)

    def _discard(self, draft: Draft) -> None:
        main, services = self.main, self.controller.ctx.services
        if main is None:
            return

        def discarded(_none: Any) -> None:
            self._drop_offer(draft)
            main.show_status(_("The unsaved work was discarded."))

        self.controller.worker.run(lambda: services.drafts.discard(draft.id), discarded,
                                   self._draft_failed(draft), owner=main)

    def _draft_failed(self, draft: Draft) -> Any:
        def failed(error: BaseException) -> None:
            log.error("draft %d: %s", draft.id, type(error).__name__)
            self._drop_offer(draft)

        return failed

    def _drop_offer(self, draft: Draft) -> None:
        self.offered = [d for d in self.offered if d.id != draft.id]
        self._offer_next()

    # -- the end -------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.idle.stop()
        self.shield.release()
        self.os_watcher.stop()
        guard().clear_for_lock()
        self.main = self.screen = None
