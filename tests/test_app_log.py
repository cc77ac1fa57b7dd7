"""The application log: a rotating file in the data folder that helps support and holds no
personal data (the marker scan of tests/test_no_plaintext_leaks.py covers it as well)."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from salon_desktop import app_log
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.security.keystore import OsKeyStore
from tests.conftest import ADMIN_PASSWORD
from tests.hardening_helpers import files_under, run_cli, scan, scripted_session
from tests.memory_keyring import MemoryKeyring


def _ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_salon_desktop", False)]


@pytest.fixture(autouse=True)
def _remove_handlers() -> Iterator[None]:
    """The log is the root logger's: leave no handler behind for the next test."""
    yield
    for handler in _ours():
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_a_rotating_file_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = app_log.configure(data)
    assert path == data / "logs" / "salon-desktop.log"
    app_log.configure(data)  # configuring again (the CLI after the GUI) adds no second one
    [handler] = _ours()
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)
    handler.maxBytes = 2_000  # rotate after a few lines instead of after a megabyte
    log = logging.getLogger("salon_desktop.test")
    for n in range(200):
        log.info("line %d of a long support session", n)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["salon-desktop.log", *(f"salon-desktop.log.{i}" for i in range(1, 6))]
    assert "line 199" in path.read_text("utf-8")
    assert all(p.stat().st_size <= 2_200 for p in path.parent.iterdir())


def test_an_unwritable_folder_does_not_stop_the_app(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert app_log.configure(not_a_folder) is None
    assert _ours() == []


def test_a_day_at_the_desk_leaves_useful_lines_and_no_personal_data(
        app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app_log.configure(app_context.data_dir)
    scripted_session(app_context, tmp_path, monkeypatch)
    logs = files_under(app_context.data_dir / "logs")
    text = "\n".join(p.read_text("utf-8") for p in logs)
    for line in ("salon_desktop.context: vault opened (app ", "vault closed",
                 "backup written (", "backup restored (", "command report failed: NotFound"):
        assert line in text, line
    assert scan(logs) == {}
    # Paths are left out too: a folder name may be a person's name.
    assert str(tmp_path) not in text and "exported" not in text and "stick" not in text


def test_the_cli_configures_it(tmp_path: Path) -> None:
    keystore, clock = OsKeyStore(MemoryKeyring()), FakeClock()
    data = tmp_path / "vault"
    code, _out, err = run_cli(keystore, clock, data, "init", "--salon-name", "Salong",
                              "--admin-user", "mari", stdin=ADMIN_PASSWORD + "\n")
    assert code == 0, err
    code, _out, _err = run_cli(keystore, clock, data, "staff", "list", "--user", "mari",
                               stdin="wrong password\n")
    assert code == 1
    text = (data / "logs" / "salon-desktop.log").read_text("utf-8")
    assert "command staff failed: AuthenticationFailed" in text
    assert "mari" not in text  # a username typed at a failed sign-in is not logged
