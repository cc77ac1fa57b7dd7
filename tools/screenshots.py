"""Render every screen in Estonian, Russian and English into ``screenshots/`` (gitignored).

    python tools/screenshots.py [--out screenshots] [--lang et ru en]

Runs offscreen with a throw-away salon in a temporary folder and an in-memory keyring, so it
never touches real data or the real keyring. Look at the PNGs after a UI change: õ ä ö ü š ž
and Cyrillic must render, nothing may be cut off, the main window must fit 1366×768.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keyring.backend import KeyringBackend  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QWidget, QWizard  # noqa: E402

from salon_desktop.context import AppContext  # noqa: E402
from salon_desktop.domain.settings import SalonDetails  # noqa: E402
from salon_desktop.security.keystore import OsKeyStore  # noqa: E402
from tools.admin_screens import admin_screens  # noqa: E402
from tools.backup_screens import backup_screens  # noqa: E402
from tools.booking_screens import appointment_screens  # noqa: E402
from tools.clients_screens import client_screens  # noqa: E402
from tools.lock_screens import lock_screens  # noqa: E402
from tools.privacy_screens import privacy_screens  # noqa: E402
from tools.reports_screens import reports_screens  # noqa: E402
from ui import recovery_pages  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.controller import AppController  # noqa: E402
from ui.language import apply_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.setup_wizard import SetupWizard  # noqa: E402
from ui.sign_in import SignInWindow  # noqa: E402
from ui.worker import Worker  # noqa: E402

SALON = SalonDetails("Salong Õnnelik", "12345678", "Pärnu mnt 22, 10141 Tallinn",
                     "info@onnelik.example", "+372 5555 0000")
USER, PASSWORD = "mari", "Kevad-2026-Tulp"


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


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


def _controller(folder: Path, keyring: _MemoryKeyring, worker: Worker,
                demo: bool = False) -> AppController:
    ctx = AppContext(folder, keystore=OsKeyStore(keyring))
    return AppController(ctx, worker, demo=demo, prefs_dir=folder)


def wizard_screens(shoot: Shooter, folder: Path, keyring: _MemoryKeyring,
                   worker: Worker) -> None:
    controller = _controller(folder, keyring, worker)
    wizard = controller.show_wizard()
    shoot.shot(wizard, "wizard-1-language")
    wizard.next()
    wizard.next()  # empty name: shows the field error
    shoot.shot(wizard, "wizard-2-salon-error")
    edits = wizard.salon_page.form.edits
    for key, value in zip(("salon_name", "salon_registry_code", "salon_address",
                           "salon_email", "salon_phone"),
                          (SALON.name, SALON.registry_code, SALON.address, SALON.email,
                           SALON.phone), strict=True):
        edits[key].setText(value)
    shoot.shot(wizard, "wizard-2-salon")
    wizard.next()
    manager = wizard.manager_page.form.edits
    manager["password"].setText("salong")
    shoot.shot(wizard, "wizard-3-manager-hint")
    manager["username"].setText(USER)
    manager["display_name"].setText("Mari Mägi")
    manager["password"].setText(PASSWORD)
    manager["password_again"].setText(PASSWORD + "x")
    wizard.next()
    shoot.shot(wizard, "wizard-3-manager-error")
    manager["password_again"].setText(PASSWORD)
    wizard.next()
    wait(lambda: wizard.currentId() == SetupWizard.SHEET)
    shoot.shot(wizard, "wizard-4-recovery-sheet")
    pdf = folder.parent / "recovery-sheet.pdf"
    recovery_pages.ask_pdf_path = lambda _parent: str(pdf)  # no file dialog offscreen
    wizard.sheet_page.save_pdf()
    wait(wizard.sheet_page.saved_label.isVisible)
    shoot.shot(wizard, "wizard-4-recovery-sheet-saved")
    wizard.next()
    key = wizard.recovery_key
    groups = key.split("-")
    typo = groups[1][:4] + ("A" if groups[1][4] != "A" else "B")
    wizard.confirm_page.key_edit.setText(f"{groups[0]}-{typo}")
    shoot.shot(wizard, "wizard-5-confirm-typo")
    wizard.confirm_page.key_edit.setText(key.lower())
    shoot.shot(wizard, "wizard-5-confirm-ok")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait(lambda: isinstance(controller.window, SignInWindow))
    sign_in_screens(shoot, controller)


def sign_in_screens(shoot: Shooter, controller: AppController) -> None:
    window = controller.window
    assert isinstance(window, SignInWindow)
    shoot.shot(window, "sign-in")
    window.password.setText("wrong-password")
    window.sign_in()
    wait(window.error.isVisible)
    shoot.shot(window, "sign-in-error")
    dialog = window.open_recover_dialog()
    dialog.key_edit.setText("ABCDE-FGHJK")
    dialog.recover()
    wait(dialog.error.isVisible)
    shoot.shot(dialog, "recover-access-dialog")
    dialog.reject()
    window.username.setText(USER)
    window.password.setText(PASSWORD)
    time.sleep(2.5)  # the failed attempt above starts the growing sign-in delay
    window.sign_in()
    wait(lambda: isinstance(controller.window, MainWindow))
    main = controller.window
    assert isinstance(main, MainWindow)
    main.resize(1366, 768)
    shoot.shot(main, "main-window-clients")
    main.show_section("administration")
    shoot.shot(main, "main-window-administration")
    main.lock()
    wait(lambda: controller.lock.locked)  # the lock screen itself: tools/lock_screens.py
    ctx = controller.ctx
    controller.shutdown()
    ctx.close()


def failure_and_demo_screens(shoot: Shooter, folder: Path, keyring: _MemoryKeyring,
                             demo_folder: Path) -> None:
    keyring.entries.clear()  # the keyring lost the key
    worker = Worker()
    controller = _controller(folder, keyring, worker)
    controller.start()
    sign_in = controller.window
    assert sign_in is not None
    shoot.shot(sign_in, "sign-in-opening", settle=False)  # before the worker answers
    wait(lambda: not isinstance(controller.window, SignInWindow))
    assert controller.window is not None
    shoot.shot(controller.window, "open-failed")
    controller.shutdown()

    worker = Worker()
    demo = _controller(demo_folder, _MemoryKeyring(), worker, demo=True)
    demo.start()
    window = demo.window
    assert isinstance(window, SignInWindow)
    wait(lambda: window.stack.currentIndex() == 1, timeout=60)
    shoot.shot(window, "sign-in-demo")
    demo.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["et", "ru", "en"])
    args = parser.parse_args()
    create_application([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="salon-shots-") as tmp:
        for language in args.lang:
            apply_language(language)
            shoot = Shooter(args.out, language)
            keyring = _MemoryKeyring()
            folder = Path(tmp) / language / "data"
            worker = Worker()
            wizard_screens(shoot, folder, keyring, worker)
            appointment_screens(shoot, folder, keyring, Worker(), USER, PASSWORD, wait)
            admin_screens(shoot, folder, keyring, Worker(), USER, PASSWORD, wait)
            backup_screens(shoot, Path(tmp) / language / "backups" / "data", keyring, Worker(),
                           SALON, USER, PASSWORD, wait)
            client_screens(shoot, Path(tmp) / language / "clients", _MemoryKeyring(), wait)
            privacy_screens(shoot, Path(tmp) / language / "privacy", _MemoryKeyring(), wait)
            reports_screens(shoot, Path(tmp) / language / "reports", _MemoryKeyring(), wait)
            lock_screens(shoot, Path(tmp) / language / "lock", _MemoryKeyring(), wait)
            failure_and_demo_screens(shoot, folder, keyring, Path(tmp) / language / "demo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
