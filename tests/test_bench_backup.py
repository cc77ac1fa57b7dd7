"""benchmarks/bench_backup.py judges what it claims: its row for the desk's search during a
backup fails when a search waits for the snapshot, and a backup that fails on its thread
fails the benchmark instead of leaving a row about searches beside no backup at all."""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from salon_desktop.backup import writer as backup_writer
from salon_desktop.backup.errors import PassphraseNotSet
from salon_desktop.backup.writer import DestinationIO
from salon_desktop.context import AppContext
from salon_desktop.storage.database import Database
from tests.backup_helpers import seed, use_fast_kdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
bench_backup: Any = importlib.import_module("bench_backup")


class _SlowStick(DestinationIO):
    def finish(self, handle: Any) -> None:
        time.sleep(2)  # a stick's fsync: the desk searches a hundred times meanwhile
        super().finish(handle)


@contextmanager
def _reader_holding_the_app_connection(self: Database) -> Iterator[Any]:
    """How the snapshot read before it had a connection of its own."""
    with self.lock:
        yield self.raw


def test_a_search_that_waits_for_the_snapshot_fails_the_row(
        app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fast_kdf(monkeypatch)
    seed(app_context, 50)
    app_context.services.backups.set_passphrase(bench_backup.PASSPHRASE)
    counted = backup_writer.table_counts

    def slow_counts(conn: Any, schema: str = "main") -> dict[str, int]:
        time.sleep(0.6)  # a snapshot of a large salon, inside its read transaction
        return counted(conn, schema)

    monkeypatch.setattr(backup_writer, "table_counts", slow_counts)
    monkeypatch.setattr(Database, "snapshot_reader", _reader_holding_the_app_connection)
    app_context.services.backups.io = _SlowStick()
    rows = bench_backup.search_during_backup(app_context, tmp_path)
    assert any(row.met == "**no**" for row in rows), [(r.name, r.samples) for r in rows]


def test_a_backup_failing_on_its_thread_fails_the_benchmark(
        app_context: AppContext, tmp_path: Path) -> None:
    seed(app_context, 50)  # no backup passphrase set: create_backup refuses
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(PassphraseNotSet):
        bench_backup.search_during_backup(app_context, work)
    assert list(work.iterdir()) == []  # its stick folder is removed all the same
