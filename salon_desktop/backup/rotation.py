"""Backup file names, listing a destination, and keeping the newest N there.

Names carry the UTC time (sorts correctly across daylight-saving changes) and the first 8
characters of the vault id, so two PCs sharing one stick never rotate away each other's
backups: ``salon-backup-20261125-090000-1a2b3c4d.sdbak``. The unfinished file is
``.salon-backup-….sdbak.partial``, never a final name.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from salon_desktop.backup.format import SUFFIX

log = logging.getLogger(__name__)

PREFIX = "salon-backup-"
PARTIAL_SUFFIX = ".partial"
DEFAULT_KEEP = 10
_NAME = re.compile(r"^salon-backup-(\d{8})-(\d{6})-([0-9a-z]{8})(?:-(\d{1,3}))?\.sdbak$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created_at: datetime  # from the name (UTC); the header inside says the same
    vault_tag: str
    size_bytes: int


def vault_tag(vault_id: str) -> str:
    return re.sub(r"[^0-9a-z]", "", vault_id.lower())[:8].ljust(8, "0")


def backup_name(created_at: datetime, vault_id: str, serial: int = 0) -> str:
    stamp = created_at.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    extra = f"-{serial}" if serial else ""
    return f"{PREFIX}{stamp}-{vault_tag(vault_id)}{extra}{SUFFIX}"


def partial_name(final_name: str) -> str:
    return f".{final_name}{PARTIAL_SUFFIX}"


def free_final_path(folder: Path, created_at: datetime, vault_id: str) -> Path:
    """A final name nothing has yet (two backups in one second get a serial)."""
    for serial in range(1000):
        path = folder / backup_name(created_at, vault_id, serial)
        if not path.exists() and not (folder / partial_name(path.name)).exists():
            return path
    raise FileExistsError("no free backup name")


def parse(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupFile(path, created, match[3], size)


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first (unfinished and foreign files ignored)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [b for b in (parse(p) for p in entries if p.is_file()) if b is not None]
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def rotate(folder: Path, vault_id: str, keep: int, protect: Path) -> list[Path]:
    """Delete this vault's backups beyond the newest ``keep``; never ``protect`` (the one
    just verified). Runs only after a good backup. A file that cannot be deleted stays; the
    backup itself has succeeded."""
    tag = vault_tag(vault_id)
    mine = [b for b in list_backups(folder) if b.vault_tag == tag]
    removed: list[Path] = []
    for old in mine[max(keep, 1):]:
        if old.path == protect:
            continue
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError as exc:
            log.warning("could not remove an old backup: %s", type(exc).__name__)
    return removed


def remove_partials(folder: Path, vault_id: str) -> None:
    """Unfinished files of this vault from an earlier, interrupted run (never valid)."""
    tag = vault_tag(vault_id)
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            name = path.name
            if name.startswith(f".{PREFIX}") and name.endswith(SUFFIX + PARTIAL_SUFFIX):
                parsed = _NAME.match(name[1:-len(PARTIAL_SUFFIX)])
                if parsed is not None and parsed[3] == tag:
                    with contextlib.suppress(OSError):
                        path.unlink()
