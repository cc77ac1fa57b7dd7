"""The small protocol between forms and the lock: what is unsaved, and how to put it back.

A form that can hold unsaved edits (the client card, the booking dialog) implements
``DraftSource``; a page that can reopen such a form after the lock implements ``DraftHost``.
The lock finds them by duck typing (a page imports nothing from here); only a form whose
Save runs on the worker uses ``SaveInFlight`` (below).

    class ClientCard(QWidget):                      # a DraftSource
        def draft_key(self) -> str | None:          # "kind:id", kind = [a-z][a-z0-9_]*
            return f"client:{self.client_id}" if self.client_id else "client:new"
        def draft_payload(self) -> dict | None:     # None: nothing unsaved
            return self.form.changed_values() or None
        def restore_draft(self, payload: dict) -> None:
            self.form.set_values(payload)

    class ClientsPage(QWidget):                     # a DraftHost
        draft_kinds = ("client",)
        def reopen_draft(self, kind: str, key: str, payload: dict) -> None:
            self.open_card(key).restore_draft(payload)
        def clear(self) -> None:                    # called on lock: drop client data
            self.model.clear()

    PAGE = PageSpec("clients", ..., draft_kinds=ClientsPage.draft_kinds)

A form whose Save runs on the worker also answers ``draft_save_in_flight()``: the
``SaveInFlight`` of that save while it is running, else ``None``. A dialog is still on screen
while its save runs, so the lock collects its input; whether that input must become a draft
depends on the save's outcome, which only the worker knows (the dialog is destroyed with the
main window, and its answer may never be delivered). ``SaveInFlight`` records it there:

    def save(self) -> None:
        self._in_flight = SaveInFlight()
        job = self._in_flight.wrap(lambda: clients.create(values),
                                   stored=lambda result: result.client_id is not None)
        self.env.worker.run(job, self._created, self._failed, owner=self)

    def draft_save_in_flight(self) -> SaveInFlight | None:
        return self._in_flight               # set back to None when the answer is in

The main window builds a section only when it is first shown; until then a stand-in without
data holds its row. The host's ``draft_kinds`` are therefore repeated on its ``PageSpec`` (the
stand-in answers with them): a draft is offered after unlocking even when its section was not
opened yet, and ``reopen`` has the window build the page first.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

log = logging.getLogger(__name__)
_KIND = re.compile(r"[a-z][a-z0-9_]{0,31}")
T = TypeVar("T")


@runtime_checkable
class DraftSource(Protocol):
    def draft_key(self) -> str | None: ...
    def draft_payload(self) -> dict[str, Any] | None: ...
    def restore_draft(self, payload: dict[str, Any]) -> None: ...


@runtime_checkable
class DraftHost(Protocol):
    draft_kinds: tuple[str, ...]

    def reopen_draft(self, kind: str, key: str, payload: dict[str, Any]) -> None: ...


class SaveInFlight:
    """One Save of a form, as it runs on the worker: did it store the form's input?

    Why it exists: a dialog whose Save is running when the screen locks is still on screen,
    so the lock collects its input. If that save then stores it, a draft of the same input
    would be offered after unlocking and a second Save would make a duplicate client, visit
    or booking; if the save fails, the draft is all that is left of the typing. Only the
    worker knows which: the dialog goes with the main window, and its answer may never be
    delivered to it. The worker is one thread running jobs in the order they were asked for,
    and the save was asked for before the lock, so when the lock's own job (on the same
    worker) keeps the drafts, ``saved`` is already set; a saved form's input is then never
    written as a draft at all.

    ``saved`` is written and read on the worker thread only: ``None`` while the save has not
    run, ``True`` when it stored the input, ``False`` when it did not (refused, failed, or
    answered without storing, e.g. a possible duplicate to confirm first).
    """

    def __init__(self) -> None:
        self.saved: bool | None = None

    def wrap(self, job: Callable[[], T],
             stored: Callable[[T], bool] | None = None) -> Callable[[], T]:
        """``job`` for ``worker.run``, noting its outcome first. ``stored(result)`` says
        whether a result that is not an exception means the input was written (default:
        yes)."""

        def run() -> T:
            try:
                result = job()
            except BaseException:
                self.saved = False
                raise
            try:
                self.saved = True if stored is None else bool(stored(result))
            except Exception:  # unsure: keep the draft, the typing must not be lost
                self.saved = False
            return result

        return run


@dataclass(frozen=True)
class Unsaved:
    """One form's unsaved content, collected on the GUI thread before anything is hidden."""

    kind: str
    key: str
    payload: dict[str, Any]
    #: the form's Save that was running at the lock, if any (``SaveInFlight``)
    in_flight: SaveInFlight | None = field(default=None, compare=False)

    def still_unsaved(self) -> bool:
        """Whether to keep this draft; asked on the worker, after every job asked for before
        the lock. ``False`` only when the save in flight stored this very input. A save
        that has not run yet (impossible on the serial worker) keeps it: never lose it."""
        return self.in_flight is None or self.in_flight.saved is not True


def _is_source(widget: QWidget) -> bool:
    return all(callable(getattr(widget, name, None))
               for name in ("draft_key", "draft_payload", "restore_draft"))


def collect_drafts() -> list[Unsaved]:
    """Every open form's unsaved edits (one per key). A form that fails is skipped and
    logged by its class name only: the lock must happen even when one form misbehaves."""
    found: dict[str, Unsaved] = {}
    for widget in QApplication.allWidgets():
        # A form on a page not in front still counts (its window is on screen); a dialog
        # that was cancelled but not yet deleted does not: its edits were thrown away.
        if not _is_source(widget) or not widget.window().isVisible():
            continue
        try:
            key = widget.draft_key()  # type: ignore[attr-defined]
            payload = widget.draft_payload() if key else None  # type: ignore[attr-defined]
            if not key or payload is None:
                continue
            kind = key.partition(":")[0]
            if not _KIND.fullmatch(kind) or not isinstance(payload, dict):
                raise ValueError("bad draft key or payload")
            json.dumps(payload, allow_nan=False)  # fails now, not on the worker
            in_flight = _in_flight(widget)
        except Exception as error:
            log.error("unsaved edits of %s could not be kept: %s", type(widget).__name__,
                      type(error).__name__)
            continue
        found.setdefault(key, Unsaved(kind, key, payload, in_flight))
    return list(found.values())


def _in_flight(widget: QWidget) -> SaveInFlight | None:
    """The form's save running on the worker, if it says so (``draft_save_in_flight``)."""
    ask = getattr(widget, "draft_save_in_flight", None)
    token = ask() if callable(ask) else None
    if token is not None and not isinstance(token, SaveInFlight):
        raise TypeError("draft_save_in_flight answers a SaveInFlight or None")
    return token


def _pages(window: QMainWindow) -> list[QWidget]:
    """The widgets in the window's section stack, one per navigation row. A section not
    shown yet is a stand-in (``ui.pages.UnbuiltPage``: the main window builds each section
    on first show): it holds no data and has no forms, so there is nothing in it to collect
    or clear, but its ``draft_kinds`` say what the section reopens once built."""
    stack = getattr(window, "stack", None)
    if not isinstance(stack, QStackedWidget):
        return []
    return [stack.widget(row) for row in range(stack.count())]


def _reopens(page: QWidget, kind: str) -> bool:
    if kind not in getattr(page, "draft_kinds", ()):
        return False
    return getattr(page, "unbuilt", False) is True or callable(
        getattr(page, "reopen_draft", None))


def clear_pages(window: QMainWindow) -> None:
    """Ask every built page to drop its client data (models, caches) before the window
    goes."""
    for page in _pages(window):
        clear = getattr(page, "clear", None)
        if callable(clear):
            try:
                clear()
            except Exception:
                log.exception("a page could not clear itself: %s", type(page).__name__)


def host_row(window: QMainWindow, kind: str) -> int | None:
    """The row of the page in ``window`` that reopens drafts of ``kind``, if any, built or
    not yet built."""
    for row, page in enumerate(_pages(window)):
        if _reopens(page, kind):
            return row
    return None


def reopen(window: QMainWindow, kind: str, key: str, payload: dict[str, Any]) -> bool:
    """Show the page that owns ``kind`` (building it if it was never shown: the window's
    ``page_at``) and let it put the form back."""
    row = host_row(window, kind)
    if row is None:
        return False
    show_row = getattr(window, "show_section_row", None)
    if callable(show_row):
        show_row(row)
    page_at = getattr(window, "page_at", None)
    page = page_at(row) if callable(page_at) else _pages(window)[row]
    reopen_draft = getattr(page, "reopen_draft", None)
    if not callable(reopen_draft):  # a stand-in the window could not build
        return False
    reopen_draft(kind, key, payload)
    return True
