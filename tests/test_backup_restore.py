"""Restores that must be refused (wrong passphrase, truncated or flipped file, not a backup,
newer app, the vault open elsewhere) leave the live database byte for byte as it was; an
erasure made after the backup survives the restore; an older backup is migrated."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from salon_desktop.backup import format as backup_format
from salon_desktop.backup import writer
from salon_desktop.backup.errors import (
    BackupDamaged,
    BackupError,
    BackupFromNewerVersion,
    NotABackup,
    VaultInUse,
    WrongPassphrase,
)
from salon_desktop.backup.writer import DestinationIO
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.storage import erasure
from salon_desktop.storage.database import Database
from salon_desktop.storage.migrations import LATEST_VERSION, migrate
from salon_desktop.vault import DB_NAME
from tests.backup_helpers import (
    OTHER_PASSPHRASE,
    PASSPHRASE,
    audit_rows,
    db_of,
    ready,
    stick,
    use_fast_kdf,
    vault_files_digest,
)
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fast_kdf(monkeypatch)


@pytest.fixture
def backed_up(app_context: AppContext, tmp_path: Path) -> tuple[AppContext, Path, list[int]]:
    ids = ready(app_context)
    path = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE).path
    return app_context, path, ids


def _damaged_copies(backup: Path, folder: Path) -> dict[str, Path]:
    data = backup.read_bytes()
    page = backup_format.SPECS[1].page_size
    copies = {
        "truncated-midpage": data[:-1000],
        "truncated-whole-pages": data[:-page],
        "flipped-bit-middle": bytearray(data),
        "flipped-bit-page-1": bytearray(data),
        "flipped-bit-last-byte": bytearray(data),
    }
    copies["flipped-bit-middle"][len(data) // 2] ^= 0x01  # type: ignore[index]
    copies["flipped-bit-page-1"][100] ^= 0x80  # type: ignore[index]
    copies["flipped-bit-last-byte"][-1] ^= 0x01  # type: ignore[index]
    paths = {}
    for name, blob in copies.items():
        path = folder / f"{name}.sdbak"
        path.write_bytes(bytes(blob))
        paths[name] = path
    return paths


def test_refused_restores_leave_the_live_database_untouched(
        backed_up: tuple[AppContext, Path, list[int]], tmp_path: Path) -> None:
    ctx, backup, _ids = backed_up
    folder = stick(tmp_path, "bad")
    cases: list[tuple[Path, str, type[BackupError]]] = [
        (backup, OTHER_PASSPHRASE, WrongPassphrase),
        *((p, PASSPHRASE, BackupDamaged) for p in _damaged_copies(backup, folder).values()),
    ]
    plain = folder / "plain.sdbak"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    cases.append((plain, PASSPHRASE, NotABackup))
    salt_hit = folder / "flipped-bit-in-the-clear-salt.sdbak"
    blob = bytearray(backup.read_bytes())
    blob[5] ^= 0x01
    salt_hit.write_bytes(bytes(blob))
    cases.append((salt_hit, PASSPHRASE, WrongPassphrase))  # indistinguishable; docs say so
    random_file = folder / "random.sdbak"
    random_file.write_bytes(b"\x00" + os.urandom(200_000))
    cases.append((random_file, PASSPHRASE, NotABackup))

    db_of(ctx).checkpoint()
    before = vault_files_digest(ctx.data_dir)
    names_before = sorted(p.name for p in ctx.data_dir.iterdir())
    session = ctx.services.session
    for path, passphrase, error in cases:
        with pytest.raises(error) as caught:
            ctx.restore_backup(path, passphrase)
        message = caught.value.user_message().lower()
        assert any(w in message for w in ("nothing was changed", "choose a file named",
                                          "check the passphrase")), message
        assert str(path) not in str(caught.value)
        assert vault_files_digest(ctx.data_dir) == before, path.name
        assert sorted(p.name for p in ctx.data_dir.iterdir()) == names_before
        assert ctx.services.session == session  # still open, still signed in
    with pytest.raises(WrongPassphrase):
        ctx.services.backups.verify_backup(backup, OTHER_PASSPHRASE)
    assert ctx.services.backups.verify_backup(backup, PASSPHRASE).fully_verified


def test_erased_client_stays_erased_after_restore(
        backed_up: tuple[AppContext, Path, list[int]], clock: FakeClock) -> None:
    ctx, backup, ids = backed_up
    erased, kept = ids
    clock.advance(60)
    db = db_of(ctx)
    assert erasure.erase_client(db, erased, now=clock.now(), by_staff=1)
    assert db.scalar("SELECT count(*) FROM visits WHERE client_id = ?", (erased,)) == 0

    result = ctx.restore_backup(backup, PASSPHRASE)
    assert result.erased_client_ids == [erased]
    db = db_of(ctx)
    for table in ("clients", "visits", "appointments", "client_health", "patch_tests",
                  "consent_events"):
        column = "id" if table == "clients" else "client_id"
        assert db.scalar(f"SELECT count(*) FROM {table} WHERE {column} = ?", (erased,)) == 0
        assert db.scalar(f"SELECT count(*) FROM {table} WHERE {column} = ?", (kept,)) == 1
    assert db.scalar("SELECT count(*) FROM clients_fts WHERE clients_fts MATCH "
                     "'\"Markerkaja\"'") == 0
    assert [e.client_id for e in erasure.read_journal(db)] == [erased]
    actions = [r[6] for r in audit_rows(db)]
    assert actions[-2:] == ["backup.restore.erasure_replayed", "backup.restore"]
    # And again: restoring the same backup once more still keeps the client erased.
    ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    ctx.restore_backup(backup, PASSPHRASE)
    assert db_of(ctx).scalar("SELECT count(*) FROM clients WHERE id = ?", (erased,)) == 0


def test_a_new_client_with_a_freed_id_is_not_erased(app_context: AppContext, tmp_path: Path,
                                                   clock: FakeClock) -> None:
    ready(app_context, clients=3)
    db = db_of(app_context)
    newest = int(db.scalar("SELECT max(id) FROM clients"))
    early = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE).path
    clock.advance(60)
    erasure.erase_client(db, newest, now=clock.now(), by_staff=1)
    clock.advance(60)
    with db.transaction():
        reused = db.execute("INSERT INTO clients (first_name, last_name, created_at, "
                            "updated_at) VALUES ('Uus', 'Klient', ?, ?)",
                            (clock.now().isoformat(),) * 2).lastrowid
    assert reused == newest  # SQLite hands out the freed id again
    clock.advance(60)
    later = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE).path

    app_context.restore_backup(later, PASSPHRASE)
    db = db_of(app_context)
    assert db.scalar("SELECT last_name FROM clients WHERE id = ?", (newest,)) == "Klient"
    app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    app_context.restore_backup(early, PASSPHRASE)
    assert db_of(app_context).scalar("SELECT count(*) FROM clients WHERE id = ?",
                                     (newest,)) == 0


def _backup_of_database(db: Database, folder: Path, tmp_path: Path, version: int) -> Path:
    bkey = backup_format.new_key(PASSPHRASE)

    def header(v: int, counts: dict[str, int]) -> backup_format.BackupHeader:
        return backup_format.BackupHeader("old-vault", "Vana Salong", "2025-01-01T00:00:00+00:00",
                                          "0.0.9", v, counts)

    written = writer.write_backup(db, folder, bkey, vault_id="old-vault",
                                  created_at=FakeClock().now(), make_header=header,
                                  staging_dir=tmp_path, io=DestinationIO())
    assert written.info.header.schema_version == version
    return written.path


def test_an_older_backup_is_migrated(app_context: AppContext, tmp_path: Path) -> None:
    ready(app_context, clients=1)
    old = Database.open(tmp_path / "old.db", os.urandom(32), create=True)
    try:
        migrate(old, target=LATEST_VERSION - 1)
        with old.transaction():
            old.execute("INSERT INTO staff (username, display_name, role, password_hash, "
                        "created_at) VALUES ('vana', 'Vana', 'admin', 'x', '2025-01-01')")
            old.execute("INSERT INTO clients (first_name, last_name, created_at, updated_at,"
                        " sort_name) VALUES ('Ants', 'Vanamees', '2025', '2025', 'vanamees')")
        path = _backup_of_database(old, stick(tmp_path), tmp_path, LATEST_VERSION - 1)
    finally:
        old.close()
    result = app_context.restore_backup(path, PASSPHRASE)
    db = db_of(app_context)
    assert result.info.header.schema_version == LATEST_VERSION - 1
    assert db.user_version() == LATEST_VERSION
    assert db.scalar("SELECT last_name FROM clients") == "Vanamees"
    assert db.scalar("SELECT count(*) FROM erasure_journal") == 0


def test_a_backup_from_a_newer_app_is_refused(app_context: AppContext,
                                              tmp_path: Path) -> None:
    ready(app_context, clients=1)
    new = Database.open(tmp_path / "new.db", os.urandom(32), create=True)
    try:
        migrate(new)
        new.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        path = _backup_of_database(new, stick(tmp_path), tmp_path, LATEST_VERSION + 1)
    finally:
        new.close()
    db_of(app_context).checkpoint()
    before = vault_files_digest(app_context.data_dir)
    with pytest.raises(BackupFromNewerVersion):
        app_context.restore_backup(path, PASSPHRASE)
    assert vault_files_digest(app_context.data_dir) == before
    assert not [p for p in app_context.data_dir.iterdir() if "restore" in p.name]


def test_restore_refused_while_another_program_has_the_vault_open(
        backed_up: tuple[AppContext, Path, list[int]], keystore: OsKeyStore) -> None:
    ctx, backup, _ids = backed_up
    key = keystore.get(ctx.vault.vault_id)  # type: ignore[union-attr]
    assert key is not None
    other = Database.open(ctx.data_dir / DB_NAME, key)
    try:
        with pytest.raises(VaultInUse):
            ctx.restore_backup(backup, PASSPHRASE)
    finally:
        other.close()
    # The current database is back, open, and nothing was left behind.
    assert ctx.vault is not None and db_of(ctx).scalar("SELECT count(*) FROM clients") > 0
    assert not [p for p in ctx.data_dir.iterdir() if "restore" in p.name]
    ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    assert ctx.restore_backup(backup, PASSPHRASE).set_aside is not None


def test_restore_into_an_existing_folder_via_new_vault_is_refused(
        backed_up: tuple[AppContext, Path, list[int]]) -> None:
    from salon_desktop.domain.errors import PermissionDenied
    from salon_desktop.security.errors import VaultAlreadyExists

    ctx, backup, _ids = backed_up
    with pytest.raises(VaultAlreadyExists):
        ctx.restore_into_new_vault(backup, PASSPHRASE)
    with pytest.raises(PermissionDenied):  # the @public entry point guards itself
        ctx.services.backups.prepare_restore_into_new_vault(backup, PASSPHRASE, b"k" * 32)


def test_new_vault_is_not_created_with_a_wrong_passphrase(
        backed_up: tuple[AppContext, Path, list[int]], tmp_path: Path,
        clock: FakeClock) -> None:
    from tests.memory_keyring import MemoryKeyring

    _ctx, backup, _ids = backed_up
    ring = MemoryKeyring()
    fresh = AppContext(tmp_path / "fresh", keystore=OsKeyStore(ring), clock=clock)
    with pytest.raises(WrongPassphrase):
        fresh.restore_into_new_vault(backup, OTHER_PASSPHRASE)
    assert not (tmp_path / "fresh").exists() or not any((tmp_path / "fresh").iterdir())
    assert ring.entries == {}
    damaged = tmp_path / "damaged.sdbak"
    blob = bytearray(backup.read_bytes())
    blob[len(blob) // 2] ^= 0x04
    damaged.write_bytes(bytes(blob))
    with pytest.raises(BackupDamaged):
        fresh.restore_into_new_vault(damaged, PASSPHRASE)
    assert not any((tmp_path / "fresh").iterdir()) and ring.entries == {}


def test_a_cancelled_restore_changes_nothing(
        backed_up: tuple[AppContext, Path, list[int]]) -> None:
    from salon_desktop.backup.errors import RestoreCancelled

    ctx, backup, _ids = backed_up
    db_of(ctx).checkpoint()
    before = vault_files_digest(ctx.data_dir)
    for stop_at in (1, 2, 3):
        calls: list[int] = []

        def cancel(calls: list[int] = calls, stop_at: int = stop_at) -> bool:
            calls.append(1)
            return len(calls) >= stop_at

        with pytest.raises(RestoreCancelled):
            ctx.restore_backup(backup, PASSPHRASE, cancel=cancel)
        assert vault_files_digest(ctx.data_dir) == before
        assert not [p for p in ctx.data_dir.iterdir() if "restore" in p.name]
    seen: list[int] = []
    ctx.restore_backup(backup, PASSPHRASE, progress=lambda d, t: seen.append(d))
    assert seen == sorted(seen) and seen[-1] == 1000
