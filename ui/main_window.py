"""The main window shell: navigation between the sections, who is signed in, Lock.

The sections come from the page registry (``ui.pages``), so later issues add their screens
without touching this file. The signed-in staff member and their role are always visible
(top right), and Lock sits next to them (Ctrl+L). The title names the salon, never a client.

Each section is built when it is first shown (the first one at once): building all of them
at sign-in was ~300 ms of the wait for the client list (docs/performance.md). Until then an
``UnbuiltPage`` holds its place in the stack, so rows, indexes and ``specs`` stay aligned;
``page(key)`` / ``page_at(row)`` build on demand, and ``stack.widget(row)`` is the real page
once built.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from salon_desktop.domain.roles import ROLE_LABELS
from salon_desktop.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from ui.icons import icon
from ui.language import switch_language
from ui.pages import PageEnv, PageSpec, UnbuiltPage, visible_pages
from ui.widgets import TextBinder
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.base import Session

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    #: Emitted once the session is closed; carries the username to prefill after a lock.
    signed_out = Signal(str)
    #: Ctrl+L or the Lock button: the controller's lock manager locks (ui/lock/).
    lock_requested = Signal()
    #: A backup was restored (ui/backup); carries the restored salon's name.
    restored = Signal(str)
    #: A section's page was built (on its first show): its key and the page. For whoever
    #: attaches to a page that may not exist yet (the backup reminder watches Backups).
    page_built = Signal(str, QWidget)

    def __init__(self, ctx: AppContext, worker: Worker, session: Session, *,
                 salon_name: str, prefs_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.session, self.prefs_dir = ctx, worker, session, prefs_dir
        self.texts = TextBinder()
        self._leaving = False
        self.setWindowTitle(f"Salon Desktop — {salon_name}" if salon_name else "Salon Desktop")
        self.setWindowIcon(icon("app"))
        self.setMinimumSize(960, 600)
        self._fit_to_screen()

        self.specs: list[PageSpec] = visible_pages(session)
        # Pages read the window's session when they ask, not the one of the sign-in: a
        # password change replaces it (ui/password_dialog.py) while the pages live on.
        self.env = PageEnv(ctx, worker, session, self.show_status,
                           current_session=lambda: self.session)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.stack = QStackedWidget()
        for spec in self.specs:
            self.stack.addWidget(UnbuiltPage(spec))
            item = QListWidgetItem(icon(spec.icon), "")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self._connect_booking()
        self.navigation.currentRowChanged.connect(self._select_row)
        self.navigation.setCurrentRow(0)  # builds the first section, the one on screen

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.retranslate()
        self.navigation.setFocus()

    # -- building ------------------------------------------------------------------------
    def _fit_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen else QSize(1366, 728)
        self.resize(min(1280, available.width()), min(800, available.height()))

    def _build_actions(self) -> None:
        self.lock_action = QAction(icon("lock"), "", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.sign_out_action = QAction(icon("sign-out"), "", self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.change_password_action = QAction(icon("key"), "", self)
        self.change_password_action.triggered.connect(self.change_password)
        self.quit_action = QAction("", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.texts.bind(self.lock_action.setText, N_("Lock"))
        self.texts.bind(self.lock_action.setToolTip, N_("Lock the screen (Ctrl+L)"))
        self.texts.bind(self.sign_out_action.setText, N_("Sign out"))
        self.texts.bind(self.change_password_action.setText, N_("Change my password…"))
        self.texts.bind(self.quit_action.setText, N_("Quit"))
        # Ctrl+1 … Ctrl+9 jump to a section, in the order of the navigation.
        for row in range(min(9, len(self.specs))):
            jump = QAction(self)
            jump.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            jump.triggered.connect(lambda _checked=False, r=row: self.show_section_row(r))
            self.addAction(jump)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar()
        toolbar.setObjectName("session_toolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.toggleViewAction().setVisible(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        person = QLabel()
        person.setPixmap(icon("person").pixmap(QSize(20, 20)))
        self.staff_label = QLabel()
        self.staff_label.setObjectName("staff_label")
        toolbar.addWidget(spacer)
        toolbar.addWidget(person)
        toolbar.addWidget(self.staff_label)
        toolbar.addAction(self.change_password_action)
        toolbar.addSeparator()
        toolbar.addAction(self.lock_action)
        toolbar.addAction(self.sign_out_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_menus(self) -> None:
        self.program_menu = self.menuBar().addMenu("")
        self.program_menu.addAction(self.lock_action)
        self.program_menu.addAction(self.sign_out_action)
        self.program_menu.addAction(self.change_password_action)
        self.program_menu.addSeparator()
        self.program_menu.addAction(self.quit_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_actions = QActionGroup(self)
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.change_language(c))
            self.language_actions.addAction(action)
            self.language_menu.addAction(action)
        self.texts.bind(self.program_menu.setTitle, N_("&Program"))
        self.texts.bind(self.language_menu.setTitle, N_("&Language"))

    # -- the sections, each built on first show -----------------------------------------
    def page(self, key: str) -> QWidget | None:
        """The page of section ``key`` (built now if it was not shown yet); None if this
        session has no such section."""
        keys = self.section_keys()
        return self.page_at(keys.index(key)) if key in keys else None

    def page_at(self, row: int) -> QWidget | None:
        """The page in ``row`` of the navigation, built now if it was not shown yet."""
        widget = self.stack.widget(row)
        if isinstance(widget, UnbuiltPage):
            return self._build_page(row, widget)
        return widget

    def is_built(self, key: str) -> bool:
        """Whether section ``key`` has been built (shown or asked for) in this window."""
        keys = self.section_keys()
        return key in keys and not isinstance(self.stack.widget(keys.index(key)), UnbuiltPage)

    def _build_page(self, row: int, stand_in: UnbuiltPage) -> QWidget:
        """Put the real page in the stand-in's place. It comes up in the language in use
        (pages translate as they are built), so no retranslate is owed to it."""
        page = stand_in.spec.build(self.env)
        self.stack.insertWidget(row, page)
        if self.stack.currentWidget() is stand_in:
            # Swap the current page first: removing the current widget would make Qt show
            # (and announce) whichever row slid into its place.
            self.stack.setCurrentWidget(page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self._page_built(stand_in.spec.key, page)
        self.page_built.emit(stand_in.spec.key, page)
        return page

    def _page_built(self, key: str, page: QWidget) -> None:
        """Connections between sections, made when the page that emits is built."""
        if key == "clients" and "appointments" in self.section_keys():
            book_requested = getattr(page, "book_requested", None)
            if book_requested is not None:
                book_requested.connect(self.book_for_client)

    def _select_row(self, row: int) -> None:
        """The navigation chose ``row``: build its page if needed, then show it."""
        if row >= 0:
            self.page_at(row)
            self.stack.setCurrentIndex(row)

    def _connect_booking(self) -> None:
        """Book from the client card (``_page_built``), and Ctrl+B from any section
        (ui-guide: keyboard first). Needs no page built: Ctrl+B builds Appointments."""
        if "appointments" not in self.section_keys():
            return
        self.new_booking_action = QAction(self)
        self.new_booking_action.setShortcut(QKeySequence("Ctrl+B"))
        self.new_booking_action.triggered.connect(self.new_booking)
        self.addAction(self.new_booking_action)
        # On the Appointments page its own Ctrl+B answers; two live shortcuts for one key
        # would be ambiguous and neither would fire.
        self.stack.currentChanged.connect(self._enable_new_booking)

    def _enable_new_booking(self, index: int) -> None:
        on_book = 0 <= index < len(self.specs) and self.specs[index].key == "appointments"
        self.new_booking_action.setEnabled(not on_book)

    def book_for_client(self, client_id: int, name: str) -> None:
        book = self.page("appointments")
        if book is not None and self.show_section("appointments"):
            book.book_for_client(client_id, name)  # type: ignore[attr-defined]

    def new_booking(self) -> None:
        book = self.page("appointments")
        if book is not None and self.show_section("appointments"):
            book.new_booking()  # type: ignore[attr-defined]

    # -- behaviour -----------------------------------------------------------------------
    def show_section(self, key: str) -> bool:
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.show_section_row(row)
                return True
        return False

    def show_section_row(self, row: int) -> None:
        self.navigation.setCurrentRow(row)

    def section_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def _fit_navigation(self) -> None:
        """As wide as the longest section name in this language (Russian is long)."""
        metrics = self.navigation.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.navigation.item(row).text())
                      for row in range(self.navigation.count())), default=120)
        self.navigation.setFixedWidth(min(320, max(200, widest + 22 + 64)))

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def lock(self) -> None:
        """Lock the screen: the lock manager keeps unsaved edits as drafts, puts every
        window away and shows the lock screen; nothing is asked (docs/lock.md)."""
        self.lock_requested.emit()

    def sign_out(self) -> None:
        self._leave(keep_username=False)

    def after_restore(self, salon_name: str) -> None:
        """A restore replaced the salon's data and ended every session (docs/backups.md):
        no sign-out to run, just leave for the sign-in screen."""
        self._leaving = True
        self.restored.emit(salon_name)
        self.signed_out.emit("")

    def change_password(self) -> QWidget:
        from ui.password_dialog import open_for

        return open_for(self)

    def _leave(self, *, keep_username: bool) -> None:
        if self._leaving:
            return
        self._leaving = True
        self.centralWidget().setEnabled(False)
        for action in (self.lock_action, self.sign_out_action):
            action.setEnabled(False)
        username = self.session.username if keep_username else ""
        auth = self.ctx.services.auth

        def failed(error: BaseException) -> None:
            # The window goes away regardless: leaving a session open on screen is worse.
            log.error("sign-out failed: %s", type(error).__name__)
            self.signed_out.emit(username)

        ctx = self.ctx

        def sign_out() -> None:
            auth.sign_out()
            ctx.anchor_now()  # the rollback anchor follows the audit chain (never raises)

        self.worker.run(sign_out, lambda _none: self.signed_out.emit(username), failed,
                        owner=self)

    def change_language(self, code: str) -> None:
        switch_language(code, self.prefs_dir)

    def retranslate(self) -> None:
        self.texts.apply()
        for row, spec in enumerate(self.specs):
            self.navigation.item(row).setText(_(spec.title))
            page = self.stack.widget(row)  # a stand-in: its page is built translated
            retranslate = getattr(page, "retranslate", None)
            if callable(retranslate):
                retranslate()
        self._fit_navigation()
        role = _(ROLE_LABELS[self.session.role])
        self.staff_label.setText(f"{self.session.display_name} · {role}")
        self.staff_label.setToolTip(_("Signed in"))
        for action in self.language_actions.actions():
            action.setChecked(action.data() == current_language())
