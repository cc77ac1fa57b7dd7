"""The composition root: builds the vault, key store, clock and services in one place.

The GUI, the CLI and the tests all build an ``AppContext``; tests pass a temporary folder, a
keyring backend of their own and a ``FakeClock``.

It also keeps the rollback anchor (``security/rollback.py``): checked when the vault opens,
moved forward at a clean close, after a restore and on ``anchor_now``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from salon_desktop import __version__
from salon_desktop.audit import log as audit_log
from salon_desktop.clock import Clock, SystemClock
from salon_desktop.domain.errors import PasswordChangeRequired, PermissionDenied
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.security import rollback
from salon_desktop.security.errors import VaultError
from salon_desktop.security.keystore import KeyStore, OsKeyStore
from salon_desktop.services.base import ServiceContext, Session
from salon_desktop.services.registry import Services
from salon_desktop.services.setup import validate_setup
from salon_desktop.storage.database import DbError
from salon_desktop.vault import (
    CreatedVault,
    Vault,
    create_vault,
    destroy_new_vault,
    open_vault,
    recover_access,
)
from salon_desktop.vault import vault_exists as _vault_exists

if TYPE_CHECKING:
    from salon_desktop.backup.progress import CancelCheck, ProgressCallback
    from salon_desktop.backup.verify import BackupInfo
    from salon_desktop.services.backup_restore import RestoreResult

log = logging.getLogger(__name__)


class VaultNotOpen(RuntimeError):
    """Programming error: services were asked for before the vault was opened."""


class AppContext:
    def __init__(self, data_dir: Path, *, keystore: KeyStore | None = None,
                 clock: Clock | None = None, source: str = "gui",
                 workstation: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.keystore: KeyStore = keystore if keystore is not None else OsKeyStore()
        self.clock: Clock = clock or SystemClock()
        self.source = source
        self.workstation = workstation
        self.vault: Vault | None = None
        self._services: Services | None = None
        #: (count, last hash) last written to the keyring's rollback anchor, to skip
        #: rewriting an unchanged one; None = not known to be written.
        self._anchored: tuple[int, str] | None = None
        #: While a rollback decision is pending the anchor must not move (see close()).
        self._hold_anchor = False

    # -- the vault -------------------------------------------------------------------------
    def vault_exists(self) -> bool:
        return _vault_exists(self.data_dir)

    def create(self) -> str:
        """Create the vault; returns the recovery key (to be printed, never stored)."""
        created: CreatedVault = create_vault(self.data_dir, self.keystore, self.clock.now())
        self._attach(created.vault)
        return created.recovery_key

    def create_salon(self, details: SalonDetails, admin_username: str,
                     admin_display_name: str, admin_password: str) -> str:
        """Create the vault and the first manager in one step; returns the recovery key.

        The form is checked before anything is created, and a set-up that still fails removes
        the just-created vault again, so a failed first run never leaves a half-made salon.
        """
        validate_setup(details, admin_username, admin_password)
        recovery_key = self.create()
        try:
            self.services.setup.set_up(details, admin_username, admin_display_name,
                                       admin_password)
        except BaseException:
            self.close()
            destroy_new_vault(self.data_dir, self.keystore)
            raise
        return recovery_key

    def open(self) -> None:
        """Open the vault. Raises ``RollbackSuspected`` (vault closed again, nothing
        written) when the database is older than the one this computer used last; the
        manager then decides with ``accept_rollback`` or puts the newer file back."""
        vault = open_vault(self.data_dir, self.keystore)
        try:
            anchor, unreadable = self._read_anchor(vault.vault_id)
            position = rollback.chain_position(vault.db)
            suspicion = rollback.judge(anchor, position, vault.db)
        except BaseException:
            vault.close()
            raise
        if suspicion is not None:
            vault.close()
            log.warning("vault not opened: rollback suspected (%s)", suspicion.detail())
            raise suspicion
        self._attach(vault)
        if unreadable:
            # Not ours to judge by (damaged or edited); say so in the log, start afresh.
            self._audit_unattended("vault.anchor_reset", "unreadable")
        self._anchored = None if anchor is None else (anchor.count, anchor.last_hash)
        self.anchor_now()
        log.info("vault opened (app %s, schema %d, %d audit entries)", __version__,
                 vault.db.user_version(), position.count)

    def accept_rollback(self, username: str, password: str) -> Session:
        """A manager keeps the older database ``open`` reported (``RollbackSuspected``):
        signs in (throttled and audited as usual), records ``vault.rollback_accepted``
        with the counts and moves the anchor to this database. Returns the session; the
        app continues as after a sign-in. Anyone but a manager with a permanent password
        is refused, and the vault is closed again without moving the anchor."""
        if self.vault is not None:
            self.close()
        vault = open_vault(self.data_dir, self.keystore)
        try:
            anchor, _unreadable = self._read_anchor(vault.vault_id)
            suspicion = rollback.judge(anchor, rollback.chain_position(vault.db), vault.db)
        except BaseException:
            vault.close()
            raise
        self._attach(vault)
        self._hold_anchor = True
        try:
            session = self.services.auth.sign_in(username, password)
            if session.must_change_password or not session.can(Permission.BACKUP):
                self.services.auth.sign_out()
                raise (PasswordChangeRequired() if session.must_change_password
                       else PermissionDenied())
            if suspicion is not None:
                with vault.db.transaction():
                    audit_log.append(vault.db, self.services.ctx.actor(),
                                     "vault.rollback_accepted", now=self.clock.now(),
                                     record_type="vault", record_id=vault.vault_id,
                                     detail=suspicion.detail())
                log.warning("an older database was accepted by a manager (%s)",
                            suspicion.detail())
        except BaseException:
            self.close()
            raise
        finally:
            self._hold_anchor = False
        self._anchored = None
        self.anchor_now()
        return session

    def anchor_now(self) -> None:
        """Move the rollback anchor to where the audit chain stands now (one keyring write,
        skipped when nothing changed). Called at open and close; the GUI also calls it on
        the worker when the app locks or someone signs out, to narrow the window in which
        a copy could be put back unnoticed. Never raises: a keyring or database that fails
        here fails visibly elsewhere, and closing must always work."""
        vault = self.vault
        if vault is None or self._hold_anchor:
            return
        try:
            position = rollback.chain_position(vault.db)
            if self._anchored == (position.count, position.last_hash):
                return
            anchor = rollback.Anchor(position.count, position.last_hash,
                                     self.clock.now().isoformat())
            self.keystore.put_anchor(vault.vault_id, anchor.to_text())
            self._anchored = (position.count, position.last_hash)
        except (VaultError, DbError) as error:
            log.warning("rollback anchor not updated: %s", type(error).__name__)

    def _read_anchor(self, vault_id: str) -> tuple[rollback.Anchor | None, bool]:
        """The anchor and whether an entry was there but unreadable. A keyring that fails
        only here (it just gave the key) is logged and treated as "no anchor"."""
        try:
            text = self.keystore.get_anchor(vault_id)
        except VaultError as error:
            log.warning("rollback anchor not readable: %s", type(error).__name__)
            return None, False
        if text is None:
            return None, False
        try:
            return rollback.Anchor.from_text(text), False
        except rollback.AnchorUnreadable:
            log.warning("rollback anchor unreadable; starting a new one")
            return None, True

    def _audit_unattended(self, action: str, detail: str) -> None:
        """An entry nobody signed in caused (workstation and source only)."""
        assert self.vault is not None
        db = self.vault.db
        with db.transaction():
            audit_log.append(db, self.services.ctx.actor(), action, now=self.clock.now(),
                             record_type="vault", record_id=self.vault.vault_id,
                             detail=detail)

    def recover(self, typed_recovery_key: str) -> str:
        return recover_access(self.data_dir, self.keystore, typed_recovery_key)

    def _attach(self, vault: Vault) -> None:
        self.vault = vault
        kwargs = {"workstation": self.workstation} if self.workstation else {}
        self._services = Services(ServiceContext(vault.db, self.clock, self.source, **kwargs))

    @property
    def services(self) -> Services:
        if self._services is None:
            raise VaultNotOpen("open the vault first")
        return self._services

    def open_or_create_demo(self) -> None:
        """The demo salon: created and filled on first use, opened afterwards."""
        from salon_desktop.services.demo import DEMO_PASSWORD, DEMO_SALON, DEMO_USER

        if self.vault_exists():
            self.open()
            return
        self.create()
        services = self.services
        services.setup.set_up(DEMO_SALON, DEMO_USER, "Demo", DEMO_PASSWORD)
        services.auth.sign_in(DEMO_USER, DEMO_PASSWORD)
        services.demo.add_demo_data(60, 300)
        services.auth.sign_out()

    # -- restoring a backup (docs/backups.md) ----------------------------------------------
    def restore_backup(self, backup: Path, passphrase: str, progress: ProgressCallback | None
                       = None, cancel: CancelCheck | None = None) -> RestoreResult:
        """Replace the open vault's database with a verified backup (manager only), keeping
        the replaced one aside. Afterwards nobody is signed in: the restored staff table
        decides who may sign in. On failure the current database stays in place, open."""
        from salon_desktop.security.errors import KeyMissing
        from salon_desktop.services.backup_restore import RestoreResult, swap_prepared

        if self.vault is None:
            raise VaultNotOpen("open the vault first")
        key = self.keystore.get(self.vault.vault_id)
        if key is None:
            raise KeyMissing()
        prepared = self.services.backups.prepare_restore(backup, passphrase, key, progress,
                                                         cancel)
        try:
            vault, aside = swap_prepared(self.vault, key, prepared, self.clock.now())
        except BaseException:
            self.vault, self._services = None, None
            self.open()
            raise
        self._attach(vault)
        # The restored chain is shorter than the one anchored: anchor it, so the next
        # opening does not take this deliberate restore for a rollback.
        self._anchored = None
        self.anchor_now()
        log.info("backup restored (schema %d, %d erasures replayed); the replaced database "
                 "was kept aside", prepared.info.header.schema_version,
                 len(prepared.erased_client_ids))
        return RestoreResult(prepared.info, aside, prepared.erased_client_ids)

    def restore_into_new_vault(self, backup: Path, passphrase: str,
                               progress: ProgressCallback | None = None,
                               cancel: CancelCheck | None = None) -> RestoreResult:
        """A new PC (or a lost keyring and recovery key): create a vault here (new key in
        this PC's keyring, new vault.json) holding the backup's data. The result carries the
        new recovery key, to be printed. Nothing is created unless the passphrase is right."""
        from salon_desktop.backup import verify
        from salon_desktop.security.errors import VaultAlreadyExists
        from salon_desktop.services.backup_restore import RestoreResult, swap_prepared
        from salon_desktop.vault import destroy_new_vault

        if self.vault_exists():
            raise VaultAlreadyExists()
        verify.inspect(Path(backup), verify.unlock(Path(backup), passphrase))
        recovery_key = self.create()
        try:
            assert self.vault is not None
            key = self.keystore.get(self.vault.vault_id)
            assert key is not None
            prepared = self.services.backups.prepare_restore_into_new_vault(
                backup, passphrase, key, progress, cancel)
            vault, _ = swap_prepared(self.vault, key, prepared, self.clock.now(),
                                     keep_previous=False)
        except BaseException:
            self.close()
            destroy_new_vault(self.data_dir, self.keystore)
            raise
        self._attach(vault)
        return RestoreResult(prepared.info, None, prepared.erased_client_ids, recovery_key)

    def inspect_backup_file(self, backup: Path, passphrase: str) -> BackupInfo:
        """A backup's header before restoring into a new vault (no sign-in possible yet;
        the passphrase is the proof). With a vault open use ``services.backups``."""
        from salon_desktop.backup import verify

        return verify.inspect(Path(backup), verify.unlock(Path(backup), passphrase))

    def close(self) -> None:
        if self.vault is not None:
            self.anchor_now()
            self.vault.close()
            log.info("vault closed")
        self.vault = None
        self._services = None
        self._anchored = None
