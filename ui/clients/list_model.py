"""The client list as a lazy table model: pages of 200 fetched on the worker as you scroll.

Why lazy: a salon may hold 100,000 clients; loading them all would cost seconds and memory
at every keystroke. The model asks the service for one page, learns the total with it, and
Qt's ``canFetchMore``/``fetchMore`` pull the next page when the view scrolls near the end.

Why a generation counter: search runs as you type, and the worker answers in order, so the
answer to "ol" can arrive after "olg" was typed. Every query gets a new generation; an
answer tagged with an older one is dropped (and a job still queued for an old generation
returns at once without touching the database).

Columns follow what the service returned: the phone column exists only when the items carry
``phone`` in ``visible_fields`` — for a stylist it never appears (not merely empty).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from salon_desktop.domain.clients import ClientListItem, ClientPage
from salon_desktop.domain.validation import format_phone
from salon_desktop.i18n import N_, _
from ui.clients.texts import language_label, list_name

PAGE_SIZE = 200
#: text, limit, offset, with_total → a page (runs on the worker thread)
Fetch = Callable[[str, int, int, bool], ClientPage]
Index = QModelIndex | QPersistentModelIndex
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole

COLUMN_TITLES: dict[str, str] = {
    "name": N_("Client"),
    "phone": N_("Phone"),
    "language": N_("Language"),
}


class Runner(Protocol):
    """``Worker.run`` (or a synchronous stand-in in tests)."""

    def __call__(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None: ...


class ClientListModel(QAbstractTableModel):
    #: a query's first page arrived: the total is known (also after an empty result)
    query_loaded = Signal()
    #: a fetch failed; carries the exception for ``ui.errors.message_for``
    failed = Signal(object)

    def __init__(self, fetch: Fetch, run: Runner, *, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch, self._run, self.page_size = fetch, run, page_size
        self._items: list[ClientListItem] = []
        self._columns: list[str] = ["name", "language"]
        #: phone → display text for the rows held: ``format_phone`` (phonenumbers) costs
        #: ~70 µs and the view asks again at every repaint; dropped with the rows
        self._phones: dict[str, str] = {}
        self._text = ""
        self._total: int | None = None
        self._generation = 0
        self._fetching = False  # a job of the current generation is on its way

    # -- state -----------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        return self._generation

    @property
    def text(self) -> str:
        return self._text

    @property
    def total(self) -> int | None:
        """Clients matching the current query; ``None`` until its first page arrived."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self._columns)

    def item(self, row: int) -> ClientListItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def client_id(self, row: int) -> int | None:
        found = self.item(row)
        return found.id if found else None

    def row_of(self, client_id: int) -> int | None:
        return next((row for row, item in enumerate(self._items) if item.id == client_id),
                    None)

    # -- queries ---------------------------------------------------------------------------
    def set_query(self, text: str) -> int:
        """Start a new search; what is on screen stays until its first page arrives (no
        flicker while typing). Returns the query's generation."""
        self._generation += 1
        self._text = text
        self._start(self._generation, 0)
        return self._generation

    def refresh(self) -> int:
        """The same query again (after a client was added, edited or imported)."""
        return self.set_query(self._text)

    def clear(self) -> None:
        """Drop every client from memory (the lock screen calls this); answers still on
        their way are dropped too."""
        self._generation += 1
        self._fetching = False
        self.beginResetModel()
        self._items = []
        self._phones = {}
        self._total = None
        self._text = ""
        self.endResetModel()

    def _start(self, generation: int, offset: int) -> None:
        self._fetching = True
        text, limit, fetch = self._text, self.page_size, self._fetch

        def job() -> ClientPage | None:
            if generation != self._generation:  # superseded while queued: skip the query
                return None
            return fetch(text, limit, offset, offset == 0)

        self._run(job, lambda page: self._deliver(generation, offset, page),
                  lambda error: self._failed(generation, error))

    def _deliver(self, generation: int, offset: int, page: ClientPage | None) -> None:
        if generation != self._generation or page is None:
            return  # a stale answer: a newer query owns the list
        self._fetching = False
        if offset == 0:
            self.beginResetModel()
            self._items = list(page.items)
            self._phones = {}
            self._total = page.total if page.total is not None else len(page.items)
            if page.items:
                self._columns = self._columns_for(page.items)
            self.endResetModel()
            self.query_loaded.emit()
            return
        if not page.items:  # clients were erased meanwhile: stop asking for more
            self._total = len(self._items)
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
        self._items.extend(page.items)
        self.endInsertRows()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self.failed.emit(error)

    @staticmethod
    def _columns_for(items: tuple[ClientListItem, ...]) -> list[str]:
        has_phone = any("phone" in item.visible_fields for item in items)
        return ["name", "phone", "language"] if has_phone else ["name", "language"]

    # -- Qt's model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index) -> bool:
        return (not parent.isValid() and not self._fetching and self._total is not None
                and len(self._items) < self._total)

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._start(self._generation, len(self._items))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == CLIENT_ID_ROLE:
            return item.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = self._columns[index.column()]
        if column == "name":
            return list_name(item.first_name, item.last_name)
        if column == "phone":
            if "phone" not in item.visible_fields or not item.phone:
                return ""
            shown = self._phones.get(item.phone)
            if shown is None:
                shown = self._phones[item.phone] = format_phone(item.phone)
            return shown
        return language_label(item.language)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return _(COLUMN_TITLES[self._columns[section]])
        return None

    def retranslate(self) -> None:
        """Headers and the language column are words: ask the views to draw them again."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._items:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._items) - 1, len(self._columns) - 1))
