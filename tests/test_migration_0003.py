"""Migration 3 upgrades a version-2 database: existing clients keep their data, their
phones are normalised, and the new search index finds them at once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from salon_desktop.domain.client_search import build_tiers
from salon_desktop.storage import clients_repo
from salon_desktop.storage.database import Database
from salon_desktop.storage.migrations import migrate

V2_CLIENTS = [
    ("Õie", "Šmidt", "+372 5123 4567", "oie@example.com"),
    ("Ольга", "Иванова", "5234 5678", None),
    ("Mari", "Tamm", None, "mari.tamm@example.com"),
]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "v2.db", os.urandom(32), create=True)
    yield database
    database.close()


def _found(db: Database, text: str, contact: bool = True) -> list[str]:
    tiers = build_tiers(text, include_contact=contact)
    assert tiers is not None
    names = []
    for match in tiers:
        count = clients_repo.count_matches(db, match)
        rows = clients_repo.search_matches(db, match, count, limit=50, offset=0)
        names += [r["last_name"] for r in rows]
    return names


def test_upgrade_from_version_2_indexes_existing_clients(db: Database) -> None:
    migrate(db, target=2)
    for first, last, phone, email in V2_CLIENTS:
        db.execute("INSERT INTO clients (first_name, last_name, phone, email, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, '2026-01-01', '2026-01-01')",
                   (first, last, phone, email))
    assert migrate(db, target=3) == [3]

    assert db.scalar("SELECT phone FROM clients WHERE last_name = 'Иванова'") == "+37252345678"
    assert _found(db, "smidt") == ["Šmidt"]
    assert _found(db, "оль") == ["Иванова"]
    assert _found(db, "5234 5678") == ["Иванова"]
    assert _found(db, "+372 5123 4567") == ["Šmidt"]
    assert _found(db, "mari.tamm") == ["Tamm"]
    assert db.scalar("SELECT sort_name FROM clients WHERE last_name = 'Šmidt'") == "smidt oie"
    assert db.integrity_problems() == []
    # the index is consistent with its content (FTS5's own check)
    db.execute("INSERT INTO clients_fts (clients_fts) VALUES ('integrity-check')")


def test_fresh_schema_has_default_opening_hours(db: Database) -> None:
    migrate(db)
    hours = db.query("SELECT weekday, opens, closes FROM opening_hours ORDER BY weekday")
    assert tuple(hours[0]) == (0, "09:00", "19:00")
    assert tuple(hours[6]) == (6, None, None)
