"""The Reports section, client data report: reception picks a client and saves the report
where chosen (in the client's language, or the one chosen), nothing lands in the temporary
folder, the JSON export is the manager's, the lock's clear() forgets the client, and the
section is not there for a stylist.

The page is built directly on a signed-in context, the way the main window builds it; every
service call still goes through the real worker thread.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.services.base import Session
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.conftest import RECEPTION_PASSWORD, RECEPTION_USER
from tests.gui.test_privacy_consents import add_client
from ui import printing
from ui.pages import PageEnv, visible_pages
from ui.privacy import files
from ui.reports.page import ReportsPage
from ui.worker import Worker

WAIT = 10_000
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


@dataclass
class Desk:
    ctx: AppContext
    page: ReportsPage
    oie: int
    statuses: list[str] = field(default_factory=list)


@pytest.fixture
def open_reports(qtbot: QtBot, set_up_context: AppContext,
                 worker: Worker) -> Iterator[Callable[[str, str], Desk]]:
    """``open_reports(user, password)``: two clients, that user signed in, the page shown."""

    def open_(username: str, password: str) -> Desk:
        ctx = set_up_context
        ctx.open()
        ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
        oie = add_client(ctx, "Õie", "Šmidt", "+372 5555 0101", "oie.smidt@example.com", "et")
        add_client(ctx, "Ольга", "Иванова", "+372 5555 0202", "olga@example.com", "ru")
        if username != ADMIN_USER:
            ctx.services.auth.sign_out()
            ctx.services.auth.sign_in(username, password)
        session = ctx.services.session
        assert session is not None
        statuses: list[str] = []
        page = ReportsPage(PageEnv(ctx, worker, session, statuses.append))
        qtbot.addWidget(page)
        page.resize(1150, 680)
        page.show()
        picker = page.client_report.picker
        qtbot.waitUntil(lambda: picker.results.count() == 2, timeout=WAIT)
        return Desk(ctx, page, oie, statuses)

    yield open_
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty temporary folder for this test only (Python and Qt follow ``TMPDIR``), so
    other programs writing to the real one cannot disturb the check that it stays empty."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert Path(tempfile.gettempdir()) == folder == Path(QDir.tempPath())
    yield folder
    assert list(folder.rglob("*")) == []


def pick_oie(qtbot: QtBot, desk: Desk) -> None:
    """Search, then Enter in the field, the way reception does."""
    panel = desk.page.client_report
    panel.picker.edit.setText("Šmidt")  # QTest types ASCII only
    panel.picker.search_now()
    qtbot.waitUntil(lambda: panel.picker.results.count() == 1, timeout=WAIT)
    qtbot.keyClick(panel.picker.edit, Qt.Key.Key_Return)
    assert panel.client is not None and panel.client.id == desk.oie


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")


@needs_poppler
def test_reception_saves_the_report_where_chosen(
        qtbot: QtBot, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch,
        open_reports: Callable[[str, str], Desk]) -> None:
    desk = open_reports(RECEPTION_USER, RECEPTION_PASSWORD)
    panel = desk.page.client_report
    assert desk.page.record is None and desk.page.tabs.count() == 1  # the manager's
    assert not panel.save_button.isEnabled()  # no client yet
    pick_oie(qtbot, desk)
    assert panel.name.text() == "Õie Šmidt"
    assert panel.language_box.currentText() == "The client's language (Eesti)"
    assert panel.print_button.isVisible() and panel.save_button.isEnabled()
    assert not panel.export_button.isVisible()  # JSON is the manager's (DATA_EXPORT)

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(files, "ask_save_path", lambda *_a: str(out / "oie"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.statuses == ["Client data report saved."], timeout=WAIT)
    saved = out / "oie.pdf"
    assert list(out.iterdir()) == [saved]  # exactly where chosen, no temporary copy
    text = pdf_text(saved)
    assert "Õie" in text and "Šmidt" in text and "Isikuandmete väljavõte" in text

    panel.language_box.setCurrentIndex(panel.language_box.findData("ru"))
    monkeypatch.setattr(files, "ask_save_path", lambda *_a: str(out / "oie-ru.pdf"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(desk.statuses) == 2, timeout=WAIT)
    russian = pdf_text(out / "oie-ru.pdf")
    assert "Выписка персональных данных" in russian and "Šmidt" in russian


def test_manager_exports_json_and_clear_forgets_the_client(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        open_reports: Callable[[str, str], Desk]) -> None:
    desk = open_reports(ADMIN_USER, ADMIN_PASSWORD)
    panel = desk.page.client_report
    pick_oie(qtbot, desk)
    assert panel.export_button.isVisible() and panel.export_button.isEnabled()
    monkeypatch.setattr(files, "ask_save_path", lambda *_a: str(tmp_path / "oie.json"))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.statuses == ["Client data exported."], timeout=WAIT)
    assert "Šmidt" in (tmp_path / "oie.json").read_text(encoding="utf-8")

    panel.language_box.setCurrentIndex(panel.language_box.findData("en"))
    desk.page.clear()  # what the lock asks of every page
    assert panel.client is None and panel.language is None
    assert panel.name.text() == "" and not panel.detail.isVisible()
    assert panel.picker.results.count() == 0 and panel.picker.edit.text() == ""
    assert not panel.save_button.isEnabled() and panel.hint.isVisible()


class FakePreview(QObject):
    """Stands in for the print preview: no dialog, the pages "printed" on demand."""

    printed = Signal(int)
    finished = Signal(int)


def test_preview_and_print_in_the_chosen_language_is_audited(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        open_reports: Callable[[str, str], Desk]) -> None:
    desk = open_reports(ADMIN_USER, ADMIN_PASSWORD)
    panel = desk.page.client_report
    pick_oie(qtbot, desk)
    shown: list[tuple[bytes, str]] = []
    preview = FakePreview()

    def fake(_parent: object, pdf: bytes, title: str) -> FakePreview:
        shown.append((pdf, title))
        return preview

    monkeypatch.setattr(printing, "preview_and_print", fake)
    panel.language_box.setCurrentIndex(panel.language_box.findData("ru"))
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert shown[0][0].startswith(b"%PDF") and shown[0][1] == "Client data report"
    preview.printed.emit(2)  # the pages reached the printer: recorded as a paper copy
    qtbot.waitUntil(lambda: desk.statuses == ["Client data report sent to the printer."],
                    timeout=WAIT)
    details = [(e.action, e.detail) for e in desk.ctx.services.audit.entries()[:2]]
    assert details == [("report.print", "output=print; language=ru"),
                       ("report.print", "output=preview; language=ru")]
    preview.finished.emit(0)


def test_section_is_for_reception_and_the_manager_not_stylists() -> None:
    def keys(role: Role) -> list[str]:
        return [spec.key for spec in visible_pages(Session(7, "x", "X", role))]

    assert "reports" in keys(Role.ADMIN) and "reports" in keys(Role.RECEPTION)
    assert "reports" not in keys(Role.STYLIST)
