"""The week view is readable at the main window's smallest size (960×600) and at 1280×800 in
every language: no header or count is cut. Where the full texts do not fit, the table shows
the deliberately short forms (Babel's abbreviated weekday, "3 bron."), the same in every
column; at 1280 px the full forms fit and are shown."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentDraft
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft
from salon_desktop.i18n import _
from ui.booking import texts
from ui.booking.layout import WeekFit, WeekNeeds, fit_week
from ui.booking.page import WEEK, AppointmentsPage
from ui.booking.week_table import CELL_PADDING, WeekTable
from ui.language import switch_language
from ui.main_window import MainWindow
from ui.worker import Worker

MONDAY = date(2026, 11, 23)  # the fake clock's week (Wednesday 25.11.2026)
STYLISTS = ("Anna Smirnova", "Kati Kask", "Sergei Ivanov", "Liis Pärn")
CLIENTS = (("Õie", "Šmidt"), ("Наталья", "Кузнецова"), ("Emily", "Walker"))


def _fill(ctx: AppContext) -> None:
    """Four stylists with one to three bookings on each working day (Sunday is closed)."""
    s = ctx.services
    cut = s.catalogue.add(CatalogueDraft("Lõikus", 45, 35_00))
    stylists = [s.staff.create(f"stylist{n}", name, Role.STYLIST, "Sirel-2026-Pärn").id
                for n, name in enumerate(STYLISTS)]
    clients = []
    for n, (first, last) in enumerate(CLIENTS):
        made = s.clients.create(ClientDraft(first, last, phone=f"+372 5550 {1000 + n}"))
        assert made.client_id is not None
        clients.append(made.client_id)
    for offset in range(6):
        day = MONDAY + timedelta(days=offset)
        for column, stylist in enumerate(stylists):
            for number in range(1 + (offset + column) % 3):
                start = datetime.combine(day, time(10 + 2 * number, 0))
                s.appointments.book(AppointmentDraft(
                    clients[(column + number) % len(clients)], stylist, cut, start))


def _open(qtbot: QtBot, ctx: AppContext, worker: Worker) -> tuple[MainWindow, AppointmentsPage]:
    window = MainWindow(ctx, worker, ctx.services.session,  # type: ignore[arg-type]
                        salon_name="Salong Õnnelik")
    qtbot.addWidget(window)
    window.show()
    window.resize(960, 600)
    window.show_section("appointments")
    page = window.stack.currentWidget()
    assert isinstance(page, AppointmentsPage)
    qtbot.waitUntil(lambda: page.day_view is not None and not worker.busy)
    page.set_mode(WEEK)
    qtbot.waitUntil(lambda: page.week_view is not None and not worker.busy)
    return window, page


def _settle() -> None:
    for _round in range(4):  # a new form of the texts asks for a new layout pass
        QCoreApplication.processEvents()


def _bold(font: QFont) -> QFontMetrics:
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetrics(bold)


def _assert_headers_fit(table: WeekTable) -> None:
    """Each day's header needs no more than its section (what Qt would elide), and shows
    the full or Babel's short weekday above the date, never a cut word."""
    header, model = table.horizontalHeader(), table.model_
    widths = {header.sectionSize(n) for n in range(model.columnCount())}
    assert max(widths) - min(widths) <= 1  # the days share the width evenly
    for column in range(model.columnCount()):
        day = model.day_of(column)
        shown = model.headerData(column, Qt.Orientation.Horizontal)
        weekday, when = shown.split("\n")
        assert weekday in (texts.weekday_name(day), texts.weekday_name(day, "EEE"))
        assert when == texts.short_date(day)
        assert header.sectionSizeFromContents(column).width() <= header.sectionSize(column), \
            f"{shown!r} is cut"
    names = table.verticalHeader()
    for row in range(model.rowCount()):
        assert names.sectionSizeFromContents(row).width() <= names.width()


def _assert_cells_fit(table: WeekTable) -> None:
    """A cell's first line (the count, or "Closed") fits whole; so does every booking's
    time (with ⚠), and the whole line when the table shows times without names."""
    model = table.model_
    metrics = QFontMetrics(table.font())
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            room = table.columnWidth(column) - CELL_PADDING
            head, *lines = str(model.index(row, column).data()).split("\n")
            head_metrics = metrics if head == _("Closed") else _bold(table.font())
            assert head_metrics.horizontalAdvance(head) <= room, f"{head!r} is cut"
            for line in lines:
                start = line if not model.fit.names_in_cells else line[:5]
                assert metrics.horizontalAdvance(start) <= room, f"{line!r} is cut"


@pytest.mark.parametrize("language", ["en", "et", "ru"])
def test_the_week_view_cuts_no_text(qtbot: QtBot, worker: Worker, app_context: AppContext,
                                    language: str) -> None:
    _fill(app_context)
    window, page = _open(qtbot, app_context, worker)
    switch_language(language, None)
    table = page.week
    for width, height in ((960, 600), (1280, 800), (960, 600)):
        window.resize(width, height)
        _settle()
        assert window.width() == width
        assert table.model_.rowCount() == len(STYLISTS) and table.model_.columnCount() == 7
        _assert_headers_fit(table)
        _assert_cells_fit(table)
        if width == 1280:  # room enough: the full forms, the weekday and "2 bookings"
            fit = table.model_.fit
            assert not fit.short_weekdays and not fit.short_counts and fit.names_in_cells
            assert table.model_.headerData(2, Qt.Orientation.Horizontal).startswith(
                texts.weekday_name(MONDAY + timedelta(days=2)))


def test_short_forms_keep_the_full_text_for_tooltips_and_screen_readers(
        qtbot: QtBot, worker: Worker, app_context: AppContext) -> None:
    _fill(app_context)
    _window, page = _open(qtbot, app_context, worker)
    switch_language("et", None)
    _settle()
    model = page.week.model_
    assert model.fit.short_weekdays and model.fit.short_counts  # 960 px in Estonian
    wednesday = model.headerData(2, Qt.Orientation.Horizontal)
    assert wednesday == "K\n25.11."
    assert model.headerData(2, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) == "Kolmapäev 25.11.2026"
    anna = [s.display_name for s in page.week_view.days[0].stylists].index(  # type: ignore[union-attr]
        "Anna Smirnova")
    assert model.headerData(anna, Qt.Orientation.Vertical) == "Anna\nSmirnova"
    cell = model.index(anna, 2)  # Anna Smirnova on Wednesday: three bookings
    assert str(cell.data()).split("\n")[0] == "3 bron."
    spoken = str(cell.data(Qt.ItemDataRole.AccessibleTextRole))
    assert spoken.startswith("3 broneeringut\n10:00 ")
    assert str(cell.data(Qt.ItemDataRole.ToolTipRole)).startswith("10:00–10:45 ")  # + names


def test_fit_week_wraps_the_names_first_then_shortens() -> None:
    needs = WeekNeeds(names_one_line=140, names_two_lines=90, weekdays_long=90,
                      counts_long=120, time_and_name=100)
    assert fit_week(7 * 120 + 140, 7, needs) == WeekFit()              # everything fits
    assert fit_week(7 * 120 + 100, 7, needs) == WeekFit(wrap_names=True)
    assert fit_week(7 * 95 + 90, 7, needs) == WeekFit(
        wrap_names=True, short_counts=True, names_in_cells=False)
    assert fit_week(7 * 80 + 90, 7, needs) == WeekFit(
        wrap_names=True, short_weekdays=True, short_counts=True, names_in_cells=False)
    single = WeekNeeds(names_one_line=90, names_two_lines=90, weekdays_long=90,
                       counts_long=120, time_and_name=100)
    assert not fit_week(7 * 80 + 90, 7, single).wrap_names  # one word: nothing to gain
    assert fit_week(500, 0, needs) == WeekFit()


def test_two_lines_breaks_at_the_middle_space() -> None:
    assert texts.two_lines("Anna Smirnova") == "Anna\nSmirnova"
    assert texts.two_lines("Mari Liis Tamm") == "Mari Liis\nTamm"
    assert texts.two_lines("Kati") == "Kati"
