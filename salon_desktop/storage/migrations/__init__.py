"""Numbered schema migrations on ``PRAGMA user_version``.

Each migration is a module ``mNNNN_<name>.py`` with a ``SQL`` script (and optionally an
``after(db)`` step for data changes). Each runs in its own transaction together with the
``user_version`` bump, so a crash leaves the database at the previous version, never between.
To add one: create the next numbered module and append it to ``MIGRATIONS``; add a test that
upgrades a database made at the previous version.
"""

from __future__ import annotations

from types import ModuleType

from salon_desktop.storage.database import Database, split_statements
from salon_desktop.storage.migrations import (
    m0001_core,
    m0002_clients,
    m0003_appointment_book,
    m0004_consents,
    m0005_backups,
    m0006_drafts,
    m0007_rights,
)

MIGRATIONS: tuple[ModuleType, ...] = (m0001_core, m0002_clients, m0003_appointment_book,
                                      m0004_consents, m0005_backups, m0006_drafts,
                                      m0007_rights)
LATEST_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The database was written by a newer app version; opening it could lose data."""


def migrate(db: Database, target: int | None = None) -> list[int]:
    """Bring the schema to ``target`` (default: latest); returns the versions applied."""
    goal = LATEST_VERSION if target is None else target
    current = db.user_version()
    if current > LATEST_VERSION:
        raise SchemaTooNew(f"database schema {current} is newer than this app ({LATEST_VERSION})")
    applied: list[int] = []
    for version in range(current + 1, goal + 1):
        module = MIGRATIONS[version - 1]
        with db.transaction():
            for statement in split_statements(module.SQL):
                db.execute(statement)
            after = getattr(module, "after", None)
            if after is not None:
                after(db)
            db.execute(f"PRAGMA user_version = {version:d}")
        applied.append(version)
    return applied
