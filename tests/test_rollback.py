"""Rollback: an older, valid copy of the database put back is noticed when the vault opens.

The anchor (audit chain length and last hash, kept in the keyring beside the key; see
``security/rollback.py``) must catch an older copy put back with or without its WAL, and a
copy worked on since; a manager may accept it (audited) or the app stays shut; ordinary
closing and opening, a crash, and a restore from backup must never raise the alarm.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from salon_desktop.audit.log import verify
from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import AuthenticationFailed, PermissionDenied
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import get_translator
from salon_desktop.security.errors import KeyringLocked
from salon_desktop.security.keystore import ANCHOR_SUFFIX, SERVICE, OsKeyStore
from salon_desktop.security.rollback import Anchor, RollbackSuspected
from salon_desktop.storage.database import Database
from salon_desktop.vault import DB_NAME, read_sidecar
from tests.backup_helpers import PASSPHRASE, dump, stick, use_fast_kdf
from tests.clients_helpers import PASSWORD, add_staff
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.consent_helpers import add_client
from tests.memory_keyring import MemoryKeyring

COMPANIONS = ("", "-wal")


def _write(ctx: AppContext, n: int, tag: str) -> None:
    for i in range(n):
        add_client(ctx, "Tagasi", f"Kerija {tag}{i}", notes=f"{tag}-{i}")


def _copy_aside(folder: Path, to: Path) -> None:
    """A file-level copy of the database as a careless backup tool would take it: the
    database and its WAL (the -shm index is rebuilt by SQLite and not copied)."""
    to.mkdir(parents=True, exist_ok=True)
    for suffix in COMPANIONS:
        source = folder / f"{DB_NAME}{suffix}"
        if source.exists():
            shutil.copy2(source, to / source.name)


def _put_back(copy: Path, folder: Path) -> None:
    for suffix in (*COMPANIONS, "-shm"):
        (folder / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    for path in copy.iterdir():
        shutil.copy2(path, folder / path.name)


def _anchor(ring: MemoryKeyring, ctx: AppContext) -> Anchor:
    assert ctx.vault is not None
    return Anchor.from_text(ring.entries[(SERVICE, ctx.vault.vault_id + ANCHOR_SUFFIX)])


def _audit_count(ctx: AppContext) -> int:
    assert ctx.vault is not None
    return int(ctx.vault.db.scalar("SELECT count FROM audit_head"))


def test_closing_and_opening_never_raise_the_alarm(app_context: AppContext,
                                                   memory_keyring: MemoryKeyring) -> None:
    ctx = app_context
    for round_no in range(3):
        _write(ctx, 3, f"n{round_no}")
        ctx.close()
        ctx.open()
        ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    # A crash: the connection goes away without close(), so the anchor stays behind.
    _write(ctx, 3, "crash")
    assert ctx.vault is not None
    behind = _anchor(memory_keyring, ctx).count
    ctx.vault.db.close()
    ctx.vault, ctx._services = None, None
    ctx.open()
    assert _anchor(memory_keyring, ctx).count > behind  # moved forward at opening
    assert _anchor(memory_keyring, ctx).count == _audit_count(ctx)


def test_the_key_entry_stays_plain_hex(app_context: AppContext,
                                       memory_keyring: MemoryKeyring) -> None:
    """Backward compatible: the key entry is written once, as before; the anchor has an
    entry of its own, so updating it can never damage the key."""
    assert app_context.vault is not None
    vault_id = app_context.vault.vault_id
    key_entry = memory_keyring.entries[(SERVICE, vault_id)]
    _write(app_context, 2, "k")
    app_context.close()
    app_context.open()
    assert memory_keyring.entries[(SERVICE, vault_id)] == key_entry
    assert len(bytes.fromhex(key_entry)) == 32
    body = json.loads(memory_keyring.entries[(SERVICE, vault_id + ANCHOR_SUFFIX)])
    assert set(body) == {"v", "count", "hash", "at"}


@pytest.fixture
def rolled_back(app_context: AppContext, tmp_path: Path) -> tuple[AppContext, int, int]:
    """An older copy (taken while the app ran: database plus WAL) put back after more work.
    Returns the context (closed) and the audit counts of the old copy and of the newer."""
    ctx = app_context
    _write(ctx, 3, "old")
    old_count = _audit_count(ctx)
    assert ctx.vault is not None and (ctx.data_dir / f"{DB_NAME}-wal").exists()
    _copy_aside(ctx.data_dir, tmp_path / "older")
    _write(ctx, 4, "new")
    ctx.close()
    ctx.open()
    new_count = _audit_count(ctx)
    ctx.close()
    _put_back(tmp_path / "older", ctx.data_dir)
    return ctx, old_count, new_count


def test_an_older_copy_put_back_is_detected(rolled_back: tuple[AppContext, int, int],
                                            tmp_path: Path) -> None:
    ctx, old_count, new_count = rolled_back
    with pytest.raises(RollbackSuspected) as caught:
        ctx.open()
    error = caught.value
    assert (error.kind, error.expected, error.found) == ("behind", new_count, old_count)
    assert ctx.vault is None  # not opened: nobody can work on the older data unawares
    assert error.anchored_at and error.database_last_change
    message = error.user_message()
    assert str(old_count) in message and str(new_count) in message
    assert "Way out" in message and "manager can accept" in message
    for language in ("et", "ru"):
        translated = error.user_message(get_translator(language))
        assert "Way out" not in translated and str(new_count) in translated, language
    # Still reported on every try, and no data was changed: every table reads as in the
    # copy that was put back. (Not byte for byte: closing the connection folds the copy's
    # WAL into the database file, as every SQLite opening does; the content is the same.)
    with pytest.raises(RollbackSuspected):
        ctx.open()
    key = ctx.keystore.get(read_sidecar(ctx.data_dir).vault_id)
    assert key is not None
    for folder in (tmp_path / "older", ctx.data_dir):
        db = Database.open(folder / DB_NAME, key)
        try:
            tables = dump(db)
        finally:
            db.close()
        if folder != ctx.data_dir:
            expected = tables
    assert tables == expected


def test_only_a_manager_can_accept_and_it_is_audited(
        rolled_back: tuple[AppContext, int, int], memory_keyring: MemoryKeyring,
        clock: FakeClock) -> None:
    ctx, old_count, new_count = rolled_back
    with pytest.raises(AuthenticationFailed):
        ctx.accept_rollback(ADMIN_USER, "not the password")
    assert ctx.vault is None
    with pytest.raises(RollbackSuspected):  # the anchor did not move
        ctx.open()
    clock.advance(2)  # the usual delay after a failed sign-in
    session = ctx.accept_rollback(ADMIN_USER, ADMIN_PASSWORD)
    assert session.role is Role.ADMIN and ctx.services.session == session
    assert ctx.vault is not None
    db = ctx.vault.db
    entry = db.query_one("SELECT * FROM audit_log WHERE action = 'vault.rollback_accepted'")
    assert entry is not None
    assert entry["staff_id"] == session.staff_id and entry["record_type"] == "vault"
    # The failed attempt above was recorded in the older database too: one entry more.
    assert entry["detail"] == f"kind=behind; expected={new_count}; found={old_count + 1}"
    assert verify(db).ok
    assert _anchor(memory_keyring, ctx).count == _audit_count(ctx)
    ctx.close()
    ctx.open()  # the next opening is clean
    assert ctx.vault is not None


def test_reception_cannot_accept(app_context: AppContext, tmp_path: Path) -> None:
    """A receptionist may sign in to the older data, but not decide to keep it."""
    ctx = app_context
    add_staff(ctx, "kati", Role.RECEPTION)
    _write(ctx, 1, "a")
    _copy_aside(ctx.data_dir, tmp_path / "older")
    _write(ctx, 2, "b")
    ctx.close()
    _put_back(tmp_path / "older", ctx.data_dir)
    with pytest.raises(PermissionDenied):
        ctx.accept_rollback("kati", PASSWORD)
    assert ctx.vault is None
    with pytest.raises(RollbackSuspected):
        ctx.open()


def test_a_copy_worked_on_since_is_detected_as_diverged(
        app_context: AppContext, memory_keyring: MemoryKeyring, tmp_path: Path,
        clock: FakeClock) -> None:
    ctx = app_context
    assert ctx.vault is not None
    vault_id = ctx.vault.vault_id
    _write(ctx, 2, "old")
    _copy_aside(ctx.data_dir, tmp_path / "older")
    _write(ctx, 2, "new")
    ctx.close()
    anchored = _audit_count_closed(ctx)
    _put_back(tmp_path / "older", ctx.data_dir)
    # Someone works on the old copy elsewhere (a keyring holding the key but no anchor)
    # until its log is longer than the one this computer saw.
    elsewhere_ring = MemoryKeyring()
    elsewhere_ring.entries[(SERVICE, vault_id)] = memory_keyring.entries[(SERVICE, vault_id)]
    other = AppContext(ctx.data_dir, keystore=OsKeyStore(elsewhere_ring), clock=clock)
    other.open()
    other.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    _write(other, 8, "elsewhere")
    assert _audit_count(other) > anchored
    other.close()
    with pytest.raises(RollbackSuspected) as caught:
        ctx.open()
    assert caught.value.kind == "diverged" and caught.value.expected == anchored
    assert "does not continue" in caught.value.user_message()


def _audit_count_closed(ctx: AppContext) -> int:
    ctx.open()
    count = _audit_count(ctx)
    ctx.close()
    return count


def test_restore_from_backup_moves_the_anchor(app_context: AppContext, tmp_path: Path,
                                              memory_keyring: MemoryKeyring,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    use_fast_kdf(monkeypatch)
    ctx = app_context
    _write(ctx, 2, "before")
    ctx.services.backups.set_passphrase(PASSPHRASE)
    backup = ctx.services.backups.create_backup(stick(tmp_path), PASSPHRASE).path
    _write(ctx, 5, "after")
    ctx.close()
    ctx.open()  # the anchor is now well past the backup's chain
    ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    longer = _audit_count(ctx)
    ctx.restore_backup(backup, PASSPHRASE)
    assert _audit_count(ctx) < longer
    assert _anchor(memory_keyring, ctx).count == _audit_count(ctx)
    ctx.close()
    ctx.open()  # a deliberate restore is not a rollback
    assert ctx.vault is not None
    assert ctx.vault.db.scalar(
        "SELECT count(*) FROM audit_log WHERE action LIKE 'vault.%'") == 0


def test_anchor_now_narrows_the_window(app_context: AppContext, tmp_path: Path) -> None:
    """The GUI calls anchor_now on lock and sign-out: a copy taken before it is caught even
    if the app is never closed cleanly afterwards."""
    ctx = app_context
    _copy_aside(ctx.data_dir, tmp_path / "older")
    _write(ctx, 2, "x")
    ctx.anchor_now()
    assert ctx.vault is not None
    ctx.vault.db.close()  # a crash: no close(), no anchoring there
    ctx.vault, ctx._services = None, None
    _put_back(tmp_path / "older", ctx.data_dir)
    with pytest.raises(RollbackSuspected):
        ctx.open()


def test_a_garbled_anchor_is_reset_and_audited(app_context: AppContext,
                                               memory_keyring: MemoryKeyring) -> None:
    ctx = app_context
    assert ctx.vault is not None
    vault_id = ctx.vault.vault_id
    ctx.close()
    for garbage in ("", "not json", '{"v": 1}', '{"v": 1, "count": -1, "hash": "x", "at": ""}',
                    "\x00\xff", json.dumps({"v": 2, "count": 1, "hash": "0" * 64, "at": ""})):
        memory_keyring.entries[(SERVICE, vault_id + ANCHOR_SUFFIX)] = garbage
        ctx.open()
        assert ctx.vault is not None
        assert ctx.vault.db.scalar("SELECT detail FROM audit_log WHERE action = "
                                   "'vault.anchor_reset' ORDER BY id DESC LIMIT 1") \
            == "unreadable"
        assert _anchor(memory_keyring, ctx).count == _audit_count(ctx)
        ctx.close()


def test_a_missing_anchor_is_first_use(app_context: AppContext,
                                       memory_keyring: MemoryKeyring) -> None:
    """Upgrading from a version without anchors, or a keyring restored by the recovery key:
    nothing to compare with, so the vault opens and the anchor starts here."""
    ctx = app_context
    assert ctx.vault is not None
    vault_id = ctx.vault.vault_id
    ctx.close()
    memory_keyring.entries.pop((SERVICE, vault_id + ANCHOR_SUFFIX))
    ctx.open()
    assert _anchor(memory_keyring, ctx).count == _audit_count(ctx)


class LockedAnchorKeyring(MemoryKeyring):
    """The keyring locks itself after handing out the key (it happens with KWallet)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.endswith(ANCHOR_SUFFIX):
            raise KeyringLocked()
        super().set_password(service, username, password)


def test_a_failing_anchor_write_never_stops_the_app(tmp_path: Path, clock: FakeClock,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    ring = LockedAnchorKeyring()
    ctx = AppContext(tmp_path / "data", keystore=OsKeyStore(ring), clock=clock)
    ctx.create()
    ctx.close()
    ctx.open()
    ctx.close()
    assert "rollback anchor not updated: KeyringLocked" in caplog.text


def test_the_cli_reports_it(rolled_back: tuple[AppContext, int, int],
                            keystore: OsKeyStore, clock: FakeClock) -> None:
    ctx, _old, _new = rolled_back
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(ctx.data_dir), "selftest"], stdin=io.StringIO(""),
                stdout=out, stderr=err,
                context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                     source="cli"))
    assert code == 1
    assert "older than the one this computer used last" in err.getvalue()
