"""The window figures of a real start, measured in a fresh process (benchmarks/bench_app.py).

    printf '%s\\n' "$PASSWORD" | python benchmarks/gui_probe.py FOLDER USER [--lang et]
    printf '%s\\n%s\\n' "$PASSWORD" "$ENTRIES_JSON" | python benchmarks/gui_probe.py FOLDER USER \\
        --keyring-on-stdin

Starts the app exactly as ``salon-desktop --data-dir FOLDER`` does (``ui.app.run``; its
``before_start`` hook only lets this probe watch), then drives it through its widgets and
prints one JSON line:

- ``cold_start_ms``: process start → the sign-in window's first Paint event. Linux: the
  kernel's start time of this process (``/proc/self/stat``, against ``CLOCK_BOOTTIME``), so
  the interpreter's own start-up and every import count; elsewhere from the first line of
  this script (the interpreter's start-up is then missing). "Cold" means a new process; the
  OS file cache is whatever the machine has (dropping it would disturb others' work).
- ``open_ms``: first paint → the sign-in form enabled (the core imported and the vault opened
  on the worker; not a target, shown for the whole picture).
- ``sign_in_ms``: the Sign in button clicked (``--typing-ms`` after the form became ready: a
  person typing the password) → the main window shown *and* the client list's first page in
  its model, argon2 included; ``session_ms`` ends when the worker's answer reaches the
  sign-in window, ``main_window_ms`` when the main window is shown.
- ``keystroke_ms``: one key into the client search box (key events as a keyboard sends them:
  Latin, Estonian diacritics, Cyrillic, digits, Esc to clear) → the list model holding the
  rows for the new text. Each key waits for the previous one's rows and repaint: a typist who
  pauses. ``keystroke_after_debounce_ms`` starts when the search box's debounce timer handed
  the query over (``model.set_query``) — the app's own work; ``keystroke_painted_ms`` ends
  at the list's next paint (left out when nothing on screen changes).
- ``burst_ms``: each word typed at ``--burst-interval-ms`` a key without waiting → from the
  last key to the rows for the whole word (a quick typist).
- ``card_ms``: Enter in the search box (empty search, first row) → the card's ``loaded``
  signal (core query + the card drawn), ``--cards`` times.
- ``peak_rss_mb``: the peak resident size at the end, with the list open (``VmHWM``; see
  ``peak_rss_mb``).

The database key: by default the OS keyring, as the app does. With ``--keyring-on-stdin`` the
second stdin line is a JSON object of the vault's ``salon-desktop`` keyring entries (the key,
the rollback anchor), served from memory by ``probe_keyring.py``: the benchmark's vault keeps
them in an in-memory keyring the probe cannot see. Offscreen platform unless
``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def _process_start() -> tuple[float, str]:
    """``perf_counter`` at this process's start, and how it was found."""
    now = time.perf_counter()
    try:
        stat = Path("/proc/self/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()  # comm may hold spaces and ")"
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - started
        return now - age, "process (/proc/self/stat)"
    except (OSError, ValueError, IndexError, AttributeError):
        return now, "interpreter (first line of the probe)"


PROCESS_START, START_CLOCK = _process_start()

# ruff: noqa: E402  (the clock above must be read before anything heavy is imported)
import argparse
import json
import resource
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import probe_keyring
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget

from ui.app import run
from ui.controller import AppController

#: What a receptionist types: a surname letter by letter, Estonian diacritics, Cyrillic, a
#: first name, a phone prefix; Esc (clear) after each word is a keystroke too.
WORDS = ("tamm", "kõiv", "ольга", "mari", "5550", "smith", "sööt", "иван")
WAIT_S = 30.0


class ProbeFailed(RuntimeError):
    """A step did not happen within its time (the message says which)."""


@dataclass
class Marks:
    """Moments seen by the event filters and signal slots (``perf_counter`` seconds)."""

    first_paint: float | None = None
    main_shown: float | None = None
    main_window: QWidget | None = None
    loaded: list[tuple[float, str, int]] = field(default_factory=list)  # time, text, rows
    handed_over: list[float] = field(default_factory=list)
    list_painted: float = 0.0
    card_loaded: float | None = None


class _StartWatcher(QObject):
    """App-wide until the main window shows: the sign-in window's first paint, then the main
    window's Show (its client list answers later, through the worker, so connecting to the
    model then is in time). Removed at once, so typing is measured without it."""

    def __init__(self, marks: Marks, app: QApplication) -> None:
        super().__init__()
        self.marks, self.app = marks, app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # cheap checks first: this sees every event of the app
        if kind == QEvent.Type.Paint:
            if self.marks.first_paint is None and type(watched).__name__ == "SignInWindow":
                self.marks.first_paint = time.perf_counter()
        elif kind == QEvent.Type.Show and type(watched).__name__ == "MainWindow":
            self.marks.main_shown = time.perf_counter()
            self.marks.main_window = watched  # type: ignore[assignment]
            self.app.removeEventFilter(self)
        return False


class _PaintWatcher(QObject):
    """The client list's viewport and its "no client matches" page: when did either last
    paint? (With no match the table is hidden and only that page paints.)"""

    def __init__(self, marks: Marks) -> None:
        super().__init__()
        self.marks = marks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.marks.list_painted = time.perf_counter()
        return False


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
    """Run the event loop until ``condition()``; every state change arrives as an event, and
    a 10 ms heartbeat keeps the wait from sleeping past a deadline."""
    deadline = time.perf_counter() + timeout_s
    heartbeat = QTimer()
    heartbeat.start(10)
    try:
        while not condition():
            if time.perf_counter() > deadline:
                raise ProbeFailed(f"timed out waiting for {what}")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        heartbeat.stop()


def settle(ms: int) -> None:
    """Let queued work (repaints, deferred deletes) finish before the next measurement."""
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def press(widget: QWidget, key: str | Qt.Key) -> None:
    """One key as a keyboard sends it. ``QTest.keyClick`` with a ``str`` passes it through a
    C ``char`` (õ arrives as Ã), so a letter goes as a press and a release carrying its text
    and the key code Qt gives that letter (its upper case), as a real keyboard's would."""
    if isinstance(key, Qt.Key):
        QTest.keyClick(widget, key)
        return
    code = ord(key.upper()) if len(key.upper()) == 1 else 0
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier,
                                                 key))


def peak_rss_mb() -> float:
    """This process's peak resident size. Linux: ``VmHWM`` of /proc/self/status, because
    ``getrusage``'s ``ru_maxrss`` also counts the parent's memory at the fork before exec
    (the kernel keeps the larger of the two): started from the benchmark it said 275 MB for
    a 176 MB probe. Elsewhere ``getrusage`` (macOS reports bytes, others KiB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


class Probe:
    def __init__(self, args: argparse.Namespace, password: str) -> None:
        self.args, self.password = args, password
        self.marks = Marks()
        self.result: dict[str, Any] = {}
        self.error: BaseException | None = None
        self.controller: AppController | None = None

    # -- the hook --------------------------------------------------------------------------
    def before_start(self, app: QApplication, controller: AppController) -> None:
        self.controller = controller
        self.watcher = _StartWatcher(self.marks, app)
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
        self.result["cold_start_ms"] = (marks.first_paint - PROCESS_START) * 1000
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

        self.paints = _PaintWatcher(marks)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the data folder (vault.json, salon.db)")
    parser.add_argument("user", help="the username to sign in with (its section list must "
                                     "start with Clients)")
    parser.add_argument("--lang", choices=["et", "ru", "en"], default=None)
    parser.add_argument("--keyring-on-stdin", action="store_true",
                        help="the second stdin line is a JSON object {entry: secret} of the "
                             "vault's keyring entries")
    parser.add_argument("--words", nargs="*", default=list(WORDS))
    parser.add_argument("--cards", type=int, default=5)
    parser.add_argument("--burst-interval-ms", type=int, default=100,
                        help="pause between keys when typing a word in one go")
    parser.add_argument("--typing-ms", type=int, default=1000,
                        help="pause between the form being ready and the click (a person "
                             "types the password)")
    args = parser.parse_args()
    password = sys.stdin.readline().rstrip("\n")
    if args.keyring_on_stdin:
        probe_keyring.ENTRIES.update(json.loads(sys.stdin.readline()))
        os.environ["PYTHON_KEYRING_BACKEND"] = probe_keyring.BACKEND_NAME
    probe = Probe(args, password)
    code = run(str(args.folder), demo=False, language=args.lang,
               before_start=probe.before_start)
    if probe.error is not None:
        raise probe.error
    if code != 0:
        print(f"the app's event loop ended with {code}", file=sys.stderr)
        return 1
    probe.result.update(start_clock=START_CLOCK, platform=os.environ["QT_QPA_PLATFORM"])
    print(json.dumps(probe.result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
