"""The Appointments page's dialogs: booking, a booking's details, moving; one at a time.

A mixin of ``AppointmentsPage`` (kept apart so each module stays short): it opens the
dialogs window-modal (``open()``, never a nested event loop, so the lock can put them away),
reloads the page after every change, and reopens a half-typed booking after the lock.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QWidget

from salon_desktop.domain.appointments import Appointment, DayView, StaffRef
from salon_desktop.domain.clients import ClientCard
from salon_desktop.domain.roles import Permission
from ui.booking import layout
from ui.booking.booking_dialog import BookingDialog
from ui.booking.details_dialog import AppointmentDialog
from ui.booking.toolbar import DAY

if TYPE_CHECKING:
    from ui.booking.day_grid import DayGrid
    from ui.pages import PageEnv
    from ui.widgets import ErrorLabel


class PageDialogs:
    #: the lock keeps an open booking dialog's input and asks this page to reopen it
    draft_kinds = ("booking",)
    # provided by AppointmentsPage
    env: PageEnv
    dialog: QDialog | None
    mode: str
    date: date
    day_view: DayView | None
    grid: DayGrid
    error: ErrorLabel

    if TYPE_CHECKING:
        def stylists(self) -> tuple[StaffRef, ...]: ...
        def grid_stylist(self) -> int | None: ...
        def reload(self) -> None: ...

    def new_booking(self, stylist_id: int | None = None, start: datetime | None = None,
                    ) -> BookingDialog | None:
        if not self.env.session.can(Permission.BOOKING_WRITE):
            return None
        if start is None:
            start = self._default_start()
        if stylist_id is None:
            stylist_id = self.grid_stylist()
        dialog = BookingDialog(self.env, self.stylists(), start, stylist_id, parent=self._parent())
        self._show_dialog(dialog)
        return dialog

    def _default_start(self) -> datetime:
        if self.mode == DAY and self.day_view is not None and self.day_view.stylists:
            return layout.at_minutes(self.date, self.grid.cursor_minute)
        opens = self.day_view.opens if self.day_view and self.day_view.opens else time(9)
        return datetime.combine(self.date, opens)

    def book_for_client(self, client_id: int, name: str = "") -> BookingDialog | None:
        """Open the booking dialog with this client chosen (the Clients page's "Book").

        Pass the name the Clients page shows; without it the card is read (and audited as
        a view) to show whom the booking is for."""
        dialog = self.new_booking()
        if dialog is None:
            return None
        if name:
            dialog.set_client(client_id, name)
        else:
            clients = self.env.ctx.services.clients

            def named(card: ClientCard) -> None:
                dialog.set_client(client_id, f"{card.last_name}, {card.first_name}")

            self.env.worker.run(lambda: clients.get_card(client_id), named,
                                dialog.error.show_error, owner=dialog)
        return dialog

    def open_appointment(self, appointment: Appointment) -> AppointmentDialog:
        dialog = AppointmentDialog(self.env, appointment, parent=self._parent())
        dialog.move_requested.connect(self.move_appointment)
        self._show_dialog(dialog)
        return dialog

    def move_appointment(self, appointment: Appointment) -> BookingDialog:
        dialog = BookingDialog(self.env, self.stylists(), appointment.start,
                               appointment=appointment, parent=self._parent())
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:  # one at a time: the newest wins
            old, self.dialog = self.dialog, None
            old.done(QDialog.DialogCode.Rejected)
        self.dialog = dialog
        changed = getattr(dialog, "changed", None)
        if changed is not None:
            changed.connect(self._changed)
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_finished(d))
        dialog.open()

    def _dialog_finished(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _changed(self, message: str) -> None:
        self.env.show_status(message)
        self.reload()

    def reopen_draft(self, kind: str, key: str, payload: dict[str, Any]) -> None:
        """After unlocking: the booking dialog again, with what was typed ("booking:new",
        or "booking:<id>" for a move, which first fetches that booking's day)."""
        if kind != "booking":
            return
        ident = key.partition(":")[2]
        start = datetime.fromisoformat(str(payload["start"]))
        if ident == "new":
            stylist = payload.get("stylist_id")
            dialog = self.new_booking(int(stylist) if stylist is not None else None, start)
            if dialog is not None:
                dialog.restore_draft(payload)
            return
        appointments, booking_id = self.env.ctx.services.appointments, int(ident)

        def found(view: DayView) -> None:
            item = next((a for a in view.appointments if a.id == booking_id), None)
            if item is not None:
                self.move_appointment(item).restore_draft(payload)

        day = date.fromisoformat(str(payload["day"]))
        self.env.worker.run(lambda: appointments.day(day), found, self.error.show_error,
                            owner=self._parent())

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self
