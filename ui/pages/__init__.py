"""The sections of the main window, as a registry.

A later issue plugs its section in by writing one module here that defines
``PAGE = PageSpec(...)`` and adding that module to ``_MODULES`` below (explicit imports, so a
PyInstaller bundle finds every page without hidden-import lists). The main window builds the
navigation from ``visible_pages(session)``; the page decides who may see it, the services
still check every call.
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


@dataclass(frozen=True)
class PageEnv:
    """What a page gets: the services (through the worker), who is signed in, the status bar."""

    ctx: AppContext
    worker: Worker
    session: Session
    show_status: Callable[[str], None]


class Page(Protocol):
    def retranslate(self) -> None: ...


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid, marked with N_ in the page module
    icon: str   # name of resources/icons/<icon>.svg
    build: Callable[[PageEnv], QWidget]
    visible: Callable[[Session], bool] = lambda _session: True


def all_pages() -> list[PageSpec]:
    from ui.pages import administration, appointments, clients, privacy, reports

    _MODULES = (clients, appointments, privacy, reports, administration)
    return [module.PAGE for module in _MODULES]


def visible_pages(session: Session) -> list[PageSpec]:
    return [page for page in all_pages() if page.visible(session)]
