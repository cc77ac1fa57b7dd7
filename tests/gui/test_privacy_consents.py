"""The Privacy & consents section, client consents: give and withdraw with one click each,
the history, the paper form, erasing health data after a withdrawal, what each role sees.

The page is built directly on a signed-in context (no sign-in window), the way the main
window builds it; every service call still goes through the real worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.consents import Action, Method, Purpose
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.conftest import RECEPTION_PASSWORD, RECEPTION_USER
from ui.pages import PageEnv
from ui.privacy import files
from ui.privacy.page import PrivacyPage
from ui.worker import Worker

WAIT = 10_000


@dataclass
class Desk:
    ctx: AppContext
    page: PrivacyPage
    oie: int
    olga: int
    statuses: list[str] = field(default_factory=list)


def add_client(ctx: AppContext, first: str, last: str, phone: str, email: str,
               language: str) -> int:
    result = ctx.services.clients.create(ClientDraft(first, last, phone=phone, email=email,
                                                     language=language))
    assert result.client_id is not None
    return result.client_id


@pytest.fixture
def open_privacy(qtbot: QtBot, set_up_context: AppContext,
                 worker: Worker) -> Iterator[Callable[[str, str], Desk]]:
    """``open_privacy(user, password)``: two clients, that user signed in, the page shown."""

    def open_(username: str, password: str) -> Desk:
        ctx = set_up_context
        ctx.open()
        ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
        oie = add_client(ctx, "Õie", "Šmidt", "+372 5555 0101", "oie.smidt@example.com", "et")
        olga = add_client(ctx, "Ольга", "Иванова", "+372 5555 0202", "olga.ivanova@example.com",
                          "ru")
        if username != ADMIN_USER:
            ctx.services.auth.sign_out()
            ctx.services.auth.sign_in(username, password)
        session = ctx.services.session
        assert session is not None
        statuses: list[str] = []
        page = PrivacyPage(PageEnv(ctx, worker, session, statuses.append))
        qtbot.addWidget(page)
        page.resize(1200, 760)
        page.show()
        qtbot.waitUntil(lambda: page.consents.picker.results.count() == 2, timeout=WAIT)
        return Desk(ctx, page, oie, olga, statuses)

    yield open_
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT)


def pick(qtbot: QtBot, desk: Desk, typed: str, client_id: int) -> None:
    """Search, then press Enter in the field, the way reception does."""
    picker = desk.page.consents.picker
    picker.edit.setText(typed)  # QTest types ASCII only
    picker.search_now()
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=WAIT)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    panel = desk.page.consents
    qtbot.waitUntil(lambda: panel.loaded is not None and panel.loaded.client.id == client_id,
                    timeout=WAIT)


def click_and_wait(qtbot: QtBot, desk: Desk, button: QPushButton,
                   history_rows: int) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    panel = desk.page.consents
    qtbot.waitUntil(lambda: panel.history.rowCount() == history_rows
                    and not panel.grid.busy, timeout=WAIT)


def grid_button(desk: Desk, kind: str, purpose: Purpose) -> QPushButton:
    row = desk.page.consents.grid.rows[purpose]
    return row.give if kind == "give" else row.withdraw


def test_give_withdraw_give_updates_state_and_history(qtbot: QtBot,
                                                      open_privacy: Callable[..., Desk]
                                                      ) -> None:
    desk = open_privacy(RECEPTION_USER, RECEPTION_PASSWORD)
    panel = desk.page.consents
    # reception: the consents tab only, no restriction (a manager's data-protection step)
    assert desk.page.tabs.count() == 1
    assert desk.page.marketing is None and desk.page.wordings is None
    pick(qtbot, desk, "Šmidt", desk.oie)
    assert not panel.restricted.isVisible() and panel.objecting.isVisible()
    state = panel.grid.rows[Purpose.SMS].state
    assert state.text() == "Not asked yet"
    give, withdraw = grid_button(desk, "give", Purpose.SMS), grid_button(desk, "withdraw",
                                                                         Purpose.SMS)
    assert give.width() == withdraw.width() and give.height() == withdraw.height()

    panel.method.setCurrentIndex(panel.method.findData(Method.PHONE))
    click_and_wait(qtbot, desk, give, 1)
    assert state.text() == "Given ✔"
    assert "By phone" in panel.grid.rows[Purpose.SMS].recorded.text()
    assert "Kati Tamm" in panel.grid.rows[Purpose.SMS].recorded.text()
    assert not give.isEnabled() and withdraw.isEnabled()
    assert withdraw.hasFocus() or not give.hasFocus()  # the keyboard stays in the row

    click_and_wait(qtbot, desk, withdraw, 2)  # one click, no "are you sure?"
    assert QApplication.activeModalWidget() is None
    assert state.text() == "Withdrawn ✖"
    assert give.isEnabled() and not withdraw.isEnabled()

    panel.method.setCurrentIndex(panel.method.findData(Method.DESK))
    click_and_wait(qtbot, desk, give, 3)
    assert state.text() == "Given ✔"
    assert [panel.history.item(r, 2).text() for r in range(3)] == [
        "Given", "Withdrawn", "Given"]
    assert [panel.history.item(r, 3).text() for r in range(3)] == [
        "In person at the desk", "By phone", "By phone"]
    assert panel.history.item(0, 5).text() == "Eesti, version 1"
    assert panel.history.item(0, 5).toolTip()  # the exact wording the client agreed to
    ledger = desk.ctx.services.consents.history(desk.oie)
    assert [(e.action, e.method) for e in ledger] == [
        (Action.GIVEN, Method.DESK), (Action.WITHDRAWN, Method.PHONE),
        (Action.GIVEN, Method.PHONE)]
    assert desk.statuses[-1] == "Consent recorded: Marketing by SMS."


def test_a_reply_to_a_message_withdraws_but_cannot_give(
        qtbot: QtBot, open_privacy: Callable[..., Desk]) -> None:
    desk = open_privacy(RECEPTION_USER, RECEPTION_PASSWORD)
    desk.ctx.services.consents.give(desk.olga, Purpose.EMAIL, Method.SCREEN)
    pick(qtbot, desk, "Иванова", desk.olga)
    panel = desk.page.consents
    panel.method.setCurrentIndex(panel.method.findData(Method.MESSAGE))
    assert not grid_button(desk, "give", Purpose.PHOTOS).isEnabled()
    click_and_wait(qtbot, desk, grid_button(desk, "withdraw", Purpose.EMAIL), 2)
    assert desk.ctx.services.consents.history(desk.olga)[0].method is Method.MESSAGE


def test_consent_form_saved_and_recorded_as_paper(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  open_privacy: Callable[..., Desk]) -> None:
    desk = open_privacy(RECEPTION_USER, RECEPTION_PASSWORD)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "Õie form"  # no suffix typed: ".pdf" is added
    monkeypatch.setattr(files, "ask_save_path", lambda *_args: str(target))
    pick(qtbot, desk, "Õie", desk.oie)
    paper = desk.page.consents.paper
    qtbot.mouseClick(paper.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: paper.dialog is not None, timeout=WAIT)
    saved = out / "Õie form.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert list(out.iterdir()) == [saved]  # no temporary copies left behind
    dialog = paper.dialog
    assert dialog is not None
    assert not any(box.isChecked() for box in dialog.boxes.values())  # nothing pre-ticked
    dialog.boxes[Purpose.EMAIL].setChecked(True)
    dialog.boxes[Purpose.HEALTH].setChecked(True)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    panel = desk.page.consents
    qtbot.waitUntil(lambda: panel.history.rowCount() == 2, timeout=WAIT)
    ledger = desk.ctx.services.consents.history(desk.oie)
    assert sorted((e.purpose.value, e.method, e.wording_version) for e in ledger) == [
        ("email", Method.PAPER, 1), ("health", Method.PAPER, 1)]
    assert panel.grid.rows[Purpose.EMAIL].state.text() == "Given ✔"
    assert panel.grid.rows[Purpose.SMS].state.text() == "Not asked yet"  # unticked: no "no"
    assert not paper.record_button.isVisible()
    assert desk.statuses[-1] == "2 consents recorded from the signed form."


def test_health_withdrawn_offers_to_erase_health_data(qtbot: QtBot,
                                                      open_privacy: Callable[..., Desk]
                                                      ) -> None:
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    services = desk.ctx.services
    services.consents.give(desk.oie, Purpose.HEALTH, Method.PAPER)
    services.client_health.set_health(desk.oie, "Ammoniaak", None)
    pick(qtbot, desk, "Šmidt", desk.oie)
    panel = desk.page.consents
    assert not panel.health.isVisible()
    click_and_wait(qtbot, desk, grid_button(desk, "withdraw", Purpose.HEALTH), 2)
    assert panel.health.isVisible()
    box = panel.health.ask()
    erase = next(b for b in box.buttons()
                 if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole)
    assert box.defaultButton() is not erase  # Enter does not erase
    erase.click()
    qtbot.waitUntil(lambda: not panel.health.isVisible(), timeout=WAIT)
    assert not services.consents.has_health_data(desk.oie)
    assert desk.statuses[-1] == "Health data erased."


def test_objection_and_restriction_are_recorded(qtbot: QtBot,
                                                open_privacy: Callable[..., Desk]) -> None:
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    pick(qtbot, desk, "Иванова", desk.olga)
    panel = desk.page.consents
    assert panel.restricted.isVisible()
    for box in (panel.objecting, panel.restricted):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(desk.statuses) == 2 and panel.loaded is not None
                    and panel.loaded.state.restricted is True, timeout=WAIT)
    state = desk.ctx.services.consents.state(desk.olga)
    assert (state.objecting, state.restricted) == (True, True)
    assert panel.objecting.isChecked() and panel.restricted.isChecked()
