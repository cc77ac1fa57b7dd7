"""The lock with the real Clients section (ui/pages/clients.py): a client's card open, its
edit form half-typed and a question box over it. The lock keeps the typed text as a draft,
clears the page, leaves nothing of the client on screen or in any widget; unlocking offers
the draft and the page reopens the form with the text in it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.conftest import ADMIN_PASSWORD
from tests.gui import lock_helpers
from tests.gui.helpers import signed_in_main
from tests.gui.lock_helpers import (
    FIRST,
    LAST,
    PHONE,
    SECRETS,
)
from tests.gui.screen_scan import (
    desktop_shot,
    leaks,
    only_window_in,
    readable_texts,
    shots_dir,
    visible_windows,
)
from ui.controller import AppController
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest

clients_page = pytest.importorskip("ui.pages.clients")
form_module = pytest.importorskip("ui.clients.form")
TYPED = "Tundlik peanahk; allergiline nikli suhtes"


def test_the_real_client_form_survives_a_lock(
        qtbot: QtBot, lock_salon: AppContext, tmp_path: Path,
        make_controller: Callable[..., AppController]) -> None:
    if not hasattr(clients_page.ClientsPage, "draft_kinds"):
        pytest.skip("the Clients page does not keep drafts yet")
    client_id = lock_salon.client_id  # type: ignore[attr-defined]
    controller = make_controller(lock_salon)
    controller.start()
    main = signed_in_main(qtbot, controller, "juhataja", ADMIN_PASSWORD)
    main.show_section("clients")
    page = main.stack.currentWidget()
    assert isinstance(page, clients_page.ClientsPage)
    page.open_client(client_id)
    qtbot.waitUntil(lambda: page.card.card is not None)
    form = page.edit_client(page.card.card)
    qtbot.waitUntil(lambda: not controller.worker.busy)
    form.set_value("notes", TYPED)
    box = QMessageBox(QMessageBox.Icon.Question, "Salon Desktop", f"{FIRST} {LAST}: {PHONE}?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, main)
    box.open()
    assert leaks(readable_texts(), SECRETS) == list(SECRETS)
    titles = " ".join(w.windowTitle() for w in QApplication.topLevelWidgets())
    assert FIRST not in titles and LAST not in titles  # the taskbar never names a client

    main.lock_action.trigger()
    screen = controller.window
    assert isinstance(screen, LockWindow)
    QApplication.processEvents()
    assert visible_windows() == [screen]
    assert leaks(readable_texts(), SECRETS) == [] and TYPED not in readable_texts()
    assert only_window_in(desktop_shot(shots_dir(tmp_path) / "lock-real-clients.png"), screen)
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    assert leaks(readable_texts(QApplication.topLevelWidgets()), SECRETS) == []
    qtbot.waitUntil(lambda: lock_salon.services.session is None)
    keys = [r["key"] for r in lock_salon.services.ctx.db.query("SELECT key FROM drafts")]
    assert keys == [f"client:{client_id}"]

    qtbot.keyClicks(screen.password, ADMIN_PASSWORD)
    screen.sign_in()
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow))
    qtbot.waitUntil(lambda: controller.lock.banner is not None)
    controller.lock.banner.restore_button.click()  # type: ignore[union-attr]
    again = controller.window
    assert isinstance(again, MainWindow)
    qtbot.waitUntil(lambda: bool(again.findChildren(form_module.ClientFormDialog)))
    restored = again.findChildren(form_module.ClientFormDialog)[-1]
    qtbot.waitUntil(lambda: restored.value("notes") == TYPED)
    restored.reject()
