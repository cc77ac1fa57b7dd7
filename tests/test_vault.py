"""The vault: encrypted at rest, opened only with the right key, never re-created by accident."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from keyring.backends import fail

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.security import errors
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.services.demo import synthetic_clients
from salon_desktop.storage import clients_repo
from salon_desktop.storage.database import PAGE_SIZE
from salon_desktop.vault import DB_NAME, SIDECAR_NAME, open_vault
from tests.memory_keyring import MemoryKeyring

MARKERS = [
    {"first_name": "Õie-Markerkaja", "last_name": "Šmidt-Zuzeklaas", "phone": "+37255512345",
     "email": "oie.marker.zx@example.test", "language": "et"},
    {"first_name": "Ольга-Маркерова", "last_name": "Жукова-Щеглова", "phone": "+37255598765",
     "email": "olga.marker.qy@example.test", "language": "ru"},
]


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _seed(ctx: AppContext) -> None:
    assert ctx.vault is not None
    with ctx.vault.db.transaction():
        clients_repo.insert_many(ctx.vault.db, MARKERS + synthetic_clients(200),
                                 ctx.clock.now())


def test_database_and_sidecar_hold_no_plaintext(app_context: AppContext) -> None:
    _seed(app_context)
    folder = app_context.data_dir
    db_file = folder / DB_NAME
    wal = folder / f"{DB_NAME}-wal"
    assert wal.exists() and wal.stat().st_size > 0, "the commits should still sit in the WAL"
    for path in (db_file, wal, folder / SIDECAR_NAME):
        blob = path.read_bytes()
        for marker in MARKERS:
            for value in marker.values():
                if value in ("et", "ru"):
                    continue
                for encoding in ("utf-8", "utf-16-le"):
                    assert value.encode(encoding) not in blob, (path.name, value)
    assert not db_file.read_bytes().startswith(b"SQLite format 3")
    app_context.vault.db.checkpoint()  # type: ignore[union-attr]
    blob = db_file.read_bytes()
    assert all(m["email"].encode() not in blob for m in MARKERS)


def test_reopen_with_keyring_key(app_context: AppContext, keystore: OsKeyStore,
                                 clock: FakeClock) -> None:
    _seed(app_context)
    folder = app_context.data_dir
    app_context.close()
    again = AppContext(folder, keystore=keystore, clock=clock)
    again.open()
    assert clients_repo.count(again.vault.db) == 202  # type: ignore[union-attr]
    again.close()


@pytest.fixture
def closed_vault(app_context: AppContext) -> tuple[Path, str]:
    _seed(app_context)
    folder = app_context.data_dir
    vault_id = app_context.vault.vault_id  # type: ignore[union-attr]
    app_context.vault.db.checkpoint()  # type: ignore[union-attr]
    app_context.close()
    return folder, vault_id


def _assert_untouched(folder: Path, before_files: set[str], before_hash: str) -> None:
    assert _files(folder) == before_files, "no other database file may appear"
    assert _digest(folder / DB_NAME) == before_hash


def test_missing_keyring_entry(closed_vault: tuple[Path, str],
                               memory_keyring: MemoryKeyring) -> None:
    folder, _ = closed_vault
    memory_keyring.entries.clear()
    files, digest = _files(folder), _digest(folder / DB_NAME)
    with pytest.raises(errors.KeyMissing) as info:
        open_vault(folder, OsKeyStore(memory_keyring))
    assert "Recover access" in info.value.user_message()
    _assert_untouched(folder, files, digest)


def test_wrong_key(closed_vault: tuple[Path, str], memory_keyring: MemoryKeyring) -> None:
    folder, vault_id = closed_vault
    memory_keyring.entries[("salon-desktop", vault_id)] = os.urandom(32).hex()
    files, digest = _files(folder), _digest(folder / DB_NAME)
    with pytest.raises(errors.WrongKey):
        open_vault(folder, OsKeyStore(memory_keyring))
    _assert_untouched(folder, files, digest)


def test_garbage_in_keyring(closed_vault: tuple[Path, str],
                            memory_keyring: MemoryKeyring) -> None:
    folder, vault_id = closed_vault
    memory_keyring.entries[("salon-desktop", vault_id)] = "not a key at all"
    with pytest.raises(errors.KeyGarbled):
        open_vault(folder, OsKeyStore(memory_keyring))


def test_no_keyring_backend(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    files, digest = _files(folder), _digest(folder / DB_NAME)
    with pytest.raises(errors.KeyringUnavailable):
        open_vault(folder, OsKeyStore(fail.Keyring()))
    _assert_untouched(folder, files, digest)


def test_truncated_database(closed_vault: tuple[Path, str], keystore: OsKeyStore) -> None:
    folder, _ = closed_vault
    db_file = folder / DB_NAME
    data = db_file.read_bytes()
    db_file.write_bytes(data[: len(data) - PAGE_SIZE // 2])
    files, digest = _files(folder), _digest(db_file)
    with pytest.raises(errors.DatabaseDamaged):
        open_vault(folder, keystore)
    _assert_untouched(folder, files, digest)


def test_flipped_bit_on_first_page(closed_vault: tuple[Path, str],
                                   keystore: OsKeyStore) -> None:
    folder, _ = closed_vault
    db_file = folder / DB_NAME
    data = bytearray(db_file.read_bytes())
    data[100] ^= 0x04
    db_file.write_bytes(bytes(data))
    files, digest = _files(folder), _digest(db_file)
    with pytest.raises(errors.DatabaseDamaged):
        open_vault(folder, keystore)
    _assert_untouched(folder, files, digest)


def test_flipped_bit_deeper_is_found_by_selftest(closed_vault: tuple[Path, str],
                                                 keystore: OsKeyStore) -> None:
    from salon_desktop.services.selftest import run_selftest

    folder, _ = closed_vault
    db_file = folder / DB_NAME
    data = bytearray(db_file.read_bytes())
    pages = len(data) // PAGE_SIZE
    assert pages > 3
    data[(pages - 1) * PAGE_SIZE + 200] ^= 0x01
    db_file.write_bytes(bytes(data))
    digest = _digest(db_file)
    try:
        vault = open_vault(folder, keystore)
    except errors.DatabaseDamaged:
        return  # detected already at open: just as good
    problems = run_selftest(vault)
    vault.close()
    assert problems, "a flipped bit must be reported"
    assert _digest(db_file) == digest


def test_damaged_sidecar(closed_vault: tuple[Path, str], keystore: OsKeyStore) -> None:
    folder, _ = closed_vault
    sidecar = folder / SIDECAR_NAME
    sidecar.write_text(sidecar.read_text().replace('"version": 1', '"version": 1 '), "utf-8")
    text = sidecar.read_text()
    sidecar.write_text(text.replace("argon2id", "argon2ix"), "utf-8")
    digest = _digest(folder / DB_NAME)
    with pytest.raises(errors.SidecarDamaged):
        open_vault(folder, keystore)
    assert _digest(folder / DB_NAME) == digest


def test_missing_sidecar_is_not_a_new_vault(closed_vault: tuple[Path, str],
                                            keystore: OsKeyStore, clock: FakeClock) -> None:
    folder, _ = closed_vault
    (folder / SIDECAR_NAME).unlink()
    ctx = AppContext(folder, keystore=keystore, clock=clock)
    assert ctx.vault_exists()
    with pytest.raises(errors.SidecarDamaged):
        ctx.open()
    with pytest.raises(errors.VaultAlreadyExists):
        ctx.create()


def test_create_refuses_existing_vault(closed_vault: tuple[Path, str], keystore: OsKeyStore,
                                       clock: FakeClock) -> None:
    folder, _ = closed_vault
    digest = _digest(folder / DB_NAME)
    ctx = AppContext(folder, keystore=keystore, clock=clock)
    with pytest.raises(errors.VaultAlreadyExists):
        ctx.create()
    assert _digest(folder / DB_NAME) == digest


def test_create_without_keyring_leaves_nothing(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "fresh"
    ctx = AppContext(folder, keystore=OsKeyStore(fail.Keyring()), clock=clock)
    with pytest.raises(errors.KeyringUnavailable):
        ctx.create()
    assert not folder.exists() or not any(folder.iterdir())


def test_recovery_restores_access(closed_vault: tuple[Path, str], app_context: AppContext,
                                  memory_keyring: MemoryKeyring, clock: FakeClock) -> None:
    folder, vault_id = closed_vault
    recovery = app_context.recovery_key  # type: ignore[attr-defined]
    memory_keyring.entries.clear()
    ctx = AppContext(folder, keystore=OsKeyStore(memory_keyring), clock=clock)
    typed = recovery.lower().replace("-", " ")
    assert ctx.recover(typed) == vault_id
    ctx.open()
    assert clients_repo.count(ctx.vault.db) == 202  # type: ignore[union-attr]
    ctx.close()


def test_recovery_names_the_mistyped_group(closed_vault: tuple[Path, str],
                                           app_context: AppContext,
                                           memory_keyring: MemoryKeyring,
                                           clock: FakeClock) -> None:
    folder, _ = closed_vault
    recovery: str = app_context.recovery_key  # type: ignore[attr-defined]
    memory_keyring.entries.clear()
    groups = recovery.split("-")
    wrong_char = "2" if groups[3][1] != "2" else "3"
    groups[3] = groups[3][0] + wrong_char + groups[3][2:]
    ctx = AppContext(folder, keystore=OsKeyStore(memory_keyring), clock=clock)
    with pytest.raises(errors.RecoveryKeyTypo) as info:
        ctx.recover("-".join(groups))
    assert info.value.group == 4
    assert "Group 4" in info.value.user_message()
    assert memory_keyring.entries == {}


def test_recovery_key_of_another_vault(closed_vault: tuple[Path, str], tmp_path: Path,
                                       clock: FakeClock) -> None:
    folder, _ = closed_vault
    other = AppContext(tmp_path / "other", keystore=OsKeyStore(MemoryKeyring()), clock=clock)
    other_key = other.create()
    other.close()
    ring = MemoryKeyring()
    ctx = AppContext(folder, keystore=OsKeyStore(ring), clock=clock)
    with pytest.raises(errors.RecoveryKeyWrong):
        ctx.recover(other_key)
    assert ring.entries == {}
