"""The small protocol between forms and the lock: what is unsaved, and how to put it back.

A form that can hold unsaved edits (the client card, the booking dialog) implements
``DraftSource``; a page that can reopen such a form after the lock implements ``DraftHost``.
Neither imports anything from here: the lock finds them by duck typing, so a page works the
same with or without the lock package.

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

The main window builds a section only when it is first shown; until then a stand-in without
data holds its row. The host's ``draft_kinds`` are therefore repeated on its ``PageSpec`` (the
stand-in answers with them): a draft is offered after unlocking even when its section was not
opened yet, and ``reopen`` has the window build the page first.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

log = logging.getLogger(__name__)
_KIND = re.compile(r"[a-z][a-z0-9_]{0,31}")


@runtime_checkable
class DraftSource(Protocol):
    def draft_key(self) -> str | None: ...
    def draft_payload(self) -> dict[str, Any] | None: ...
    def restore_draft(self, payload: dict[str, Any]) -> None: ...


@runtime_checkable
class DraftHost(Protocol):
    draft_kinds: tuple[str, ...]

    def reopen_draft(self, kind: str, key: str, payload: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class Unsaved:
    """One form's unsaved content, collected on the GUI thread before anything is hidden."""

    kind: str
    key: str
    payload: dict[str, Any]


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
        except Exception as error:
            log.error("unsaved edits of %s could not be kept: %s", type(widget).__name__,
                      type(error).__name__)
            continue
        found.setdefault(key, Unsaved(kind, key, payload))
    return list(found.values())


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
