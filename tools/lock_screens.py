"""The lock screen's screenshots (called by ``tools/screenshots.py``).

A salon of its own with one invented client. The manager opens the client's card, starts
editing it (unsaved) and has a question box open over it; then the app locks. Shot: the
whole desktop before and after (every visible window painted where it is, so anything left
on screen would show), the lock screen, "Switch user", a wrong password, and after the
unlock the banner offering the unsaved work and the form restored. Alone, for a quick look:
``python -m tools.lock_screens [--lang et ru] [--out DIR]``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from salon_desktop.clock import FakeClock
from salon_desktop.domain.clients import ClientDraft
from tools.screens_common import MANAGER, PASSWORD, Shooter, Wait, manager_salon, run_alone
from ui.clients.form import ClientFormDialog
from ui.controller import AppController
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow
from ui.pages.clients import ClientsPage
from ui.sign_in import SignInWindow
from ui.worker import Worker

NOW = datetime(2026, 11, 25, 10, 42, tzinfo=UTC)


def desktop(shoot: Shooter, name: str) -> None:
    """Every visible top-level window at its place: main windows, then dialogs, then popups
    (offscreen has no window manager to stack them)."""
    for _ in range(3):
        QCoreApplication.processEvents()
    screen = QGuiApplication.primaryScreen()
    area = screen.virtualGeometry() if screen else QRect(0, 0, 1366, 768)
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for window in windows:  # offscreen's screen is small: show the windows whole
        area = area.united(window.geometry())
    image = QImage(area.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#20303a"))
    painter = QPainter(image)
    windows.sort(key=lambda w: (w.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip),
                                w.parentWidget() is not None))
    for window in windows:
        painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), window.grab())
    painter.end()
    path = shoot.out / f"{name}.png"
    image.save(str(path))
    print(path)


def lock_screens(shoot: Shooter, folder: Path, keyring: Any, wait: Wait) -> None:
    ctx = manager_salon(folder, keyring, FakeClock(NOW))
    made = ctx.services.clients.create(ClientDraft(
        "Õie", "Šmidt", phone="+372 5123 4567", email="oie.smidt@example.ee",
        notes="Tundlik peanahk"), force=True)
    ctx.services.auth.sign_out()
    worker = Worker()
    controller = AppController(ctx, worker, prefs_dir=folder)
    controller.start()
    sign_in = controller.window
    assert isinstance(sign_in, SignInWindow)
    wait(lambda: sign_in.stack.currentIndex() == 1)
    sign_in.username.setText(MANAGER)
    sign_in.password.setText(PASSWORD)
    sign_in.sign_in()
    wait(lambda: isinstance(controller.window, MainWindow) and not worker.busy)
    main = controller.window
    assert isinstance(main, MainWindow)
    main.resize(1366, 768)
    main.show_section("clients")
    page = main.stack.currentWidget()
    assert isinstance(page, ClientsPage)
    wait(lambda: page.model.total is not None and not worker.busy)
    page.open_client(made.client_id or 0)
    wait(lambda: page.card.card is not None and not worker.busy)
    card = page.card.card
    assert card is not None
    form = page.edit_client(card)
    wait(lambda: not worker.busy)
    notes = form.grid.widgets["notes"]
    if isinstance(notes, QLineEdit):
        notes.setText("Tundlik peanahk; allergiline nikli suhtes")
    else:
        form.set_value("notes", "Tundlik peanahk; allergiline nikli suhtes")
    box = QMessageBox(QMessageBox.Icon.Question, "Salon Desktop",
                      "Õie Šmidt: +372 5123 4567", QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No, main)
    box.open()
    desktop(shoot, "lock-0-before")
    main.lock()
    screen = controller.window
    assert isinstance(screen, LockWindow)
    wait(lambda: ctx.services.session is None and not worker.busy)
    desktop(shoot, "lock-1-desktop")
    shoot.shot(screen, "lock-2-screen")
    screen.password.setText("wrong-password")
    screen.sign_in()
    wait(screen.error.isVisible)
    shoot.shot(screen, "lock-3-wrong-password")
    screen.switch_user()
    shoot.shot(screen, "lock-4-switch-user")
    ctx.clock.advance(5)  # type: ignore[attr-defined]  # past the growing delay
    screen.username.setText(MANAGER)
    screen.password.setText(PASSWORD)
    screen.sign_in()
    wait(lambda: isinstance(controller.window, MainWindow) and not worker.busy)
    again = controller.window
    assert isinstance(again, MainWindow)
    again.resize(1366, 768)
    wait(lambda: controller.lock.banner is not None)
    desktop(shoot, "lock-5-draft-offered")
    banner = controller.lock.banner
    assert banner is not None
    banner.restore_button.click()
    wait(lambda: controller.lock.banner is None and not worker.busy)
    wait(lambda: bool(again.findChildren(ClientFormDialog)))
    desktop(shoot, "lock-6-draft-restored")
    controller.shutdown()
    ctx.close()


if __name__ == "__main__":
    run_alone("lock_screens", lock_screens)
