"""What the screenshot tools share: the invented salon and its staff, an in-memory keyring,
the shooter, waiting for the worker, and running one section's shots alone.

Each section's shots (``tools/*_screens.py``) build a salon of their own so that none depends
on another's data; the set-up they all repeat lives here, so the salon looks the same on
every screenshot and a change to it (a new required field) is made once.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Session
from salon_desktop.storage import staff_repo
from tests.memory_keyring import MemoryKeyring  # the shots never touch the real keyring
from ui.main_window import MainWindow
from ui.worker import Worker

ROOT = Path(__file__).resolve().parent.parent
SALON = SalonDetails("Salong Õnnelik", "12345678", "Pärnu mnt 22, 10141 Tallinn",
                     "info@onnelik.example", "+372 5555 0000")
MANAGER, MANAGER_NAME = "mari", "Mari Mägi"
RECEPTION, RECEPTION_NAME = "kati", "Kati Tamm"
PASSWORD = "Kevad-2026-Tulp"

#: ``wait(condition, timeout=…)``, passed to each section so that it runs the event loop.
Wait = Callable[..., None]
PageT = TypeVar("PageT", bound=QWidget)


def wait(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the worker and the event loop run until ``condition`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    QCoreApplication.processEvents()


class Shooter:
    """Saves a widget as ``<out>/<language>/<name>.png``."""

    def __init__(self, out: Path, language: str) -> None:
        self.out = out / language
        self.out.mkdir(parents=True, exist_ok=True)
        self.language = language

    def shot(self, widget: QWidget, name: str, *, settle: bool = True) -> None:
        for _ in range(3 if settle else 0):  # let the layout passes finish
            QCoreApplication.processEvents()
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def manager_salon(folder: Path, keyring: Any, clock: FakeClock) -> AppContext:
    """The salon in ``folder`` with the manager signed in: the one the set-up wizard's shots
    made there (``tools/screenshots.py`` runs the appointment book and Administration on it),
    else a new one with only the manager — so a section also runs alone."""
    ctx = AppContext(folder, keystore=OsKeyStore(keyring), clock=clock)
    if ctx.vault_exists():
        ctx.open()
    else:
        ctx.create_salon(SALON, MANAGER, MANAGER_NAME, PASSWORD)
    ctx.services.auth.sign_in(MANAGER, PASSWORD)
    return ctx


def add_staff(ctx: AppContext, username: str, name: str, role: Role) -> int:
    """A staff member who has already chosen her own password (``PASSWORD``), so signing in
    as her shows her pages, not the change-password dialog."""
    assert ctx.vault is not None
    with ctx.vault.db.transaction():
        return staff_repo.insert(ctx.vault.db, username=username, display_name=name,
                                 role=role.value, password_hash=hash_password(PASSWORD),
                                 must_change_password=False, now=ctx.clock.now())


def salon_with_reception(folder: Path, keyring: Any, clock: FakeClock) -> AppContext:
    """A new salon with the manager signed in, and a receptionist (``add_staff``)."""
    ctx = manager_salon(folder, keyring, clock)
    add_staff(ctx, RECEPTION, RECEPTION_NAME, Role.RECEPTION)
    return ctx


def open_section(ctx: AppContext, worker: Worker, session: Session, section: str,
                 page_type: type[PageT]) -> tuple[MainWindow, PageT]:
    """The main window at the size the app must fit (1366×768), showing ``section``."""
    main = MainWindow(ctx, worker, session, salon_name=SALON.name)
    main.resize(1366, 768)
    main.show()
    main.show_section(section)
    page = main.stack.currentWidget()
    assert isinstance(page, page_type)
    return main, page


def close_window(main: MainWindow) -> None:
    main.close()
    main.deleteLater()
    QCoreApplication.processEvents()


def sign_in_as_reception(ctx: AppContext) -> Session:
    """The manager signs out and the receptionist signs in: the same pages with less shown."""
    ctx.services.auth.sign_out()
    return ctx.services.auth.sign_in(RECEPTION, PASSWORD)


def finish(ctx: AppContext, worker: Worker) -> None:
    worker.close()
    ctx.services.auth.sign_out()
    ctx.close()


def run_alone(name: str, screens: Callable[[Shooter, Path, Any, Wait], None]) -> None:
    """``python -m tools.<name>``: one section's shots alone, for a quick look after a change
    (the full ``tools/screenshots.py`` run takes minutes)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import create_application
    from ui.language import apply_language

    parser = argparse.ArgumentParser(description=f"Only the shots of tools/{name}.py.")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["et", "ru", "en"])
    args = parser.parse_args()
    create_application([name])
    with tempfile.TemporaryDirectory(prefix="salon-shots-") as tmp:
        for language in args.lang:
            apply_language(language)
            screens(Shooter(args.out, language), Path(tmp) / language / name, MemoryKeyring(),
                    wait)
