"""The Clients page by keyboard: search as you type, Enter opens, Esc closes, empty states."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.gui.clients_support import add_client, open_page, type_text
from tests.gui.helpers import signed_in_main
from ui.clients.form import ClientFormDialog
from ui.controller import AppController
from ui.pages.clients import ClientsPage
from ui.worker import Worker

CTRL = Qt.KeyboardModifier.ControlModifier


def names(page: ClientsPage) -> list[str]:
    return [page.model.data(page.model.index(row, 0)) for row in range(page.model.rowCount())]


def type_search(qtbot: QtBot, page: ClientsPage, text: str) -> None:
    search = page.list_pane.search
    search.clear()
    type_text(qtbot, search, text)
    qtbot.waitUntil(lambda: page.model.text == text and not page.model.loading)


def test_typing_finds_names_without_accents_and_in_cyrillic(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    for first, last, phone in (("Õie", "Šmidt", "+372 5123 4567"),
                               ("Ольга", "Иванова", "+372 5234 5678"),
                               ("Kati", "Tamm", None), ("Jüri", "Žukov", None)):
        add_client(app_context, first, last, phone=phone)
    page, _status = open_page(qtbot, app_context, worker)
    assert len(names(page)) == 4
    type_search(qtbot, page, "oie")
    assert names(page) == ["Šmidt, Õie"]
    type_search(qtbot, page, "оль")
    assert names(page) == ["Иванова, Ольга"]
    type_search(qtbot, page, "5123")  # reception may search by phone
    assert names(page) == ["Šmidt, Õie"]

    qtbot.keyClick(page.list_pane.search, Qt.Key.Key_Return)  # Enter opens the match
    qtbot.waitUntil(lambda: page.card.card is not None)
    assert page.card.name.text() == "Õie Šmidt"
    assert page.window().windowTitle() == ""  # the page never names the client in a title
    qtbot.keyClick(page.card, Qt.Key.Key_Escape)  # Esc closes the card, back to the search
    assert page.card.card is None and page.card.stack.currentIndex() == 0
    assert page.card.name.text() == ""


def test_down_then_enter_and_double_click_open_a_card(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    first = add_client(app_context, "Anna", "Aas")
    second = add_client(app_context, "Berit", "Bänsch")
    page, _status = open_page(qtbot, app_context, worker)
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    assert page.list_pane.search.hasFocus()
    qtbot.keyClick(page.list_pane.search, Qt.Key.Key_Down)
    table = page.list_pane.table
    assert table.hasFocus() and table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.card.client_id == second and page.card.card is not None)
    rect = table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.card.card.id == second  # a click only selects: opening is audited
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.id == first)


def test_empty_states_say_what_to_do(qtbot: QtBot, app_context: AppContext,
                                     worker: Worker) -> None:
    page, _status = open_page(qtbot, app_context, worker)
    pane = page.list_pane
    assert pane.empty_state_shown
    assert "Ctrl+N" in pane.empty_text.text()
    assert pane.empty_new.isVisibleTo(page) and pane.empty_import.isVisibleTo(page)
    add_client(app_context, "Mari", "Mets")
    page.reload()
    qtbot.waitUntil(lambda: not pane.empty_state_shown)
    type_search(qtbot, page, "xyzzy")
    assert pane.empty_state_shown
    assert pane.empty_title.text() == "No client matches this search."
    assert not pane.empty_import.isVisibleTo(page)

    qtbot.keyClick(page, Qt.Key.Key_N, CTRL)  # Ctrl+N: a new client, from anywhere here
    dialogs = page.findChildren(ClientFormDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].reject()


def test_clear_forgets_every_client(qtbot: QtBot, app_context: AppContext,
                                    worker: Worker) -> None:
    client = add_client(app_context, "Õie", "Šmidt", phone="+372 5123 4567")
    page, _status = open_page(qtbot, app_context, worker)
    type_search(qtbot, page, "Šmidt")
    page.open_client(client)
    qtbot.waitUntil(lambda: page.card.card is not None)
    page.clear()
    assert page.model.rowCount() == 0 and page.card.card is None
    assert page.list_pane.search.text() == "" and page.card.revealed == {}
    qtbot.waitUntil(lambda: not worker.busy)
    assert page.model.rowCount() == 0  # nothing came back on its own


def test_the_page_in_the_main_window(qtbot: QtBot, set_up_context: AppContext,
                                     make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    page = main.stack.currentWidget()
    assert isinstance(page, ClientsPage)
    qtbot.waitUntil(lambda: page.list_pane.empty_state_shown)
    qtbot.keyClick(main, Qt.Key.Key_F, CTRL)
    assert page.list_pane.search.hasFocus()
    main.show_section("appointments")
    qtbot.keyClick(main, Qt.Key.Key_N, CTRL)  # not the Clients section: Ctrl+N is not ours
    assert page.findChildren(ClientFormDialog) == []
    main.show_section("clients")
    qtbot.keyClick(main, Qt.Key.Key_N, CTRL)
    dialogs = page.findChildren(ClientFormDialog)
    assert len(dialogs) == 1
    dialogs[0].reject()
    assert main.windowTitle() == f"Salon Desktop — {SALON_NAME}"
