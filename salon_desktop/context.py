"""The composition root: builds the vault, key store, clock and services in one place.

The GUI, the CLI and the tests all build an ``AppContext``; tests pass a temporary folder, a
keyring backend of their own and a ``FakeClock``.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from salon_desktop.clock import Clock, SystemClock
from salon_desktop.security.keystore import KeyStore, OsKeyStore
from salon_desktop.services.auth import AuthService
from salon_desktop.services.base import ServiceContext, Session
from salon_desktop.services.demo import DemoService
from salon_desktop.services.settings import SettingsService
from salon_desktop.services.setup import SetupService
from salon_desktop.vault import CreatedVault, Vault, create_vault, open_vault, recover_access
from salon_desktop.vault import vault_exists as _vault_exists


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
    def setup(self) -> SetupService:
        return SetupService(self.ctx)

    @cached_property
    def settings(self) -> SettingsService:
        return SettingsService(self.ctx)

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
        services.demo.add_synthetic_clients(60)
        services.auth.sign_out()

    def close(self) -> None:
        if self.vault is not None:
            self.vault.close()
        self.vault = None
        self._services = None
