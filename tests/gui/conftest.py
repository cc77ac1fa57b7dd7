"""GUI fixtures: the styled QApplication, the worker, a controller, a set-up salon with a
manager and a receptionist, and a guard that fails any test leaving top-level widgets behind
(as napari does: a leaked window is a leaked session or a leaked client on screen)."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.security.passwords import hash_password
from salon_desktop.storage import staff_repo
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.memory_keyring import MemoryKeyring
from ui.controller import AppController
from ui.language import apply_language
from ui.style import apply_style
from ui.worker import Worker

RECEPTION_USER = "kati"
RECEPTION_PASSWORD = "Suvi-2026-Roos"
_IGNORED_CLASSES = {"QTipLabel"}  # Qt's own tooltip window, reused across tests


def leftover_widgets(before: list[QWidget]) -> list[QWidget]:
    """Top-level widgets (no parent) that exist now but did not before, after pending
    deletes and garbage collection ran."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        gc.collect()
    known = {id(widget) for widget in before}
    return [w for w in QApplication.topLevelWidgets()
            if id(w) not in known and w.parent() is None
            and type(w).__name__ not in _IGNORED_CLASSES]


@pytest.fixture(scope="session", autouse=True)
def _styled_app(qapp: QApplication) -> QApplication:
    apply_style(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _no_leftover_widgets(qapp: QApplication) -> Iterator[None]:
    # Autouse, so it is set up before qtbot and checks after qtbot closed its widgets.
    before = list(QApplication.topLevelWidgets())
    yield
    apply_language("en")
    leaked = leftover_widgets(before)
    if leaked:
        names = ", ".join(sorted(f"{type(w).__name__}({w.objectName()!r})" for w in leaked))
        for widget in leaked:
            widget.hide()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        pytest.fail(f"the test left top-level widgets behind: {names}")


@pytest.fixture
def worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    w.close()


@pytest.fixture(scope="session")
def _template_salon(tmp_path_factory: pytest.TempPathFactory
                    ) -> tuple[Path, dict[tuple[str, str], str], str]:
    """One set-up salon per session (argon2 makes each about a second); tests get copies."""
    folder = tmp_path_factory.mktemp("template") / "data"
    keyring = MemoryKeyring()
    ctx = AppContext(folder, keystore=OsKeyStore(keyring), clock=FakeClock(),
                     workstation="test-pc")
    recovery_key = ctx.create()
    ctx.services.setup.set_up(SalonDetails(SALON_NAME, "12345678", "Tartu mnt 1, Tallinn",
                                           "info@example.test", "+372 5555 0000"),
                              ADMIN_USER, "Mari Juhataja", ADMIN_PASSWORD)
    assert ctx.vault is not None
    with ctx.vault.db.transaction():
        staff_repo.insert(ctx.vault.db, username=RECEPTION_USER, display_name="Kati Tamm",
                          role=Role.RECEPTION.value,
                          password_hash=hash_password(RECEPTION_PASSWORD),
                          must_change_password=False, now=ctx.clock.now())
    ctx.close()
    return folder, dict(keyring.entries), recovery_key


@pytest.fixture
def set_up_context(new_context: AppContext, memory_keyring: MemoryKeyring,
                   _template_salon: tuple[Path, dict[tuple[str, str], str], str]
                   ) -> AppContext:
    """A set-up salon (manager + receptionist), not yet opened, so the app opens it.

    ``ctx.recovery_key`` holds its recovery key for the recovery tests.
    """
    folder, entries, recovery_key = _template_salon
    shutil.copytree(folder, new_context.data_dir)
    memory_keyring.entries.update(entries)
    new_context.recovery_key = recovery_key  # type: ignore[attr-defined]
    return new_context


@pytest.fixture
def make_controller(worker: Worker) -> Iterator[Callable[..., AppController]]:
    made: list[AppController] = []

    def make(ctx: AppContext, *, demo: bool = False) -> AppController:
        controller = AppController(ctx, worker, demo=demo, prefs_dir=Path(ctx.data_dir))
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
