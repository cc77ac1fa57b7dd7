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

This file is the command line and the clock of the process's start; the steps that drive
the app are ``probe_steps.py``, the event watchers and waits they measure with
``probe_events.py``.
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
import sys

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import probe_keyring
from probe_steps import WORDS, Probe

from ui.app import run


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
    probe = Probe(args, password, PROCESS_START)
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
