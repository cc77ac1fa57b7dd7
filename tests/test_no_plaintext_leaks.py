"""No plaintext leaks: after a scripted day, the client markers appear only in the files the
user explicitly exported.

The session (tests/hardening_helpers.py) registers two clients with distinctive values in
every field, views and reveals them as each role, searches, saves a report, a JSON export, a
consent form, a marketing list and the audit CSV to ``exported/``, makes, verifies and
restores a backup on ``stick/``, erases one client, and runs report/export/search through
the command line plus one failing command. Then every byte of

- the data folder (database, WAL, shm, ``vault.json``, ``prefs``, the application log and
  its rotations, the database a restore set aside),
- the backup stick,
- the temporary folder (redirected into the test's folder, where Python and SQLite put
  their temporary files) and any new entry in the real system temporary folder,
- HOME and the XDG folders (where Qt keeps ``QSettings`` on Linux)

is searched for each marker in UTF-8 and UTF-16, NFC and NFD, as typed and case-folded.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from salon_desktop import app_log
from salon_desktop.context import AppContext
from tests.hardening_helpers import files_under, scan, scripted_session

_REAL_TEMP = Path(tempfile.gettempdir())


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, the XDG folders and the temporary folder, all inside the test's folder."""
    home = tmp_path / "home"
    for name, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                      ("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state")):
        (home / sub).mkdir(parents=True)
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    temp = tmp_path / "systemp"
    temp.mkdir()
    for name in ("TMPDIR", "SQLITE_TMPDIR"):
        monkeypatch.setenv(name, str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return tmp_path


@pytest.fixture
def app_log_on(data_dir: Path) -> Iterator[Path]:
    """The application log in the data folder, as the app configures it at start-up."""
    path = app_log.configure(data_dir)
    assert path is not None
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_salon_desktop", False):
            root.removeHandler(handler)
            handler.close()


def _new_in_real_temp(before: set[str], since: float) -> list[Path]:
    """Files in new entries of the real temporary folder, and top-level files changed since
    the test began (pytest's own folders, scanned separately, are left out)."""
    found: list[Path] = []
    for entry in _REAL_TEMP.iterdir():
        if entry.name.startswith("pytest-of-") or entry.is_symlink():
            continue
        try:
            if entry.name not in before:
                found += [entry] if entry.is_file() else files_under(entry)
            elif entry.is_file() and entry.stat().st_mtime >= since:
                found.append(entry)
        except OSError:
            continue
    return [p for p in found if p.stat().st_size < 50_000_000]


def test_markers_appear_only_in_what_the_user_exported(
        isolated: Path, app_log_on: Path, app_context: AppContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = isolated
    started = time.time()
    real_temp_before = set(os.listdir(_REAL_TEMP))
    live: dict[str, set[str]] = {}
    live_names: set[str] = set()

    def scan_while_open() -> None:
        files = files_under(tmp_path / "data") + files_under(tmp_path / "systemp")
        live_names.update(p.name for p in files)
        live.update(scan(files))

    result = scripted_session(app_context, tmp_path, monkeypatch, while_open=scan_while_open)
    assert {"salon.db-wal", "salon.db-shm"} <= live_names, live_names
    assert live == {}, f"markers in the data folder while the app ran: {live}"

    everything = files_under(tmp_path)
    exported = [p for p in everything if result.exported in p.parents]
    elsewhere = [p for p in everything if result.exported not in p.parents]
    elsewhere += _new_in_real_temp(real_temp_before, started)
    names = {str(p.relative_to(tmp_path)) for p in everything}
    # The scan covers what it claims to cover.
    assert {"data/salon.db", "data/vault.json", "data/logs/salon-desktop.log"} <= names
    assert len([n for n in names if n.startswith("data/salon.db")]) >= 2, names  # set aside
    assert any(n.startswith("stick/") and n.endswith(".sdbak") for n in names), names

    leaks = scan(elsewhere)
    assert leaks == {}, f"markers outside the exported files: {leaks}"

    # The scanner does find markers where they belong (else the check above proves nothing).
    found = scan(exported)
    for name in ("export-0.json", "cli-export.json", "email-list.csv"):
        assert str(result.exported / name) in found, name
    assert "Zqxallergy PPD-allergia" in found[str(result.exported / "export-0.json")]
    assert all("Zqxlast" in out for out in result.cli_outputs[2:])  # shown, not stored
