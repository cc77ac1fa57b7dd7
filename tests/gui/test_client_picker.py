"""The one client picker (ui/clients/picker.py) on its own: typing, arrows and Enter in both
presentations, the role's cut (a stylist finds names only and never sees a phone), Enter
pressed before the answer arrives, and forgetting everything for the lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientListItem
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import set_language
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.clients_support import add_client, add_staff, sign_in_as
from tests.gui.test_booking_helpers import type_text
from ui.clients.picker import ClientPicker, PickerMode
from ui.pages import PageEnv
from ui.worker import Worker


@pytest.fixture
def ctx(set_up_context: AppContext) -> AppContext:
    set_up_context.open()
    set_up_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    add_client(set_up_context, "Õie", "Šmidt", phone="+372 5555 0101")
    add_client(set_up_context, "Anna", "Šarapova", phone="+372 5555 0303")
    add_client(set_up_context, "Kati", "Tamm", phone="+372 5555 0404")
    add_staff(set_up_context, "liis", Role.STYLIST, "Liis")
    return set_up_context


def make(qtbot: QtBot, ctx: AppContext, worker: Worker, mode: PickerMode,
         picked: list[ClientListItem | None]) -> ClientPicker:
    session = ctx.services.session
    assert session is not None
    picker = ClientPicker(PageEnv(ctx, worker, session, lambda _m: None), mode)
    qtbot.addWidget(picker)
    picker.pause_ms = 0
    picker.picked.connect(picked.append)
    picker.resize(320, 260)
    picker.show()
    return picker


def test_in_a_form_arrows_move_the_highlight_and_enter_fills_the_field(
        qtbot: QtBot, ctx: AppContext, worker: Worker) -> None:
    picked: list[ClientListItem | None] = []
    picker = make(qtbot, ctx, worker, PickerMode.FIELD, picked)
    assert picker.results.isHidden()                       # nothing until something is typed
    assert picker.edit.placeholderText() == "Name, phone or e-mail"
    type_text(picker.edit, "š")
    qtbot.waitUntil(lambda: picker.results.count() == 2 and not worker.busy)
    assert picker.results.isVisible() and picker.results.currentRow() == 0
    assert [picker.results.item(i).text() for i in range(2)] == [
        "Šarapova, Anna · +372 5555 0303", "Šmidt, Õie · +372 5555 0101"]
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)           # stops at the last row
    qtbot.keyClick(picker.edit, Qt.Key.Key_Up)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.edit.text() == "Šmidt, Õie · +372 5555 0101"
    assert picker.results.isHidden()
    assert [p.last_name for p in picked if p is not None] == ["Šmidt"]
    assert picker.client_id == picked[-1].id               # type: ignore[union-attr]
    type_text(picker.edit, "x")                             # typing again: no choice any more
    assert picker.client_id is None and picked[-1] is None


def test_a_stylist_finds_names_only_and_sees_no_phone(
        qtbot: QtBot, ctx: AppContext, worker: Worker) -> None:
    sign_in_as(ctx, "liis")
    picker = make(qtbot, ctx, worker, PickerMode.FIELD, [])
    assert picker.edit.placeholderText() == "Client's name"
    type_text(picker.edit, "5555 0101")
    qtbot.waitUntil(lambda: picker.status.isVisible() and not worker.busy)
    assert picker.results.count() == 0
    assert picker.status.text().startswith("No client found.")
    picker.edit.clear()
    type_text(picker.edit, "tamm")
    qtbot.waitUntil(lambda: picker.results.count() == 1 and not worker.busy)
    assert picker.results.item(0).text() == "Tamm, Kati"
    assert picker.status.isHidden()
    set_language("et")
    picker.retranslate()
    assert picker.edit.placeholderText() == "Kliendi nimi"


def test_enter_before_the_answer_picks_from_the_latest_typing(
        qtbot: QtBot, ctx: AppContext, worker: Worker) -> None:
    for mode in PickerMode:
        picked: list[ClientListItem | None] = []
        picker = make(qtbot, ctx, worker, mode, picked)
        picker.pause_ms = 60_000                           # the pause has not ended yet
        type_text(picker.edit, "tamm")
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda p=picked: bool(p) and not worker.busy)  # type: ignore[misc]
        assert [p.last_name for p in picked if p is not None] == ["Tamm"], mode


def test_a_side_list_shows_everyone_and_down_walks_into_it(
        qtbot: QtBot, ctx: AppContext, worker: Worker) -> None:
    picked: list[ClientListItem | None] = []
    picker = make(qtbot, ctx, worker, PickerMode.LIST, picked)
    picker.search_now()                                    # the page does this when shown
    qtbot.waitUntil(lambda: picker.results.count() == 3 and not worker.busy)
    assert picker.loaded and picker.results.isVisible()
    assert picker.results.item(0).text() == "Šarapova, Anna"   # names only in the column
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    assert [p.last_name for p in picked if p is not None] == ["Šarapova"]
    picker.results.setCurrentRow(2)                        # arrowing shows each in turn
    assert [p.last_name for p in picked if p is not None] == ["Šarapova", "Tamm"]
    picker.edit.setText("zzz")
    picker.search_now()
    qtbot.waitUntil(lambda: picker.status.isVisible() and not worker.busy)
    assert picker.results.count() == 0
    assert picker.status.text().startswith("No client found.")
    picker.clear()                                         # the lock
    assert (picker.edit.text(), picker.results.count(), picker.client_id, picker.loaded,
            picker.items) == ("", 0, None, False, {})
    assert picker.status.isHidden()
