"""``ui.app.run``: the application object, the language choice, and a real start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from salon_desktop.context import AppContext
from salon_desktop.prefs import write_language
from salon_desktop.security.keystore import OsKeyStore
from tests.memory_keyring import MemoryKeyring
from ui import app as app_module
from ui.sign_in import SignInWindow
from ui.style import MIN_POINT_SIZE


def test_application_identity_and_style(qapp: QApplication) -> None:
    app = app_module.create_application()
    assert app is qapp
    assert app.applicationName() == "Salon Desktop"
    assert app.desktopFileName() == "salon-desktop"
    assert not app.windowIcon().isNull()
    assert app.font().pointSizeF() >= MIN_POINT_SIZE
    assert app.palette().color(QPalette.ColorRole.Highlight).name() == "#2e6b6f"
    assert "DejaVu Sans Mono" in QFont("DejaVu Sans Mono").family()


def test_language_choice_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert app_module.choose_language(None, tmp_path) == "ru"  # the system's
    write_language(tmp_path, "et")
    assert app_module.choose_language(None, tmp_path) == "et"  # remembered on this PC
    assert app_module.choose_language("en", tmp_path) == "en"  # --lang wins


def run_to_sign_in(qapp: QApplication, data_dir: Path, monkeypatch: pytest.MonkeyPatch
                   ) -> dict[str, object]:
    """``run()`` the demo until its sign-in window is ready (or 30 s passed); what it showed.

    A start-up failure's message box is recorded instead of shown: its nested event loop
    would otherwise wait for a click that never comes."""
    # A local event loop stands in for app.exec(): quitting the real one would leave Qt's
    # "quit now" flag set, and every later event loop in this process would return at once.
    loop = QEventLoop()
    monkeypatch.setattr(qapp, "exec", loop.exec)
    seen: dict[str, object] = {}

    def start_failed(_parent: object, _title: str, text: str) -> None:
        seen["start_failed"] = text

    monkeypatch.setattr(QMessageBox, "critical", start_failed)

    def check() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, SignInWindow) and w.isVisible()]
        if windows and windows[0].stack.currentIndex() == 1:
            seen["salon"] = windows[0].salon_label.text()
            seen["demo"] = windows[0].demo_box.isVisible()
            loop.quit()
        elif "start_failed" in seen:  # the app stopped: no sign-in window will come
            loop.quit()
        elif not loop.property("gave_up"):
            QTimer.singleShot(20, check)

    def give_up() -> None:
        loop.setProperty("gave_up", True)
        loop.quit()

    QTimer.singleShot(0, check)
    QTimer.singleShot(30_000, loop, give_up)  # never hang the suite
    assert app_module.run(data_dir=str(data_dir), demo=True, language="et") == 0
    return seen


def test_run_demo_shows_the_sign_in_window(qapp: QApplication, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    keystore = OsKeyStore(MemoryKeyring())
    monkeypatch.setattr(app_module, "_make_context",
                        lambda folder: AppContext(folder, keystore=keystore))
    seen = run_to_sign_in(qapp, tmp_path / "demo", monkeypatch)
    assert seen == {"salon": "Demo Salong Õnnelik", "demo": True}
    log_file = tmp_path / "demo" / "logs" / "salon-desktop.log"
    assert log_file.exists()  # the window's run writes the support log too


def test_a_failed_warm_up_does_not_stop_the_app(qapp: QApplication, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``_make_context`` itself (not a stand-in) with a warm-up that raises: only a cache
    warm-up failed, so the sign-in window still comes and the log names just the class."""
    import salon_desktop.context as context_module

    keystore = OsKeyStore(MemoryKeyring())
    monkeypatch.setattr(context_module, "AppContext",
                        lambda folder: AppContext(folder, keystore=keystore))

    def broken_warm_up(language: str | None = None) -> None:
        raise LookupError("Šmidt Õie +372 5555 0101")  # stands in for anything in a message

    monkeypatch.setattr(app_module, "warm_formats", broken_warm_up)
    seen = run_to_sign_in(qapp, tmp_path / "demo", monkeypatch)
    assert seen == {"salon": "Demo Salong Õnnelik", "demo": True}
    log_text = (tmp_path / "demo" / "logs" / "salon-desktop.log").read_text("utf-8")
    assert "LookupError" in log_text
    assert "Šmidt" not in log_text and "5555" not in log_text


def test_no_native_dialogs_so_no_recent_files_entries(qapp: QApplication) -> None:
    from PySide6.QtCore import Qt

    app_module.create_application()
    assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)


@pytest.mark.parametrize("language", ["et", "ru", "en"])
def test_babel_is_warmed_on_the_worker(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    """What ``_make_context`` does while "Opening…" shows: afterwards the GUI thread's first
    appointment-book titles, plurals, times and prices load no locale data."""
    import threading
    from datetime import date, datetime

    import babel.localedata as localedata

    from salon_desktop.i18n import get_translator, set_language
    from salon_desktop.i18n.catalog import reload_catalogs
    from ui.booking import texts

    monkeypatch.setattr(localedata, "_cache", {})  # as in a fresh process
    reload_catalogs()
    set_language(language)
    warming = threading.Thread(target=app_module.warm_formats)
    warming.start()
    warming.join()
    loaded = dict(localedata._cache)
    assert loaded  # the worker did load it

    misses: list[str] = []
    real_load = localedata.load

    def load(name: str, merge_inherited: bool = True) -> object:
        if name not in localedata._cache:
            misses.append(name)
        return real_load(name, merge_inherited)

    monkeypatch.setattr(localedata, "load", load)
    day = date(2026, 11, 25)
    texts.day_title(day)
    texts.week_title(day)
    texts.weekday_name(day, "EEE")
    translator = get_translator()
    translator.ngettext("{n} client", "{n} clients", 3)
    translator.locale.plural_form(3)
    translator.time(datetime(2026, 11, 25, 14, 15))
    translator.money(35)
    assert misses == []
