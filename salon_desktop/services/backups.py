"""Backups for the manager: the passphrase, making, listing, verifying and preparing restores.

The backup passphrase is set once by the manager and kept only as an argon2 verifier in the
encrypted settings, so a scheduled ``backup`` with a mistyped passphrase is refused before
anything is written, and a backup can be restored on a new PC from the passphrase alone.
Changing it affects new backups only: each backup needs the passphrase it was made with.

Every method needs ``Permission.BACKUP`` (manager only), except preparing a restore into a
brand-new, empty vault on a new PC, where nobody can sign in yet and the backup passphrase is
the proof. Making, verifying and restoring are audited (file names and sizes, never paths:
a folder name may hold a person's name). Swapping the restored database in is
``AppContext.restore_backup`` (it closes and reopens the vault).
"""

from __future__ import annotations

import contextlib
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from salon_desktop import __version__
from salon_desktop.audit import log as audit_log
from salon_desktop.backup import format as backup_format
from salon_desktop.backup import restore as restore_files
from salon_desktop.backup import rotation, verify, writer
from salon_desktop.backup.errors import (
    BackupCancelled,
    BackupError,
    BackupFromNewerVersion,
    PassphraseNotSet,
    Reason,
    RestoreCancelled,
    RestoreFailed,
    WrongBackupPassphrase,
)
from salon_desktop.backup.progress import CancelCheck, ProgressCallback, Steps
from salon_desktop.backup.rotation import DEFAULT_KEEP, BackupFile
from salon_desktop.backup.verify import BackupInfo
from salon_desktop.domain.errors import PermissionDenied, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.settings import SETTINGS
from salon_desktop.i18n import N_
from salon_desktop.security import password_policy
from salon_desktop.security.passwords import hash_password, verify_password
from salon_desktop.services.base import Service, public, requires
from salon_desktop.storage import erasure, settings_repo
from salon_desktop.storage.database import Database, DbError
from salon_desktop.storage.migrations import LATEST_VERSION, migrate
from salon_desktop.vault import read_sidecar

log = logging.getLogger(__name__)

VERIFIER_KEY = "backup_passphrase_verifier"
LAST_GOOD_KEY = "backup_last_good_at"
# Kept from the database being replaced: the passphrase set now and when the last good
# backup was made are facts about today, not about the day of the backup.
_CARRIED_SETTINGS = (VERIFIER_KEY, LAST_GOOD_KEY)
MIN_PASSPHRASE_LENGTH = 12
_RESTORE_PHASES = (("verify", 4), ("stage", 4), ("finish", 2))


@dataclass(frozen=True)
class BackupResult:
    path: Path
    info: BackupInfo
    seconds: float
    removed: list[Path] = field(default_factory=list)  # older backups rotated away
    #: Seconds per step: "key" (argon2id), then the writer's "snapshot", "copy", "verify".
    phases: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class BackupReminder:
    due: bool
    last_good_at: datetime | None
    days_since: int | None
    interval_days: int


@dataclass(frozen=True)
class PreparedRestore:
    """A finished, migrated database file beside the live one, ready to be swapped in."""

    staged: Path
    info: BackupInfo
    erased_client_ids: list[int]


def passphrase_problem(passphrase: str,
                       salon_name: str = "") -> tuple[str, dict[str, object]] | None:
    """The first rule a new backup passphrase breaks (msgid, params), or None.

    At least 12 characters and no character mix: a phrase is easier to keep than a code.
    Common passwords, salon words and the salon's name are refused as for staff passwords.
    """
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return (N_("Use at least {min_length} characters for the backup passphrase."),
                {"min_length": MIN_PASSPHRASE_LENGTH})
    wanted = {password_policy.Rule.MAX_LENGTH, password_policy.Rule.BLOCKLIST,
              password_policy.Rule.SALON_NAME}
    for problem in password_policy.problems(passphrase, salon_name=salon_name):
        if problem.rule in wanted:
            return problem.msgid, dict(problem.params)
    return None


class BackupService(Service):
    #: Where bytes go on the medium; tests replace it to inject faults.
    io: writer.DestinationIO = writer.DestinationIO()

    # -- helpers ---------------------------------------------------------------------------
    @property
    def _data_dir(self) -> Path:
        if self.db.path is None:
            raise RuntimeError("backups need a database file")
        return self.db.path.parent

    def _vault_id(self) -> str:
        return read_sidecar(self._data_dir).vault_id

    def _salon_name(self) -> str:
        return settings_repo.get(self.db, "salon_name") or ""

    def _audit_failure(self, action: str, error: BaseException) -> None:
        with contextlib.suppress(DbError, BackupError), self.db.transaction():
            self.audit(action, record_type="backup", detail=type(error).__name__)

    # -- the passphrase --------------------------------------------------------------------
    @requires(Permission.BACKUP)
    def passphrase_is_set(self) -> bool:
        return settings_repo.get(self.db, VERIFIER_KEY) is not None

    @requires(Permission.BACKUP)
    def passphrase_hint(self, passphrase: str) -> tuple[str, dict[str, object]] | None:
        """The first unmet rule as (msgid, params) for the hint under the field, or None."""
        return passphrase_problem(passphrase, self._salon_name())

    @requires(Permission.BACKUP)
    def set_passphrase(self, passphrase: str) -> None:
        """Set or change the backup passphrase (new backups only; old ones keep theirs)."""
        problem = passphrase_problem(passphrase, self._salon_name())
        if problem is not None:
            raise ValidationError("passphrase", problem[0], **problem[1])
        verifier = hash_password(backup_format.normalize_passphrase(passphrase).decode())
        with self.db.transaction():
            changed = settings_repo.get(self.db, VERIFIER_KEY) is not None
            settings_repo.put(self.db, VERIFIER_KEY, verifier)
            self.audit("backup.passphrase", record_type="setting", record_id=VERIFIER_KEY,
                       detail="changed" if changed else "set")

    def _check_passphrase(self, passphrase: str) -> None:
        verifier = settings_repo.get(self.db, VERIFIER_KEY)
        if verifier is None:
            raise PassphraseNotSet()
        if not verify_password(verifier, backup_format.normalize_passphrase(passphrase).decode()):
            raise WrongBackupPassphrase()

    # -- making and checking backups -------------------------------------------------------
    @requires(Permission.BACKUP)
    def create_backup(self, dest_dir: Path, passphrase: str,
                      progress: ProgressCallback | None = None,
                      cancel: CancelCheck | None = None, *,
                      keep: int = DEFAULT_KEEP) -> BackupResult:
        """Write a verified backup into ``dest_dir`` and keep the newest ``keep`` there.

        Safe to run on a second thread while the app works: the live connection is held
        only while the snapshot is taken to local disk. ``progress(done, total)`` and
        ``cancel()`` are called from the calling thread.
        """
        # The new key's argon2id runs while the verifier's does (both release the GIL);
        # nothing is written unless the verifier accepts the passphrase.
        deriving_since = time.monotonic()
        with ThreadPoolExecutor(max_workers=1) as pool:
            deriving = pool.submit(backup_format.new_key, passphrase)
            self._check_passphrase(passphrase)
            bkey = deriving.result()
        key_seconds = time.monotonic() - deriving_since
        dest = Path(dest_dir)
        vault_id = self._vault_id()
        salon = self._salon_name()
        created = self.ctx.clock.now()

        def header(version: int, counts: dict[str, int]) -> backup_format.BackupHeader:
            return backup_format.BackupHeader(vault_id, salon, created.isoformat(),
                                              __version__, version, counts,
                                              kdf=bkey.spec.kdf(), cipher=bkey.spec.cipher())

        try:
            written = writer.write_backup(
                self.db, dest, bkey, vault_id=vault_id, created_at=created,
                make_header=header, staging_dir=self._data_dir, io=self.io,
                progress=progress, cancel=cancel)
        except BackupError as error:
            self._audit_failure("backup.create.failed", error)
            raise
        with self.db.transaction():
            settings_repo.put(self.db, LAST_GOOD_KEY, created.isoformat())
            self.audit("backup.create", record_type="backup", record_id=written.path.name,
                       detail=f"{written.info.size_bytes} bytes")
        removed = rotation.rotate(dest, vault_id, keep, written.path)
        phases = {"key": key_seconds, **written.phases}
        log.info("backup written (%d bytes, %.1f s: %s; %d rotated)", written.info.size_bytes,
                 key_seconds + written.seconds,
                 ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items()),
                 len(removed))
        return BackupResult(written.path, written.info, key_seconds + written.seconds, removed,
                            phases)

    @requires(Permission.BACKUP)
    def list_backups(self, dest_dir: Path) -> list[BackupFile]:
        """Backups in a folder, newest first (from their names; no passphrase needed)."""
        return rotation.list_backups(Path(dest_dir))

    @requires(Permission.BACKUP)
    def inspect_backup(self, path: Path, passphrase: str) -> BackupInfo:
        """The header (salon, date, counts) after the passphrase; reads only a few pages."""
        bkey = verify.unlock(Path(path), passphrase)
        return verify.inspect(Path(path), bkey)

    @requires(Permission.BACKUP)
    def verify_backup(self, path: Path, passphrase: str,
                      progress: ProgressCallback | None = None,
                      cancel: CancelCheck | None = None) -> BackupInfo:
        """The full check without restoring (the monthly check in docs/backups.md)."""
        steps = Steps(progress, cancel, (("verify", 1),), BackupCancelled)
        try:
            info, _key = verify.unlock_and_verify(Path(path), passphrase, steps=steps)
        except BackupError as error:
            self._audit_failure("backup.verify.failed", error)
            raise
        with self.db.transaction():
            self.audit("backup.verify", record_type="backup", record_id=Path(path).name,
                       detail="ok")
        steps.finish()
        return info

    @requires(Permission.BACKUP)
    def last_good_backup_at(self) -> datetime | None:
        raw = settings_repo.get(self.db, LAST_GOOD_KEY)
        try:
            return datetime.fromisoformat(raw) if raw else None
        except ValueError:
            return None

    @requires(Permission.BACKUP)
    def reminder(self) -> BackupReminder:
        """For the manager's sign-in: due when no good backup is younger than
        ``backup_reminder_days`` (never backed up counts as due)."""
        definition = SETTINGS["backup_reminder_days"]
        try:
            interval = int(definition.parse(settings_repo.get(self.db, definition.key)
                                            or definition.default))
        except ValidationError:
            interval = int(definition.default)
        last = self.last_good_backup_at()
        if last is None:
            return BackupReminder(True, None, None, interval)
        days = max((self.ctx.clock.now() - last).days, 0)
        return BackupReminder(days >= interval, last, days, interval)

    @requires(Permission.BACKUP)
    def reminder_due(self) -> bool:
        return self.reminder().due

    # -- restoring ---------------------------------------------------------------------------
    @requires(Permission.BACKUP)
    def prepare_restore(self, path: Path, passphrase: str, target_key: bytes,
                        progress: ProgressCallback | None = None,
                        cancel: CancelCheck | None = None) -> PreparedRestore:
        """Verify the backup fully and build the database that will replace the live one
        (under ``target_key``, this vault's key), with this database's erasures replayed.
        Nothing live changes here; ``AppContext.restore_backup`` does the swap."""
        return self._prepare(Path(path), passphrase, target_key, progress, cancel)

    @public
    def prepare_restore_into_new_vault(self, path: Path, passphrase: str, target_key: bytes,
                                       progress: ProgressCallback | None = None,
                                       cancel: CancelCheck | None = None) -> PreparedRestore:
        """As ``prepare_restore``, for a vault created a moment ago on a new PC: nobody can
        sign in to it yet, so the backup passphrase is the proof. Refused on any vault that
        has staff, i.e. on every vault in use."""
        if int(self.db.scalar("SELECT count(*) FROM staff")):
            raise PermissionDenied()
        return self._prepare(Path(path), passphrase, target_key, progress, cancel)

    def _prepare(self, path: Path, passphrase: str, target_key: bytes,
                 progress: ProgressCallback | None,
                 cancel: CancelCheck | None) -> PreparedRestore:
        # A refused restore writes nothing, not even an audit entry: the live database
        # stays byte for byte as it was (tests/test_backup_restore.py checks its hash).
        steps = Steps(progress, cancel, _RESTORE_PHASES, RestoreCancelled)
        try:
            info, bkey = verify.unlock_and_verify(path, passphrase, steps=steps)
        except BackupError as error:
            log.info("restore refused: %s", type(error).__name__)
            raise
        if info.header.schema_version > LATEST_VERSION:
            raise BackupFromNewerVersion()
        journal = erasure.read_journal(self.db)
        carried = {k: settings_repo.get(self.db, k) for k in _CARRIED_SETTINGS}
        staged = restore_files.stage(path, bkey, target_dir=self._data_dir,
                                     target_key=target_key, steps=steps)
        try:
            steps.check()
            erased = self._finish_staged(staged, target_key, info, journal, carried)
        except BaseException:
            restore_files.discard(staged)
            raise
        steps.finish()
        return PreparedRestore(staged, info, erased)

    def _finish_staged(self, staged: Path, key: bytes, info: BackupInfo,
                       journal: list[erasure.JournalEntry],
                       carried: dict[str, str | None]) -> list[int]:
        """Migrate, replay erasures, carry settings over and audit — in the new file."""
        try:
            db = Database.open(staged, key)
        except Exception:
            raise RestoreFailed(reason=Reason.PREPARE) from None
        try:
            migrate(db)
            erased = erasure.replay_journal(db, journal)
            with db.transaction():
                for key_name, value in carried.items():
                    if value is not None:
                        settings_repo.put(db, key_name, value)
                actor = self._actor_in(db)
                now = self.ctx.clock.now()
                for client_id in erased:
                    audit_log.append(db, actor, "backup.restore.erasure_replayed", now=now,
                                     record_type="client", record_id=client_id)
                audit_log.append(db, actor, "backup.restore", now=now, record_type="backup",
                                 record_id=info.path.name,
                                 detail=f"made {info.header.created_at}; "
                                        f"{len(erased)} erasures replayed")
            db.checkpoint()
        except DbError:
            raise RestoreFailed(reason=Reason.PREPARE) from None
        finally:
            db.close()
        return erased

    def _actor_in(self, db: Database) -> audit_log.Actor:
        """Who restores, as the restored staff table knows them (a manager added after the
        backup was made is not in it: then the entry names the role only)."""
        actor = self.ctx.actor()
        if actor.staff_id is not None and db.scalar(
                "SELECT 1 FROM staff WHERE id = ?", (actor.staff_id,)) is None:
            return audit_log.Actor(None, actor.role, actor.workstation, actor.source)
        return actor

    @requires(Permission.BACKUP)
    def set_aside_databases(self) -> list[Path]:
        """Databases kept by earlier restores; they still hold the data they had (including
        clients erased since), so the manager should remove them once the restore is fine."""
        assert self.db.path is not None
        return restore_files.set_aside_files(self.db.path)

    @requires(Permission.BACKUP)
    def remove_set_aside(self, path: Path) -> None:
        assert self.db.path is not None
        target = Path(path)
        if target not in restore_files.set_aside_files(self.db.path):
            raise ValidationError("path", N_("This is not a database kept by a restore."))
        try:
            target.unlink()
        except OSError:
            raise ValidationError("path", N_("The file could not be removed; it may be open "
                                             "in another program.")) from None
        with self.db.transaction():
            self.audit("backup.restore.discard_previous", record_type="file",
                       record_id=target.name)
