"""The salon's record of processing (GDPR Art. 30) and security measures (Art. 32) as one PDF:
what the manager shows the inspectorate when asked, and files with the salon's papers.

Each activity with its data, legal basis and retention (the same texts every client data
report uses), the recipients, the note on transfers, then the security measures — physical
ones first, the way the seed insists on them — each with who holds the key or is
responsible and the day it was last checked; a measure never checked says so plainly.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from salon_desktop.domain.processing_record import (
    RECIPIENT_LABELS,
    ProcessingRecord,
    SecurityMeasure,
)
from salon_desktop.i18n import N_, Translator, get_translator
from salon_desktop.reports.atomic import write_atomically
from salon_desktop.reports.fonts import register_fonts
from salon_desktop.reports.pdf_layout import (
    PAD,
    WIDTH,
    build_pdf,
    data_table,
    draw_footer,
    field_table,
    styles,
    text,
    tr,
)
from salon_desktop.reports.recovery_sheet import ReportNotSaved

TITLE = N_("Record of processing activities")
SUBTITLE = N_("GDPR Art. 30, with the security measures of Art. 32")
CONTROLLER = N_("Controller")
REGISTRY = N_("Registry code {code}")
PRINTED = N_("Printed on {date}")
S_ACTIVITIES = N_("Processing activities")
SUBJECTS = N_("Data subjects")
SUBJECTS_CLIENTS = N_("Clients of the salon")
SUBJECTS_STAFF = N_("Staff of the salon")
DATA = N_("Data")
BASIS = N_("Legal basis")
RETENTION = N_("Retention")
REVIEWED = N_("Last reviewed")
NEVER = N_("not yet")
S_RECIPIENTS = N_("Recipients")
RECIPIENT = N_("Recipient")
NAME = N_("Name")
RECEIVES = N_("What they receive")
NOT_NAMED = N_("(name not entered)")
S_TRANSFERS = N_("Transfers outside the EU/EEA")
S_MEASURES = N_("Security measures")
PHYSICAL = N_("Physical measures")
TECHNICAL = N_("Technical and organisational measures")
MEASURE = N_("Measure")
HOLDER = N_("Who / where")
CHECKED = N_("Last checked")
NEVER_CHECKED = N_("never checked")
FOOTER_PAGE = N_("Page {page} of {pages}")

_W = WIDTH - 2 * PAD


def _measures(t: Translator, st: dict[str, ParagraphStyle], measures: list[SecurityMeasure],
              heading: str) -> list[Flowable]:
    if not measures:
        return []
    rows: list[list[Flowable]] = [[Paragraph(tr(t, m), st["cell_head"])
                                   for m in (MEASURE, HOLDER, CHECKED)]]
    for m in measures:
        checked = (t.date(m.last_checked) if m.last_checked else
                   f'<font color="#A4452C">{tr(t, NEVER_CHECKED)}</font>')
        rows.append([Paragraph(text(m.text), st["cell"]), Paragraph(text(m.holder), st["cell"]),
                     Paragraph(checked, st["cell"])])
    return [Paragraph(tr(t, heading), st["h2"]),
            data_table(rows, [_W - 80 * mm, 48 * mm, 32 * mm])]


def render_processing_record(record: ProcessingRecord, printed_on: date) -> bytes:
    register_fonts()
    t = get_translator(record.language)
    st = styles()
    salon = record.controller
    code = tr(t, REGISTRY, code=salon.registry_code) if salon.registry_code else ""
    contacts = " · ".join(x for x in (code, text(salon.address), text(salon.email),
                                      text(salon.phone)) if x)
    story: list[Flowable] = [
        Paragraph(tr(t, CONTROLLER), st["muted"]), Paragraph(text(salon.name), st["salon"]),
        *([Paragraph(contacts, st["muted"])] if contacts else []),
        Paragraph(tr(t, TITLE), st["title"]), Paragraph(tr(t, SUBTITLE), st["subtitle"]),
        Paragraph(tr(t, PRINTED, date=t.date(printed_on)), st["muted"]),
        CondPageBreak(40 * mm), Paragraph(tr(t, S_ACTIVITIES), st["h1"])]
    for a in record.activities:
        subjects = SUBJECTS_CLIENTS if a.in_client_report else SUBJECTS_STAFF
        reviewed = t.date(a.last_reviewed) if a.last_reviewed else tr(t, NEVER)
        story.append(KeepTogether([
            Paragraph(text(a.purpose), st["h2"]),
            field_table([(tr(t, SUBJECTS), tr(t, subjects)), (tr(t, DATA), text(a.data)),
                         (tr(t, BASIS), text(a.legal_basis)),
                         (tr(t, RETENTION), text(a.retention)), (tr(t, REVIEWED), reviewed)],
                        40 * mm, st)]))
    rows: list[list[Flowable]] = [[Paragraph(tr(t, m), st["cell_head"])
                                   for m in (RECIPIENT, NAME, RECEIVES)]]
    for r in record.recipients:
        if r.active:
            rows.append([Paragraph(tr(t, RECIPIENT_LABELS[r.kind]), st["cell"]),
                         Paragraph(text(r.name) or tr(t, NOT_NAMED), st["cell"]),
                         Paragraph(text(r.receives), st["cell"])])
    story += [CondPageBreak(40 * mm), Paragraph(tr(t, S_RECIPIENTS), st["h1"]),
              data_table(rows, [40 * mm, 44 * mm, _W - 84 * mm]),
              Paragraph(tr(t, S_TRANSFERS), st["h2"]), Paragraph(text(record.transfers),
                                                                 st["body"]),
              CondPageBreak(50 * mm), Paragraph(tr(t, S_MEASURES), st["h1"])]
    active = [m for m in record.measures if m.active]
    story += _measures(t, st, [m for m in active if m.physical], PHYSICAL)
    story += [Spacer(1, 4),
              *_measures(t, st, [m for m in active if not m.physical], TECHNICAL)]
    title = t.gettext(TITLE)

    def footer(canv: Canvas, page: int, pages: int) -> None:
        try:
            right = t.gettext(FOOTER_PAGE).format(page=page, pages=pages)
        except (KeyError, IndexError, ValueError):
            right = FOOTER_PAGE.format(page=page, pages=pages)
        draw_footer(canv, f"{title} · {salon.name}", right)

    return build_pdf(story, footer, title=title, language=record.language)


def save_processing_record(out_path: Path, record: ProcessingRecord, printed_on: date) -> None:
    pdf = render_processing_record(record, printed_on)
    write_atomically(Path(out_path), lambda temp: temp.write_bytes(pdf), ReportNotSaved)
