"""Checking a backup file: the passphrase, every page's MAC, the structure, the header and the
row counts the header promises.

The check after writing (``full=False``) proves each page is exactly what SQLCipher wrote
(``cipher_integrity_check``: every page's HMAC) and that each table holds the rows the
snapshot had. The full check for restores and the monthly check adds SQLite's ``quick_check``
(b-tree structure, every page reachable once). ``integrity_check`` would also cross-check
every index entry against its row, at 7× the cost (6 s for a 260 MB backup); with every
page's MAC proven, a file can only differ from its snapshot by being damaged, which the MACs
catch, so that cross-check would only re-examine the live database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3

from salon_desktop.backup.errors import BackupDamaged, Reason
from salon_desktop.backup.format import (
    BackupHeader,
    BackupKey,
    key_for_file,
    open_backup,
    read_header,
    read_salt,
    table_counts,
)
from salon_desktop.backup.progress import Steps


@dataclass(frozen=True)
class BackupInfo:
    """What the admin sees before restoring: the header (salon, date, counts)."""

    path: Path
    header: BackupHeader
    size_bytes: int
    fully_verified: bool

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.header.created_at)

    @property
    def salon_name(self) -> str:
        return self.header.salon_name

    @property
    def counts(self) -> dict[str, int]:
        return self.header.counts

    def count(self, table: str) -> int:
        return self.header.counts.get(table, 0)


def _check_size(path: Path, bkey: BackupKey) -> int:
    try:
        size = path.stat().st_size
    except OSError:
        raise BackupDamaged(reason=Reason.UNREADABLE) from None
    if size < bkey.spec.page_size or size % bkey.spec.page_size:
        raise BackupDamaged(reason=Reason.INCOMPLETE)
    return size


def unlock(path: Path, passphrase: str) -> BackupKey:
    """Derive the file's key; NotABackup or WrongPassphrase before anything is opened."""
    try:
        read_salt(path)
    except OSError:
        raise BackupDamaged(reason=Reason.UNREADABLE) from None
    return key_for_file(path, passphrase)


def inspect(path: Path, bkey: BackupKey) -> BackupInfo:
    """The header only (reads a few pages): for showing what a backup holds."""
    size = _check_size(path, bkey)
    conn = open_backup(path, bkey)
    try:
        header = read_header(conn)
    finally:
        conn.close()
    return BackupInfo(path, header, size, fully_verified=False)


def verify(path: Path, bkey: BackupKey, *, full: bool, expected: BackupHeader | None = None,
           steps: Steps | None = None, phase: str = "verify") -> BackupInfo:
    size = _check_size(path, bkey)
    conn = open_backup(path, bkey)
    try:
        if steps:
            steps.check()
        damaged = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if damaged:
            raise BackupDamaged(reason=Reason.PAGES)
        if steps:
            steps.update(phase, 0.6)
            steps.check()
        if full:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                raise BackupDamaged(reason=Reason.STRUCTURE)
            if steps:
                steps.update(phase, 0.8)
                steps.check()
        header = read_header(conn)
        if header.format_version != bkey.spec.version:
            raise BackupDamaged(reason=Reason.HEADER)
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) != header.schema_version:
            raise BackupDamaged(reason=Reason.HEADER)
        if table_counts(conn) != header.counts:
            raise BackupDamaged(reason=Reason.COUNTS)
        if expected is not None and header != expected:
            raise BackupDamaged(reason=Reason.HEADER)
    except sqlcipher3.Error:
        raise BackupDamaged(reason=Reason.UNREADABLE) from None
    finally:
        conn.close()
    if steps:
        steps.update(phase, 1.0)
    return BackupInfo(path, header, size, fully_verified=full)


def unlock_and_verify(path: Path, passphrase: str, *, full: bool = True,
                      steps: Steps | None = None) -> tuple[BackupInfo, BackupKey]:
    bkey = unlock(path, passphrase)
    return verify(path, bkey, full=full, steps=steps), bkey
