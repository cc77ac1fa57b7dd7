"""The client data report (GDPR Art. 15): the printed copy a client takes home.

It should be a document a person is glad to receive: one calm column, the salon at the top,
a short personal greeting, then numbered sections in the order a client thinks of their
data — who they are to us, their health notes, visits, bookings, consents — followed by
why and how long we keep it, who receives it, their rights with the inspectorate's address,
and the processing history. Tables are quiet (a soft header, thin rules); a visit's colour
formula and notes sit under it, not in a cramped column. Every page carries the client's
name and "Page x of y" at the foot, so a loose page still says whose it is.

Built from a ``ClientDataCopy`` (the same one the JSON export uses) in the copy's language,
in memory; ``save_access_report`` writes it atomically where the user chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from salon_desktop.domain.appointments import STATUS_LABELS, AppointmentStatus
from salon_desktop.domain.consents import (
    ACTION_LABELS,
    METHOD_LABELS,
    PURPOSE_LABELS,
    Action,
    Method,
    Purpose,
)
from salon_desktop.domain.data_copy import ClientDataCopy, HistoryEntry, history_label
from salon_desktop.domain.rights import (
    REQUEST_KIND_LABELS,
    REQUEST_STATUS_LABELS,
    RequestKind,
    RequestStatus,
)
from salon_desktop.domain.roles import ROLE_LABELS, Role
from salon_desktop.domain.validation import format_phone
from salon_desktop.i18n import LANGUAGE_NAMES, Translator, get_translator
from salon_desktop.reports import access_report_texts as T
from salon_desktop.reports.atomic import write_atomically
from salon_desktop.reports.fonts import register_fonts
from salon_desktop.reports.pdf_layout import (
    PAD,
    WIDTH,
    CellParagraph,
    box,
    build_pdf,
    data_table,
    draw_footer,
    field_table,
    styles,
    text,
    tr,
)
from salon_desktop.reports.recovery_sheet import ReportNotSaved

_W = WIDTH - 2 * PAD
_LABEL_W = 46 * mm


class _Report:
    def __init__(self, copy: ClientDataCopy) -> None:
        register_fonts()  # before the first Paragraph is parsed
        self.copy = copy
        self.t: Translator = get_translator(copy.language)
        self.st = styles()
        self.section = 0

    # -- small helpers -----------------------------------------------------------------------
    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, self.st[style])

    def note_row(self, markup: str, columns: int) -> list[Flowable | str]:
        """A record's notes, spanning the row under it (``data_table``'s ``spans``)."""
        return [CellParagraph(markup, self.st["cell_muted"]), *[""] * (columns - 1)]

    def msg(self, msgid: str, style: str = "body", **params: object) -> Paragraph:
        return self.p(tr(self.t, msgid, **params), style)

    def heading(self, msgid: str) -> list[Flowable]:
        self.section += 1
        return [CondPageBreak(40 * mm),
                self.p(f"{self.section}&nbsp;&nbsp;{tr(self.t, msgid)}", "h1")]

    def value(self, raw: object) -> str:
        if raw is None or raw == "":
            return f'<font color="#5F6B76">{tr(self.t, T.NOT_RECORDED)}</font>'
        return text(raw)

    def day(self, value: date | None) -> str:
        return self.t.date(value) if value else ""

    def local(self, value: datetime) -> datetime:
        """An instant (UTC) as the salon's wall-clock time."""
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value

    def when(self, value: datetime) -> str:
        return self.t.datetime(self.local(value))

    def money(self, cents: int) -> str:
        return self.t.money(Decimal(cents) / 100)

    def role(self, value: str | None) -> str:
        return tr(self.t, ROLE_LABELS[Role(value)]) if value else tr(self.t, T.PROGRAM)

    def head_row(self, *msgids: str) -> list[Flowable | str]:
        return [self.msg(m, "cell_head") for m in msgids]

    def cells(self, *values: str) -> list[Flowable | str]:
        """Markup for ``data_table``, which draws it as plain text where it fits."""
        return list(values)

    # -- the document ------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        c = self.copy
        parts = [self.opening(), self.details(), self.health(), self.visits(),
                 self.bookings(), self.consents(), self.requests(), self.purposes(),
                 self.recipients(), self.source(), self.rights(), self.history()]
        story = [f for part in parts for f in part]
        story += [Spacer(1, 10), self.msg(T.CLOSING), self.p(text(c.controller.name), "h2")]
        return story

    def opening(self) -> list[Flowable]:
        c, t = self.copy, self.t
        salon = c.controller
        contacts = " · ".join(x for x in (
            tr(t, T.REGISTRY, code=salon.registry_code) if salon.registry_code else "",
            text(salon.address), text(salon.email), text(salon.phone)) if x)
        role = tr(t, T.PREPARED_BY_VALUE, role=t.gettext(ROLE_LABELS[Role(c.produced_by_role)]))
        meta = field_table([(tr(t, T.REPORT_DATE), t.date(self.local(c.produced_at).date())),
                            (tr(t, T.PREPARED_BY), role)], _LABEL_W, self.st)
        return [self.msg(T.CONTROLLER, "muted"), self.p(text(salon.name), "salon"),
                *([self.p(contacts, "muted")] if contacts else []),
                self.msg(T.TITLE, "title"), self.p(text(c.client.full_name), "subtitle"),
                meta, Spacer(1, 10),
                self.msg(T.GREETING, first_name=c.client.first_name), self.msg(T.INTRO)]

    def details(self) -> list[Flowable]:
        c, t = self.copy.client, self.t
        rows = [
            (tr(t, T.NAME), text(c.full_name)),
            (tr(t, T.PHONE), self.value(format_phone(c.phone) if c.phone else None)),
            (tr(t, T.EMAIL), self.value(c.email)), (tr(t, T.ADDRESS), self.value(c.address)),
            (tr(t, T.BIRTH_DATE), self.value(self.day(c.birth_date))),
            (tr(t, T.LANGUAGE), text(LANGUAGE_NAMES.get(c.language, c.language))),
            (tr(t, T.PREFERENCES), self.value(c.preferences)),
            (tr(t, T.FAVOURITE), self.value(c.favourite_stylist)),
            (tr(t, T.NOTES_ABOUT), self.value(c.notes)),
            (tr(t, T.CLIENT_SINCE), t.date(self.local(c.created_at).date())),
            (tr(t, T.LAST_CHANGED), t.date(self.local(c.updated_at).date())),
        ]
        if c.restricted:
            rows.append((tr(t, T.RESTRICTED), tr(t, T.RESTRICTED_NOTE)))
        if c.objecting:
            rows.append((tr(t, T.OBJECTING), tr(t, T.OBJECTING_NOTE)))
        return [*self.heading(T.S_DETAILS), field_table(rows, _LABEL_W, self.st)]

    def health(self) -> list[Flowable]:
        h, t = self.copy.health, self.t
        out = self.heading(T.S_HEALTH)
        if h is None:
            return [*out, self.msg(T.NO_HEALTH, "empty")]
        consent = tr(t, T.CONSENT_GIVEN if h.consent_stands else T.CONSENT_NOT_GIVEN)
        out.append(field_table([(tr(t, T.HEALTH_CONSENT), consent),
                                (tr(t, T.ALLERGIES), self.value(h.allergies)),
                                (tr(t, T.CONTRAINDICATIONS), self.value(h.contraindications))],
                               _LABEL_W, self.st))
        if h.patch_tests:
            rows: list[list[Flowable | str]] = [
                self.head_row(T.APPLIED, T.PRODUCT, T.RESULT, T.VALID_UNTIL, T.TESTED_BY)]
            rows += [self.cells(self.t.datetime(p.applied_at), text(p.product),
                                tr(t, T.RESULT_LABELS.get(p.result, p.result)),
                                self.day(p.valid_until), text(p.tested_by or ""))
                     for p in h.patch_tests]
            out += [self.msg(T.PATCH_TESTS, "h2"),
                    data_table(rows, [34 * mm, _W - 120 * mm, 30 * mm, 30 * mm, 26 * mm])]
        return out

    def visits(self) -> list[Flowable]:
        out = self.heading(T.S_VISITS)
        if not self.copy.visits:
            return [*out, self.msg(T.NO_VISITS, "empty")]
        t = self.t
        rows: list[list[Flowable | str]] = [self.head_row(T.DATE, T.SERVICES, T.STYLIST,
                                                          T.PRICE)]
        spans = []
        for v in self.copy.visits:
            services = "<br/>".join(text(s.name) for s in v.services)
            rows.append(self.cells(t.datetime(v.started_at), services, text(v.stylist or ""),
                                   self.money(v.price_cents)))
            extra = [f"<b>{tr(t, label)}:</b> {text(value)}"
                     for label, value in ((T.FORMULA, v.colour_formula),
                                          (T.VISIT_NOTES, v.notes)) if value]
            if extra:
                spans.append(len(rows))
                rows.append(self.note_row("<br/>".join(extra), 4))
        return [*out, self.msg(T.VISITS_COUNT, "muted", count=len(self.copy.visits)),
                Spacer(1, 3),
                data_table(rows, [34 * mm, _W - 102 * mm, 42 * mm, 26 * mm], spans=spans,
                           right=(3,))]

    def bookings(self) -> list[Flowable]:
        out = self.heading(T.S_BOOKINGS)
        if not self.copy.bookings:
            return [*out, self.msg(T.NO_BOOKINGS, "empty")]
        t = self.t
        rows: list[list[Flowable | str]] = [self.head_row(T.TIME, T.SERVICE, T.STYLIST,
                                                          T.STATUS)]
        spans = []
        for b in self.copy.bookings:
            span = f"{t.datetime(b.starts_at)}–{b.ends_at.strftime('%H:%M')}"
            rows.append(self.cells(span, text(b.service), text(b.stylist or ""),
                                   tr(t, STATUS_LABELS[AppointmentStatus(b.status)])))
            if b.notes:
                spans.append(len(rows))
                rows.append(self.note_row(f"<b>{tr(t, T.VISIT_NOTES)}:</b> {text(b.notes)}",
                                          4))
        return [*out, data_table(rows, [38 * mm, _W - 104 * mm, 36 * mm, 30 * mm],
                                 spans=spans)]

    def consents(self) -> list[Flowable]:
        t = self.t
        out = self.heading(T.S_CONSENTS)
        now = [self.head_row(T.PURPOSE, T.YOUR_CHOICE, T.SINCE)]
        for item in self.copy.consents:
            state = T.STATE_GIVEN if item.stands else (
                T.STATE_WITHDRAWN if item.action else T.STATE_NONE)
            now.append(self.cells(tr(t, PURPOSE_LABELS[Purpose(item.purpose)]),
                                  tr(t, state), self.when(item.since) if item.since else ""))
        out += [data_table(now, [_W - 70 * mm, 36 * mm, 34 * mm]), Spacer(1, 4),
                self.msg(T.WITHDRAW_NOTE, "muted"), self.msg(T.CONSENT_HISTORY, "h2")]
        if not self.copy.consent_history:
            return [*out, self.msg(T.NO_CONSENTS, "empty")]
        rows: list[list[Flowable | str]] = [self.head_row(T.DATE, T.PURPOSE, T.EVENT, T.HOW,
                                                          T.WORDING)]
        spans = []
        for e in self.copy.consent_history:
            version = (tr(t, T.WORDING_VERSION, version=e.wording_version,
                          language=e.wording_language) if e.wording_version else "")
            rows.append(self.cells(self.when(e.recorded_at),
                                   tr(t, PURPOSE_LABELS[Purpose(e.purpose)]),
                                   tr(t, ACTION_LABELS[Action(e.action)]),
                                   tr(t, METHOD_LABELS[Method(e.method)]), version))
            if e.wording_text:
                spans.append(len(rows))
                rows.append(self.note_row(f"“{text(e.wording_text)}”", 5))
        return [*out, data_table(rows, [34 * mm, _W - 130 * mm, 34 * mm, 34 * mm, 28 * mm],
                                 spans=spans)]

    def requests(self) -> list[Flowable]:
        if not self.copy.requests:
            return []
        t = self.t
        rows = [self.head_row(T.REQUEST, T.RECEIVED, T.ANSWER_DUE, T.STATUS)]
        rows += [self.cells(tr(t, REQUEST_KIND_LABELS[RequestKind(r.kind)]),
                            self.day(r.received_on), self.day(r.due_on),
                            tr(t, REQUEST_STATUS_LABELS[RequestStatus(r.status)]))
                 for r in self.copy.requests]
        return [*self.heading(T.S_REQUESTS),
                data_table(rows, [_W - 90 * mm, 30 * mm, 30 * mm, 30 * mm])]

    def purposes(self) -> list[Flowable]:
        t = self.t
        out = self.heading(T.S_PURPOSES)
        for item in self.copy.purposes:
            out.append(KeepTogether([
                self.p(text(item.purpose), "h2"),
                field_table([(tr(t, T.DATA), text(item.data)),
                             (tr(t, T.LEGAL_BASIS), text(item.legal_basis)),
                             (tr(t, T.KEPT), text(item.retention))], _LABEL_W, self.st)]))
        return out

    def recipients(self) -> list[Flowable]:
        out = self.heading(T.S_RECIPIENTS)
        if not self.copy.recipients:
            out.append(self.msg(T.NO_RECIPIENTS))
        for r in self.copy.recipients:
            name = f"<b>{text(r.label)}</b>" + (f" — {text(r.name)}" if r.name else "")
            out += [self.p(name, "cell"), self.p(text(r.receives), "muted"), Spacer(1, 5)]
        return [*out, Spacer(1, 3), self.p(text(self.copy.transfers))]

    def source(self) -> list[Flowable]:
        from salon_desktop.domain.processing_record import AUTOMATED

        return [*self.heading(T.S_SOURCE), self.p(text(self.copy.source)),
                *self.heading(T.S_AUTOMATED), self.msg(AUTOMATED)]

    def rights(self) -> list[Flowable]:
        t, salon, authority = self.t, self.copy.controller, self.copy.authority
        out = self.heading(T.S_RIGHTS)
        for name, explanation in T.RIGHTS:
            out.append(self.p(f"<b>{tr(t, name)}.</b> {tr(t, explanation)}", "bullet"))
        contacts = [x for x in (salon.phone, salon.email, salon.address) if x]
        out += [Spacer(1, 2), self.msg(T.ANSWER_TIME),
                self.msg(T.CONTACT_US),
                self.p(f"<b>{text(salon.name)}</b>"
                       + "".join(f"<br/>{text(x)}" for x in contacts), "body"),
                Spacer(1, 4), self.msg(T.COMPLAINT),
                box([self.p(f"<b>{text(authority.name)}</b>", "cell"),
                     self.p(text(authority.address), "cell"),
                     self.p(" · ".join(text(x) for x in (authority.email, authority.phone,
                                                        authority.web)), "cell")]),
                Spacer(1, 4), self.msg(T.COURT, "muted")]
        return out

    def history(self) -> list[Flowable]:
        t = self.t
        out = [*self.heading(T.S_HISTORY), self.msg(T.HISTORY_INTRO, "muted"), Spacer(1, 4)]
        if not self.copy.history:
            return [*out, self.msg(T.NO_HISTORY, "empty")]
        rows = [self.head_row(T.DATE, T.WHAT, T.BY, T.TIMES)]
        for (day, action, role), group in grouped(self.copy.history):
            count = sum(1 for _ in group)
            rows.append(self.cells(t.date(day), tr(t, history_label(action)), self.role(role),
                                   f"{count}×" if count > 1 else ""))
        return [*out, data_table(rows, [28 * mm, _W - 88 * mm, 40 * mm, 20 * mm])]


def grouped(history: Iterable[HistoryEntry]
            ) -> Iterable[tuple[tuple[date, str, str | None], Iterable[HistoryEntry]]]:
    """Consecutive entries of the same day, action and role as one line: a card opened five
    times on one visit reads as one line with "5×", not five."""
    def key(e: HistoryEntry) -> tuple[date, str, str | None]:
        moment = e.at.astimezone().replace(tzinfo=None) if e.at.tzinfo else e.at
        return moment.date(), e.action, e.staff_role

    return groupby(history, key=key)


def _page_of(t: Translator, page: int, pages: int) -> str:
    try:
        return t.gettext(T.FOOTER_PAGE).format(page=page, pages=pages)
    except (KeyError, IndexError, ValueError):
        return T.FOOTER_PAGE.format(page=page, pages=pages)


def render_access_report(copy: ClientDataCopy) -> bytes:
    """The report as PDF bytes (nothing is written anywhere)."""
    report = _Report(copy)
    t = report.t
    title = t.gettext(T.TITLE)
    name = copy.client.full_name
    salon = copy.controller.name

    def footer(canv: Canvas, page: int, pages: int) -> None:
        draw_footer(canv, f"{title} · {name}", _page_of(t, page, pages),
                    *((salon, name) if page > 1 else ()))

    return build_pdf(report.story(), footer, title=title, language=copy.language)


def save_access_report(out_path: Path, copy: ClientDataCopy) -> None:
    """Write the report atomically; ``ReportNotSaved`` if the file cannot be written (no
    partial file is left, and nothing goes to a temporary folder)."""
    pdf = render_access_report(copy)
    write_atomically(Path(out_path), lambda temp: temp.write_bytes(pdf), ReportNotSaved)
