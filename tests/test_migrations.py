"""Each migration upgrades a database made at the version before it, keeping its data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from salon_desktop.storage.database import Database
from salon_desktop.storage.migrations import LATEST_VERSION, MIGRATIONS, SchemaTooNew, migrate


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(tmp_path / "m.db", os.urandom(32), create=True)
    yield database
    database.close()


def test_fresh_database_reaches_latest(db: Database) -> None:
    assert migrate(db) == list(range(1, LATEST_VERSION + 1))
    assert db.user_version() == LATEST_VERSION
    assert migrate(db) == []


def test_upgrade_from_version_1_keeps_staff_and_audit(db: Database) -> None:
    migrate(db, target=1)
    assert db.user_version() == 1
    db.execute("INSERT INTO settings (key, value) VALUES ('salon_name', 'Salong Õnnelik')")
    db.execute("INSERT INTO staff (username, display_name, role, password_hash, created_at) "
               "VALUES ('mari', 'Mari', 'admin', 'x', '2026-01-01T00:00:00+00:00')")
    assert migrate(db) == list(range(2, LATEST_VERSION + 1))
    assert db.scalar("SELECT value FROM settings WHERE key = 'salon_name'") == "Salong Õnnelik"
    assert db.scalar("SELECT username FROM staff") == "mari"
    assert db.scalar("SELECT count(*) FROM clients") == 0


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_each_step_from_previous_version(db: Database, version: int) -> None:
    migrate(db, target=version)
    migrate(db, target=version + 1)
    assert db.user_version() == version + 1


def test_failed_migration_leaves_previous_version(db: Database,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    migrate(db, target=LATEST_VERSION - 1)
    broken = MIGRATIONS[LATEST_VERSION - 1]
    monkeypatch.setattr(broken, "SQL", broken.SQL + "\nTHIS IS NOT SQL;")
    with pytest.raises(Exception, match="syntax"):
        migrate(db)
    assert db.user_version() == LATEST_VERSION - 1


def test_newer_schema_is_refused(db: Database) -> None:
    migrate(db)
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(SchemaTooNew):
        migrate(db)
