"""Migration 4 upgrades a database made at version 3: the consent ledger and wordings
appear, every client gets the restriction/objection flags, and the health consent recorded
as a yes/no becomes the ledger's first events (the ledger is the truth from then on)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from salon_desktop.storage import consents_repo
from salon_desktop.storage.database import Database, DbError
from salon_desktop.storage.migrations import migrate
from salon_desktop.storage.migrations.m0004_consents import DEFAULT_WORDINGS

STAMP = "2026-10-01T08:00:00+00:00"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "m.db", os.urandom(32), create=True)
    yield database
    database.close()


def _version_3_with_clients(db: Database) -> None:
    migrate(db, target=3)
    db.execute("INSERT INTO staff (id, username, display_name, role, password_hash, "
               "created_at) VALUES (7, 'kati', 'Kati', 'reception', 'x', ?)", (STAMP,))
    rows = [  # first, last, language, health_consent, at, by
        ("Õie", "Šmidt", "et", 1, "2026-10-02T09:30:00+00:00", 7),
        ("Ольга", "Иванова", "ru", 0, "2026-10-03T10:00:00+00:00", 7),
        ("Kati", "Tamm", "et", None, None, None),
    ]
    for first, last, language, consent, at, by in rows:
        db.execute("INSERT INTO clients (first_name, last_name, language, health_consent, "
                   "health_consent_at, health_consent_by, sort_name, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (first, last, language, consent, at, by, last.lower(), STAMP, STAMP))


def test_upgrade_from_version_3(db: Database) -> None:
    _version_3_with_clients(db)
    assert migrate(db, target=4) == [4]
    assert db.user_version() == 4

    # Wordings: version 1 of every purpose in et, ru and en, plus the exception's notices.
    assert db.scalar("SELECT count(*) FROM consent_wordings") == 3 * len(DEFAULT_WORDINGS)
    assert db.scalar("SELECT count(DISTINCT version) FROM consent_wordings") == 1
    for purpose in ("email", "sms", "birthday", "health", "photos"):
        for language in ("et", "ru", "en"):
            row = consents_repo.wording(db, purpose, "consent", language)
            assert row is not None and row["version"] == 1 and row["text"].strip()
    assert "согласие" in consents_repo.wording(db, "email", "consent", "ru")["text"]
    assert consents_repo.wording(db, "health", "existing_customer", "et") is None

    # The yes/no became events, with when and by whom, and no wording claimed.
    events = db.query("SELECT * FROM consent_events ORDER BY id")
    assert [(e["client_id"], e["purpose"], e["action"], e["recorded_at"], e["recorded_by"],
             e["wording_version"]) for e in events] == [
        (1, "health", "given", "2026-10-02T09:30:00+00:00", 7, None),
        (2, "health", "withdrawn", "2026-10-03T10:00:00+00:00", 7, None)]
    assert consents_repo.health_consent_stands(db, 1)
    assert not consents_repo.health_consent_stands(db, 2)
    assert not consents_repo.health_consent_stands(db, 3)
    # The columns still say the same (now mirrored from the ledger).
    assert [r[0] for r in db.query("SELECT health_consent FROM clients ORDER BY id")] == [
        1, 0, None]
    assert db.query("SELECT restricted, objecting FROM clients WHERE id = 3")[0][:] == (0, 0)


def test_upgraded_ledger_is_append_only(db: Database) -> None:
    _version_3_with_clients(db)
    migrate(db, target=4)
    for statement in ("UPDATE consent_events SET action = 'given'",
                      "DELETE FROM consent_events",
                      "UPDATE consent_wordings SET text = 'x'",
                      "DELETE FROM consent_wordings WHERE language = 'en'"):
        with pytest.raises(DbError, match="append-only"):
            db.execute(statement)
    with pytest.raises(DbError):
        db.execute("UPDATE clients SET restricted = 2 WHERE id = 1")


def test_a_direct_write_of_the_old_columns_lands_in_the_ledger(db: Database) -> None:
    _version_3_with_clients(db)
    migrate(db, target=4)
    db.execute("UPDATE clients SET health_consent = 1, health_consent_at = ?, "
               "health_consent_by = 7 WHERE id = 3", ("2026-11-25T09:00:00+00:00",))
    assert consents_repo.health_consent_stands(db, 3)
    [event] = db.query("SELECT * FROM consent_events WHERE client_id = 3")
    assert (event["action"], event["method"], event["recorded_by"]) == ("given", "screen", 7)
    # Writing the same value again, or an unrelated column, adds nothing.
    db.execute("UPDATE clients SET health_consent = 1, notes = 'x' WHERE id = 3")
    assert db.scalar("SELECT count(*) FROM consent_events WHERE client_id = 3") == 1


def test_upgrade_to_the_latest_version_keeps_the_ledger(db: Database) -> None:
    _version_3_with_clients(db)
    migrate(db)
    assert consents_repo.health_consent_stands(db, 1)


def test_a_failed_upgrade_stays_at_version_3(db: Database,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from salon_desktop.storage.migrations import m0004_consents

    _version_3_with_clients(db)

    def broken(database: Database) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(m0004_consents, "after", broken)
    with pytest.raises(RuntimeError):
        migrate(db, target=4)
    assert db.user_version() == 3
    assert db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'consent_events'") == 0
    assert db.scalar("SELECT count(*) FROM clients") == 3
