"""Helpers for the lock tests: a salon with a client and a stylist, and a stand-in Clients
page with a client card that has unsaved edits (what is on screen: ``screen_scan.py``).

The stand-in page reads the client through the real services on the worker, so what a role
may see is decided by the core exactly as for the real page; it implements the lock's
protocols (``draft_kinds``/``reopen_draft``/``clear`` on the page, ``DraftSource`` on the
card) the way docs/lock.md asks the real Clients page to.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientCard, ClientDraft, ClientPage
from salon_desktop.domain.roles import Role
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Session
from salon_desktop.storage import staff_repo
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.helpers import signed_in_main
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.pages import PageEnv, PageSpec
from ui.pages.placeholder import PlaceholderPage

STYLIST_USER, STYLIST_PASSWORD = "liis", "Roheline-Mets-17"
FIRST, LAST = "Õie", "Šmidt"
PHONE, EMAIL = "+372 5123 4567", "oie.smidt@example.com"
#: What must never be readable on screen once locked (or by a role that may not see it).
SECRETS = (LAST, "5123", "oie.smidt")


@pytest.fixture
def lock_salon(set_up_context: AppContext) -> AppContext:
    """The set-up salon plus a stylist and one client with phone and e-mail."""
    ctx = set_up_context
    ctx.open()
    assert ctx.vault is not None
    db = ctx.vault.db
    admin = staff_repo.by_username(db, ADMIN_USER)
    assert admin is not None
    with db.transaction():
        staff_repo.insert(db, username=STYLIST_USER, display_name="Liis Lõng",
                          role=Role.STYLIST.value, password_hash=hash_password(STYLIST_PASSWORD),
                          must_change_password=False, now=ctx.clock.now())
        # The template salon's hash has the real (slow) cost: the tests' cheap one is enough.
        staff_repo.update(db, admin["id"], password_hash=hash_password(ADMIN_PASSWORD))
    ctx.services.ctx.session = Session(admin["id"], ADMIN_USER, admin["display_name"],
                                       Role.ADMIN)
    created = ctx.services.clients.create(ClientDraft(FIRST, LAST, phone=PHONE, email=EMAIL,
                                                      notes="Eelistab hommikuid"))
    ctx.client_id = created.client_id  # type: ignore[attr-defined]
    ctx.services.ctx.session = None
    ctx.audit_mark = ctx.services.ctx.db.scalar(  # type: ignore[attr-defined]
        "SELECT max(id) FROM audit_log")
    ctx.close()
    return ctx


class FakeClientCard(QWidget):
    """A client card (a ``DraftSource``): notes are editable; phone and e-mail appear only
    when the service handed them out."""

    def __init__(self, env: PageEnv, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.client_id = env, client_id
        self.name = QLabel()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.notes = QPlainTextEdit()
        self.loaded: ClientCard | None = None
        self._saved_notes = ""
        self._pending: dict[str, Any] | None = None
        box = QVBoxLayout(self)
        for widget in (self.name, self.phone, self.email, self.notes):
            box.addWidget(widget)
        services = env.ctx.services
        env.worker.run(lambda: services.clients.get_card(client_id), self._show,
                       lambda error: None, owner=self)

    def _show(self, card: ClientCard) -> None:
        self.loaded = card
        self.name.setText(f"{card.first_name} {card.last_name}")
        self.phone.setVisible("phone" in card.visible_fields)
        self.phone.setText(card.phone or "")
        self.email.setVisible("email" in card.visible_fields)
        self.email.setText(card.email or "")
        self._saved_notes = card.notes or ""
        self.notes.setPlainText(self._saved_notes)
        if self._pending is not None:  # a draft waits for the card's data, then goes on top
            self.restore_draft(self._pending)

    def draft_key(self) -> str | None:
        return f"client:{self.client_id}"

    def draft_payload(self) -> dict[str, Any] | None:
        if self.loaded is None or self.notes.toPlainText() == self._saved_notes:
            return None
        return {"notes": self.notes.toPlainText()}

    def restore_draft(self, payload: dict[str, Any]) -> None:
        if self.loaded is None:
            self._pending = payload
            return
        self._pending = None
        self.notes.setPlainText(str(payload.get("notes", "")))


class FakeClientsPage(QWidget):
    """The list (name, and phone where the role may see it) and one open card."""

    draft_kinds = ("client",)

    def __init__(self, env: PageEnv) -> None:
        super().__init__()
        self.env = env
        self.table = QTableWidget(0, 2)
        self.card: FakeClientCard | None = None
        self.cleared = False
        self._box = QVBoxLayout(self)
        self._box.addWidget(self.table)
        services = env.ctx.services
        env.worker.run(lambda: services.clients.search(""), self._show, lambda error: None,
                       owner=self)

    def _show(self, page: ClientPage) -> None:
        self.table.setRowCount(len(page.items))
        for row, item in enumerate(page.items):
            self.table.setItem(row, 0, QTableWidgetItem(f"{item.last_name}, {item.first_name}"))
            self.table.setItem(row, 1, QTableWidgetItem(item.phone or ""))

    def open_card(self, client_id: int) -> FakeClientCard:
        self.card = FakeClientCard(self.env, client_id, self)
        self._box.addWidget(self.card)
        return self.card

    def reopen_draft(self, kind: str, key: str, payload: dict[str, Any]) -> None:
        self.open_card(int(key.partition(":")[2])).restore_draft(payload)

    def clear(self) -> None:
        self.cleared = True
        self.table.setRowCount(0)

    def retranslate(self) -> None:
        pass


def _placeholder(spec: PageSpec) -> PageSpec:
    def build(_env: PageEnv) -> QWidget:
        return PlaceholderPage(spec.title, spec.title, spec.icon)

    return PageSpec(spec.key, spec.title, spec.icon, build, spec.visible)


def use_fake_clients_page(monkeypatch: pytest.MonkeyPatch, *, real_pages: bool = False
                          ) -> None:
    """Main windows built from now on show the stand-in page as their Clients section; the
    other sections are the real pages with ``real_pages``, else light placeholders (a main
    window with every real page takes half a second to build)."""
    import ui.main_window

    real = ui.main_window.visible_pages

    def pages(session: Any) -> list[PageSpec]:
        return [PageSpec("clients", spec.title, spec.icon, FakeClientsPage,
                         draft_kinds=FakeClientsPage.draft_kinds)
                if spec.key == "clients" else spec if real_pages else _placeholder(spec)
                for spec in real(session)]

    monkeypatch.setattr(ui.main_window, "visible_pages", pages)


def clients_page(main: MainWindow) -> FakeClientsPage:
    page = main.stack.widget(main.section_keys().index("clients"))
    assert isinstance(page, FakeClientsPage)
    return page


def open_card_with_edits(qtbot: QtBot, main: MainWindow, client_id: int,
                         typed: str) -> FakeClientCard:
    """Open the client's card, wait for its data, and type into the notes (unsaved)."""
    page = clients_page(main)
    main.show_section("clients")
    card = page.open_card(client_id)
    qtbot.waitUntil(lambda: card.loaded is not None)
    card.notes.setFocus()
    card.notes.selectAll()
    qtbot.keyClicks(card.notes, typed)
    return card


def sign_in_main(qtbot: QtBot, controller: AppController, username: str = ADMIN_USER,
                 password: str = ADMIN_PASSWORD) -> MainWindow:
    main = signed_in_main(qtbot, controller, username, password)
    qtbot.waitUntil(lambda: clients_page(main).table.rowCount() > 0)
    qtbot.waitExposed(main)
    return main
