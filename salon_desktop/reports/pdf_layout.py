"""The calm house style of the longer PDFs (client data report, record of processing):
palette, paragraph styles, tables, and pages that say "Page 2 of 5" with a footer line.

"Page x of y" needs the page count before the last page is drawn, so the canvas keeps each
page's state and draws every footer at save time (the usual reportlab recipe). Only the
embedded DejaVu faces are used (``reports/fonts.py``), so õ, š and Cyrillic never print as
black boxes, and every PDF is built in memory: the caller decides where, if anywhere, the
bytes are written.

Long tables are built for speed — a client with 500 visits gets a 48-page report in ~0.4 s
instead of ~1.5 s (docs/performance.md): plain-text cells where nothing needs wrapping
(``cell``), a long table in chunks under one repeated header (``_LongTable``), and cell
paragraphs that keep their line breaks (``CellParagraph``). Each draws exactly what the
plain reportlab way drew; tests/test_pdf_layout.py compares the pixels.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape, unescape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.paragraph import split as paragraph_words

from salon_desktop.i18n import Translator
from salon_desktop.reports.fit_text import fit_pair
from salon_desktop.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts

PRODUCT = "Salon Desktop"
INK = colors.HexColor("#1F2933")
MUTED_HEX = "#5F6B76"
MUTED = colors.HexColor(MUTED_HEX)
ACCENT_HEX = "#2E6E6A"
ACCENT = colors.HexColor(ACCENT_HEX)
SOFT = colors.HexColor("#EFF4F3")
RULE = colors.HexColor("#D3DCDA")
MARGIN_X = 20 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 22 * mm
WIDTH = A4[0] - 2 * MARGIN_X
PAD = 6.0  # SimpleDocTemplate's frame padding


def styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT_REGULAR, fontSize=9.5, leading=13.5,
                          textColor=INK, spaceAfter=5, bulletFontName=FONT_REGULAR)
    return {
        "body": body,
        "salon": ParagraphStyle("salon", parent=body, fontName=FONT_BOLD, fontSize=12,
                                leading=15, textColor=ACCENT, spaceAfter=1),
        "muted": ParagraphStyle("muted", parent=body, fontSize=8.5, leading=11.5,
                                textColor=MUTED, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=21,
                                leading=26, spaceBefore=14, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=13, leading=17,
                                   spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=13, leading=17,
                             textColor=ACCENT, spaceBefore=16, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=10.5,
                             leading=14, spaceBefore=8, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=9, leading=12,
                                     spaceAfter=0, alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=FONT_BOLD,
                                    fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0),
        "cell_muted": ParagraphStyle("cell_muted", parent=body, fontSize=8.5, leading=11.5,
                                     textColor=MUTED, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontSize=9, leading=12,
                                textColor=MUTED, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2,
                                 spaceAfter=4),
        "empty": ParagraphStyle("empty", parent=body, textColor=MUTED),
    }


def tr(t: Translator, msgid: str, **params: object) -> str:
    """Translated and escaped for a Paragraph; parameters are escaped too. A translation
    with a broken placeholder falls back to the English text."""
    values = {k: escape(str(v)) for k, v in params.items()}
    try:
        return escape(t.gettext(msgid)).format(**values)
    except (KeyError, IndexError, ValueError):
        return escape(msgid).format(**values)


def text(value: object) -> str:
    """The salon's or the client's own text, escaped, line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


CELL_PAD = 4.0  # a data table cell's padding on every side
#: Body rows per piece of a long data table (``_LongTable``): about two pages of visits.
CHUNK_ROWS = 40
_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


class CellParagraph(Paragraph):
    """A Paragraph in a table cell that keeps its line breaks for the width it last got.

    A table measures each cell several times at the same width — to size its row, to find
    the page break, again on the page the row lands on, and when drawing it — and breaking
    lines is the costliest part of a long report. ``Paragraph.wrap`` depends only on the
    width (never on the height offered), so the remembered answer is the same answer.
    """

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_for:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size


def cell(markup: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """One table cell from Paragraph markup: the plain text when the markup is nothing but
    escaped text and ``<br/>`` and every line fits the column, else a ``CellParagraph``.

    Why: the table draws a plain string itself, with no markup parsing and no line breaking;
    a 500-visit report has ~2,000 such cells (dates, stylists, prices, service lines). On
    the page it is the same: ``data_table`` gives plain cells the Paragraph style's font,
    size, leading and colour, and both put the first baseline one font size below the top
    padding (reportlab's ``paraFontSizeHeightOffset``). Spaces collapse as a Paragraph's do
    (its own word split: a no-break space stays).
    """
    lines = markup.split("<br/>")
    if any("<" in line for line in lines) or _ENTITY.search(markup):
        return CellParagraph(markup, style)
    plain = [" ".join(w for w in paragraph_words(unescape(line)) if w) for line in lines]
    room = width - 2 * CELL_PAD
    if all(stringWidth(line, style.fontName, style.fontSize) <= room for line in plain):
        return "\n".join(plain)
    return CellParagraph(markup, style)


def _style(count: int, *, header: bool, spans: set[int], right: Sequence[int],
           rule_after_last: bool, cell_style: ParagraphStyle) -> TableStyle:
    """The quiet look: a soft header row, thin rules between records, none between a record
    and its spanned notes row (nor after the table's last row)."""
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), cell_style.fontSize),  # plain-text cells (``cell``)
        ("LEADING", (0, 0), (-1, -1), cell_style.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), cell_style.textColor),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    style += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SOFT),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE)]
    for index in range(1 if header else 0, count):
        if index in spans:
            style += [("SPAN", (0, index), (-1, index)),
                      ("TOPPADDING", (0, index), (-1, index), 0)]
        following = index + 1
        if following not in spans and (following < count or rule_after_last):
            style.append(("LINEBELOW", (0, index), (-1, index), 0.4, RULE))
    return TableStyle(style)


def data_table(rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
               header: bool = True, spans: Sequence[int] = (),
               right: Sequence[int] = ()) -> Flowable:
    """A quiet table: a soft header row (repeated on every page), thin rules between
    records. ``spans`` are row indexes whose single cell runs across all columns (a record's
    notes under it); such a row belongs to the record above, so no rule separates them.

    A ``str`` cell is Paragraph markup (escaped with ``text``/``tr``) in the ``cell`` style,
    right-aligned in the ``right`` columns; it is drawn as plain text when it fits
    (``cell``). A table of more than ``CHUNK_ROWS`` × 1.5 body rows is built as a
    ``_LongTable``: the same look, at a cost linear in its rows.
    """
    register_fonts()  # the cells below are parsed now, in the embedded faces
    st = styles()
    right_set = set(right)
    span_set = set(spans)
    first = 1 if header else 0
    body: list[list[Any]] = []
    for index, row in enumerate(rows[first:], start=first):
        if index in span_set:
            body.append(list(row))
            continue
        body.append([cell(value, st["cell_right" if column in right_set else "cell"],
                          widths[column]) if isinstance(value, str) and value else value
                     for column, value in enumerate(row)])
    head = [list(rows[0])] if header else []
    if len(body) <= CHUNK_ROWS * 3 // 2:
        return _table(head + body, widths, header=header,
                      spans={s - first + len(head) for s in span_set}, right=right,
                      repeat=header)
    chunks: list[Table] = []
    start = 0
    while start < len(body):
        end = min(start + CHUNK_ROWS, len(body))
        while end < len(body) and end + first in span_set:  # notes stay with their visit
            end += 1
        chunks.append(_table(body[start:end], widths, header=False,
                             spans={s - first - start for s in span_set
                                    if start <= s - first < end},
                             right=right, rule_after_last=end < len(body)))
        start = end
    return _LongTable(_table(head, widths, header=True, spans=set(), right=right)
                      if header else None, chunks)


def _table(rows: list[list[Any]], widths: Sequence[float], *, header: bool, spans: set[int],
           right: Sequence[int], repeat: bool = False, rule_after_last: bool = False) -> Table:
    table = Table(rows, colWidths=list(widths), hAlign="LEFT", repeatRows=1 if repeat else 0)
    table.setStyle(_style(len(rows), header=header, spans=spans, right=right,
                          rule_after_last=rule_after_last, cell_style=styles()["cell"]))
    return table


class _LongTable(Flowable):
    """A long data table as consecutive tables of about ``CHUNK_ROWS`` rows under one
    header row, which is drawn again at the top of every page (as ``repeatRows=1`` does).

    Why not one ``Table``: at every page break reportlab splits the remaining table into
    two new tables and re-applies every style command (a rule under each record, a span and
    a padding per notes row) to them, and wraps what is left again; a 500-visit report
    spent most of its time there. Here ``wrap`` stops measuring once the page is full and a
    page break splits only the chunk it falls in, so the cost grows with the rows, not with
    rows × pages.
    """

    def __init__(self, head: Table | None, chunks: list[Table]) -> None:
        super().__init__()
        self.head, self.chunks = head, chunks
        self.hAlign = "LEFT"
        self._placed: list[tuple[Table, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._placed = []
        width = height = 0.0
        for part in ([self.head] if self.head is not None else []) + self.chunks:
            w, h = part.wrap(availWidth, max(availHeight - height, 0.0))
            self._placed.append((part, h))
            width, height = max(width, w), height + h
            if height > availHeight:  # it will be split: the rest need not be measured
                break
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight
        if self.head is not None:
            room -= self.head.wrap(availWidth, availHeight)[1]
        taken: list[Table] = []
        rest: list[Table] = []
        for index, chunk in enumerate(self.chunks):
            height = chunk.wrap(availWidth, max(room, 0.0))[1]
            if height <= room:
                taken.append(chunk)
                room -= height
                continue
            pieces = chunk.split(availWidth, room) if room > 0 else []
            if len(pieces) == 2:
                taken.append(pieces[0])
                rest = [pieces[1], *self.chunks[index + 1:]]
            else:
                rest = self.chunks[index:]
            break
        if not taken or not rest:  # no row fits here (next page), or nothing to split
            return []
        return [_LongTable(self.head, taken), _LongTable(self.head, rest)]

    def draw(self) -> None:
        y = self.height
        for part, height in self._placed:
            y -= height
            part.drawOn(self.canv, 0, y)


def field_table(rows: Sequence[tuple[str, Flowable | str]], label_width: float,
                st: dict[str, ParagraphStyle]) -> Table:
    """Label / value pairs, labels muted on the left."""
    cells = [[Paragraph(label, st["label"]),
              value if isinstance(value, Flowable) else Paragraph(value, st["cell"])]
             for label, value in rows]
    table = Table(cells, colWidths=[label_width, WIDTH - 2 * PAD - label_width],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return table


def box(flowables: list[Flowable], *, background: colors.Color = SOFT) -> Table:
    """A soft panel around a few paragraphs (the complaint address, the summary)."""
    table = Table([[flowables]], colWidths=[WIDTH - 2 * PAD], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),  # else Helvetica joins the PDF
        ("BACKGROUND", (0, 0), (-1, -1), background),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


Footer = Callable[[rl_canvas.Canvas, int, int], None]


def _numbered_canvas(footer: Footer) -> type[rl_canvas.Canvas]:
    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def draw_footer(canv: rl_canvas.Canvas, left: str, right: str,
                top_left: str | None = None, top_right: str | None = None) -> None:
    """A rule and two lines of small muted text at the foot, and optionally at the head."""
    page_w, _page_h = A4
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    y = MARGIN_BOTTOM - 9 * mm
    canv.line(MARGIN_X, y + 4.2 * mm, page_w - MARGIN_X, y + 4.2 * mm)
    canv.setFillColor(MUTED)
    canv.setFont(FONT_REGULAR, 8)
    left, right = fit_pair(left, right, page_w - 2 * MARGIN_X, FONT_REGULAR, 8)
    canv.drawString(MARGIN_X, y, left)
    canv.drawRightString(page_w - MARGIN_X, y, right)
    if top_left is not None or top_right is not None:
        head_y = A4[1] - MARGIN_TOP + 6 * mm
        top_left, top_right = fit_pair(top_left or "", top_right or "",
                                       page_w - 2 * MARGIN_X, FONT_REGULAR, 8)
        canv.drawString(MARGIN_X, head_y, top_left)
        canv.drawRightString(page_w - MARGIN_X, head_y, top_right)
    canv.restoreState()


def build_pdf(story: list[Flowable], footer: Footer, *, title: str, language: str) -> bytes:
    """The PDF as bytes. Metadata is neutral: the title of the document, never a name."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                            author=PRODUCT, creator=PRODUCT, subject="", keywords="",
                            lang=language, initialFontName=FONT_REGULAR)
    doc.build(story, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()
