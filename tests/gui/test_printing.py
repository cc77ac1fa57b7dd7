"""Printing the client data report through Qt: the PDF stays in memory (QtPdf reads it from a
QBuffer), the pages reach the printer in the client's language, nothing is written to the
temporary folder, the lock's dismissal drops the pages, the save dialog forgets the folder,
and the card's "Report…" is there for reception only.

QtPdf renders pages as images, so a printout carries no text layer: the text (client's name,
title in the client's language) is checked with ``pdftotext`` on the report's bytes, and the
printed file is checked to be those very pages (page count, size, and each printed page
looking like its source page and unlike the others).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDir,
    QEvent,
    QIODevice,
    QSettings,
    QSize,
    QTimer,
)
from PySide6.QtGui import QImage, QPageRanges, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.rights import RequestKind, RequestStatus
from salon_desktop.domain.roles import Role
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.clients_support import add_client, add_staff, open_card, open_page, sign_in_as
from tests.gui.test_privacy_consents import (  # noqa: F401  (the fixture)
    WAIT,
    Desk,
    open_privacy,
)
from ui import printing
from ui.lock.shield import put_away_windows
from ui.privacy.client_rights import ClientRights
from ui.worker import Worker

TITLES = {"et": "Isikuandmete väljavõte", "ru": "Выписка персональных данных"}
CLIENTS = {"et": ("Õie", "Šmidt"), "ru": ("Ольга", "Кузнецова")}
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The system's temporary folder, for this test only and empty: Python (``tempfile``),
    Qt (``QDir.tempPath``) and CUPS (``cupsTempFd``) all follow ``TMPDIR``. Other programs
    writing to the real one meanwhile cannot disturb the comparison. Must stay empty."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))  # Python caches it at first use
    assert Path(tempfile.gettempdir()) == folder
    assert Path(QDir.tempPath()) == folder
    before = sorted(folder.rglob("*"))
    yield folder
    assert sorted(folder.rglob("*")) == before == []


def report_text(pdf: bytes) -> str:
    """The report's text, through ``pdftotext`` reading stdin (no file anywhere)."""
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def pdf_printer(pages: printing.PdfPages, out: Path) -> QPrinter:
    """The printer the preview would use, writing a PDF file instead of going to CUPS."""
    printer = printing.make_printer(pages, printing.PrintPreview.__name__)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def thumbnails(pdf: bytes) -> list[bytes]:
    """Every page as a small grey picture (148 x 210: whole 32-bit rows, no padding)."""
    data = QByteArray(pdf)
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    assert document.status() is QPdfDocument.Status.Ready
    found = []
    for page in range(document.pageCount()):
        image = QImage(QSize(148, 210), QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        rendered = document.render(page, QSize(148, 210))
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        found.append(bytes(grey.constBits()))
    document.close()
    return found


def distance(a: bytes, b: bytes) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def make_report(ctx: AppContext, language: str) -> tuple[int, bytes]:
    first, last = CLIENTS[language]
    client = add_client(ctx, first, last, language=language)
    return client, ctx.services.data_subject.access_report_pdf(client)


@needs_poppler
@pytest.mark.parametrize("language", ["et", "ru"])
def test_printed_pages_are_the_report_in_the_clients_language(
        qtbot: QtBot, app_context: AppContext, tmp_path: Path, private_tmp: Path,
        language: str) -> None:
    _client, pdf = make_report(app_context, language)  # language=None: the client's own
    first, last = CLIENTS[language]
    text = report_text(pdf)
    assert f"{first} {last}" in text and TITLES[language] in text
    other = TITLES["ru" if language == "et" else "et"]
    assert other not in text

    window = QWidget()
    qtbot.addWidget(window)
    dialog = printing.preview_and_print(window, pdf, TITLES[language])
    assert dialog.isVisible() and dialog.parent() is window
    assert dialog.windowTitle() == TITLES[language]  # neutral: never the client's name
    assert dialog.printer().docName() == TITLES[language]
    out = tmp_path / "printer" / "printed.pdf"
    out.parent.mkdir()
    printed: list[int] = []
    dialog.printed.connect(printed.append)
    dialog.paint(pdf_printer(dialog.pages, out))  # what the print button does, unmodal

    source, copy = thumbnails(pdf), thumbnails(out.read_bytes())
    assert printed == [len(source)] and len(copy) == len(source) >= 2
    document = QPdfDocument()
    document.load(str(out))
    size = document.pagePointSize(0)
    assert abs(size.width() - 595.3) < 1 and abs(size.height() - 841.9) < 1  # A4, 1:1
    document.close()
    for index, page in enumerate(copy):  # small grey thumbnails: ~2-5 apart from their
        same = distance(page, source[index])  # own page (antialiasing), 10+ from the others
        assert same < 6, f"page {index + 1} differs from the report's"
        assert all(distance(page, source[other]) > same + 4
                   for other in range(len(source)) if other != index)

    dialog.reject()
    assert dialog.pages.discarded  # the PDF is gone once the dialog closes
    assert sorted(p.name for p in out.parent.iterdir()) == ["printed.pdf"]


def test_chosen_pages_only_and_a_broken_pdf_is_refused(
        qtbot: QtBot, app_context: AppContext, tmp_path: Path, private_tmp: Path) -> None:
    _client, pdf = make_report(app_context, "et")
    pages = printing.PdfPages(pdf)
    printer = pdf_printer(pages, tmp_path / "two.pdf")
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPageRanges(ranges)
    assert pages.paint(printer) == 2
    assert len(thumbnails((tmp_path / "two.pdf").read_bytes())) == 2
    pages.discard()
    assert pages.discarded and pages.page_count == 0
    with pytest.raises(printing.PreviewFailed):
        printing.PdfPages(b"%PDF-1.4 not really")


def test_the_lock_rejects_the_preview_and_the_pdf_goes(
        qtbot: QtBot, app_context: AppContext, private_tmp: Path) -> None:
    _client, pdf = make_report(app_context, "ru")
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    dialog = printing.preview_and_print(window, pdf, TITLES["ru"])
    pages = dialog.pages
    assert put_away_windows(keep=(window,)) == 1  # what the lock does to open dialogs
    assert not dialog.isVisible() and pages.discarded
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)  # deleted with its page images


def test_save_dialog_is_qt_own_and_forgets_the_folder(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Qt writes the file dialog's last folder and history to its ``QtProject`` settings;
    a folder named after a client must not stay there."""
    settings_dir, documents = tmp_path / "config", tmp_path / "Documents"
    client_folder = tmp_path / "Õie Šmidt"
    for folder in (settings_dir, documents, client_folder):
        folder.mkdir()
    default = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                        "QtProject").fileName()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(settings_dir))
    seen: list[bool] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QFileDialog) and w.isVisible())
        seen.append(bool(dialog.testOption(QFileDialog.Option.DontUseNativeDialog)))
        dialog.setDirectory(str(client_folder))
        dialog.selectFile(str(client_folder / "väljavõte.pdf"))
        dialog.accept()

    try:
        QTimer.singleShot(0, answer)
        chosen = printing.ask_save_path(None, "Save", documents / "report.pdf",
                                        "PDF files (*.pdf)")
        for _ in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        stored = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                           "QtProject")
        kept = " ".join(str(stored.value(key)) for key in ("FileDialog/history",
                                                           "FileDialog/lastVisited"))
    finally:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                          str(Path(default).parent))
    assert seen == [True]
    assert Path(chosen) == client_folder / "väljavõte.pdf"
    assert documents.as_uri() in kept and "%C3%95ie" not in kept and "Õie" not in kept


def test_card_report_for_reception_prints_in_the_clients_language(
        qtbot: QtBot, app_context: AppContext, worker: Worker, tmp_path: Path,
        private_tmp: Path) -> None:
    client = add_client(app_context, *CLIENTS["ru"], language="ru")
    add_staff(app_context, "kati", Role.RECEPTION, "Kati Tamm")
    page, status = open_page(qtbot, app_context, worker, sign_in_as(app_context, "kati"))
    open_card(qtbot, page, client)
    card = page.card
    assert not card.report_button.isHidden() and card.report_button.isEnabled()
    menu = card.report_button.menu()
    assert [a.text() for a in menu.actions()] == ["Preview and print…", "Save as PDF…"]

    next(a for a in menu.actions() if a.objectName() == "report_print").trigger()
    assert card.busy.isVisible() and not card.report_button.isEnabled()  # produced on the worker
    rights: ClientRights = card.rights
    qtbot.waitUntil(lambda: isinstance(rights.dialog, printing.PrintPreview), timeout=WAIT)
    dialog = rights.dialog
    assert isinstance(dialog, printing.PrintPreview)
    assert not card.busy.isVisible() and card.report_button.isEnabled()
    assert dialog.windowTitle() == "Client data report"  # the UI's language, no name
    dialog.paint(pdf_printer(dialog.pages, tmp_path / "card.pdf"))
    qtbot.waitUntil(lambda: status.messages[-1:] == ["Client data report sent to the printer."],
                    timeout=WAIT)
    dialog.accept()  # as the preview does after printing
    assert rights.dialog is None and dialog.pages.discarded

    db = app_context.vault.db  # type: ignore[union-attr]
    details = [r["detail"] for r in db.query(
        "SELECT detail FROM audit_log WHERE action = 'report.print' ORDER BY id")]
    assert details == ["output=preview; language=ru", "output=print; language=ru"]


def test_card_report_button_is_hidden_for_a_stylist(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    add_staff(app_context, "liis", Role.STYLIST, "Liis Kask")
    page, _status = open_page(qtbot, app_context, worker, sign_in_as(app_context, "liis"))
    assert page.card.report_button.isHidden()


def test_register_prints_an_access_request_and_closes_it(
        qtbot: QtBot, tmp_path: Path, private_tmp: Path,
        open_privacy: Callable[..., Desk]) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    asked = desk.ctx.services.requests.receive(RequestKind.ACCESS, desk.olga)
    panel = desk.page.requests
    assert panel is not None
    desk.page.show_tab(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    assert not panel.print_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.print_button.isEnabled() and panel.print_button.text() == "Preview and print…"
    panel.print_button.click()
    qtbot.waitUntil(lambda: isinstance(panel.rights.dialog, printing.PrintPreview),
                    timeout=WAIT)
    dialog = panel.rights.dialog
    assert isinstance(dialog, printing.PrintPreview)
    dialog.paint(pdf_printer(dialog.pages, tmp_path / "register.pdf"))
    dialog.accept()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT)
    assert desk.statuses[-1] == ("Client data report sent to the printer. The request is "
                                 "closed as answered.")
    assert desk.ctx.services.requests.get(asked.id).status is RequestStatus.DONE
