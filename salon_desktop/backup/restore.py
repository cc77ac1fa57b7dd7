"""Restoring: the backup re-encrypted under this vault's key into a new file beside the live
one, then an atomic swap that keeps the replaced database aside.

The new file is written by ``sqlcipher_export`` from the backup (opened read-only where it
lies) into ``.salon-restore-….db`` in the data folder, with SQLCipher's default settings and
the key already in this PC's keyring, so ``vault.json`` and the keyring stay valid. The
service then migrates it, replays the erasure journal and audits the restore in it (see
``services/backups.py``); only a finished, checked file is swapped in.

The swap: the live database (closed, its WAL checkpointed) is renamed to
``salon.db.before-restore-YYYYMMDD-HHMMSS`` and the new file renamed to ``salon.db``; if the
second rename fails the first is undone. Both renames are in one folder on one disk.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from salon_desktop.backup.errors import Reason, RestoreCancelled, RestoreFailed, VaultInUse
from salon_desktop.backup.format import HEADER_TABLE, BackupKey, open_backup
from salon_desktop.backup.media import sync_folder
from salon_desktop.backup.progress import Steps

ASIDE_MARK = ".before-restore-"
_ALIAS = "restored"
_COMPANIONS = ("-wal", "-shm", "-journal")
# SQLCipher 4's defaults, which the vault's Database.open relies on; stated, not inherited.
_VAULT_CIPHER = ("PRAGMA restored.cipher_page_size = 4096",
                 "PRAGMA restored.cipher_hmac_algorithm = HMAC_SHA512",
                 "PRAGMA restored.cipher_kdf_algorithm = PBKDF2_HMAC_SHA512")


def stage(backup: Path, bkey: BackupKey, *, target_dir: Path, target_key: bytes,
          steps: Steps, phase: str = "stage") -> Path:
    """Write the backup's data, under ``target_key``, into a new file in ``target_dir``."""
    staged = target_dir / f".salon-restore-{secrets.token_hex(6)}.db"
    expected = max(backup.stat().st_size, 1)
    interrupted: list[bool] = []

    def handler() -> int:
        try:
            written = staged.stat().st_size if staged.exists() else 0
            steps.update(phase, 0.95 * written / expected)
        except OSError:
            pass
        if steps.cancelled():
            interrupted.append(True)
            return 1
        return 0

    source = open_backup(backup, bkey, query_only=False)
    try:
        source.execute(f"ATTACH DATABASE ? AS {_ALIAS} KEY ?",
                       (str(staged), f"x'{target_key.hex()}'"))
        for pragma in _VAULT_CIPHER:
            source.execute(pragma)
        source.execute(f"PRAGMA {_ALIAS}.journal_mode = OFF").fetchall()
        source.execute("BEGIN")
        version = int(source.execute("PRAGMA main.user_version").fetchone()[0])
        source.set_progress_handler(handler, 50_000)
        source.execute(f"SELECT sqlcipher_export('{_ALIAS}')").fetchall()
        source.set_progress_handler(None, 0)
        source.execute(f"PRAGMA {_ALIAS}.user_version = {version:d}")
        source.execute(f"DROP TABLE {_ALIAS}.{HEADER_TABLE}")
        source.execute("COMMIT")
        source.execute(f"DETACH DATABASE {_ALIAS}")
    except sqlcipher3.Error as exc:
        discard(staged)
        if interrupted:
            raise RestoreCancelled() from None
        reason = Reason.DISK_FULL if "full" in str(exc) else Reason.COPY
        raise RestoreFailed(reason=reason) from None
    except BaseException:
        discard(staged)
        raise
    finally:
        source.close()
    steps.update(phase, 1.0)
    return staged


def discard(staged: Path) -> None:
    for path in [staged, *(staged.with_name(staged.name + s) for s in _COMPANIONS)]:
        with contextlib.suppress(OSError):
            path.unlink()


def aside_name(database: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    candidate = database.with_name(f"{database.name}{ASIDE_MARK}{stamp}")
    serial = 1
    while candidate.exists():
        serial += 1
        candidate = database.with_name(f"{database.name}{ASIDE_MARK}{stamp}-{serial}")
    return candidate


def ensure_closed(database: Path) -> None:
    """After our connection closed, a WAL or shared-memory file means another process (a
    second window, a scheduled command) still has the database open: refuse to swap."""
    if any(database.with_name(database.name + s).exists() for s in _COMPANIONS):
        raise VaultInUse()


def swap_in(database: Path, staged: Path, now: datetime, *, keep_previous: bool = True
            ) -> Path | None:
    """Put ``staged`` in place of ``database``; returns where the previous one was kept."""
    ensure_closed(database)
    aside: Path | None = None
    try:
        if database.exists():
            if keep_previous:
                aside = aside_name(database, now)
                os.rename(database, aside)
            else:
                database.unlink()
        try:
            os.rename(staged, database)
        except OSError:
            if aside is not None:
                os.rename(aside, database)
            raise
        sync_folder(database.parent)
    except PermissionError:
        raise VaultInUse() from None  # Windows: the file is open elsewhere
    except OSError:
        raise RestoreFailed(reason=Reason.SWAP) from None
    return aside


def set_aside_files(database: Path) -> list[Path]:
    """Databases replaced by restores, oldest first, until the admin removes them."""
    prefix = database.name + ASIDE_MARK
    try:
        return sorted(p for p in database.parent.iterdir()
                      if p.name.startswith(prefix) and p.is_file())
    except OSError:
        return []
