"""The Privacy & consents section, clients' rights: the requests register with its
deadlines, carrying a request out (the report saved where chosen, the request closed),
the JSON export, erasing a client after typing the last name, the retention review."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from salon_desktop.domain.rights import RequestKind, RequestStatus
from salon_desktop.storage import clients_repo
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.conftest import RECEPTION_PASSWORD, RECEPTION_USER
from tests.gui.test_privacy_consents import (  # noqa: F401  (the fixture)
    WAIT,
    Desk,
    open_privacy,
    pick,
)
from ui.privacy import files
from ui.privacy.erase_dialog import EraseClientDialog
from ui.privacy.request_dialogs import CloseDialog, ExtendDialog, NewRequestDialog
from ui.privacy.requests_model import OVERDUE_BG

Open = Callable[..., Desk]


def answer_save(monkeypatch: pytest.MonkeyPatch, folder: Path, name: str) -> Path:
    folder.mkdir(exist_ok=True)
    monkeypatch.setattr(files, "ask_save_path", lambda *_args: str(folder / name))
    return folder


def menu_action(desk: Desk, name: str) -> QAction:
    button = desk.page.consents.rights.button
    return next(a for a in button.menu().actions() if a.objectName() == name)


def test_register_deadlines_extend_and_close(qtbot: QtBot, open_privacy: Open) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    requests = desk.ctx.services.requests
    today = desk.ctx.clock.now().date()
    late = requests.receive(RequestKind.ACCESS, desk.olga, received_on=today - timedelta(40))
    panel = desk.page.requests
    assert panel is not None
    desk.page.show_tab(panel)
    dialog = panel.rights.new_request(None)
    assert isinstance(dialog, NewRequestDialog) and dialog.picker is not None
    qtbot.waitUntil(lambda: dialog.picker.results.count() == 2, timeout=WAIT)
    dialog.save()  # no client chosen: said next to the form, nothing logged
    assert dialog.error.isVisible() and dialog.isVisible()
    dialog.picker.results.setCurrentRow(0)  # Šmidt, Õie
    dialog.kind.setCurrentIndex(dialog.kind.findData(RequestKind.ERASURE.value))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=WAIT)
    assert desk.statuses[-1].startswith("Data protection request logged. The answer is due")

    rows = {r.kind: row for row, r in enumerate(panel.model.requests)}
    overdue = panel.model.index(rows[RequestKind.ACCESS], 1)
    assert "overdue by 9 days" in overdue.data()
    assert overdue.data(Qt.ItemDataRole.BackgroundRole).color().name() == OVERDUE_BG.lower()
    fresh = panel.model.index(rows[RequestKind.ERASURE], 1)
    assert fresh.data().endswith("in 30 days")
    assert panel.model.index(rows[RequestKind.ERASURE], 3).data() == "Õie Šmidt"

    panel.table.selectRow(rows[RequestKind.ERASURE])
    extend = panel.extend()
    assert isinstance(extend, ExtendDialog)
    extend.reason.setPlainText("Many years of visits to go through")
    qtbot.mouseClick(extend.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r.extended for r in panel.model.requests), timeout=WAIT)
    assert desk.statuses[-1].startswith("Deadline extended to ")
    assert desk.ctx.services.requests.entries()[-1].due_on.isoformat() == "2027-02-25"
    assert not panel.extend_button.isEnabled()  # once only
    assert panel.carry_button.text() == "Erase client data…"

    panel.table.selectRow([r.id for r in panel.model.requests].index(late.id))
    close = panel.close_request()
    assert isinstance(close, CloseDialog)
    close.status.setCurrentIndex(close.status.findData(RequestStatus.REFUSED.value))
    qtbot.mouseClick(close.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(close.error.isVisible, timeout=WAIT)  # a refusal needs its reason
    close.outcome.setPlainText("Not our client's request")
    qtbot.mouseClick(close.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)  # open ones only
    assert requests.get(late.id).status is RequestStatus.REFUSED


def test_access_request_carried_out_saves_the_report_and_closes_it(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        open_privacy: Open) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    asked = desk.ctx.services.requests.receive(RequestKind.ACCESS, desk.oie)
    out = answer_save(monkeypatch, tmp_path / "out", "Õie väljavõte")
    panel = desk.page.requests
    assert panel is not None
    desk.page.show_tab(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    panel.table.selectRow(0)
    assert panel.carry_button.text() == "Client data report…"
    qtbot.mouseClick(panel.carry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0 and bool(desk.statuses),
                    timeout=WAIT)
    saved = out / "Õie väljavõte.pdf"
    assert list(out.iterdir()) == [saved]  # exactly where chosen, no temporary copy
    assert saved.read_bytes().startswith(b"%PDF")
    assert desk.statuses[-1] == ("Client data report saved. The request is closed as "
                                 "answered.")
    assert desk.ctx.services.requests.get(asked.id).status is RequestStatus.DONE


def test_export_json_and_erase_after_typing_the_last_name(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        open_privacy: Open) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    out = answer_save(monkeypatch, tmp_path / "out", "oie.json")
    pick(qtbot, desk, "Šmidt", desk.oie)
    menu_action(desk, "rights_export").trigger()
    qtbot.waitUntil(lambda: desk.statuses[-1:] == ["Client data exported."], timeout=WAIT)
    exported = json.loads((out / "oie.json").read_text(encoding="utf-8"))
    assert "Šmidt" in json.dumps(exported, ensure_ascii=False)

    menu_action(desk, "rights_erase").trigger()
    rights = desk.page.consents.rights
    qtbot.waitUntil(lambda: isinstance(rights.dialog, EraseClientDialog), timeout=WAIT)
    dialog = rights.dialog
    assert isinstance(dialog, EraseClientDialog)
    assert dialog.stays.text() == "Nothing about the client stays."
    assert not dialog.erase_button.isEnabled()
    dialog.typed.setText("Smidt")  # close is not enough
    assert not dialog.erase_button.isEnabled()
    dialog.typed.setText(" šmidt ")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.statuses[-1] == "Client data erased.", timeout=WAIT)
    panel = desk.page.consents
    assert panel.client is None and not panel.detail.isVisible()
    qtbot.waitUntil(lambda: panel.picker.results.count() == 1, timeout=WAIT)
    assert desk.ctx.vault is not None
    assert clients_repo.get(desk.ctx.vault.db, desk.oie) is None


def test_reception_prints_the_report_and_logs_requests_only(
        qtbot: QtBot, open_privacy: Open) -> None:  # noqa: F811
    desk = open_privacy(RECEPTION_USER, RECEPTION_PASSWORD)
    assert desk.page.requests is None and desk.page.retention is None
    pick(qtbot, desk, "Šmidt", desk.oie)
    names = [a.objectName() for a in desk.page.consents.rights.button.menu().actions()
             if a.objectName()]
    assert names == ["rights_report", "rights_print", "rights_request"]  # no export, erasure
    dialog = desk.page.consents.rights.new_request(desk.page.consents.client)
    assert dialog.picker is None  # the client on screen
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(desk.statuses), timeout=WAIT)
    assert desk.statuses[-1].startswith("Data protection request logged.")
    desk.ctx.services.auth.sign_out()
    desk.ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    logged = desk.ctx.services.requests.entries()
    assert [(r.kind, r.client_id) for r in logged] == [(RequestKind.ACCESS, desk.oie)]


def test_retention_review_erases_the_chosen_after_confirming(
        qtbot: QtBot, open_privacy: Open) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    desk.ctx.clock.advance(4 * 366 * 24 * 3600)  # both clients: four years without a visit
    panel = desk.page.retention
    assert panel is not None
    desk.page.show_tab(panel)
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=WAIT)
    assert not panel.buttons["erase"].isEnabled()
    panel.list.item(0).setCheckState(Qt.CheckState.Checked)
    box = panel.ask(keep_as_statistics=False)
    assert box is not None and box.text().startswith("Erase 1 client?")
    erase = next(b for b in box.buttons()
                 if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole)
    assert box.defaultButton() is not erase
    erase.click()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT)
    assert desk.statuses[-1] == "1 client removed."


def test_lock_clears_every_tab(qtbot: QtBot, open_privacy: Open) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    desk.ctx.services.requests.receive(RequestKind.ACCESS, desk.oie)
    pick(qtbot, desk, "Šmidt", desk.oie)
    page = desk.page
    assert page.requests is not None and page.retention is not None
    page.show_tab(page.requests)
    qtbot.waitUntil(lambda: page.requests is not None and page.requests.model.rowCount() == 1,
                    timeout=WAIT)
    page.clear()  # what the lock asks of every page before the window goes
    assert page.consents.client is None and page.consents.loaded is None
    assert page.consents.picker.results.count() == 0 and not page.consents.picker.edit.text()
    assert page.requests.model.rowCount() == 0 and page.retention.list.count() == 0
    qtbot.waitUntil(lambda: not desk.page.env.worker.busy, timeout=WAIT)
    assert page.requests.model.rowCount() == 0  # an answer on its way is dropped
