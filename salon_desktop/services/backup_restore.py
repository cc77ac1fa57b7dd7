"""Swapping a prepared restore in place of the live database, and back if that fails.

Called by ``AppContext.restore_backup`` / ``restore_into_new_vault`` after
``BackupService.prepare_restore`` built and checked the new file: the live connection is
checkpointed and closed, the files are renamed (``backup/restore.py``), and the new database
is opened with the same key and ``vault.json``. If the new file does not open, the renames
are undone, so the salon is never left without its database.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from salon_desktop.backup import restore as restore_files
from salon_desktop.backup.errors import Reason, RestoreFailed
from salon_desktop.backup.verify import BackupInfo
from salon_desktop.security.errors import VaultError
from salon_desktop.services.backups import PreparedRestore
from salon_desktop.vault import Vault, open_with_key


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    #: Where the replaced database was kept (None for a new vault); the manager removes it
    #: with ``BackupService.remove_set_aside`` once the restored data looks right.
    set_aside: Path | None
    erased_client_ids: list[int] = field(default_factory=list)
    #: Only for a restore into a new vault: print it, it is shown once.
    recovery_key: str | None = None


def swap_prepared(vault: Vault, key: bytes, prepared: PreparedRestore, now: datetime, *,
                  keep_previous: bool = True) -> tuple[Vault, Path | None]:
    """Close ``vault``, put the prepared file in its place and open it. On failure the old
    database is back in place (closed) and the error is raised; the caller reopens it."""
    paths, sidecar = vault.paths, vault.sidecar
    with contextlib.suppress(Exception):
        vault.db.checkpoint()
    vault.close()
    try:
        aside = restore_files.swap_in(paths.database, prepared.staged, now,
                                      keep_previous=keep_previous)
    except BaseException:
        restore_files.discard(prepared.staged)
        raise
    try:
        return open_with_key(paths, sidecar, key), aside
    except VaultError:
        _undo(paths.database, aside)
        raise RestoreFailed(reason=Reason.PREPARE) from None


def _undo(database: Path, aside: Path | None) -> None:
    failed = database.with_name(database.name + ".failed-restore")
    restore_files.discard(failed)
    with contextlib.suppress(OSError):
        os.rename(database, failed)
    if aside is not None:
        with contextlib.suppress(OSError):
            os.rename(aside, database)
    restore_files.discard(failed)
