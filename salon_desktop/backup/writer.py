"""Making a backup: snapshot, copy to the medium, flush, read back, then the final name.

1. Snapshot. ``sqlcipher_export`` copies the live database, inside one read transaction, into
   a staging file in the data folder, encrypted with the backup key. It reads through a
   second connection to the live file (``Database.snapshot_reader``), so commits still in
   the WAL are included (a file copy would miss them) and the app's own connection stays
   free: the reception searches and books while the snapshot is taken.
2. Room. The exact size is now known: free space and FAT32's 4 GiB limit are checked before
   the first byte goes to the medium.
3. Copy to ``.salon-backup-….sdbak.partial`` on the medium through ``DestinationIO`` (the
   seam tests use to inject a full disk, an I/O error or a vanished stick), fsync of the file,
   its pages dropped from the OS cache so step 4 reads the medium, fsync of the folder.
4. Read back: every page's HMAC, the header and the row counts of the snapshot.
5. Rename to the final name, fsync the folder. Only now does a file carry a final name.
Any failure removes the partial and staging files; earlier backups are never touched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import sqlcipher3

from salon_desktop.backup.errors import (
    BackupCancelled,
    BackupDamaged,
    DestinationVanished,
    LiveDatabaseUnreadable,
    WrittenBackupBad,
)
from salon_desktop.backup.format import (
    HEADER_TABLE,
    BackupHeader,
    BackupKey,
    cipher_pragmas,
    header_table_sql,
    table_counts,
)
from salon_desktop.backup.media import (
    check_folder,
    check_local_room,
    check_room,
    describe_os_error,
    sync_folder,
)
from salon_desktop.backup.progress import CancelCheck, ProgressCallback, Steps
from salon_desktop.backup.rotation import free_final_path, partial_name, remove_partials
from salon_desktop.backup.verify import BackupInfo, verify
from salon_desktop.storage.database import Database, KeyRejected

CHUNK = 1024 * 1024
_ALIAS = "salon_backup"
PHASES = (("snapshot", 3), ("copy", 4), ("verify", 3))
HeaderFactory = Callable[[int, dict[str, int]], BackupHeader]


class DestinationIO:
    """Every write to the backup medium. Tests subclass it to fail on purpose."""

    def open_new(self, path: Path) -> BinaryIO:
        return open(path, "xb", buffering=0)

    def write(self, handle: BinaryIO, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = handle.write(view)
            if not written:
                raise OSError(5, "short write")
            view = view[written:]

    def finish(self, handle: BinaryIO) -> None:
        """On the medium, and out of the OS cache so the read-back reads the medium
        (Linux; elsewhere the check may be served from the cache)."""
        os.fsync(handle.fileno())
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)

    def close(self, handle: BinaryIO) -> None:
        handle.close()

    def rename(self, source: Path, target: Path) -> None:
        os.rename(source, target)

    def sync_folder(self, folder: Path) -> None:
        sync_folder(folder)

    def remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class WrittenBackup:
    path: Path
    info: BackupInfo
    seconds: float
    #: Seconds per step ("snapshot", "copy", "verify"): the log and the benchmark show where
    #: the time goes, since on a fast disk it is the encryption, not the medium.
    phases: dict[str, float] = field(default_factory=dict)


def _estimated_size(db: Database) -> int:
    pages = int(db.scalar("PRAGMA page_count")) - int(db.scalar("PRAGMA freelist_count"))
    return max(pages, 1) * int(db.scalar("PRAGMA page_size"))


def export_snapshot(db: Database, staging: Path, bkey: BackupKey, make_header: HeaderFactory,
                    steps: Steps) -> BackupHeader:
    """Copy the live database, as of one moment, into ``staging`` under the backup key."""
    estimate = _estimated_size(db)
    interrupted: list[bool] = []

    def handler() -> int:
        try:
            size = staging.stat().st_size if staging.exists() else 0
            steps.update("snapshot", 0.95 * size / estimate)
            if steps.cancelled():
                interrupted.append(True)
                return 1
        except OSError:
            pass
        return 0

    # Under the lock: a transaction the worker has open (the backup runs on its own thread)
    # holds it until its commit; only the caller's own open transaction is refused.
    with db.lock:
        if db.in_transaction:
            raise RuntimeError("a backup cannot start inside a transaction")
    with contextlib.ExitStack() as stack:
        try:
            raw = stack.enter_context(db.snapshot_reader())
        except (sqlcipher3.Error, KeyRejected):
            raise LiveDatabaseUnreadable() from None
        raw.execute("PRAGMA foreign_keys = OFF")  # rows are copied table by table
        attached = False
        try:
            raw.execute(f"ATTACH DATABASE ? AS {_ALIAS} KEY ?",
                        (str(staging), bkey.pragma_value()))
            attached = True
            for pragma in cipher_pragmas(bkey.spec, _ALIAS):
                raw.execute(pragma)
            raw.execute(f"PRAGMA {_ALIAS}.journal_mode = OFF").fetchall()
            # The staging file is read once, by the copy below, and then deleted: syncing
            # it to this PC's disk first would write the whole backup one extra time (on a
            # hard disk, seconds). The copy on the medium is synced and read back.
            raw.execute(f"PRAGMA {_ALIAS}.synchronous = OFF")
            raw.execute("BEGIN")
            try:
                raw.execute("SELECT count(*) FROM main.sqlite_master").fetchone()  # snapshot
                version = int(raw.execute("PRAGMA main.user_version").fetchone()[0])
                raw.set_progress_handler(handler, 50_000)
                raw.execute(f"SELECT sqlcipher_export('{_ALIAS}')").fetchall()
                raw.set_progress_handler(None, 0)
                header = make_header(version, table_counts(raw, "main"))
                raw.execute(f"PRAGMA {_ALIAS}.user_version = {version:d}")
                raw.execute(header_table_sql(_ALIAS))
                raw.execute(f"INSERT INTO {_ALIAS}.{HEADER_TABLE} (id, header) VALUES (1, ?)",
                            (header.to_json(),))
                raw.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlcipher3.Error):
                    raw.execute("ROLLBACK")
                raise
        except sqlcipher3.Error as exc:
            if interrupted:
                raise BackupCancelled() from None
            if isinstance(exc, sqlcipher3.OperationalError) and "full" in str(exc):
                raise describe_os_error(OSError(28, "full"), needed=estimate,
                                        folder=staging.parent) from None
            raise LiveDatabaseUnreadable() from None
        finally:
            raw.set_progress_handler(None, 0)
            if attached:
                with contextlib.suppress(sqlcipher3.Error):
                    raw.execute(f"DETACH DATABASE {_ALIAS}")
            raw.execute("PRAGMA foreign_keys = ON")
    steps.update("snapshot", 1.0)
    return header


def copy_to(source: Path, target: Path, io: DestinationIO, steps: Steps) -> None:
    size = max(source.stat().st_size, 1)
    try:
        handle = io.open_new(target)
    except OSError as exc:
        raise describe_os_error(exc, needed=size, folder=target.parent) from None
    closed = False
    try:
        done = 0
        with open(source, "rb") as data:
            while chunk := data.read(CHUNK):
                steps.check()
                io.write(handle, chunk)
                done += len(chunk)
                steps.update("copy", done / size)
        io.finish(handle)
        closed = True
        io.close(handle)
        io.sync_folder(target.parent)
    except OSError as exc:
        raise describe_os_error(exc, needed=size, folder=target.parent) from None
    finally:
        if not closed:
            with contextlib.suppress(OSError):
                io.close(handle)


def write_backup(db: Database, destination: Path, bkey: BackupKey, *, vault_id: str,
                 created_at: datetime, make_header: HeaderFactory, staging_dir: Path,
                 io: DestinationIO | None = None, progress: ProgressCallback | None = None,
                 cancel: CancelCheck | None = None) -> WrittenBackup:
    """Write one verified backup into ``destination``; see the module docstring."""
    io = io or DestinationIO()
    steps = Steps(progress, cancel, PHASES, BackupCancelled)
    started = time.monotonic()
    phases: dict[str, float] = {}
    lap = started

    def phase_done(name: str) -> None:
        nonlocal lap
        now = time.monotonic()
        phases[name] = now - lap
        lap = now
    steps.check()
    check_folder(destination)
    remove_partials(destination, vault_id)
    check_local_room(staging_dir, _estimated_size(db))
    staging = staging_dir / f".salon-backup-{secrets.token_hex(6)}.staging"
    partial: Path | None = None
    try:
        header = export_snapshot(db, staging, bkey, make_header, steps)
        phase_done("snapshot")
        steps.check()
        size = staging.stat().st_size
        check_room(destination, size)
        final = free_final_path(destination, created_at, vault_id)
        partial = destination / partial_name(final.name)
        copy_to(staging, partial, io, steps)
        phase_done("copy")
        steps.check()
        try:
            info = verify(partial, bkey, full=False, expected=header, steps=steps)
        except BackupDamaged as bad:
            if not partial.exists():
                raise DestinationVanished() from None
            raise WrittenBackupBad(reason=str(bad.params.get("reason", ""))) from None
        phase_done("verify")
        steps.check()
        try:
            if final.exists():
                raise FileExistsError(final.name)
            io.rename(partial, final)
            partial = None
            io.sync_folder(destination)
        except OSError as exc:
            raise describe_os_error(exc, needed=size, folder=destination) from None
    except BaseException:
        _cleanup(io, partial)
        raise
    finally:
        with contextlib.suppress(OSError):
            staging.unlink(missing_ok=True)
    steps.finish()
    final_info = BackupInfo(final, info.header, info.size_bytes, info.fully_verified)
    return WrittenBackup(final, final_info, time.monotonic() - started, phases)


def _cleanup(io: DestinationIO, partial: Path | None) -> None:
    if partial is not None:
        with contextlib.suppress(OSError):
            io.remove(partial)
