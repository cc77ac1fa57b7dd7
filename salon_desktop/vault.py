"""The vault: one data folder with the encrypted database and its key file.

``create`` refuses to touch a folder that already holds any part of a vault; ``open`` never
creates a file; every way opening can fail is its own error with its way out.
"""

from __future__ import annotations

import contextlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from salon_desktop.security import recovery_key
from salon_desktop.security.errors import (
    DatabaseDamaged,
    DatabaseMissing,
    DatabaseUnreadable,
    KeyMissing,
    SchemaNewer,
    SidecarDamaged,
    VaultAlreadyExists,
    VaultNotFound,
    WrongKey,
)
from salon_desktop.security.keystore import KeyStore
from salon_desktop.security.sidecar import Sidecar
from salon_desktop.storage.database import PAGE_SIZE, Database, DbError, KeyRejected
from salon_desktop.storage.migrations import SchemaTooNew, migrate

DB_NAME = "salon.db"
SIDECAR_NAME = "vault.json"
_DB_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class VaultPaths:
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / DB_NAME

    @property
    def sidecar(self) -> Path:
        return self.folder / SIDECAR_NAME

    def any_vault_file(self) -> bool:
        names = [self.database, self.sidecar] + [
            self.database.with_name(DB_NAME + suffix) for suffix in _DB_COMPANIONS
        ]
        return any(p.exists() for p in names)


@dataclass
class Vault:
    paths: VaultPaths
    sidecar: Sidecar
    db: Database

    @property
    def vault_id(self) -> str:
        return self.sidecar.vault_id

    def close(self) -> None:
        self.db.close()


@dataclass(frozen=True)
class CreatedVault:
    vault: Vault
    recovery_key: str  # shown once, printed on the recovery sheet, never stored


def vault_exists(folder: Path) -> bool:
    return VaultPaths(folder).any_vault_file()


def create_vault(folder: Path, keystore: KeyStore, now: datetime) -> CreatedVault:
    paths = VaultPaths(folder)
    if paths.any_vault_file():
        raise VaultAlreadyExists()
    vault_id = str(uuid.uuid4())
    db_key = secrets.token_bytes(32)
    rkey = recovery_key.generate()
    # The keyring must really hold the key before any data depends on it.
    keystore.put(vault_id, db_key)
    if keystore.get(vault_id) != db_key:
        keystore.delete(vault_id)
        raise KeyMissing()
    created: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sidecar = Sidecar.create(vault_id, now.isoformat(), db_key,
                                 recovery_key.secret_bytes(rkey))
        sidecar.write(paths.sidecar)
        created.append(paths.sidecar)
        created.append(paths.database)
        db = Database.open(paths.database, db_key, create=True)
        migrate(db)
    except BaseException:
        for path in created + [paths.database.with_name(DB_NAME + s) for s in _DB_COMPANIONS]:
            with contextlib.suppress(OSError):
                path.unlink()
        keystore.delete(vault_id)
        raise
    return CreatedVault(Vault(paths, sidecar, db), rkey)


def destroy_new_vault(folder: Path, keystore: KeyStore) -> None:
    """Undo a ``create_vault`` whose set-up failed a moment later (nothing else uses it yet)."""
    paths = VaultPaths(folder)
    with contextlib.suppress(Exception):
        keystore.delete(Sidecar.read(paths.sidecar).vault_id)
    for path in [paths.sidecar, paths.database] + [
            paths.database.with_name(DB_NAME + s) for s in _DB_COMPANIONS]:
        with contextlib.suppress(OSError):
            path.unlink()


def read_sidecar(folder: Path) -> Sidecar:
    paths = VaultPaths(folder)
    if not paths.sidecar.exists():
        if paths.database.exists():
            raise SidecarDamaged()
        raise VaultNotFound()
    return Sidecar.read(paths.sidecar)


def _check_database_file(path: Path) -> None:
    if not path.exists():
        raise DatabaseMissing()
    if not path.is_file():  # a folder (or a device) where the file should be
        raise DatabaseUnreadable()
    try:
        size = path.stat().st_size
        if size < PAGE_SIZE or size % PAGE_SIZE:
            raise DatabaseDamaged(reason="truncated")
        with path.open("rb") as handle:
            if handle.read(16) == b"SQLite format 3\x00":
                raise DatabaseDamaged(reason="not encrypted")
    except OSError:  # permissions, a vanished network drive: not damage, and no crash
        raise DatabaseUnreadable() from None


def open_vault(folder: Path, keystore: KeyStore, *, upgrade: bool = True) -> Vault:
    paths = VaultPaths(folder)
    sidecar = read_sidecar(folder)
    _check_database_file(paths.database)
    key = keystore.get(sidecar.vault_id)
    if key is None:
        raise KeyMissing()
    return open_with_key(paths, sidecar, key, upgrade=upgrade)


def open_with_key(paths: VaultPaths, sidecar: Sidecar, key: bytes, *,
                  upgrade: bool = True) -> Vault:
    if not sidecar.matches(key):
        raise WrongKey()
    try:
        db = Database.open(paths.database, key)
    except KeyRejected:
        # The key is the right one (key check matched), so the file itself is damaged.
        raise DatabaseDamaged(reason="page 1 does not decrypt") from None
    except DbError:
        raise DatabaseDamaged(reason="unreadable") from None
    try:
        if upgrade:
            migrate(db)
    except SchemaTooNew:
        db.close()
        raise SchemaNewer() from None
    except DbError:
        db.close()
        raise DatabaseDamaged(reason="schema unreadable") from None
    return Vault(paths, sidecar, db)


def recover_access(folder: Path, keystore: KeyStore, typed_recovery_key: str) -> str:
    """Re-store the database key in the keyring from the recovery key; returns the vault id.

    The key is proven against the real database before the keyring is touched.
    """
    canonical = recovery_key.normalize(typed_recovery_key)
    paths = VaultPaths(folder)
    sidecar = read_sidecar(folder)
    _check_database_file(paths.database)
    key = sidecar.unwrap(recovery_key.secret_bytes(canonical))
    vault = open_with_key(paths, sidecar, key, upgrade=False)
    vault.close()
    keystore.put(sidecar.vault_id, key)
    if keystore.get(sidecar.vault_id) != key:
        raise KeyMissing()
    return sidecar.vault_id
