"""The recovery sheet: the one printed page that lets the salon open its data again.

The database key normally lives in the computer's keyring. When the keyring loses it (new PC,
reinstalled OS, Windows password reset), the recovery key on this sheet is the only way back,
so the page has to be understood by whoever finds it in the cabinet years later: in their
language, with the key large and in a monospace font, its groups numbered (a typo is reported
by group number) and plain instructions on keeping it and using it.

The PDF holds the recovery key itself, so it is written atomically (never a half-written file
left behind) and its metadata holds no personal data.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_, Translator, get_translator
from salon_desktop.reports.atomic import write_atomically
from salon_desktop.reports.fonts import FONT_BOLD, FONT_MONO, FONT_REGULAR, register_fonts
from salon_desktop.security.recovery_key import normalize as normalize_recovery_key

PRODUCT = "Salon Desktop"  # a name, never translated
RECOVER_COMMAND = "salon-desktop admin recover"

# Every visible string, marked for the extractor and translated at render time.
TITLE = N_("Recovery sheet")
INTRO = N_("This sheet holds the recovery key of the salon's data. With it the data can be "
           "opened again when this computer has lost its own key.")
LABEL_SALON = N_("Salon")
LABEL_VAULT = N_("Vault ID")
LABEL_CREATED = N_("Created")
KEY_HEADING = N_("Recovery key")
KEY_NOTE = N_("The small numbers are group numbers: if a group is mistyped, the program tells "
              "you its number. Capital or small letters, spaces and dashes do not matter.")
KEEP_HEADING = N_("Keep it safe")
KEEP_PRINT = N_("Print this sheet and keep it in the salon's locked cabinet. Then delete the "
                "PDF file from the computer.")
KEEP_NEVER = N_("Never keep the recovery key on the computer and never send it by e-mail or in "
                "a message.")
KEEP_READ = N_("Whoever has this key and a copy of the salon's data can read the clients' "
               "data.")
WHEN_HEADING = N_("When you need it")
WHEN_LOST = N_("The computer keeps the key to the salon's data in its keyring. The keyring can "
               "lose it: on a new computer, after the operating system is reinstalled or after "
               "a Windows password reset.")
WHEN_BUTTON = N_("Then choose “{button}” on the sign-in screen and type the recovery key.")
WHEN_COMMAND = N_("Your IT helper can instead run this command and type the key:")
# The sign-in screen's button; the same msgid as in the UI, so the two always match.
RECOVER_BUTTON = N_("Recover access")

_INK = colors.HexColor("#222222")
_MUTED = colors.HexColor("#666666")
_RULE = colors.HexColor("#BBBBBB")
_KEY_BACKGROUND = colors.HexColor("#F3F3F0")

_MARGIN = 18 * mm
_FRAME_PADDING = 6.0  # platypus' default Frame padding, inside the page margins
_KEY_MAX_SIZE = 26.0
_KEY_MIN_SIZE = 14.0


class ReportNotSaved(SalonError):
    """The PDF could not be written (folder gone, read-only, disk full, file open elsewhere).

    No parameters: the path may contain a person's user name, and errors reach the logs.
    """

    msgid = N_("The PDF could not be saved.")
    way_out = N_("Way out: check that the folder exists and can be written to, that the disk "
                 "is not full and that the file is not open in another program, then try "
                 "again.")


def render_recovery_sheet(out_path: Path, *, salon_name: str, vault_id: str,
                          created_at: datetime, recovery_key: str, language: str) -> None:
    """Write the one-page A4 recovery sheet for ``recovery_key`` to ``out_path``.

    ``recovery_key`` is validated (``security.recovery_key.normalize``) before anything is
    written: a sheet with a wrong key would look fine and fail on the one day it is needed.
    Raises ``RecoveryKeyMalformed``/``RecoveryKeyTypo`` for a bad key and ``ReportNotSaved``
    when the file cannot be written; either way no partial file is left at ``out_path``.
    """
    canonical = normalize_recovery_key(recovery_key)
    register_fonts()
    t = get_translator(language)
    out_path = Path(out_path)
    title = t.gettext(TITLE)
    story = _story(t, salon_name=salon_name, vault_id=vault_id, created_at=created_at,
                   key=canonical)
    _write_atomically(out_path, story, title=title, language=t.language)


def _styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, all in the embedded DejaVu fonts (never a built-in font)."""
    body = ParagraphStyle("body", fontName=FONT_REGULAR, bulletFontName=FONT_REGULAR,
                          fontSize=11, leading=15, textColor=_INK, spaceAfter=6)
    return {
        "product": ParagraphStyle("product", parent=body, fontSize=9.5, textColor=_MUTED,
                                  spaceAfter=2),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=22,
                                leading=27, spaceAfter=8),
        "intro": body,
        "label": ParagraphStyle("label", parent=body, textColor=_MUTED, spaceAfter=0),
        "value": ParagraphStyle("value", parent=body, spaceAfter=0),
        "heading": ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=13,
                                  leading=17, spaceBefore=14, spaceAfter=6),
        "note": ParagraphStyle("note", parent=body, fontSize=9.5, leading=13,
                               textColor=_MUTED),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=0),
        # On a line of its own, so it never breaks and reads as something to type.
        "command": ParagraphStyle("command", parent=body, fontName=FONT_MONO, leftIndent=24),
        "group_number": ParagraphStyle("group_number", parent=body, fontSize=9, leading=11,
                                       textColor=_MUTED, alignment=TA_CENTER, spaceAfter=0),
    }


def _text(t: Translator, msgid: str, **params: str) -> str:
    """Translated, escaped for platypus markup; ``params`` are inserted as given (pre-escaped).

    A translation with a broken placeholder falls back to the English text rather than
    failing the sheet: the recovery key matters more than the wording around it.
    """
    translated = escape(t.gettext(msgid))
    if not params:
        return translated
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):
        return escape(msgid).format(**params)


def _created_date(t: Translator, created_at: datetime) -> str:
    """The local calendar date: a UTC timestamp just after midnight is still 'today' here."""
    local = created_at.astimezone() if created_at.tzinfo else created_at
    return t.date(local.date())


def _story(t: Translator, *, salon_name: str, vault_id: str, created_at: datetime,
           key: str) -> list[Flowable]:
    styles = _styles()
    width = A4[0] - 2 * _MARGIN - 2 * _FRAME_PADDING
    labels = [t.gettext(msgid) for msgid in (LABEL_SALON, LABEL_VAULT, LABEL_CREATED)]
    label_w = min(max(stringWidth(label, FONT_REGULAR, styles["label"].fontSize)
                      for label in labels) + 16, 70 * mm)
    label_w = max(label_w, 36 * mm)
    details = Table(
        [
            [Paragraph(_text(t, LABEL_SALON), styles["label"]),
             Paragraph(f"<b>{escape(salon_name)}</b>", styles["value"])],
            [Paragraph(_text(t, LABEL_VAULT), styles["label"]),
             Paragraph(f'<font name="{FONT_MONO}">{escape(vault_id)}</font>',
                       styles["value"])],
            [Paragraph(_text(t, LABEL_CREATED), styles["label"]),
             Paragraph(escape(_created_date(t, created_at)), styles["value"])],
        ],
        colWidths=[label_w, width - label_w],
        hAlign="LEFT",
    )
    details.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))

    button = f"<b>{escape(t.gettext(RECOVER_BUTTON))}</b>"
    command = escape(RECOVER_COMMAND)
    keep = [KEEP_PRINT, KEEP_NEVER, KEEP_READ]
    return [
        Paragraph(escape(PRODUCT), styles["product"]),
        Paragraph(_text(t, TITLE), styles["title"]),
        Paragraph(_text(t, INTRO), styles["intro"]),
        Spacer(1, 4),
        details,
        KeepTogether([
            Paragraph(_text(t, KEY_HEADING), styles["heading"]),
            _key_table(key, width, styles["group_number"]),
            Spacer(1, 5),
            Paragraph(_text(t, KEY_NOTE), styles["note"]),
        ]),
        Paragraph(_text(t, KEEP_HEADING), styles["heading"]),
        *[Paragraph(_text(t, msgid), styles["bullet"], bulletText="•") for msgid in keep],
        Paragraph(_text(t, WHEN_HEADING), styles["heading"]),
        Paragraph(_text(t, WHEN_LOST), styles["bullet"], bulletText="•"),
        Paragraph(_text(t, WHEN_BUTTON, button=button), styles["bullet"], bulletText="•"),
        Paragraph(_text(t, WHEN_COMMAND), styles["bullet"], bulletText="•"),
        Paragraph(command, styles["command"]),
    ]


def _key_table(key: str, width: float, number_style: ParagraphStyle) -> Table:
    """The key in one row as it is typed (groups joined by dashes), numbers 1–6 underneath.

    The font size is the largest that fits the page width, so the key stays on one line.
    """
    groups = key.split("-")
    padding = 10.0
    size = _KEY_MAX_SIZE
    while size > _KEY_MIN_SIZE and _key_row_width(groups, size) + 2 * padding > width:
        size -= 1
    group_w, dash_w = _key_column_widths(groups[0], size)

    key_row: list[str] = []
    number_row: list[str | Paragraph] = []
    col_widths: list[float] = []
    for number, group in enumerate(groups, start=1):
        if number > 1:
            key_row.append("-")
            number_row.append("")
            col_widths.append(dash_w)
        key_row.append(group)
        number_row.append(Paragraph(str(number), number_style))
        col_widths.append(group_w)
    # Table columns: a side filler, then the ones above, then another filler.
    dash_cols = [i + 1 for i, cell in enumerate(key_row) if cell == "-"]
    inner_width = sum(col_widths)
    side = (width - inner_width) / 2
    table = Table([["", *key_row, ""], ["", *number_row, ""]],
                  colWidths=[side, *col_widths, side], hAlign="CENTER")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("FONTNAME", (0, 0), (-1, 0), FONT_MONO),
        ("FONTSIZE", (0, 0), (-1, 0), size),
        ("LEADING", (0, 0), (-1, 0), size * 1.2),
        ("TEXTCOLOR", (0, 0), (-1, 0), _INK),
        # Later commands win: the dashes are quieter than the groups.
        *[("FONTNAME", (col, 0), (col, 0), FONT_REGULAR) for col in dash_cols],
        *[("TEXTCOLOR", (col, 0), (col, 0), _MUTED) for col in dash_cols],
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), padding + 2),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ("TOPPADDING", (0, 1), (-1, 1), 0),
        ("BOTTOMPADDING", (0, 1), (-1, 1), padding - 2),
        ("BACKGROUND", (0, 0), (-1, -1), _KEY_BACKGROUND),
        ("BOX", (0, 0), (-1, -1), 0.8, _RULE),
    ]))
    return table


def _key_column_widths(group: str, size: float) -> tuple[float, float]:
    """Widths of a group column (mono, a little air) and of a dash column (regular, narrow)."""
    return (stringWidth(group, FONT_MONO, size) + size * 0.3,
            stringWidth("-", FONT_REGULAR, size) + 4)


def _key_row_width(groups: list[str], size: float) -> float:
    group_w, dash_w = _key_column_widths(groups[0], size)
    return len(groups) * group_w + (len(groups) - 1) * dash_w


def _write_atomically(out_path: Path, story: list[Flowable], *, title: str,
                      language: str) -> None:
    """A crash or a full disk leaves either the old file or the complete new one, never a torn
    PDF; the temp file (which holds the key) is removed on any failure."""

    def produce(temp_path: Path) -> None:
        doc = SimpleDocTemplate(
            str(temp_path), pagesize=A4,
            leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN, bottomMargin=_MARGIN,
            # Metadata: neutral, no salon name, vault id or key.
            title=title, author=PRODUCT, creator=PRODUCT, subject="", keywords="",
            lang=language,
            # The canvas starts in Helvetica unless told otherwise; keep it out of the PDF.
            initialFontName=FONT_REGULAR,
        )
        doc.build(story)

    write_atomically(Path(out_path), produce, ReportNotSaved)
