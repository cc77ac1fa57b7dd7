"""The printable consent form, for clients who sign on paper.

One A4 page in the client's language: the salon as controller, the client's name, each
purpose with its exact wording (and the wording's version, so the signed paper proves which
text was shown), an empty tick box per purpose, a note on withdrawing, and date and
signature lines. Each consent is its own box: GDPR Art. 7(2) wants them distinguishable and
Art. 9 wants the health consent explicit, so nothing is pre-ticked or bundled.

The tick boxes are drawn squares, not "☐" glyphs (a glyph missing from a font prints as a
black box). Fonts are the embedded DejaVu faces (``reports/fonts.py``) so õ and Cyrillic
print everywhere; the file is written atomically and its metadata names no one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from salon_desktop.domain.consents import PURPOSE_LABELS, Purpose
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.i18n import N_, Translator, get_translator
from salon_desktop.reports.atomic import write_atomically
from salon_desktop.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts
from salon_desktop.reports.recovery_sheet import ReportNotSaved

PRODUCT = "Salon Desktop"

TITLE = N_("Consent form")
LABEL_CONTROLLER = N_("Controller of your personal data")
LABEL_REGISTRY = N_("Registry code {code}")
LABEL_CLIENT = N_("Client")
INTRO = N_("Please tick the box of each purpose you agree to. Each consent is voluntary and "
           "separate: you may give any of them, all of them or none, and our services do not "
           "depend on it.")
LABEL_VERSION = N_("Wording version {version}")
WITHDRAW_HEADING = N_("Withdrawing consent")
WITHDRAW_NOTE = N_("You can withdraw any consent at any time, free of charge: at the salon, by "
                   "phone or by replying to any of our messages. Withdrawing is as easy as "
                   "giving and takes effect at once; it does not affect what was done before "
                   "the withdrawal.")
LABEL_DATE = N_("Date")
LABEL_SIGNATURE = N_("Client's signature")
LABEL_PRINTED = N_("Form printed on {date}")

_INK = colors.HexColor("#222222")
_MUTED_HEX = "#666666"
_MUTED = colors.HexColor(_MUTED_HEX)
_RULE = colors.HexColor("#BBBBBB")
_MARGIN = 18 * mm
_FRAME_PADDING = 6.0
_BOX = 5.5 * mm


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = _BOX) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(_INK)
        self.canv.setLineWidth(1.1)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def render_consent_form(out_path: Path, *, salon: SalonDetails, client_name: str,
                        language: str, wordings: Mapping[Purpose, str],
                        versions: Mapping[Purpose, int] | None = None,
                        printed_on: date | None = None) -> None:
    """Write the form to ``out_path``: one box per purpose in ``wordings`` (in ``Purpose``
    order), each with its text and, when given, its wording version.

    Raises ``ReportNotSaved`` when the file cannot be written; no partial file is left.
    """
    register_fonts()
    t = get_translator(language)
    story = _story(t, salon=salon, client_name=client_name, wordings=wordings,
                   versions=versions or {}, printed_on=printed_on)

    def build(temp_path: Path) -> None:
        doc = SimpleDocTemplate(
            str(temp_path), pagesize=A4, leftMargin=_MARGIN, rightMargin=_MARGIN,
            topMargin=_MARGIN, bottomMargin=_MARGIN,
            # Metadata: neutral, never the client's name.
            title=t.gettext(TITLE), author=PRODUCT, creator=PRODUCT, subject="", keywords="",
            lang=t.language, initialFontName=FONT_REGULAR)
        doc.build(story)

    write_atomically(Path(out_path), build, ReportNotSaved)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT_REGULAR, fontSize=10, leading=13.5,
                          textColor=_INK, spaceAfter=6)
    return {
        "body": body,
        "salon": ParagraphStyle("salon", parent=body, fontName=FONT_BOLD, fontSize=15,
                                leading=19, spaceAfter=2),
        "muted": ParagraphStyle("muted", parent=body, fontSize=9, leading=12,
                                textColor=_MUTED, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=18,
                                leading=22, spaceBefore=8, spaceAfter=6),
        "heading": ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=12,
                                  leading=16, spaceBefore=10, spaceAfter=4),
        "purpose": ParagraphStyle("purpose", parent=body, fontName=FONT_BOLD, fontSize=10.5,
                                  leading=14, spaceAfter=1),
        "wording": ParagraphStyle("wording", parent=body, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontSize=9, leading=12,
                                textColor=_MUTED, spaceAfter=0),
        "value": ParagraphStyle("value", parent=body, fontName=FONT_BOLD, fontSize=12,
                                leading=16, spaceAfter=0),
    }


def _text(t: Translator, msgid: str, **params: object) -> str:
    """Translated and escaped; a translation with a broken placeholder falls back to English."""
    values = {k: escape(str(v)) for k, v in params.items()}
    try:
        return escape(t.gettext(msgid)).format(**values)
    except (KeyError, IndexError, ValueError):
        return escape(msgid).format(**values)


def _controller(t: Translator, salon: SalonDetails, styles: dict[str, ParagraphStyle]
                ) -> list[Flowable]:
    parts = [_text(t, LABEL_REGISTRY, code=salon.registry_code) if salon.registry_code else "",
             escape(salon.address), escape(salon.email), escape(salon.phone)]
    details = " · ".join(p for p in parts if p)
    return [Paragraph(_text(t, LABEL_CONTROLLER), styles["label"]),
            Paragraph(escape(salon.name), styles["salon"]),
            *([Paragraph(details, styles["muted"])] if details else [])]


def _purpose_rows(t: Translator, wordings: Mapping[Purpose, str],
                  versions: Mapping[Purpose, int], width: float,
                  styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    box_col = _BOX + 6 * mm
    rows: list[Flowable] = []
    for purpose in Purpose:
        text = wordings.get(purpose)
        if text is None:
            continue
        label = _text(t, PURPOSE_LABELS[purpose])
        if purpose in versions:
            version = _text(t, LABEL_VERSION, version=versions[purpose])
            label += (f'<font name="{FONT_REGULAR}" size="8" color="{_MUTED_HEX}">'
                      f" {version}</font>")
        cell: list[Flowable] = [
            Paragraph(label, styles["purpose"]),
            Paragraph(escape(text).replace("\n", "<br/>"), styles["wording"]),
        ]
        table = Table([[TickBox(), cell]], colWidths=[box_col, width - box_col],
                      hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (0, 0), 3),
            ("TOPPADDING", (1, 0), (1, 0), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, _RULE),
        ]))
        rows.append(KeepTogether([table, Spacer(1, 6)]))
    return rows


def _signature(t: Translator, client_name: str, width: float,
               styles: dict[str, ParagraphStyle]) -> Table:
    """Date and signature lines, the labels under the lines as on printed Estonian forms."""
    gap = 10 * mm
    date_w = 50 * mm
    table = Table(
        [["", "", ""],
         [Paragraph(_text(t, LABEL_DATE), styles["label"]), "",
          Paragraph(f"{_text(t, LABEL_SIGNATURE)} ({escape(client_name)})", styles["label"])]],
        colWidths=[date_w, gap, width - date_w - gap], rowHeights=[14 * mm, None],
        hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("LINEBELOW", (0, 0), (0, 0), 0.8, _INK),
        ("LINEBELOW", (2, 0), (2, 0), 0.8, _INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 3),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _story(t: Translator, *, salon: SalonDetails, client_name: str,
           wordings: Mapping[Purpose, str], versions: Mapping[Purpose, int],
           printed_on: date | None) -> list[Flowable]:
    styles = _styles()
    width = A4[0] - 2 * _MARGIN - 2 * _FRAME_PADDING
    client = Table([[Paragraph(_text(t, LABEL_CLIENT), styles["label"])],
                    [Paragraph(escape(client_name), styles["value"])]],
                   colWidths=[width], hAlign="LEFT")
    client.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story: list[Flowable] = [
        *_controller(t, salon, styles),
        Paragraph(_text(t, TITLE), styles["title"]),
        client,
        Spacer(1, 8),
        Paragraph(_text(t, INTRO), styles["body"]),
        Spacer(1, 4),
        *_purpose_rows(t, wordings, versions, width, styles),
        KeepTogether([
            Paragraph(_text(t, WITHDRAW_HEADING), styles["heading"]),
            Paragraph(_text(t, WITHDRAW_NOTE), styles["body"]),
            Spacer(1, 6),
            _signature(t, client_name, width, styles),
        ]),
    ]
    if printed_on is not None:
        story += [Spacer(1, 10),
                  Paragraph(_text(t, LABEL_PRINTED, date=t.date(printed_on)), styles["muted"])]
    return story
