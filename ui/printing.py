"""Preview and print a PDF that exists only in memory; save files without leaving traces.

Why this module exists: the client data report holds everything the salon keeps about a
client, health details included. The core hands it to the GUI as bytes
(``DataSubjectService.access_report_pdf``) and the requirement is that no copy of it is left
in a temporary folder or a recent-files list afterwards. So:

- ``PdfPages`` loads the bytes with QtPdf from a ``QBuffer`` — never from a temporary file —
  and ``discard()`` releases the document, the buffer and the bytes when the preview closes.
  (Released, not overwritten: Python and pdfium free the memory but do not zero it.)
- ``PrintPreview`` is a ``QPrintPreviewDialog`` whose ``paintRequested`` draws each page:
  QtPdf (pdfium) renders the page to an image, which is laid on white and drawn onto the
  ``QPrinter``. The preview's print button opens ``QPrintDialog``; "print to file" there is
  the person's explicit choice of a file. QtPdf has no vector output, so a printout (and a
  "print to file" PDF) carries page *images* at up to ``PRINT_DPI`` — for a searchable PDF
  the person uses "Save as PDF…", which writes the core's own file.
- The dialog is a child of the window that asked for it, opened window-modal: the lock
  rejects it like any other dialog (``ui/lock/shield.py``), which drops the pages, and the
  window's destruction takes it along.
- ``ask_save_path`` is Qt's own file dialog (``DontUseNativeDialog``), because the native
  ones record the chosen file in the operating system's recent lists (below).

What each platform keeps, as far as the application can see it:

- Save dialogs. Windows' native dialog (IFileSaveDialog; Qt does not pass
  ``FOS_DONTADDTORECENT``) adds the file to Recent Items, Quick access and the jump list.
  GTK's file chooser (gtk3 theme, GNOME portal) adds it to
  ``~/.local/share/recently-used.xbel``; KDE's dialog to KDE's recent documents and folders.
  macOS' NSSavePanel remembers the folder among its recent places (Finder's "Recents" is a
  Spotlight query over files, whatever the dialog). Qt's own dialog, used here, records
  nothing in the system, but Qt writes its last folder and folder history to the
  ``QtProject`` settings (``~/.config/QtProject.conf``, ``HKCU\\Software\\QtProject``,
  ``com.qtproject.plist``) when the dialog is destroyed: ``_forget_folder`` points both back
  at the starting folder first.
- Printing on Linux. Qt's CUPS engine writes the job as a PDF to a temporary file
  (``cupsTempFd``: ``$TMPDIR``, else ``/tmp``), hands it to cupsd and deletes it (unlinked,
  not overwritten). cupsd keeps its spool copy for ``PreserveJobFiles`` (one day by default)
  and the job name in its history: the job name is the neutral ``title``, and the salon's
  computer should have ``PreserveJobFiles No`` in ``cupsd.conf``. macOS prints through its
  own engine, but its print system is CUPS as well: the same spool and settings apply.
- Printing on Windows. The spooler holds the job in ``System32\\spool\\PRINTERS`` until it
  is printed (longer when the printer's "Keep printed documents" is on).
- "Print to file", or no printer installed. Qt's Linux print dialog (its "…" button) and the
  preview's PDF fallback on Windows and macOS ask with the *static* ``QFileDialog``, native
  where the platform has one: only ``Qt.AA_DontUseNativeDialogs`` set for the whole
  application keeps those out of the recent lists too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_, _

log = logging.getLogger(__name__)

#: The preview shows every page at once and keeps it as an image: 150 dpi reads well at
#: the dialog's zoom levels and costs ~8.7 MB per A4 page (300 dpi would cost four times that).
PREVIEW_DPI = 150
#: Paper: 300 dpi prints sharp text on office printers; more only multiplies memory and the
#: spool size (one A4 page at 600 dpi is a 140 MB image) without a visible gain.
PRINT_DPI = 300


#: Qt's own file dialog takes its words from Qt's translations, and Qt has none for Estonian:
#: the words a person reads in it are set from ours (the list view has no column headers).
DIALOG_LABELS = ((QFileDialog.DialogLabel.LookIn, N_("Folder:")),
                 (QFileDialog.DialogLabel.FileName, N_("File name:")),
                 (QFileDialog.DialogLabel.FileType, N_("File type:")),
                 (QFileDialog.DialogLabel.Accept, N_("Save")),
                 (QFileDialog.DialogLabel.Reject, N_("Cancel")))


class PreviewFailed(SalonError):
    """The bytes are not a PDF QtPdf can read (no parameters: errors reach the logs)."""

    msgid = N_("The report could not be prepared for printing.")
    way_out = N_("Way out: save it as a PDF instead and print it from a PDF viewer.")


class PdfPages(QObject):
    """One PDF in memory, page by page: ``QByteArray`` → ``QBuffer`` → ``QPdfDocument``.

    QtPdf reads the document lazily through the buffer, so the buffer (and the bytes in it)
    must live as long as the document; all three go together in ``discard()``.
    """

    def __init__(self, pdf: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data: QByteArray | None = QByteArray(pdf)
        self._buffer: QBuffer | None = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document: QPdfDocument | None = QPdfDocument(self)
        self._document.load(self._buffer)  # a QBuffer loads at once (no network device)
        if self._document.status() is not QPdfDocument.Status.Ready:
            self.discard()
            raise PreviewFailed()

    @property
    def page_count(self) -> int:
        return self._document.pageCount() if self._document is not None else 0

    @property
    def discarded(self) -> bool:
        return self._document is None

    def page_size(self, page: int) -> QSizeF:
        """The page's size in points (1/72 inch), as the PDF declares it."""
        assert self._document is not None, "the pages were discarded"
        return self._document.pagePointSize(page)

    def page_image(self, page: int, size: QSize) -> QImage:
        """The page rendered at ``size`` pixels, on white.

        pdfium leaves the background transparent; an alpha channel would reach the printer as
        a soft mask (which some drivers print badly), so the page is flattened onto white.
        """
        assert self._document is not None, "the pages were discarded"
        rendered = self._document.render(page, size)
        flat = QImage(size, QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, rendered)
        painter.end()
        return flat

    def paint(self, printer: QPrinter) -> int:
        """Draw the pages ``printer`` asks for onto it; returns how many were drawn.

        Each page fills the paper at its own scale, keeping its aspect ratio and centred: an
        A4 report on A4 paper is printed 1:1 (the printer is set to full-page mode, so the
        report's own margins are the margins). Used for the preview (a picture engine) and
        for the real print, at ``PREVIEW_DPI`` and ``PRINT_DPI`` respectively.
        """
        pages = pages_to_print(printer, self.page_count)
        if not pages:
            return 0
        dpi = min(PREVIEW_DPI if is_preview(printer) else PRINT_DPI, printer.resolution())
        scale = dpi / printer.resolution()
        painter = QPainter()
        if not painter.begin(printer):
            log.error("the printer could not be opened for painting")
            return 0
        # The preview replays the page at every zoom; without smooth scaling it drops whole
        # pixel rows and thin strokes (the foot of a letter) vanish. PDF output gets
        # /Interpolate from the same hint.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        drawn = 0
        try:
            for index, page in enumerate(pages):
                if index and not printer.newPage():
                    log.error("the printer refused a new page")
                    break
                paper = printer.paperRect(QPrinter.Unit.DevicePixel)
                target = fit(self.page_size(page), paper)
                pixels = QSize(max(1, round(target.width() * scale)),
                               max(1, round(target.height() * scale)))
                image = self.page_image(page, pixels)
                painter.drawImage(target, image)
                drawn += 1
        finally:
            painter.end()
        return drawn

    def discard(self) -> None:
        """Close the document and let go of the buffer and the bytes (idempotent)."""
        if self._document is not None:
            self._document.close()
            self._document.deleteLater()
            self._document = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None
        self._data = None


def is_preview(printer: QPrinter) -> bool:
    """The preview draws through a picture engine that records the pages; a printer, a
    PDF file or the Windows spooler use their own engines."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def fit(page: QSizeF, paper: QRectF) -> QRectF:
    """The largest rectangle with ``page``'s aspect ratio inside ``paper``, centred."""
    if page.width() <= 0 or page.height() <= 0:
        return QRectF(paper)
    factor = min(paper.width() / page.width(), paper.height() / page.height())
    width, height = page.width() * factor, page.height() * factor
    return QRectF(paper.x() + (paper.width() - width) / 2,
                  paper.y() + (paper.height() - height) / 2, width, height)


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages the person chose in the print dialog (all by default), in the
    order the printer wants them."""
    ranges = printer.pageRanges()
    pages = [p for p in range(count) if ranges.isEmpty() or ranges.contains(p + 1)]
    if printer.pageOrder() is QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


class PrintPreview(QPrintPreviewDialog):
    """The preview of one in-memory PDF; printing starts from its print button.

    ``printed`` is emitted once pages went to a real printer (or the file the person chose in
    the print dialog) — not for the preview's own drawing — so the caller can record that a
    paper copy exists. When the dialog finishes, however it finishes (closed, printed,
    rejected by the lock), the PDF is discarded and the dialog deletes itself.
    """

    printed = Signal(int)  # pages printed

    def __init__(self, pages: PdfPages, title: str, parent: QWidget) -> None:
        printer = make_printer(pages, title)
        super().__init__(printer, parent)
        self._printer = printer  # the dialog only borrows it: kept alive as long as the dialog
        self.setObjectName("print_preview")
        self.setWindowTitle(title)
        self.pages = pages
        pages.setParent(self)
        self.pages_printed = 0
        self.paintRequested.connect(self.paint)
        self.finished.connect(self._drop)

    def paint(self, printer: QPrinter) -> None:
        """``paintRequested``: the preview asks on opening and after a page set-up; the
        print button asks again with the real printer once the print dialog is accepted."""
        if self.pages.discarded:
            return
        count = self.pages.paint(printer)
        if count and not is_preview(printer):
            self.pages_printed += count
            self.printed.emit(count)

    def _drop(self, _result: int) -> None:
        self.pages.discard()
        self.deleteLater()


def make_printer(pages: PdfPages, title: str) -> QPrinter:
    """A printer set to the PDF's first page size, full page, named ``title``.

    ``title`` becomes the print job's name, which print queues and CUPS' job history keep:
    it must never hold a client's name.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setCreator("Salon Desktop")
    printer.setFullPage(True)
    if pages.page_count:
        size = pages.page_size(0)
        printer.setPageSize(QPageSize(size, QPageSize.Unit.Point, "",
                                      QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape
                                   if size.width() > size.height()
                                   else QPageLayout.Orientation.Portrait)
    return printer


def preview_and_print(parent: QWidget, pdf_bytes: bytes, title: str) -> PrintPreview:
    """Open the print preview of ``pdf_bytes`` (window-modal, returns at once).

    ``title`` is the window title and the print job's name: a neutral one such as "Client
    data report", never the client's name (window titles reach the taskbar, job names the
    print queue). Raises ``PreviewFailed`` when the bytes are not a readable PDF.
    """
    dialog = PrintPreview(PdfPages(pdf_bytes), title, parent)
    dialog.open()
    return dialog


def ask_save_path(parent: QWidget | None, title: str, suggested: Path,
                  file_filter: str) -> str:
    """Qt's own save dialog, starting at ``suggested`` (a folder / file name); "" when
    cancelled. The module's notes say why the native dialogs are not used."""
    dialog = QFileDialog(parent, title, str(suggested), file_filter)
    dialog.setObjectName("save_dialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setViewMode(QFileDialog.ViewMode.List)
    for which, msgid in DIALOG_LABELS:
        dialog.setLabelText(which, _(msgid))
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.selectedFiles()
        return chosen[0] if accepted and chosen else ""
    finally:
        _forget_folder(dialog, suggested.parent)
        dialog.deleteLater()


def _forget_folder(dialog: QFileDialog, start: Path) -> None:
    """Qt saves the dialog's history and last folder to the ``QtProject`` settings when it is
    destroyed; a folder named after a client would stay there. Point both back at ``start``."""
    dialog.setHistory([])
    dialog.setDirectory(str(start))
