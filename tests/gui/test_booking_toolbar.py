"""The appointment book's toolbar fits the main window at its smallest size (960×600) in every
language and mode without cutting a word or the date: one row when there is room, else the
heading and the date above the buttons. The page's shortcuts work either way."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from ui.booking.page import DAY, WEEK, AppointmentsPage
from ui.booking.toolbar import BookToolbar
from ui.language import switch_language
from ui.main_window import MainWindow
from ui.worker import Worker


def _open(qtbot: QtBot, ctx: AppContext, worker: Worker, width: int, height: int
          ) -> tuple[MainWindow, AppointmentsPage]:
    window = MainWindow(ctx, worker, ctx.services.session,  # type: ignore[arg-type]
                        salon_name="Salong Õnnelik")
    qtbot.addWidget(window)
    window.show()
    window.resize(width, height)
    window.show_section("appointments")
    page = window.stack.currentWidget()
    assert isinstance(page, AppointmentsPage)
    qtbot.waitUntil(lambda: page.day_view is not None and not worker.busy)
    return window, page


def _settle() -> None:
    for _ in range(4):  # the re-arrangement asks for a new layout pass
        QCoreApplication.processEvents()


def _wanted(widget: QWidget) -> int:
    hint = widget.sizeHint().expandedTo(widget.minimumSize()).boundedTo(widget.maximumSize())
    return hint.width()


def _assert_nothing_cut(bar: BookToolbar) -> None:
    shown = [w for w in (bar.title, bar.prev_button, bar.today_button, bar.next_button,
                         bar.date_label, bar.day_button, bar.week_button, bar.new_button)
             if w.isVisible()]
    for widget in shown:
        text = getattr(widget, "text", lambda: "")()
        assert widget.width() >= _wanted(widget), f"{text!r} is cut"
        assert bar.rect().contains(widget.geometry()), f"{text!r} is outside the toolbar"
    for first in shown:
        for second in shown:
            if first is not second:
                assert not first.geometry().intersects(second.geometry())
    # The toolbar got the height its rows need: a second row never sits under the table.
    assert bar.height() >= bar.minimumSizeHint().height()
    # The date label's text itself fits (its minimum width is room for the longer title).
    label = bar.date_label
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


@pytest.mark.parametrize("language", ["en", "et", "ru"])
def test_the_toolbar_fits_the_smallest_window(qtbot: QtBot, worker: Worker,
                                              app_context: AppContext, language: str) -> None:
    window, page = _open(qtbot, app_context, worker, 960, 600)
    switch_language(language, None)
    assert window.width() == 960
    for mode in (DAY, WEEK, DAY):
        page.set_mode(mode)
        _settle()
        _assert_nothing_cut(page.bar)
        assert page.bar.two_rows  # the same arrangement in both modes: no jumping
    assert page.bar.title.isVisible()  # the heading has room above the buttons

    window.resize(1280, 800)
    _settle()
    assert not page.bar.two_rows and page.bar.title.isVisible()
    _assert_nothing_cut(page.bar)
    page.set_mode(WEEK)
    _settle()
    assert not page.bar.two_rows
    _assert_nothing_cut(page.bar)


def test_shortcuts_and_tab_order_do_not_depend_on_the_arrangement(
        qtbot: QtBot, worker: Worker, app_context: AppContext) -> None:
    window, page = _open(qtbot, app_context, worker, 960, 600)
    _settle()
    assert page.bar.two_rows
    window.activateWindow()
    qtbot.waitActive(window)
    start: date = page.date
    qtbot.keyClick(page.grid, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.date == start + timedelta(days=1)
    bar = page.bar
    order = [bar.prev_button, bar.today_button, bar.next_button, bar.day_button,
             bar.week_button, bar.new_button]
    for before, after in pairwise(order):
        assert _next_tab_stop(before) is after  # Tab walks the buttons left to right


def _next_tab_stop(widget: QWidget) -> QWidget:
    following = widget.nextInFocusChain()
    while not following.focusPolicy() & Qt.FocusPolicy.TabFocus or not following.isVisible():
        following = following.nextInFocusChain()
    return following
