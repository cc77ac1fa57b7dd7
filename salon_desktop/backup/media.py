"""The backup medium: is it there, writable, big enough, and which file system is it?

All checks run before the first byte of a backup is written to the medium, so a full stick,
a write-protected one or a FAT32 stick too small for the file fails with a clear message
instead of half a file. OS errors during writing are mapped to the same messages.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sys
from pathlib import Path

from salon_desktop.backup.errors import (
    BackupError,
    DestinationMissing,
    DestinationReadOnly,
    DestinationVanished,
    NotEnoughLocalSpace,
    NotEnoughSpace,
    TooLargeForFat32,
    WriteFailed,
)

FAT32_MAX_FILE = 4 * 1024**3 - 1
FAT_TYPES = frozenset({"vfat", "msdos", "fat", "fat32", "fat16", "fat12"})
# Room for the file system's own bookkeeping and a rounding of free space by the OS.
SPACE_MARGIN = 1024 * 1024
_MB = 1024 * 1024

# Windows error numbers (``OSError.winerror``) that Python does not map to an errno.
_WIN_FULL = {39, 112}                      # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_READ_ONLY = {19, 5}                   # ERROR_WRITE_PROTECT, ERROR_ACCESS_DENIED
_WIN_GONE = {2, 3, 15, 21, 55, 1167, 483}  # not found, not ready, device not connected…
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_GONE = {errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT, getattr(errno, "ESTALE", -1),
         errno.ENOTCONN, errno.ENOTDIR}


def megabytes(size: int) -> int:
    return max(1, -(-size // _MB))


def describe_os_error(exc: OSError, *, needed: int = 0, folder: Path | None = None) -> BackupError:
    """The clear message for an OS error while writing to the medium."""
    win = getattr(exc, "winerror", None)
    if exc.errno in _FULL or win in _WIN_FULL:
        free = _free_space(folder) if folder is not None else 0
        return NotEnoughSpace(needed_mb=megabytes(needed), free_mb=free // _MB)
    if exc.errno in _READ_ONLY or win in _WIN_READ_ONLY:
        return DestinationReadOnly()
    if exc.errno in _GONE or win in _WIN_GONE:
        return DestinationVanished()
    if exc.errno == errno.EFBIG:
        return TooLargeForFat32(size_mb=megabytes(needed))
    name = errno.errorcode.get(exc.errno or 0, "unknown")
    return WriteFailed(reason=name)


def _free_space(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def filesystem_type(folder: Path) -> str | None:
    """The file system holding ``folder`` ("vfat", "exfat", "ntfs" …), or None if unknown.

    Linux: the longest matching mount point in /proc/mounts. Windows: GetVolumeInformationW.
    Elsewhere (macOS) unknown; the write itself then fails with EFBIG at 4 GiB on FAT32 and
    that is reported as the same error, with the unfinished file removed.
    """
    try:
        target = folder.resolve()
        if sys.platform.startswith("linux"):
            return _linux_fs_type(target)
        if sys.platform == "win32":
            return _windows_fs_type(target)
    except OSError:
        return None
    return None


def _linux_fs_type(target: Path) -> str | None:
    best: tuple[int, str] | None = None
    with open("/proc/mounts", encoding="utf-8", errors="replace") as mounts:
        for line in mounts:
            parts = line.split()
            if len(parts) < 3:
                continue
            point = parts[1].replace("\\040", " ").replace("\\011", "\t")
            point = point.replace("\\012", "\n").replace("\\134", "\\")
            try:
                Path(target).relative_to(point)
            except ValueError:
                continue
            if best is None or len(point) >= best[0]:
                best = (len(point), parts[2].lower())
    return best[1] if best else None


def _windows_fs_type(target: Path) -> str | None:  # pragma: no cover - Windows only
    import ctypes

    root = target.anchor
    name = ctypes.create_unicode_buffer(64)
    ok = ctypes.windll.kernel32.GetVolumeInformationW(  # type: ignore[attr-defined]
        ctypes.c_wchar_p(root), None, 0, None, None, None, name, len(name))
    return name.value.lower() if ok else None


def check_folder(folder: Path) -> None:
    """The folder exists and a file can be created in it (a probe, removed at once)."""
    if not folder.is_dir():
        raise DestinationMissing()
    probe = folder / f".salon-backup-probe-{secrets.token_hex(4)}"
    try:
        with open(probe, "xb") as handle:
            handle.write(b"probe")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise describe_os_error(exc, folder=folder) from None
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()


def check_room(folder: Path, size: int) -> None:
    """Free space and the FAT32 file size limit, for a file of ``size`` bytes."""
    if size > FAT32_MAX_FILE and (filesystem_type(folder) or "") in FAT_TYPES:
        raise TooLargeForFat32(size_mb=megabytes(size))
    free = _free_space(folder)
    if free < size + SPACE_MARGIN:
        raise NotEnoughSpace(needed_mb=megabytes(size + SPACE_MARGIN), free_mb=free // _MB)


def check_local_room(folder: Path, size: int) -> None:
    """Room on this PC's disk for the working copy made before anything goes to the medium."""
    free = _free_space(folder)
    if free < size + SPACE_MARGIN:
        raise NotEnoughLocalSpace(needed_mb=megabytes(size + SPACE_MARGIN), free_mb=free // _MB)


def sync_folder(folder: Path) -> None:
    """fsync a directory so a rename in it is on the medium (no-op where unsupported)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
