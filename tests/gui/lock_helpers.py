"""Helpers for the lock tests: a salon with a client and a stylist, a stand-in Clients page
with a client card that has unsaved edits, a scan of everything readable on screen, and a
"screenshot" of the whole (offscreen) desktop.

The stand-in page reads the client through the real services on the worker, so what a role
may see is decided by the core exactly as for the real page; it implements the lock's
protocols (``draft_kinds``/``reopen_draft``/``clear`` on the page, ``DraftSource`` on the
card) the way docs/lock.md asks the real Clients page to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
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
        return [PageSpec("clients", spec.title, spec.icon, FakeClientsPage)
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


# -- what is on screen -------------------------------------------------------------------
def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def texts_of(window: QWidget) -> Iterator[str]:
    """Everything readable in ``window``: titles, labels, fields, buttons, tips, tables."""
    yield window.windowTitle()
    yield window.toolTip()
    for widget in [window, *window.findChildren(QWidget)]:
        yield widget.toolTip()
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            yield widget.text()
        elif isinstance(widget, QPlainTextEdit):
            yield widget.toPlainText()
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, top = widget.model(), QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
            for row in range(model.rowCount(top)):
                for column in range(columns):
                    yield str(model.index(row, column).data() or "")


def readable_texts(windows: list[QWidget] | None = None) -> str:
    return "\n".join(t for w in (windows or visible_windows()) for t in texts_of(w) if t)


def leaks(text: str, secrets: tuple[str, ...] = SECRETS) -> list[str]:
    return [secret for secret in secrets if secret in text]


def _desktop_area() -> QRect:
    """The screen, grown to hold every visible window whole (offscreen's screen is small)."""
    screen = QGuiApplication.primaryScreen()
    area = screen.virtualGeometry() if screen else QRect(0, 0, 1366, 768)
    for window in visible_windows():
        area = area.united(window.geometry())
    return area


def _stacking(window: QWidget) -> tuple[bool, bool]:
    """Offscreen has no window manager: main windows first, then dialogs, then popups."""
    popup = window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
    return popup, window.parentWidget() is not None


def desktop_shot(path: Path | None = None) -> QImage:
    """What a person would see: every visible top-level window painted at its place on the
    (offscreen) screen. Saved to ``path`` to be looked at."""
    area = _desktop_area()
    image = QImage(area.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#20303a"))  # the "desktop"
    painter = QPainter(image)
    for window in sorted(visible_windows(), key=_stacking):
        painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), window.grab())
    painter.end()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(path))
    return image


def only_window_in(shot: QImage, window: QWidget) -> bool:
    """True when ``shot`` is exactly ``window`` on an otherwise empty desktop."""
    area = _desktop_area()
    alone = QImage(area.size(), QImage.Format.Format_ARGB32)
    alone.fill(QColor("#20303a"))
    painter = QPainter(alone)
    painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), window.grab())
    painter.end()
    return alone == shot


def shots_dir(tmp_path: Path) -> Path:
    """Where the lock tests save their screenshots: ``$LOCK_SHOTS`` if set, else tmp."""
    import os

    return Path(os.environ["LOCK_SHOTS"]) if os.environ.get("LOCK_SHOTS") else tmp_path


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
          ) -> None:
    """A key press where the keyboard focus is (as a person's key would arrive)."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def call_later(callback: Callable[[], None]) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, callback)
