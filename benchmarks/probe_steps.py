"""The steps ``gui_probe.py`` drives a started app through: wait for the sign-in form, sign
in, wait for the client list, type, type quickly, open cards. Each step reads the moments
the watchers of ``probe_events.py`` noted; the command line and the JSON line it prints are
``gui_probe.py``'s (its docstring says what each figure means).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from probe_events import (
    Marks,
    PaintWatcher,
    ProbeFailed,
    StartWatcher,
    peak_rss_mb,
    press,
    settle,
    wait_until,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget

from ui.controller import AppController

#: What a receptionist types: a surname letter by letter, Estonian diacritics, Cyrillic, a
#: first name, a phone prefix; Esc (clear) after each word is a keystroke too.
WORDS = ("tamm", "kõiv", "ольга", "mari", "5550", "smith", "sööt", "иван")


class Probe:
    """Drives one start of the app through its widgets and collects ``result`` (the JSON
    line ``gui_probe.py`` prints). ``process_start`` is ``perf_counter`` at the process's
    start, read by ``gui_probe.py`` before anything heavy was imported."""

    def __init__(self, args: argparse.Namespace, password: str, process_start: float) -> None:
        self.args, self.password, self.process_start = args, password, process_start
        self.marks = Marks()
        self.result: dict[str, Any] = {}
        self.error: BaseException | None = None
        self.controller: AppController | None = None

    # -- the hook --------------------------------------------------------------------------
    def before_start(self, app: QApplication, controller: AppController) -> None:
        self.controller = controller
        self.watcher = StartWatcher(self.marks, app)
        app.installEventFilter(self.watcher)
        QTimer.singleShot(0, self.script)

    def script(self) -> None:
        """Runs inside the app's event loop; waits spin nested loops (like ``qWait``)."""
        assert self.controller is not None
        try:
            self._measure()
        except BaseException as error:  # reported by main(); a slot must not raise
            self.error = error
        finally:
            self.controller.quit()

    # -- the steps -------------------------------------------------------------------------
    def _measure(self) -> None:
        marks, controller = self.marks, self.controller
        assert controller is not None
        wait_until(lambda: marks.first_paint is not None, "the sign-in window's first paint")
        assert marks.first_paint is not None
        self.result["cold_start_ms"] = (marks.first_paint - self.process_start) * 1000
        sign_in = controller.window
        wait_until(lambda: sign_in is not None and sign_in.stack.currentIndex() == 1
                   and sign_in.submit.isEnabled(), "the vault to open")
        assert sign_in is not None
        self.result["open_ms"] = (time.perf_counter() - marks.first_paint) * 1000

        sign_in.username.setText(self.args.user)
        sign_in.password.setText(self.password)
        settle(self.args.typing_ms)  # a person typing the password
        delivered = sign_in._signed_in  # the worker's answer reaches the window here

        def session_arrived(session: Any) -> None:
            self.result["session_ms"] = (time.perf_counter() - clicked) * 1000
            delivered(session)

        sign_in._signed_in = session_arrived  # type: ignore[method-assign]
        clicked = time.perf_counter()
        QTest.mouseClick(sign_in.submit, Qt.MouseButton.LeftButton)
        wait_until(lambda: marks.main_window is not None or bool(sign_in.error.text()),
                   "the main window")
        if marks.main_window is None:
            raise ProbeFailed(f"sign-in refused: {sign_in.error.text()}")
        window = marks.main_window
        table = window.findChild(QTableView, "client_list")
        search = window.findChild(QLineEdit, "client_search")
        if table is None or search is None:
            raise ProbeFailed("the main window has no client list (is Clients the first "
                              "section for this user?)")
        model = table.model()
        model.query_loaded.connect(
            lambda: marks.loaded.append((time.perf_counter(), model.text, model.rowCount())))
        original_set_query = model.set_query

        def set_query(text: str) -> int:  # the debounce fired: the app's own work begins
            marks.handed_over.append(time.perf_counter())
            return original_set_query(text)

        model.set_query = set_query
        wait_until(lambda: model.total is not None and model.rowCount() > 0,
                   "the client list's first page")
        assert marks.main_shown is not None
        self.result["main_window_ms"] = (marks.main_shown - clicked) * 1000
        self.result["sign_in_ms"] = ((marks.loaded[-1][0] if marks.loaded
                                      else time.perf_counter()) - clicked) * 1000
        self.result["rows"] = model.rowCount()
        self.result["total_clients"] = model.total
        settle(300)

        self.paints = PaintWatcher(marks)
        table.viewport().installEventFilter(self.paints)
        pane = search.parent()
        pane.stack.widget(1).installEventFilter(self.paints)  # type: ignore[union-attr]
        search.setFocus()
        self._type(search)
        self._cards(window, search)
        self.result["peak_rss_mb"] = peak_rss_mb()

    def _type(self, search: QLineEdit) -> None:
        """One key at a time; each waits for its rows and the list's repaint."""
        raw, after, painted, texts = [], [], [], []
        debounce = search.parent().controller.timer.interval()  # type: ignore[union-attr]
        keys: list[str | Qt.Key] = []
        for word in self.args.words:
            keys += [*word, Qt.Key.Key_Escape]
        for key in keys:
            before = search.text()
            loaded_before = len(self.marks.loaded)
            handed_before = len(self.marks.handed_over)
            pressed = time.perf_counter()
            press(search, key)
            text = search.text().strip()
            if search.text() == before or text == before.strip():
                continue  # no new query (a trailing space): nothing to measure
            wait_until(lambda n=loaded_before, t=text: len(self.marks.loaded) > n
                       and self.marks.loaded[-1][1] == t, f"rows for {text!r}")
            done = self.marks.loaded[-1][0]
            try:  # nothing visible changes when "no match" follows "no match"
                wait_until(lambda d=done: self.marks.list_painted > d, "a repaint", 0.5)
                painted.append((self.marks.list_painted - pressed) * 1000)
            except ProbeFailed:
                pass
            raw.append((done - pressed) * 1000)
            after.append((done - self.marks.handed_over[handed_before]) * 1000)
            texts.append(text)
            settle(20)
        self.result.update(debounce_ms=debounce, keystroke_ms=raw,
                           keystroke_after_debounce_ms=after, keystroke_painted_ms=painted,
                           keystroke_texts=texts)
        self._bursts(search)

    def _bursts(self, search: QLineEdit) -> None:
        """Each word typed at ``--burst-interval-ms`` per key (a quick typist) without
        waiting for answers in between: last key → the rows for the whole word. Shows that
        the queries for the letters before do not hold up the answer for the word."""
        times = []
        for word in filter(None, self.args.words):
            loaded_before, pressed = len(self.marks.loaded), time.perf_counter()
            for index, key in enumerate(word):
                if index:
                    settle(self.args.burst_interval_ms)
                loaded_before, pressed = len(self.marks.loaded), time.perf_counter()
                press(search, key)
            text = search.text().strip()

            def arrived(n: int = loaded_before, t: str = text) -> float | None:
                return next((at for at, shown, _rows in self.marks.loaded[n:] if shown == t),
                            None)

            wait_until(lambda: arrived() is not None, f"rows for {text!r} after a burst")
            times.append((arrived() or pressed) * 1000 - pressed * 1000)
            done = len(self.marks.loaded)
            press(search, Qt.Key.Key_Escape)
            wait_until(lambda n=done: any(shown == "" for _at, shown, _r in
                                          self.marks.loaded[n:]), "the list after Esc")
            settle(20)
        self.result["burst_ms"] = times

    def _cards(self, window: QWidget, search: QLineEdit) -> None:
        from ui.clients.card import ClientCardView

        card = window.findChild(ClientCardView)
        if card is None or self.args.cards <= 0:
            self.result["card_ms"] = []
            return
        card.loaded.connect(lambda: setattr(self.marks, "card_loaded", time.perf_counter()))
        times = []
        for _ in range(self.args.cards):
            self.marks.card_loaded = None
            pressed = time.perf_counter()
            QTest.keyClick(search, Qt.Key.Key_Return)
            wait_until(lambda: self.marks.card_loaded is not None, "the client card")
            assert self.marks.card_loaded is not None
            times.append((self.marks.card_loaded - pressed) * 1000)
            settle(50)
            card.close_card()
            search.setFocus()
            settle(30)
        self.result["card_ms"] = times
