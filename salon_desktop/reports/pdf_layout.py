"""The calm house style of the longer PDFs (client data report, record of processing):
palette, paragraph styles, tables, and pages that say "Page 2 of 5" with a footer line.

"Page x of y" needs the page count before the last page is drawn, so the canvas keeps each
page's state and draws every footer at save time (the usual reportlab recipe). Only the
embedded DejaVu faces are used (``reports/fonts.py``), so õ, š and Cyrillic never print as
black boxes, and every PDF is built in memory: the caller decides where, if anywhere, the
bytes are written.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from salon_desktop.i18n import Translator
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


def data_table(rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
               header: bool = True, spans: Sequence[int] = ()) -> Table:
    """A quiet table: a soft header row, thin rules between records. ``spans`` are row
    indexes whose single cell runs across all columns (a record's notes under it); such a
    row belongs to the record above, so no rule separates them."""
    table = Table([list(r) for r in rows], colWidths=list(widths), hAlign="LEFT",
                  repeatRows=1 if header else 0)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SOFT),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE)]
    span_set = set(spans)
    for index in range(1 if header else 0, len(rows)):
        if index in span_set:
            style += [("SPAN", (0, index), (-1, index)),
                      ("TOPPADDING", (0, index), (-1, index), 0)]
        following = index + 1
        if following not in span_set and following < len(rows):
            style.append(("LINEBELOW", (0, index), (-1, index), 0.4, RULE))
    table.setStyle(TableStyle(style))
    return table


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
    canv.drawString(MARGIN_X, y, left)
    canv.drawRightString(page_w - MARGIN_X, y, right)
    if top_left is not None or top_right is not None:
        head_y = A4[1] - MARGIN_TOP + 6 * mm
        canv.drawString(MARGIN_X, head_y, top_left or "")
        canv.drawRightString(page_w - MARGIN_X, head_y, top_right or "")
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
