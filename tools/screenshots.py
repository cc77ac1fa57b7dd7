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
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QWizard  # noqa: E402

from salon_desktop.context import AppContext  # noqa: E402
from salon_desktop.security.keystore import OsKeyStore  # noqa: E402
from tools.admin_screens import admin_screens  # noqa: E402
from tools.backup_screens import backup_screens  # noqa: E402
from tools.booking_screens import appointment_screens  # noqa: E402
from tools.clients_screens import client_screens  # noqa: E402
from tools.lock_screens import lock_screens  # noqa: E402
from tools.privacy_screens import privacy_screens  # noqa: E402
from tools.reports_screens import reports_screens  # noqa: E402
from tools.screens_common import (  # noqa: E402
    MANAGER,
    MANAGER_NAME,
    PASSWORD,
    SALON,
    MemoryKeyring,
    Shooter,
    wait,
)
from ui import recovery_pages  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.controller import AppController  # noqa: E402
from ui.language import apply_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.setup_wizard import SetupWizard  # noqa: E402
from ui.sign_in import SignInWindow  # noqa: E402
from ui.worker import Worker  # noqa: E402


def _controller(folder: Path, keyring: MemoryKeyring, worker: Worker,
                demo: bool = False) -> AppController:
    ctx = AppContext(folder, keystore=OsKeyStore(keyring))
    return AppController(ctx, worker, demo=demo, prefs_dir=folder)


def wizard_screens(shoot: Shooter, folder: Path, keyring: MemoryKeyring,
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
    manager["username"].setText(MANAGER)
    manager["display_name"].setText(MANAGER_NAME)
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
    window.username.setText(MANAGER)
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


def failure_and_demo_screens(shoot: Shooter, folder: Path, keyring: MemoryKeyring,
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
    demo = _controller(demo_folder, MemoryKeyring(), worker, demo=True)
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
            keyring = MemoryKeyring()
            folder = Path(tmp) / language / "data"
            worker = Worker()
            wizard_screens(shoot, folder, keyring, worker)
            appointment_screens(shoot, folder, keyring, wait)  # on the wizard's salon
            admin_screens(shoot, folder, keyring, wait)
            backup_screens(shoot, Path(tmp) / language / "backups" / "data", keyring, wait)
            client_screens(shoot, Path(tmp) / language / "clients", MemoryKeyring(), wait)
            privacy_screens(shoot, Path(tmp) / language / "privacy", MemoryKeyring(), wait)
            reports_screens(shoot, Path(tmp) / language / "reports", MemoryKeyring(), wait)
            lock_screens(shoot, Path(tmp) / language / "lock", MemoryKeyring(), wait)
            failure_and_demo_screens(shoot, folder, keyring, Path(tmp) / language / "demo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
