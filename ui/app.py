"""``salon-desktop``: the Qt application (Fusion, one accent colour) and the first window.

Start-up is kept short so the first window appears within about a second: nothing touches
the database or the keyring on the GUI thread; the controller opens the vault on the worker
while the sign-in window shows "Opening…".
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salon_desktop import app_log
from salon_desktop.i18n import get_translator, normalize_language, system_language
from salon_desktop.paths import resolve_data_dir, resolve_demo_dir
from salon_desktop.prefs import read_language
from ui.controller import AppController
from ui.icons import icon
from ui.language import apply_language
from ui.qt_compat import install as install_qt_fixes
from ui.style import apply_style
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext

log = logging.getLogger(__name__)

APP_NAME = "Salon Desktop"
DESKTOP_FILE = "salon-desktop"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with name, icon, style and fonts (also used by the screenshots)."""
    install_qt_fixes()
    # Qt's own file and print dialogs everywhere: the native ones add every saved report or
    # export (whose name may hold a client's name) to the OS recent-files lists
    # (Windows Recent Items / Quick access, GTK's recently-used.xbel).
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("SalonDesktop")
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(icon("app"))
    apply_style(app)
    return app


def choose_language(explicit: str | None, folder: Path) -> str:
    """``--lang``, else this computer's remembered choice, else the system's language."""
    return normalize_language(explicit) or read_language(folder) or system_language()


def _make_context(folder: Path) -> AppContext:
    """Runs on the worker: importing the core is the slow part of start-up. The main
    window's modules are imported here too (class definitions only: no widget is made off
    the GUI thread), while "Opening…" shows and the person then types the password, instead
    of after Sign in, where they cost ~60–150 ms of the wait (docs/performance.md)."""
    from salon_desktop.context import AppContext

    context = AppContext(folder)
    import ui.main_window  # noqa: F401
    from ui.pages import all_pages

    all_pages()
    try:
        warm_formats()
    except Exception as error:  # only a cache failed; the app works without it
        # A warm-up only moves work off the GUI thread: if it fails, the first format pays
        # it later (or shows the failure where it belongs). Stopping here would show the
        # start-up failure although the vault is fine. The class name only: an exception's
        # message is not ours to vouch for (salon_desktop/app_log.py: no personal data).
        log.warning("warming the date and number formats failed: %s", type(error).__name__)
    return context


def warm_formats(language: str | None = None) -> None:
    """Load Babel's locale data for ``language`` (the current one by default) off the GUI
    thread: Babel reads a language's CLDR data (plural rules, day names, number formats;
    ~10 ms) at its first format, and parses each pattern once. Otherwise the GUI thread pays
    it in the client list's first answer ("N clients", inside the sign-in wait) or in the
    first build of the Appointments section, whichever comes first (docs/performance.md).

    Only strings are made here, no widget: safe on the worker (Babel's data cache has a
    lock; the translator is shared and immutable once loaded). The other languages are not
    warmed: each costs ~10 ms of locale data (+ ~25 ms for its catalogs) before the sign-in
    form appears, for a language switch that rarely comes.
    """
    translator = get_translator(language)
    day = date(2026, 11, 25)
    translator.locale.plural_form(2)  # ngettext, "N clients"
    for width in ("EEEE", "EEE", "short"):  # the appointment book's day names, dates
        translator.date(day, width)
    translator.time(datetime(2026, 11, 25, 9, 30))
    translator.number(Decimal("1234.5"))
    translator.money(Decimal("35.00"))


def run(data_dir: str | None, demo: bool, language: str | None, *,
        before_start: Callable[[QApplication, AppController], None] | None = None) -> int:
    """The window's main loop. ``before_start`` (benchmarks/gui_probe.py) sees the
    application and the controller before the first window exists, so a probe measures
    the very start-up the app runs instead of a copy of it."""
    folder = resolve_demo_dir(data_dir) if demo else resolve_data_dir(data_dir)
    app_log.configure(folder)  # for support; never personal data (see salon_desktop/app_log.py)
    app = create_application()
    apply_language(choose_language(language, folder))
    worker = Worker()
    controller = AppController(lambda: _make_context(folder), worker, demo=demo,
                               prefs_dir=folder)
    controller.quit_requested.connect(app.quit)
    if before_start is not None:
        before_start(app, controller)
    controller.start()
    try:
        return app.exec()
    finally:
        # Closing the windows now must not post another quit: it would outlive this loop.
        app.setQuitOnLastWindowClosed(False)
        controller.shutdown()
