"""The drives a backup can go to, from ``QStorageInfo``: name, folder, free space, type.

The manager recognises the stick by its name and free space, so those lead; drives that look
removable (mounted under /media, /run/media, /mnt or /Volumes, or another drive letter than
Windows' own) are marked, because a backup on the PC's own disk dies with that disk. System
and pseudo file systems (tmpfs, snaps, /boot …) are never offered.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

_PSEUDO_TYPES = frozenset({
    "tmpfs", "devtmpfs", "squashfs", "overlay", "proc", "sysfs", "ramfs", "autofs",
    "efivarfs", "cgroup", "cgroup2", "devpts", "securityfs", "debugfs", "tracefs", "fusectl",
    "configfs", "pstore", "bpf", "mqueue", "hugetlbfs", "binfmt_misc", "nsfs", "rpc_pipefs",
    "fuse.portal", "fuse.gvfsd-fuse", "fuse.snapfuse", "nullfs", "devfs",
})
_SYSTEM_PREFIXES = ("/boot", "/snap", "/proc", "/sys", "/dev", "/run", "/var/lib", "/etc",
                    "/usr", "/System", "/private")
_REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Drive:
    name: str            # the volume label, or the folder's last part ("" for the system disk)
    path: Path           # where backups go: the drive's root folder
    free_bytes: int
    fs_type: str
    removable: bool
    read_only: bool
    is_system: bool      # the disk the operating system runs from


def _text(raw: object) -> str:
    data = raw.data() if hasattr(raw, "data") else raw
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data or "")


def looks_removable(root: str, *, is_root: bool) -> bool:
    if is_root:
        return False
    if sys.platform == "win32":
        system = os.environ.get("SYSTEMDRIVE", "C:").rstrip("\\/").upper()
        return not root.upper().startswith(system)
    return root.startswith(_REMOVABLE_PREFIXES)


def _offered(root: str, fs_type: str, *, is_root: bool) -> bool:
    if fs_type.lower() in _PSEUDO_TYPES:
        return False
    if is_root or root.startswith(_REMOVABLE_PREFIXES):
        return True
    return not any(root == p or root.startswith(p + "/") for p in _SYSTEM_PREFIXES)


def drive_of(info: QStorageInfo) -> Drive:
    root = info.rootPath()
    label = info.name() or ("" if info.isRoot() else Path(root).name or root)
    return Drive(name=label, path=Path(root), free_bytes=max(0, info.bytesAvailable()),
                 fs_type=_text(info.fileSystemType()),
                 removable=looks_removable(root, is_root=info.isRoot()),
                 read_only=info.isReadOnly(), is_system=info.isRoot())


def list_drives() -> list[Drive]:
    """Mounted drives worth offering: removable-looking first, then by name."""
    drives = [drive_of(info) for info in QStorageInfo.mountedVolumes()
              if info.isValid() and info.isReady()
              and _offered(info.rootPath(), _text(info.fileSystemType()),
                           is_root=info.isRoot())]
    return sorted(drives, key=lambda d: (not d.removable, d.is_system, d.name.lower(),
                                         str(d.path)))


def folder_drive(folder: Path) -> Drive:
    """A chosen folder, with the free space and type of the drive it is on."""
    info = QStorageInfo(str(folder))
    valid = info.isValid() and info.isReady()
    root = info.rootPath() if valid else ""
    return Drive(name=folder.name or str(folder), path=folder,
                 free_bytes=max(0, info.bytesAvailable()) if valid else 0,
                 fs_type=_text(info.fileSystemType()) if valid else "",
                 removable=bool(root) and looks_removable(root, is_root=info.isRoot()),
                 read_only=valid and info.isReadOnly(), is_system=False)
