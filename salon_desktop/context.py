"""The composition root: builds the vault, key store, clock and services in one place.

The GUI, the CLI and the tests all build an ``AppContext``; tests pass a temporary folder, a
keyring backend of their own and a ``FakeClock``.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from salon_desktop.clock import Clock, SystemClock
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.security.keystore import KeyStore, OsKeyStore
from salon_desktop.services.appointments import AppointmentService
from salon_desktop.services.audit_view import AuditService
from salon_desktop.services.auth import AuthService
from salon_desktop.services.backups import BackupService
from salon_desktop.services.base import ServiceContext, Session
from salon_desktop.services.catalogue import CatalogueService
from salon_desktop.services.client_health import HealthService
from salon_desktop.services.client_import import ClientImportService
from salon_desktop.services.clients import ClientService
from salon_desktop.services.consents import ConsentService
from salon_desktop.services.data_subject import DataSubjectService
from salon_desktop.services.demo import DemoService
from salon_desktop.services.drafts import DraftService
from salon_desktop.services.erasure import ErasureService
from salon_desktop.services.marketing import MarketingService
from salon_desktop.services.processing_record import ProcessingRecordService
from salon_desktop.services.requests_register import RequestsRegisterService
from salon_desktop.services.retention import RetentionService
from salon_desktop.services.schedule import ScheduleService
from salon_desktop.services.settings import SettingsService
from salon_desktop.services.setup import SetupService, validate_setup
from salon_desktop.services.staff import StaffService
from salon_desktop.services.visits import VisitService
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


class VaultNotOpen(RuntimeError):
    """Programming error: services were asked for before the vault was opened."""


class Services:
    """All services over one ``ServiceContext`` (one database, one session)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @cached_property
    def auth(self) -> AuthService:
        return AuthService(self.ctx)

    @cached_property
    def demo(self) -> DemoService:
        return DemoService(self.ctx)

    @cached_property
    def drafts(self) -> DraftService:
        return DraftService(self.ctx)

    @cached_property
    def setup(self) -> SetupService:
        return SetupService(self.ctx)

    @cached_property
    def settings(self) -> SettingsService:
        return SettingsService(self.ctx)

    @cached_property
    def staff(self) -> StaffService:
        return StaffService(self.ctx)

    @cached_property
    def audit(self) -> AuditService:
        return AuditService(self.ctx)

    @cached_property
    def clients(self) -> ClientService:
        return ClientService(self.ctx)

    @cached_property
    def client_health(self) -> HealthService:
        return HealthService(self.ctx)

    @cached_property
    def client_import(self) -> ClientImportService:
        return ClientImportService(self.ctx)

    @cached_property
    def visits(self) -> VisitService:
        return VisitService(self.ctx)

    @cached_property
    def catalogue(self) -> CatalogueService:
        return CatalogueService(self.ctx)

    @cached_property
    def appointments(self) -> AppointmentService:
        return AppointmentService(self.ctx)

    @cached_property
    def schedule(self) -> ScheduleService:
        return ScheduleService(self.ctx)

    @cached_property
    def consents(self) -> ConsentService:
        return ConsentService(self.ctx)

    @cached_property
    def marketing(self) -> MarketingService:
        return MarketingService(self.ctx)

    @cached_property
    def backups(self) -> BackupService:
        return BackupService(self.ctx)

    # -- clients' rights (docs/rights.md) --------------------------------------------------
    @cached_property
    def data_subject(self) -> DataSubjectService:
        return DataSubjectService(self.ctx)

    @cached_property
    def requests(self) -> RequestsRegisterService:
        return RequestsRegisterService(self.ctx)

    @cached_property
    def erasure(self) -> ErasureService:
        return ErasureService(self.ctx)

    @cached_property
    def retention(self) -> RetentionService:
        return RetentionService(self.ctx)

    @cached_property
    def processing_record(self) -> ProcessingRecordService:
        return ProcessingRecordService(self.ctx)

    @property
    def session(self) -> Session | None:
        return self.ctx.session


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
        self._attach(open_vault(self.data_dir, self.keystore))

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
            self.vault.close()
        self.vault = None
        self._services = None
