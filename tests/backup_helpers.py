"""Helpers for the backup tests: a seeded salon (clients with visits, bookings, health data
and consent events, plus unmistakable marker values), table dumps for "every table
identical", and file hashes for "untouched"."""

from __future__ import annotations

import hashlib
from pathlib import Path

from salon_desktop.context import AppContext
from salon_desktop.services.demo import synthetic_clients
from salon_desktop.storage import clients_repo
from salon_desktop.storage.database import Database
from salon_desktop.vault import DB_NAME

PASSPHRASE = "Sinine kass jookseb üle õue"
OTHER_PASSPHRASE = "Punane rebane magab metsas"

MARKERS = [
    {"first_name": "Õie-Markerkaja", "last_name": "Šmidt-Zuzeklaas", "phone": "+37255512345",
     "email": "oie.marker.zx@example.test", "notes": "Märkus-Zebra-4711", "language": "et"},
    {"first_name": "Ольга-Маркерова", "last_name": "Жукова-Щеглова", "phone": "+37255598765",
     "email": "olga.marker.qy@example.test", "notes": "Заметка-Ёж-0815", "language": "ru"},
]
MARKER_TEXTS = [v for m in MARKERS for k, v in m.items() if k != "language"]
# Bookkeeping the restore keeps from the database it replaces (docs/backups.md).
CARRIED_SETTINGS = {"backup_passphrase_verifier", "backup_last_good_at"}


def db_of(ctx: AppContext) -> Database:
    assert ctx.vault is not None
    return ctx.vault.db


def seed(ctx: AppContext, clients: int = 200) -> list[int]:
    """Clients (the markers first), each marker with a visit, a booking, health data, a
    patch test and a consent event. Returns the marker clients' ids."""
    db = db_of(ctx)
    now = ctx.clock.now().isoformat()
    with db.transaction():
        clients_repo.insert_many(db, MARKERS + synthetic_clients(clients), ctx.clock.now())
        ids = [int(r[0]) for r in db.query(
            "SELECT id FROM clients WHERE email IN (?, ?) ORDER BY id",
            [m["email"] for m in MARKERS])]
        staff_id = int(db.scalar("SELECT min(id) FROM staff"))
        service = db.execute("INSERT INTO catalogue (name, duration_minutes, price_cents, "
                             "created_at) VALUES ('Lõikus', 60, 3500, ?)", (now,)).lastrowid
        for n, client_id in enumerate(ids):
            appointment = db.execute(
                "INSERT INTO appointments (client_id, stylist_id, service_id, starts_at, "
                "ends_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (client_id, staff_id, service, f"2026-11-2{n}T10:00", f"2026-11-2{n}T11:00",
                 now, now)).lastrowid
            visit = db.execute(
                "INSERT INTO visits (client_id, stylist_id, appointment_id, started_at, "
                "price_cents, colour_formula, created_at, created_by) "
                "VALUES (?, ?, ?, ?, 3500, 'Wella 7/1 + 6% 1:1', ?, ?)",
                (client_id, staff_id, appointment, now, now, staff_id)).lastrowid
            db.execute("INSERT INTO visit_services (visit_id, position, service_id, name, "
                       "price_cents) VALUES (?, 0, ?, 'Lõikus', 3500)", (visit, service))
            db.execute("INSERT INTO client_health (client_id, allergies, updated_at, "
                       "updated_by) VALUES (?, 'PPD-allergia-Marker', ?, ?)",
                       (client_id, now, staff_id))
            db.execute("INSERT INTO patch_tests (client_id, product, applied_at, tested_by, "
                       "result, created_at) VALUES (?, 'Wella', ?, ?, 'negative', ?)",
                       (client_id, now, staff_id, now))
            db.execute("INSERT INTO consent_events (client_id, purpose, action, legal_basis, "
                       "method, recorded_at, recorded_by) VALUES "
                       "(?, 'email', 'given', 'consent', 'desk', ?, ?)",
                       (client_id, now, staff_id))
    return ids


def dump(db: Database, *, skip: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), in a stable order."""
    tables = [r[0] for r in db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {t: sorted((tuple(r) for r in db.query(f'SELECT * FROM "{t}"')), key=repr)
            for t in tables if t not in skip}


def comparable(db: Database) -> dict[str, list[tuple]]:
    """A dump without what a restore legitimately adds: its audit entries (compared as a
    prefix separately) and the carried-over backup bookkeeping settings."""
    data = dump(db, skip=frozenset({"audit_log", "audit_head"}))
    data["settings"] = [r for r in data["settings"] if r[0] not in CARRIED_SETTINGS]
    return data


def audit_rows(db: Database) -> list[tuple]:
    return [tuple(r) for r in db.query("SELECT * FROM audit_log ORDER BY id")]


def vault_files_digest(folder: Path) -> dict[str, str]:
    """Hashes of the database and its companions (for "the live database is untouched")."""
    out = {}
    for name in (DB_NAME, DB_NAME + "-wal"):
        path = folder / name
        if path.exists():
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def use_fast_kdf(monkeypatch: object) -> None:
    """argon2id at 8 MiB/1 pass instead of 128 MiB/3 for tests that are not about the KDF
    (the round-trip and CLI tests keep the real parameters)."""
    import dataclasses

    from salon_desktop.backup import format as backup_format

    fast = dataclasses.replace(backup_format.SPECS[1], time_cost=1, memory_cost=8192,
                               parallelism=1)
    monkeypatch.setitem(backup_format.SPECS, 1, fast)  # type: ignore[attr-defined]


def ready(ctx: AppContext, clients: int = 200) -> list[int]:
    """Seed the salon and set the backup passphrase; returns the marker clients' ids."""
    ids = seed(ctx, clients)
    ctx.services.backups.set_passphrase(PASSPHRASE)
    return ids


def stick(tmp_path: Path, name: str = "stick") -> Path:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    return folder
