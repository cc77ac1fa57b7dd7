"""The Appointments section: [◀ Today ▶], the date, [Day | Week], New booking (Ctrl+B).

The page holds no data of its own beyond the range on screen: it asks the core for the
visible day or week on the worker whenever it is shown and after every change (another
reception PC may have booked meanwhile), and ``clear()`` drops all of it for the lock. Only
the latest answer is used, so quick ◀ ▶ clicks never show a stale day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.appointments import DayView, StaffRef, WeekView
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import _
from ui.booking import layout, texts
from ui.booking.day_grid import DayGrid
from ui.booking.page_dialogs import PageDialogs
from ui.booking.toolbar import DAY, WEEK, BookToolbar
from ui.booking.week_table import WeekTable
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, label


class AppointmentsPage(PageDialogs, QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appointments_page")
        self.env = env
        self.mode = DAY
        self.date = date.today()   # until first shown: then the salon's clock decides
        self._shown_once = False
        self.day_view: DayView | None = None
        self.week_view: WeekView | None = None
        self.dialog: QDialog | None = None
        self._serial = 0
        self._wanted_stylist: int | None = None
        self._build()
        self.retranslate()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.bar = BookToolbar(self.env.session.can(Permission.BOOKING_WRITE))
        self.bar.stepped.connect(self.step)
        self.bar.today_clicked.connect(self.show_today)
        self.bar.mode_chosen.connect(self.set_mode)
        self.bar.new_clicked.connect(lambda: self.new_booking())
        self.prev_button, self.next_button = self.bar.prev_button, self.bar.next_button
        self.today_button, self.date_label = self.bar.today_button, self.bar.date_label
        self.day_button, self.week_button = self.bar.day_button, self.bar.week_button
        self.new_button = self.bar.new_button
        # Window shortcuts work while this page is shown, wherever the focus is in the
        # main window; a hidden page's do not fire, and an open dialog is the active
        # window, so Ctrl+B never stacks a second dialog.
        for keys, slot in (("Ctrl+B", lambda: self.new_booking()),
                           ("Ctrl+PgUp", lambda: self.step(-1)),
                           ("Ctrl+PgDown", lambda: self.step(1))):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.hint = label("hint")
        self.hint.setObjectName("appointments_hint")
        self.error = ErrorLabel()
        self.grid = DayGrid()
        self.grid.slot_chosen.connect(lambda stylist, start: self.new_booking(stylist, start))
        self.grid.appointment_chosen.connect(self.open_appointment)
        self.week = WeekTable()
        self.week.day_chosen.connect(self.open_day)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.week)
        page = QVBoxLayout(self)
        page.setContentsMargins(12, 10, 12, 8)
        page.addWidget(self.bar)
        page.addWidget(self.hint)
        page.addWidget(self.error)
        page.addWidget(self.stack, 1)

    # -- time -----------------------------------------------------------------------------
    def now(self) -> datetime:
        """The salon's wall-clock time (the PC's time zone), as the core reads it."""
        return self.env.ctx.clock.now().astimezone().replace(tzinfo=None, microsecond=0)

    def today(self) -> date:
        return self.now().date()

    # -- navigation -----------------------------------------------------------------------
    def step(self, direction: int) -> None:
        self.go_to(self.date + timedelta(days=direction * (7 if self.mode == WEEK else 1)))

    def show_today(self) -> None:
        self.go_to(self.today())

    def go_to(self, day: date) -> None:
        self.date = day
        self._update_title()
        self.reload()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.bar.show_mode(mode)
        self.stack.setCurrentWidget(self.week if mode == WEEK else self.grid)
        self.go_to(self.date)

    def open_day(self, day: date, stylist_id: int) -> None:
        """From a week cell to that stylist's day."""
        self.date = day
        self._wanted_stylist = stylist_id
        self.set_mode(DAY)

    # -- loading --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.date = self.today()
            self._update_title()
        self.reload()

    def reload(self) -> None:
        self._serial += 1
        serial, appointments = self._serial, self.env.ctx.services.appointments
        if self.mode == WEEK:
            monday = layout.monday_of(self.date)
            self.env.worker.run(lambda: appointments.week(monday),
                                lambda week: self._week_loaded(serial, week),
                                lambda error: self._failed(serial, error), owner=self)
        else:
            day = self.date
            self.env.worker.run(lambda: appointments.day(day),
                                lambda view: self._day_loaded(serial, view),
                                lambda error: self._failed(serial, error), owner=self)

    def _day_loaded(self, serial: int, view: DayView) -> None:
        if serial != self._serial:
            return
        self.error.clear_error()
        self.day_view = view
        self.grid.set_day(view, self.now())
        if self._wanted_stylist is not None:
            self.grid.select_stylist(self._wanted_stylist)
            self._wanted_stylist = None
        self._update_hint()

    def _week_loaded(self, serial: int, view: WeekView) -> None:
        if serial != self._serial:
            return
        self.error.clear_error()
        self.week_view = view
        self.week.set_week(view, self.today(), self.grid_stylist())
        self._update_hint()

    def _failed(self, serial: int, error: BaseException) -> None:
        if serial == self._serial:
            self.error.show_error(error)

    def stylists(self) -> tuple[StaffRef, ...]:
        if self.mode == WEEK and self.week_view and self.week_view.days:
            return self.week_view.days[0].stylists
        return self.day_view.stylists if self.day_view else ()

    def grid_stylist(self) -> int | None:
        view = self.day_view
        if view is None or not view.stylists:
            return None
        return view.stylists[min(self.grid.cursor_column, len(view.stylists) - 1)].id

    def _update_hint(self) -> None:
        shown = self.week_view if self.mode == WEEK else self.day_view
        text = ""
        if shown is not None and not self.stylists():
            text = _("No stylist takes bookings yet. A manager adds staff with the stylist "
                     "role in Administration.")
        elif self.mode == DAY and self.day_view is not None:
            if self.day_view.opens is None:
                text = _("The salon is closed on this day.")
            elif not self.day_view.appointments:
                text = _("No bookings on this day. Click a free time, or press Ctrl+B to "
                         "book.")
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    # -- privacy and language -------------------------------------------------------------
    def clear(self) -> None:
        """Drop every client name on screen and in memory (the lock screen calls this);
        answers still on their way are ignored."""
        self._serial += 1
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.done(QDialog.DialogCode.Rejected)  # even mid-answer: the lock wins
        self.day_view = self.week_view = None
        self.grid.clear()
        self.week.set_week(None)
        self.hint.hide()
        self.error.clear_error()

    def _update_title(self) -> None:
        day, week = texts.day_title(self.date), texts.week_title(layout.monday_of(self.date))
        # Room for both titles, so switching Day / Week never re-arranges the toolbar.
        self.bar.set_date(week if self.mode == WEEK else day,
                          widest=day if self.mode == WEEK else week)

    def retranslate(self) -> None:
        self.bar.retranslate()
        self._update_title()
        self.grid.viewport().update()
        self.week.retranslate()
        self._update_hint()
        retranslate = getattr(self.dialog, "retranslate", None)
        if callable(retranslate):
            retranslate()
