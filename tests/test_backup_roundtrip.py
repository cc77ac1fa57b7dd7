"""Backup → restore loses nothing: into a fresh folder on a "new PC" with only the passphrase,
and over the live vault; a commit still in another connection's WAL is in the backup; the
file holds no plaintext personal data; listing, rotation and the reminder."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from salon_desktop.audit.log import verify as verify_audit_chain
from salon_desktop.backup import format as backup_format
from salon_desktop.backup import verify as backup_verify
from salon_desktop.backup import writer as backup_writer
from salon_desktop.backup.errors import BackupCancelled
from salon_desktop.backup.rotation import list_backups, vault_tag
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import PermissionDenied
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Session
from salon_desktop.services.demo import synthetic_clients
from salon_desktop.storage import clients_repo, staff_repo
from salon_desktop.storage.database import Database
from salon_desktop.vault import DB_NAME
from tests.backup_helpers import (
    MARKER_TEXTS,
    MARKERS,
    PASSPHRASE,
    audit_rows,
    comparable,
    db_of,
    ready,
    stick,
    use_fast_kdf,
)
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.memory_keyring import MemoryKeyring


def test_round_trip_into_a_fresh_folder_with_only_the_passphrase(
        app_context: AppContext, tmp_path: Path, clock: FakeClock) -> None:
    """The real KDF parameters; a new PC: an empty keyring, an empty folder."""
    ready(app_context)
    before = comparable(db_of(app_context))
    audit_before = audit_rows(db_of(app_context))
    old_vault_id = app_context.vault.vault_id  # type: ignore[union-attr]
    result = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE)
    assert result.path.name.endswith(f"-{vault_tag(old_vault_id)}.sdbak")
    assert result.info.header.counts["clients"] == len(MARKERS) + 200
    app_context.close()

    new_ring = MemoryKeyring()
    new_pc = AppContext(tmp_path / "new-pc", keystore=OsKeyStore(new_ring), clock=clock,
                        workstation="new-pc")
    try:
        shown = new_pc.inspect_backup_file(result.path, PASSPHRASE)
        assert (shown.salon_name, shown.count("clients")) == (SALON_NAME, 202)
        restored = new_pc.restore_into_new_vault(result.path, PASSPHRASE)
        assert restored.recovery_key and restored.set_aside is None
        db = db_of(new_pc)
        assert comparable(db) == before
        after = audit_rows(db)
        assert after[:len(audit_before)] == audit_before
        assert after[-1][6] == "backup.restore"
        assert verify_audit_chain(db).ok
        # A new vault: its own id and keyring entry; the old vault's key was never needed.
        assert new_pc.vault.vault_id != old_vault_id  # type: ignore[union-attr]
        assert [u for (_s, u) in new_ring.entries] == [new_pc.vault.vault_id]  # type: ignore[union-attr]
        found = db.scalar("SELECT count(*) FROM clients_fts WHERE clients_fts MATCH ?",
                          ('"Markerkaja"',))
        assert found == 1  # the search index came along and works
        assert new_pc.services.session is None
        new_pc.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
        assert new_pc.services.backups.passphrase_is_set()
        assert new_pc.recover(restored.recovery_key) == new_pc.vault.vault_id  # type: ignore[union-attr]
    finally:
        new_pc.close()


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fast_kdf(monkeypatch)


def test_restore_over_the_live_vault_keeps_the_replaced_database(
        fast: None, app_context: AppContext, tmp_path: Path, clock: FakeClock,
        keystore: OsKeyStore) -> None:
    ready(app_context)
    before = comparable(db_of(app_context))
    backup = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE).path
    clock.advance(3600)
    db = db_of(app_context)
    with db.transaction():
        db.execute("INSERT INTO clients (first_name, last_name, created_at, updated_at) "
                   "VALUES ('Hilja', 'Lisatud', ?, ?)", (clock.now().isoformat(),) * 2)

    result = app_context.restore_backup(backup, PASSPHRASE)
    assert comparable(db_of(app_context)) == before
    assert app_context.services.session is None  # the restored staff table decides
    aside = result.set_aside
    assert aside is not None and aside.name == f"{DB_NAME}.before-restore-20261125-100000"
    key = keystore.get(app_context.vault.vault_id)  # type: ignore[union-attr]
    assert key is not None
    kept = Database.open(aside, key)
    try:
        assert kept.scalar("SELECT count(*) FROM clients WHERE last_name = 'Lisatud'") == 1
    finally:
        kept.close()

    app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    backups = app_context.services.backups
    assert backups.set_aside_databases() == [aside]
    backups.remove_set_aside(aside)
    assert not aside.exists()
    actions = [r[6] for r in audit_rows(db_of(app_context))]
    assert actions[-2:] == ["sign_in", "backup.restore.discard_previous"] or \
        "backup.restore.discard_previous" in actions


def test_backup_holds_a_commit_still_in_another_connections_wal(
        fast: None, app_context: AppContext, tmp_path: Path, keystore: OsKeyStore) -> None:
    ready(app_context, clients=20)
    key = keystore.get(app_context.vault.vault_id)  # type: ignore[union-attr]
    assert key is not None
    other = Database.open(app_context.data_dir / DB_NAME, key)
    try:
        other.execute("PRAGMA wal_autocheckpoint = 0").fetchall()
        with other.transaction():
            other.execute("INSERT INTO clients (first_name, last_name, created_at, "
                          "updated_at) VALUES ('Viimane', 'Commit', 'x', 'x')")
        wal = app_context.data_dir / f"{DB_NAME}-wal"
        assert wal.stat().st_size > 0
        path = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE).path
    finally:
        other.close()
    bkey = backup_verify.unlock(path, PASSPHRASE)
    conn = backup_format.open_backup(path, bkey)
    try:
        assert conn.execute("SELECT count(*) FROM clients WHERE last_name = 'Commit'"
                            ).fetchone()[0] == 1
    finally:
        conn.close()


def test_backup_file_holds_no_plaintext_personal_data(
        fast: None, app_context: AppContext, tmp_path: Path) -> None:
    ready(app_context)
    result = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE)
    blob = result.path.read_bytes()
    assert not blob.startswith(b"SQLite format 3")
    for text in [*MARKER_TEXTS, SALON_NAME, "PPD-allergia-Marker", ADMIN_USER]:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in blob, text
    # Nothing is left behind in the data folder or on the stick but the backup itself.
    assert [p.name for p in result.path.parent.iterdir()] == [result.path.name]
    assert not [p for p in app_context.data_dir.iterdir() if "staging" in p.name]


def test_listing_rotation_and_reminder(fast: None, app_context: AppContext, tmp_path: Path,
                                       clock: FakeClock) -> None:
    ready(app_context, clients=5)
    backups = app_context.services.backups
    folder = stick(tmp_path)
    foreign = folder / "salon-backup-20200101-000000-ffffffff.sdbak"
    foreign.write_bytes(b"another PC's backup")
    unrelated = folder / "holiday-photos.zip"
    unrelated.write_bytes(b"x")
    reminder = backups.reminder()
    assert reminder.due and reminder.last_good_at is None and reminder.interval_days == 7

    made = []
    for _ in range(4):
        made.append(backups.create_backup(folder, PASSPHRASE, keep=2))
        clock.advance(86400)
    assert [b.path for b in backups.list_backups(folder)] == \
        [made[3].path, made[2].path, foreign]
    assert made[3].removed == [made[1].path]
    assert unrelated.exists()
    assert backups.last_good_backup_at() == made[3].info.created_at

    clock.advance(86400 * 5)  # 6 days since the last backup
    assert not backups.reminder_due()
    clock.advance(86400)
    reminder = backups.reminder()
    assert reminder.due and reminder.days_since == 7
    app_context.services.settings.set("backup_reminder_days", 10)
    assert not backups.reminder_due()
    assert made[3].info.created_at == clock.now() - timedelta(days=7)


def test_progress_moves_forward_and_cancel_leaves_nothing(
        fast: None, app_context: AppContext, tmp_path: Path) -> None:
    ready(app_context)
    folder = stick(tmp_path)
    seen: list[tuple[int, int]] = []
    app_context.services.backups.create_backup(folder, PASSPHRASE,
                                               progress=lambda d, t: seen.append((d, t)))
    assert seen == sorted(seen) and seen[-1] == (1000, 1000)
    assert len({t for _d, t in seen}) == 1

    for stop_at in (1, 2, 4):
        calls: list[int] = []

        def cancel(calls: list[int] = calls, stop_at: int = stop_at) -> bool:
            calls.append(1)
            return len(calls) >= stop_at

        with pytest.raises(BackupCancelled):
            app_context.services.backups.create_backup(folder, PASSPHRASE, cancel=cancel)
        assert len(list_backups(folder)) == 1
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]
        assert not [p for p in app_context.data_dir.iterdir() if "staging" in p.name]


def test_only_the_manager_may_back_up(fast: None, app_context: AppContext,
                                      tmp_path: Path) -> None:
    ready(app_context, clients=1)
    db = db_of(app_context)
    with db.transaction():
        staff_id = staff_repo.insert(db, username="kaie", display_name="Kaie",
                                     role="reception", password_hash=hash_password("x"),
                                     must_change_password=False, now=app_context.clock.now())
    from salon_desktop.domain.roles import Role

    app_context.services.ctx.session = Session(staff_id, "kaie", "Kaie", Role.RECEPTION)
    backups = app_context.services.backups
    folder = stick(tmp_path)
    for call in (lambda: backups.create_backup(folder, PASSPHRASE),
                 lambda: backups.set_passphrase("Uus pikk salafraas 2026"),
                 lambda: backups.list_backups(folder),
                 backups.reminder_due,
                 lambda: backups.verify_backup(folder / "x.sdbak", PASSPHRASE)):
        with pytest.raises(PermissionDenied):
            call()
    assert list(folder.iterdir()) == []


def test_a_backup_reports_where_its_time_went(app_context: AppContext, tmp_path: Path) -> None:
    """The log line and the benchmark show the steps; they add up to the whole."""
    ready(app_context)
    result = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE)
    assert list(result.phases) == ["key", "snapshot", "copy", "verify"]
    assert all(seconds >= 0 for seconds in result.phases.values())
    # The steps lie within the whole (the final rename and folder fsync are in no step).
    assert sum(result.phases.values()) <= result.seconds + 1e-6
    assert result.phases["snapshot"] > 0 and result.phases["verify"] > 0


def test_the_app_reads_and_writes_while_the_snapshot_is_taken(
        app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot reads through its own connection: the worker's connection is free, so a
    search or a booking at the desk does not wait for the backup. What is written meanwhile
    is not in this backup (it is a snapshot of one moment) and is kept in the vault."""
    ready(app_context)
    db = db_of(app_context)
    clients_before = db.scalar("SELECT count(*) FROM clients")
    desk_done = threading.Event()
    failures: list[BaseException] = []

    def the_desk_meanwhile() -> None:
        try:
            db.scalar("SELECT count(*) FROM clients")
            with db.transaction():
                clients_repo.insert_many(db, synthetic_clients(1), app_context.clock.now())
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
        finally:
            desk_done.set()

    desk = threading.Thread(target=the_desk_meanwhile)
    counted = backup_writer.table_counts
    finished_inside: list[bool] = []

    def counts_inside_the_snapshot(conn: object, schema: str = "main") -> dict[str, int]:
        # Called while the snapshot's read transaction is open, after the export.
        desk.start()
        # With the app's connection held by the backup, the desk would wait for it.
        finished_inside.append(desk_done.wait(5))
        return counted(conn, schema)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_writer, "table_counts", counts_inside_the_snapshot)
    result = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE)
    desk.join(10)
    assert finished_inside == [True], "the desk waited for the backup"
    assert failures == []
    assert result.info.header.counts["clients"] == clients_before
    assert db.scalar("SELECT count(*) FROM clients") == clients_before + 1


def test_a_backup_starting_while_the_desk_writes_waits_for_the_commit(
        fast: None, app_context: AppContext, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The backup runs on a thread of its own: a transaction the desk has open on the worker
    is not the backup's. A backup that starts meanwhile waits for that commit (then has it)
    rather than taking it for its own and failing ("cannot start inside a transaction")."""
    ready(app_context)
    db = db_of(app_context)
    clients_before = db.scalar("SELECT count(*) FROM clients")
    inside = threading.Event()
    failures: list[BaseException] = []

    def the_desk_books() -> None:
        try:
            with db.transaction():
                clients_repo.insert_many(db, synthetic_clients(1), app_context.clock.now())
                inside.set()
                threading.Event().wait(0.3)  # the worker is busy with its change
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
        finally:
            inside.set()

    desk = threading.Thread(target=the_desk_books)
    estimated = backup_writer._estimated_size
    calls: list[int] = []

    def desk_begins_right_after(target: Database) -> int:
        size = estimated(target)
        calls.append(size)
        if len(calls) == 2:  # the snapshot's own estimate: just before it starts
            desk.start()
            inside.wait(5)
        return size

    monkeypatch.setattr(backup_writer, "_estimated_size", desk_begins_right_after)
    result = app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE)
    desk.join(10)
    assert failures == []
    assert result.info.header.counts["clients"] == clients_before + 1
    with pytest.raises(RuntimeError), db.transaction():  # the caller's own: still refused
        app_context.services.backups.create_backup(stick(tmp_path), PASSPHRASE)
