"""Unlock and switch user. The same person unlocking gets their unsaved text back exactly
(offered in a banner, restored into the reopened card) and their section; a stylist
signing in after the manager's lock gets their own session and view, never the manager's
draft nor any contact field. Window titles never name a client. Every step is audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.gui import lock_helpers
from tests.gui.lock_helpers import (
    FIRST,
    LAST,
    SECRETS,
    STYLIST_PASSWORD,
    STYLIST_USER,
    FakeClientCard,
    clients_page,
    open_card_with_edits,
    sign_in_main,
    use_fake_clients_page,
)
from tests.gui.screen_scan import desktop_shot, leaks, readable_texts, shots_dir, visible_windows
from ui.controller import AppController
from ui.lock.screen import LockWindow
from ui.main_window import MainWindow

lock_salon = lock_helpers.lock_salon  # the fixture, for pytest

TYPED = "Värv 7/1 + 6 % 30 vol — 35 min\nAllergia? Küsida enne! «Ольга» 😊"


@pytest.fixture
def app(qtbot: QtBot, lock_salon: AppContext, monkeypatch: pytest.MonkeyPatch,
        make_controller: Callable[..., AppController]) -> tuple[AppController, MainWindow]:
    use_fake_clients_page(monkeypatch)
    controller = make_controller(lock_salon)
    controller.start()
    return controller, sign_in_main(qtbot, controller)


def _lock(qtbot: QtBot, controller: AppController, ctx: AppContext) -> LockWindow:
    assert isinstance(controller.window, MainWindow)
    controller.window.lock_action.trigger()  # the toolbar button
    screen = controller.window
    assert isinstance(screen, LockWindow)
    qtbot.waitUntil(lambda: ctx.services.session is None)
    return screen


def _type_and_enter(qtbot: QtBot, screen: LockWindow, password: str) -> None:
    qtbot.keyClicks(screen.password, password)
    screen.sign_in()


def _audit(ctx: AppContext) -> list[str]:
    """Sign-in, lock and draft entries since the app started (not the fixture's set-up)."""
    return [r["action"] for r in ctx.services.ctx.db.query(
        "SELECT action FROM audit_log WHERE (action LIKE 'auth.%' OR action LIKE 'draft.%') "
        "AND id > ? ORDER BY id", (ctx.audit_mark,))]  # type: ignore[attr-defined]


def test_draft_round_trip_gives_the_text_back_exactly(
        qtbot: QtBot, app: tuple[AppController, MainWindow], lock_salon: AppContext,
        clock: FakeClock, tmp_path: Path) -> None:
    controller, main = app
    client_id = lock_salon.client_id  # type: ignore[attr-defined]
    card = open_card_with_edits(qtbot, main, client_id, "x")
    card.notes.setPlainText(TYPED)  # (emoji and newlines are awkward to key-click)
    main.show_section("appointments")
    main.show_section("clients")
    screen = _lock(qtbot, controller, lock_salon)
    assert screen.username.text() == ADMIN_USER and screen.username.isReadOnly()
    _type_and_enter(qtbot, screen, "wrong password")
    qtbot.waitUntil(screen.error.isVisible)
    assert controller.window is screen and screen.password.text() == ""
    clock.advance(2)  # the growing delay after a wrong password
    _type_and_enter(qtbot, screen, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow))
    again = controller.window
    assert isinstance(again, MainWindow) and again is not main
    assert again.section_keys()[again.stack.currentIndex()] == "clients"  # where they were
    qtbot.waitUntil(lambda: controller.lock.banner is not None)
    banner = controller.lock.banner
    assert banner is not None and banner.isVisible()
    assert banner.text.text().startswith("You have unsaved work from 09:0")
    assert TYPED not in readable_texts()  # the banner tells the time, never the text
    desktop_shot(shots_dir(tmp_path) / "unlocked-draft-banner.png")
    banner.restore_button.click()
    page = clients_page(again)
    qtbot.waitUntil(lambda: page.card is not None and page.card.loaded is not None)
    assert page.card is not None and page.card.notes.toPlainText() == TYPED
    qtbot.waitUntil(lambda: controller.lock.banner is None)
    assert lock_salon.services.ctx.db.scalar("SELECT count(*) FROM drafts") == 0
    assert _audit(lock_salon) == ["auth.sign_in", "draft.kept", "auth.lock",
                                  "auth.unlock_failed", "auth.unlock", "draft.restored"]


def test_discarding_the_offer(qtbot: QtBot, app: tuple[AppController, MainWindow],
                              lock_salon: AppContext) -> None:
    controller, main = app
    open_card_with_edits(qtbot, main, lock_salon.client_id, "x")  # type: ignore[attr-defined]
    screen = _lock(qtbot, controller, lock_salon)
    _type_and_enter(qtbot, screen, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.lock.banner is not None)
    controller.lock.banner.discard_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: controller.lock.banner is None)
    assert _audit(lock_salon)[-1] == "draft.discarded"
    assert lock_salon.services.ctx.db.scalar("SELECT count(*) FROM drafts") == 0


def test_a_stylist_switching_in_never_sees_the_managers_draft_or_contacts(
        qtbot: QtBot, app: tuple[AppController, MainWindow], lock_salon: AppContext,
        tmp_path: Path) -> None:
    controller, main = app
    open_card_with_edits(qtbot, main, lock_salon.client_id,  # type: ignore[attr-defined]
                         "Juhataja note: debt 40 EUR")
    screen = _lock(qtbot, controller, lock_salon)
    screen.switch_button.click()
    assert screen.username.text() == "" and not screen.username.isReadOnly()
    qtbot.keyClicks(screen.username, STYLIST_USER)
    _type_and_enter(qtbot, screen, STYLIST_PASSWORD)
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow))
    stylist = controller.window
    assert isinstance(stylist, MainWindow) and stylist.session.username == STYLIST_USER
    assert stylist.staff_label.text() == "Liis Lõng · Stylist"
    assert "administration" not in stylist.section_keys()
    qtbot.waitUntil(lambda: clients_page(stylist).table.rowCount() == 1)
    qtbot.waitUntil(lambda: not controller.worker.busy)  # the drafts were looked up
    assert controller.lock.banner is None and controller.lock.offered == []
    text = readable_texts()
    assert "Juhataja note" not in text and "debt" not in text
    assert f"{LAST}, {FIRST}" in text  # the stylist sees the name …
    assert leaks(text, SECRETS[1:]) == []  # … but never the phone or the e-mail
    desktop_shot(shots_dir(tmp_path) / "switched-to-stylist.png")
    # The manager's draft waits for the manager only.
    drafts = lock_salon.services.ctx.db.query("SELECT staff_id FROM drafts")
    assert [r["staff_id"] for r in drafts] == [main.session.staff_id]
    assert _audit(lock_salon)[-2:] == ["auth.sign_out", "auth.sign_in"]  # a switch


def test_window_titles_never_name_a_client(
        qtbot: QtBot, app: tuple[AppController, MainWindow], lock_salon: AppContext
        ) -> None:
    controller, main = app
    open_card_with_edits(qtbot, main, lock_salon.client_id, "x")  # type: ignore[attr-defined]
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets()]
    assert f"Salon Desktop — {SALON_NAME}" in titles
    assert not any(FIRST in t or LAST in t for t in titles)
    _lock(qtbot, controller, lock_salon)
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert titles == ["Salon Desktop"]


def test_edits_behind_another_section_are_kept_cancelled_ones_are_not(
        qtbot: QtBot, app: tuple[AppController, MainWindow], lock_salon: AppContext) -> None:
    controller, main = app
    client_id = lock_salon.client_id  # type: ignore[attr-defined]
    open_card_with_edits(qtbot, main, client_id, "kept")
    page = clients_page(main)
    cancelled = FakeClientCard(page.env, client_id)  # a closed form, not yet deleted
    qtbot.addWidget(cancelled)
    qtbot.waitUntil(lambda: cancelled.loaded is not None)
    cancelled.notes.setPlainText("thrown away")
    main.show_section("appointments")  # the card's page is no longer in front
    _lock(qtbot, controller, lock_salon)
    rows = lock_salon.services.ctx.db.query("SELECT key, payload_json FROM drafts")
    assert [(r["key"], r["payload_json"]) for r in rows] == [
        (f"client:{client_id}", '{"notes":"kept"}')]


def test_a_failing_page_cannot_stop_the_lock(
        qtbot: QtBot, app: tuple[AppController, MainWindow], lock_salon: AppContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    controller, main = app

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(clients_page(main), "clear", broken)  # a page failing: logged
    open_card_with_edits(qtbot, main, lock_salon.client_id, "x")  # type: ignore[attr-defined]
    monkeypatch.setattr("ui.lock.manager.put_away_windows", broken)  # the lock itself failing
    main.lock()
    assert isinstance(controller.window, LockWindow)  # it fails closed
    assert visible_windows() == [controller.window]
    assert leaks(readable_texts(), SECRETS) == []
    qtbot.waitUntil(lambda: lock_salon.services.session is None)  # the session locked too
    assert lock_salon.services.ctx.db.scalar("SELECT count(*) FROM drafts") == 1
