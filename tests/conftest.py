"""Shared fixtures: a temporary data folder, an in-memory keyring, a fake clock, and an
``AppContext`` built exactly as the app builds it (real SQLCipher, never mocked)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argon2 import PasswordHasher

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.i18n import set_language
from salon_desktop.security import passwords, sidecar
from salon_desktop.security.keystore import OsKeyStore
from tests.memory_keyring import MemoryKeyring

ADMIN_USER = "juhataja"
ADMIN_PASSWORD = "Kevad-2026-Tulp"
SALON_NAME = "Salong Õnnelik"


@pytest.fixture(autouse=True)
def _fast_kdf(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its real cost (64 MiB, ~0.1–0.4 s a call) would make the suite take many
    minutes on two cores. Unit tests use the same code with cheap parameters; tests marked
    ``real_kdf`` (and every subprocess test) run with the shipped parameters."""
    if request.node.get_closest_marker("real_kdf"):
        return
    monkeypatch.setattr(passwords, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(sidecar, "KDF_PARAMS",
                        {"time_cost": 1, "memory_cost": 1024, "parallelism": 1})


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def keystore(memory_keyring: MemoryKeyring) -> OsKeyStore:
    return OsKeyStore(memory_keyring)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def new_context(data_dir: Path, keystore: OsKeyStore, clock: FakeClock) -> Iterator[AppContext]:
    """A context whose vault is not yet created."""
    ctx = AppContext(data_dir, keystore=keystore, clock=clock, workstation="test-pc")
    yield ctx
    ctx.close()


@pytest.fixture
def app_context(new_context: AppContext) -> AppContext:
    """A created and set-up vault with a signed-in manager."""
    ctx = new_context
    ctx.recovery_key = ctx.create()  # type: ignore[attr-defined]
    ctx.services.setup.set_up(SalonDetails(SALON_NAME, "12345678", "Tartu mnt 1, Tallinn",
                                           "info@example.test", "+372 5555 0000"),
                              ADMIN_USER, "Mari Juhataja", ADMIN_PASSWORD)
    ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    return ctx
