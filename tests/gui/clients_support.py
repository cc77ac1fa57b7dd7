"""Helpers for the Clients GUI tests: a page over a real vault, staff of other roles,
clients made through the service, and runners standing in for the worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.roles import Role
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Session
from salon_desktop.storage import staff_repo
from ui.pages import PageEnv
from ui.pages.clients import ClientsPage
from ui.worker import Worker

STAFF_PASSWORD = "Sinine-Meri-42"


@dataclass
class Status:
    """The status bar, as a list of the messages shown."""

    messages: list[str] = field(default_factory=list)

    def __call__(self, message: str) -> None:
        self.messages.append(message)


def add_client(ctx: AppContext, first: str, last: str, **fields: Any) -> int:
    result = ctx.services.clients.create(ClientDraft(first, last, **fields), force=True)
    assert result.client_id is not None
    return result.client_id


def add_staff(ctx: AppContext, username: str, role: Role, display_name: str) -> int:
    assert ctx.vault is not None
    db = ctx.vault.db
    with db.transaction():
        return staff_repo.insert(db, username=username, display_name=display_name,
                                 role=role.value, password_hash=hash_password(STAFF_PASSWORD),
                                 must_change_password=False, now=ctx.clock.now())


def sign_in_as(ctx: AppContext, username: str) -> Session:
    return ctx.services.auth.sign_in(username, STAFF_PASSWORD)


def open_page(qtbot: QtBot, ctx: AppContext, worker: Worker,
              session: Session | None = None) -> tuple[ClientsPage, Status]:
    """The Clients page for the signed-in session, shown and with its first page loaded."""
    status = Status()
    env = PageEnv(ctx, worker, session or ctx.services.session, status)  # type: ignore[arg-type]
    page = ClientsPage(env)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: page.model.total is not None and not worker.busy)
    return page, status


def open_card(qtbot: QtBot, page: ClientsPage, client_id: int) -> None:
    page.open_client(client_id)
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.id == client_id
                    and page.card.body is not None and page.card.body.isVisible())


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a person with an Estonian or Russian keyboard layout: key events carrying
    the characters (QTest's keyClicks knows ASCII only)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def sync_run(fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
    """A worker that answers at once, for the model tests without widgets or threads."""
    try:
        result = fn()
    except Exception as error:
        on_error(error)
    else:
        on_done(result)


def all_texts(widget: QWidget) -> list[str]:
    """Every text a person (or a screen reader) can get from ``widget`` and its children."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    texts += [label.toolTip() for label in widget.findChildren(QWidget)]
    texts += [edit.text() for edit in widget.findChildren(QLineEdit)]
    texts += [edit.toPlainText() for edit in widget.findChildren(QPlainTextEdit)]
    for table in widget.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount())
                  for c in range(table.columnCount()) if table.item(r, c)]
    return texts
