"""The sections of the main window, as a registry.

A later issue plugs its section in by writing one module here that defines
``PAGE = PageSpec(...)`` and adding that module to ``_MODULES`` below (explicit imports, so a
PyInstaller bundle finds every page without hidden-import lists). The main window builds the
navigation from ``visible_pages(session)``; the page decides who may see it, the services
still check every call.

The main window builds a section only when it is first shown (``UnbuiltPage`` stands in for
it until then): building all five at sign-in took ~300 ms of the 0.5 s a person waits for the
client list (docs/performance.md). So ``build`` must not assume the other sections exist, and
what the lock needs to know before a page exists (which drafts it reopens) is on the spec.
Nor may it show a widget before the widget has a parent (``setVisible(True)`` on a fresh
button): built inside the live window, that widget is a window of its own for a moment, and
takes the keyboard from the main window (``hide()`` what must not show instead).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.base import Session


class PageEnv:
    """What a page gets: the services (through the worker), who is signed in, the status bar.

    ``session`` is read when asked, through ``current_session`` if given: the main window
    passes its own, because it replaces its Session object while pages live on ("Change my
    password…" brings back a renewed one). A section built later, or a dialog an older
    section opens later, must decide what to show (``session.can(…)``) from the current
    object, not from the one of the sign-in. Without ``current_session`` (a page built on
    its own, as in the tests) the session given is the one.
    """

    __slots__ = ("_current", "_session", "ctx", "show_status", "worker")

    def __init__(self, ctx: AppContext, worker: Worker, session: Session,
                 show_status: Callable[[str], None], *,
                 current_session: Callable[[], Session] | None = None) -> None:
        self.ctx, self.worker, self.show_status = ctx, worker, show_status
        self._session, self._current = session, current_session

    @property
    def session(self) -> Session:
        """Who is signed in now."""
        return self._current() if self._current is not None else self._session


class Page(Protocol):
    def retranslate(self) -> None: ...


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid, marked with N_ in the page module
    icon: str   # name of resources/icons/<icon>.svg
    build: Callable[[PageEnv], QWidget]
    visible: Callable[[Session], bool] = lambda _session: True
    #: the kinds of draft the built page reopens (its ``draft_kinds``, ui/lock/drafts.py),
    #: known before it is built: a draft kept at the lock is offered after unlocking even
    #: when its section has not been opened yet, and Restore builds it then
    draft_kinds: tuple[str, ...] = ()


class UnbuiltPage(QWidget):
    """Stands in the main window's stack for a section until it is first shown.

    Empty and never on screen (the window builds the real page before showing a row). It
    holds no data, so the lock has nothing to clear in it; ``draft_kinds`` tells the lock
    which drafts the section will reopen once built.
    """

    unbuilt = True

    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"unbuilt_{spec.key}")

    @property
    def draft_kinds(self) -> tuple[str, ...]:
        return self.spec.draft_kinds


def all_pages() -> list[PageSpec]:
    from ui.pages import administration, appointments, clients, privacy, reports

    _MODULES = (clients, appointments, privacy, reports, administration)
    return [module.PAGE for module in _MODULES]


def visible_pages(session: Session) -> list[PageSpec]:
    return [page for page in all_pages() if page.visible(session)]
