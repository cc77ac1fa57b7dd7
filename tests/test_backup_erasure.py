"""The minimal erasure the restore replays (storage/erasure.py) and migration 5's journal."""

from __future__ import annotations

import os
from pathlib import Path

from salon_desktop.context import AppContext
from salon_desktop.storage import erasure
from salon_desktop.storage.database import Database
from salon_desktop.storage.migrations import migrate
from tests.backup_helpers import db_of, seed

_CLIENT_TABLES = ("visits", "appointments", "client_health", "patch_tests", "consent_events")


def test_erase_removes_the_client_and_everything_hanging_off_it(
        app_context: AppContext) -> None:
    erased, kept = seed(app_context, clients=5)
    db = db_of(app_context)
    # Another client's visit pointing at the erased client's booking: unlinked, not deleted.
    with db.transaction():
        appointment = db.scalar("SELECT id FROM appointments WHERE client_id = ?", (erased,))
        db.execute("UPDATE visits SET appointment_id = ? WHERE client_id = ?",
                   (appointment, kept))
    assert erasure.erase_client(db, erased, now=app_context.clock.now(), by_staff=1)
    for table in _CLIENT_TABLES:
        assert db.scalar(f"SELECT count(*) FROM {table} WHERE client_id = ?", (erased,)) == 0
        assert db.scalar(f"SELECT count(*) FROM {table} WHERE client_id = ?", (kept,)) == 1
    assert db.scalar("SELECT count(*) FROM clients WHERE id = ?", (erased,)) == 0
    assert db.scalar("SELECT appointment_id FROM visits WHERE client_id = ?", (kept,)) is None
    # The erased client's visit stays as an anonymous accounting record (docs/rights.md).
    assert db.scalar("SELECT count(*) FROM visit_services") == 2
    assert db.scalar("SELECT count(*) FROM visits WHERE client_id IS NULL AND anon_ref IS "
                     "NOT NULL AND colour_formula IS NULL") == 1
    assert db.scalar("SELECT count(*) FROM consent_erasure") == 0
    journal = erasure.read_journal(db)
    assert [(e.client_id, e.by_staff) for e in journal] == [(erased, 1)]
    assert journal[0].client_created_at is not None
    assert not erasure.erase_client(db, erased, now=app_context.clock.now(), by_staff=1)
    assert len(erasure.read_journal(db)) == 1
    assert db.integrity_problems() == []
    assert db.query("PRAGMA foreign_key_check") == []


def test_replay_skips_missing_and_reissued_ids(app_context: AppContext) -> None:
    erased, kept = seed(app_context, clients=2)
    db = db_of(app_context)
    entries = [
        erasure.JournalEntry(erased, None, "2026-01-01", 1),          # old entry, no stamp
        erasure.JournalEntry(kept, "another-created-at", "2026-01-02", None),  # reissued id
        erasure.JournalEntry(99_999, "x", "2026-01-03", 1),           # not in this database
    ]
    assert erasure.replay_journal(db, entries) == [erased]
    assert db.scalar("SELECT count(*) FROM clients WHERE id = ?", (kept,)) == 1
    assert len(erasure.read_journal(db)) == 3
    assert erasure.replay_journal(db, entries) == []
    assert len(erasure.read_journal(db)) == 3


def test_migration_5_upgrades_a_version_4_database(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "v4.db", os.urandom(32), create=True)
    try:
        migrate(db, target=4)
        db.execute("INSERT INTO clients (first_name, last_name, created_at, updated_at) "
                   "VALUES ('Mari', 'Maasikas', 'x', 'x')")
        assert migrate(db, target=5) == [5]
        assert db.scalar("SELECT count(*) FROM clients") == 1
        assert db.scalar("SELECT count(*) FROM erasure_journal") == 0
        columns = [r["name"] for r in db.query("PRAGMA table_info(erasure_journal)")]
        assert columns == ["id", "client_id", "client_created_at", "erased_at", "by_staff"]
    finally:
        db.close()
