"""The client list model without widgets: pages of 200, role-cut columns, stale answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientListItem, ClientPage
from salon_desktop.domain.roles import Role
from tests.gui.clients_support import add_staff, sign_in_as, sync_run
from ui.clients.list_model import ClientListModel

ROOT = QModelIndex()


def service_model(ctx: AppContext) -> ClientListModel:
    clients = ctx.services.clients
    return ClientListModel(
        lambda text, limit, offset, total: clients.search(text, limit, offset,
                                                          with_total=total), sync_run)


def all_cells(model: ClientListModel) -> list[str]:
    return [str(model.data(model.index(row, column)))
            for row in range(model.rowCount()) for column in range(model.columnCount())]


def test_a_thousand_clients_arrive_in_pages_of_200(app_context: AppContext) -> None:
    app_context.services.demo.add_synthetic_clients(1000)
    model = service_model(app_context)
    model.set_query("")
    assert (model.rowCount(), model.total) == (200, 1000)
    assert model.columns == ("name", "phone", "language")
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Phone"
    assert model.data(model.index(0, 1)).startswith("+372 ")
    sizes = []
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)
        sizes.append(model.rowCount())
    assert sizes == [400, 600, 800, 1000]
    ids = [model.client_id(row) for row in range(model.rowCount())]
    assert len(set(ids)) == 1000
    model.clear()
    assert (model.rowCount(), model.total, model.canFetchMore(ROOT)) == (0, None, False)


def test_a_stylist_gets_no_phone_column(app_context: AppContext) -> None:
    app_context.services.demo.add_synthetic_clients(30)
    add_staff(app_context, "liis", Role.STYLIST, "Liis Lõikaja")
    sign_in_as(app_context, "liis")
    model = service_model(app_context)
    model.set_query("")
    assert model.rowCount() == 30
    assert model.columns == ("name", "language")
    assert model.columnCount() == 2
    cells = all_cells(model)
    assert not any("+372" in cell or "@" in cell for cell in cells)


def _page(text: str, total: int = 3) -> ClientPage:
    items = tuple(ClientListItem(id=n, first_name=f"{text}{n}", last_name="Test",
                                 language="et",
                                 visible_fields=frozenset({"first_name", "last_name"}))
                  for n in range(total))
    return ClientPage(items, total)


class Deferred:
    """A worker that holds the jobs until the test lets them run, in any order."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def __call__(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        self.jobs.append((fn, on_done))


def test_an_answer_overtaken_by_newer_typing_is_dropped() -> None:
    asked: list[str] = []

    def fetch(text: str, limit: int, offset: int, total: bool) -> ClientPage:
        asked.append(text)
        return _page(text)

    runner = Deferred()
    model = ClientListModel(fetch, runner)
    model.set_query("o")
    model.set_query("ol")
    newest = model.set_query("olg")
    assert model.generation == newest and model.loading
    (fn_o, done_o), (fn_ol, done_ol), (fn_olg, done_olg) = runner.jobs
    assert fn_o() is None and fn_ol() is None  # superseded while queued: no query runs
    done_olg(fn_olg())
    assert asked == ["olg"]
    assert model.data(model.index(0, 0)) == "Test, olg0"
    done_o(_page("o", 9))       # a late answer of an older generation…
    done_ol(_page("ol", 7))
    assert model.rowCount() == 3  # …changes nothing
    assert model.data(model.index(0, 0)) == "Test, olg0"
    assert model.text == "olg" and not model.loading


def test_clear_drops_the_list_and_any_answer_on_its_way() -> None:
    runner = Deferred()
    model = ClientListModel(lambda text, *_args: _page(text), runner)
    model.set_query("")
    fn, done = runner.jobs.pop()
    done(fn())
    assert model.rowCount() == 3
    model.set_query("x")
    late_fn, late_done = runner.jobs.pop()
    model.clear()
    late_done(_page("x"))
    assert (model.rowCount(), model.total, model.text) == (0, None, "")
    assert late_fn() is None
