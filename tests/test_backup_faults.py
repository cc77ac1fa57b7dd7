"""Faults while backing up: a write error midway, a full medium (found before writing and
while writing), a read-only medium, the FAT32 limit, the stick vanishing, a bit flipped on
the way. Each: a clear message, earlier backups intact, no file under a final name, nothing
left behind, and the app keeps working."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from salon_desktop.backup import media
from salon_desktop.backup.errors import (
    BackupError,
    DestinationMissing,
    DestinationReadOnly,
    DestinationVanished,
    NotEnoughSpace,
    PassphraseNotSet,
    TooLargeForFat32,
    WriteFailed,
    WrittenBackupBad,
    WrongBackupPassphrase,
)
from salon_desktop.backup.rotation import list_backups
from salon_desktop.backup.writer import CHUNK, DestinationIO
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.services.selftest import run_selftest
from tests.backup_helpers import PASSPHRASE, db_of, file_digest, ready, stick, use_fast_kdf

# Enough rows for a backup of several 1 MiB chunks, so a fault can strike midway.
_BIG_NOTES = "x" * 4000


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fast_kdf(monkeypatch)


class FaultyIO(DestinationIO):
    """Fails on the n-th chunk written (or when opening), optionally doing something first
    (removing the folder, as a pulled stick does) or corrupting a byte instead."""

    def __init__(self, *, at_chunk: int | None = None, error: int = errno.EIO,
                 on_open: int | None = None, before: Callable[[], None] | None = None,
                 flip_bit: bool = False) -> None:
        self.at_chunk, self.error, self.on_open = at_chunk, error, on_open
        self.before, self.flip_bit = before, flip_bit
        self.chunks = 0
        self.opened = 0

    def open_new(self, path: Path) -> BinaryIO:
        self.opened += 1
        if self.on_open is not None:
            raise OSError(self.on_open, "injected")
        return super().open_new(path)

    def write(self, handle: BinaryIO, data: bytes) -> None:
        self.chunks += 1
        if self.chunks == self.at_chunk:
            if self.flip_bit:
                middle = len(data) // 2
                data = data[:middle] + bytes([data[middle] ^ 0x10]) + data[middle + 1:]
            else:
                if self.before is not None:
                    self.before()
                super().write(handle, data[: len(data) // 2])  # half a chunk got through
                raise OSError(self.error, "injected")
        super().write(handle, data)


@pytest.fixture
def salon(app_context: AppContext, tmp_path: Path) -> tuple[AppContext, Path, Path]:
    """A salon with an earlier good backup on the stick: (context, stick, earlier backup)."""
    ready(app_context, clients=1000)
    db = db_of(app_context)
    with db.transaction():
        db.executemany("UPDATE clients SET notes = ? WHERE id = ?",
                       [(f"{_BIG_NOTES}{n}", n) for n in range(1, 1003)])
    folder = stick(tmp_path)
    earlier = app_context.services.backups.create_backup(folder, PASSPHRASE).path
    assert earlier.stat().st_size > 3 * CHUNK
    app_context.clock.advance(3600)  # type: ignore[attr-defined]
    return app_context, folder, earlier


def _assert_nothing_lost(ctx: AppContext, folder: Path, earlier: Path, digest: str,
                         tmp_path: Path) -> None:
    if folder.exists():
        assert [b.path for b in list_backups(folder)] == [earlier]
        assert file_digest(earlier) == digest
        assert sorted(p.name for p in folder.iterdir()) == [earlier.name]
    assert not [p for p in ctx.data_dir.iterdir() if "staging" in p.name]
    # The app keeps running: the vault is fine and the next backup elsewhere succeeds.
    assert ctx.vault is not None and run_selftest(ctx.vault) == []
    other = stick(tmp_path, "other-stick")
    assert ctx.services.backups.create_backup(other, PASSPHRASE).path.exists()


@pytest.mark.parametrize(("io", "error", "words"), [
    (FaultyIO(at_chunk=2, error=errno.EIO), DestinationVanished, "removed"),
    (FaultyIO(at_chunk=3, error=errno.ENOSPC), NotEnoughSpace, "not enough free space"),
    (FaultyIO(on_open=errno.EROFS), DestinationReadOnly, "read-only"),
    (FaultyIO(at_chunk=2, error=errno.EPROTO), WriteFailed, "EPROTO"),
    (FaultyIO(at_chunk=2, flip_bit=True), WrittenBackupBad, "did not read back"),
], ids=["io-error", "disk-full", "read-only", "other-error", "bit-flipped-on-the-way"])
def test_fault_while_writing(salon: tuple[AppContext, Path, Path], tmp_path: Path,
                             io: FaultyIO, error: type[BackupError], words: str) -> None:
    ctx, folder, earlier = salon
    digest = file_digest(earlier)
    ctx.services.backups.io = io
    with pytest.raises(error) as caught:
        ctx.services.backups.create_backup(folder, PASSPHRASE)
    message = caught.value.user_message()
    assert words in message and "earlier backups were not touched" in message.lower()
    assert str(folder) not in str(caught.value)
    ctx.services.backups.io = DestinationIO()
    _assert_nothing_lost(ctx, folder, earlier, digest, tmp_path)


def test_stick_pulled_midway(salon: tuple[AppContext, Path, Path], tmp_path: Path) -> None:
    ctx, folder, earlier = salon
    gone = tmp_path / "pulled"

    def pull() -> None:
        shutil.move(folder, gone)

    ctx.services.backups.io = FaultyIO(at_chunk=2, error=errno.ENODEV, before=pull)
    with pytest.raises(DestinationVanished):
        ctx.services.backups.create_backup(folder, PASSPHRASE)
    shutil.move(gone, folder)  # plugged back in: the earlier backup is as it was …
    ctx.services.backups.io = DestinationIO()
    assert [b.path for b in list_backups(folder)] == [earlier]
    # … and the unfinished file (it could not be removed while the stick was out) has no
    # final name; the next backup to this stick clears it away.
    leftovers = [p.name for p in folder.iterdir() if p != earlier]
    assert len(leftovers) == 1 and leftovers[0].endswith(".sdbak.partial")
    assert leftovers[0].startswith(".")
    newer = ctx.services.backups.create_backup(folder, PASSPHRASE).path
    assert sorted(p.name for p in folder.iterdir()) == sorted([earlier.name, newer.name])


def test_folder_vanishing_without_a_write_error(salon: tuple[AppContext, Path, Path],
                                                tmp_path: Path) -> None:
    """The folder disappears while the file is written (Linux keeps writing to the open
    file): the flush of the folder or the read-back notices, and nothing gets a final name."""
    ctx, folder, earlier = salon
    gone = tmp_path / "moved-away"
    moved: list[bool] = []

    def progress(done: int, total: int) -> None:
        if done > 400 and not moved:  # inside the copy phase
            shutil.move(folder, gone)
            moved.append(True)

    with pytest.raises(DestinationVanished):
        ctx.services.backups.create_backup(folder, PASSPHRASE, progress=progress)
    assert moved
    assert [p.name for p in gone.iterdir() if not p.name.startswith(".")] == [earlier.name]
    assert not folder.exists()


def test_full_medium_is_found_before_writing(salon: tuple[AppContext, Path, Path],
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, folder, earlier = salon
    digest = file_digest(earlier)
    real = shutil.disk_usage

    def tiny(path: object) -> object:
        usage = real(path)  # type: ignore[arg-type]
        if Path(str(path)) == folder:
            return usage._replace(free=200_000)
        return usage

    monkeypatch.setattr(media.shutil, "disk_usage", tiny)
    io = FaultyIO()
    ctx.services.backups.io = io
    with pytest.raises(NotEnoughSpace) as caught:
        ctx.services.backups.create_backup(folder, PASSPHRASE)
    assert io.opened == 0
    assert "MB are free" in caught.value.user_message()
    monkeypatch.undo()
    use_fast_kdf(monkeypatch)
    ctx.services.backups.io = DestinationIO()
    _assert_nothing_lost(ctx, folder, earlier, digest, tmp_path)


def test_fat32_limit_is_checked_before_writing(salon: tuple[AppContext, Path, Path],
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, folder, earlier = salon
    digest = file_digest(earlier)
    monkeypatch.setattr(media, "filesystem_type", lambda path: "vfat")
    monkeypatch.setattr(media, "FAT32_MAX_FILE", 100_000)  # a 4 GiB salon, scaled down
    io = FaultyIO()
    ctx.services.backups.io = io
    with pytest.raises(TooLargeForFat32) as caught:
        ctx.services.backups.create_backup(folder, PASSPHRASE)
    assert io.opened == 0 and "exFAT" in caught.value.user_message()
    monkeypatch.setattr(media, "filesystem_type", lambda path: "exfat")
    ctx.services.backups.io = DestinationIO()
    _assert_nothing_lost(ctx, folder, earlier, digest, tmp_path)


def test_missing_folder_and_wrong_passphrase_write_nothing(
        salon: tuple[AppContext, Path, Path], tmp_path: Path) -> None:
    ctx, folder, earlier = salon
    io = FaultyIO()
    ctx.services.backups.io = io
    with pytest.raises(DestinationMissing):
        ctx.services.backups.create_backup(tmp_path / "not-plugged-in", PASSPHRASE)
    with pytest.raises(WrongBackupPassphrase) as caught:
        ctx.services.backups.create_backup(folder, PASSPHRASE + "!")
    assert "Nothing was written" in caught.value.user_message()
    assert io.opened == 0
    assert [p.name for p in folder.iterdir()] == [earlier.name]


def test_no_passphrase_set(app_context: AppContext, tmp_path: Path) -> None:
    with pytest.raises(PassphraseNotSet):
        app_context.services.backups.create_backup(stick(tmp_path), "whatever it is 123")


def test_filesystem_type_is_known_on_linux(tmp_path: Path) -> None:
    kind = media.filesystem_type(tmp_path)
    assert kind is None or (kind and kind == kind.lower())
    if Path("/proc/mounts").exists():
        assert kind


def test_failures_are_audited_without_paths(salon: tuple[AppContext, Path, Path],
                                            clock: FakeClock) -> None:
    ctx, folder, _earlier = salon
    ctx.services.backups.io = FaultyIO(on_open=errno.EROFS)
    with pytest.raises(DestinationReadOnly):
        ctx.services.backups.create_backup(folder, PASSPHRASE)
    row = db_of(ctx).query_one("SELECT action, detail, record_id FROM audit_log "
                               "ORDER BY id DESC LIMIT 1")
    assert row is not None
    assert (row["action"], row["detail"]) == ("backup.create.failed", "DestinationReadOnly")
    assert str(folder) not in str(tuple(row))


def test_this_pcs_disk_too_full_for_the_working_copy(
        salon: tuple[AppContext, Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from salon_desktop.backup.errors import NotEnoughLocalSpace

    ctx, folder, earlier = salon
    digest = file_digest(earlier)
    real = shutil.disk_usage

    def tiny(path: object) -> object:
        usage = real(path)  # type: ignore[arg-type]
        return usage._replace(free=10_000) if Path(str(path)) == ctx.data_dir else usage

    monkeypatch.setattr(media.shutil, "disk_usage", tiny)
    with pytest.raises(NotEnoughLocalSpace) as caught:
        ctx.services.backups.create_backup(folder, PASSPHRASE)
    assert "this computer's disk" in caught.value.user_message()
    monkeypatch.setattr(media.shutil, "disk_usage", real)
    _assert_nothing_lost(ctx, folder, earlier, digest, tmp_path)
