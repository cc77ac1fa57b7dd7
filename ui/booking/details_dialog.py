"""One booking's details, with what can happen to it next: arrived, done, no-show, back to
booked, move, cancel.

Only the steps the core allows from the current status are offered (``TRANSITIONS``), so a
receptionist never meets a refusal for a button that should not have been there. Cancelling
is final, so it asks once more in place (the button turns into "Yes, cancel it") instead of
opening a second dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.appointments import (
    PATCH_TEST_MIN_HOURS,
    TRANSITIONS,
    Appointment,
    AppointmentStatus,
    PatchTestMissing,
)
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_, _
from ui.booking import texts
from ui.booking.booking_dialog import fit_height
from ui.icons import icon
from ui.widgets import ErrorLabel, TextBinder, busy_bar, heading, label, note

if TYPE_CHECKING:
    from ui.pages import PageEnv

S = AppointmentStatus
#: the buttons for a status change, in reading order: (status, button msgid, done msgid)
STEPS: tuple[tuple[AppointmentStatus, str, str], ...] = (
    (S.ARRIVED, N_("Client arrived"), N_("Marked as arrived.")),
    (S.DONE, N_("Mark done"), N_("Marked as done.")),
    (S.NO_SHOW, N_("Did not come"), N_("Marked as a no-show.")),
    (S.BOOKED, N_("Back to booked"), N_("The booking is open again.")),
)


class AppointmentDialog(QDialog):
    changed = Signal(str)             # status message; the page reloads
    move_requested = Signal(object)   # Appointment

    def __init__(self, env: PageEnv, appointment: Appointment,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.appointment = env, appointment
        self.texts = TextBinder()
        self.setObjectName("appointment_dialog")
        self.setWindowIcon(icon("appointments"))
        self.setMinimumWidth(520)
        self.title = heading(1.25)
        self.values = {key: label() for key in ("service", "stylist", "time", "status",
                                                 "notes")}
        self.warning_text = label()
        self.warning = note(self.warning_text)
        self.warning.setVisible(appointment.patch_test_warning)
        self.error = ErrorLabel()
        self.busy = busy_bar()
        self.busy.hide()
        self.texts.bind(self.setWindowTitle, N_("Booking"))

        form = QFormLayout()
        captions = (("service", N_("Service")), ("stylist", N_("Stylist")),
                    ("time", N_("Time")), ("status", N_("Status")), ("notes", N_("Notes")))
        for key, msgid in captions:
            caption = QLabel()
            self.texts.bind(caption.setText, msgid)
            form.addRow(caption, self.values[key])
            if key == "notes" and not appointment.notes:
                caption.hide()
                self.values[key].hide()

        may_write = env.session.can(Permission.BOOKING_WRITE)
        allowed = TRANSITIONS[appointment.status] if may_write else frozenset()
        self.step_buttons: dict[AppointmentStatus, QPushButton] = {}
        actions = QHBoxLayout()
        for status, msgid, done in STEPS:
            if status in allowed:
                button = QPushButton()
                self.texts.bind(button.setText, msgid)
                button.clicked.connect(lambda _c=False, s=status, m=done: self.set_status(s, m))
                self.step_buttons[status] = button
                actions.addWidget(button)
        actions.addStretch(1)
        self.move_button = QPushButton()
        self.move_button.setVisible(may_write and appointment.status is S.BOOKED)
        self.move_button.clicked.connect(self._move)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(S.CANCELLED in allowed)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.close_button = QPushButton()
        self.close_button.setProperty("role", "primary")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        self.texts.bind(self.move_button.setText, N_("Move…"))
        self.texts.bind(self.close_button.setText, N_("Close"))
        closing = QHBoxLayout()
        closing.addWidget(self.move_button)
        closing.addWidget(self.cancel_button)
        closing.addStretch(1)
        closing.addWidget(self.close_button)
        self._confirming_cancel = False

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(form)
        for widget in (self.warning, self.error, self.busy):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addLayout(closing)
        self.retranslate()

    def set_status(self, status: AppointmentStatus, done_msgid: str) -> None:
        appointments = self.env.ctx.services.appointments
        appointment_id = self.appointment.id
        self.error.clear_error()
        self._set_busy(True)
        self.env.worker.run(lambda: appointments.set_status(appointment_id, status),
                            lambda _none: self._done(done_msgid), self._failed, owner=self)

    def _cancel_clicked(self) -> None:
        if not self._confirming_cancel:
            self._confirming_cancel = True
            self.retranslate()
            self.cancel_button.setFocus()
            return
        self.set_status(S.CANCELLED, N_("The booking was cancelled."))

    def _move(self) -> None:
        self.move_requested.emit(self.appointment)
        self.accept()

    def _done(self, done_msgid: str) -> None:
        self._set_busy(False)
        self.changed.emit(_(done_msgid))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.show_error(error)
        fit_height(self)

    def reject(self) -> None:
        """Not while the core is still answering: its answer reloads the page."""
        if not self.busy.isVisible():
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for button in (*self.step_buttons.values(), self.move_button, self.cancel_button):
            button.setEnabled(not busy)

    def retranslate(self) -> None:
        self.texts.apply()
        item = self.appointment
        self.title.setText(texts.client_name(item, full=True))
        self.values["service"].setText(item.service)
        self.values["stylist"].setText(item.stylist)
        self.values["time"].setText(f"{texts.day_title(item.start.date())}, "
                                    f"{texts.hm(item.start)}–{texts.hm(item.end)}")
        self.values["status"].setText(texts.status_text(item.status))
        self.values["notes"].setText(item.notes or "")
        self.warning_text.setText(
            f"{texts.WARNING_SIGN} {PatchTestMissing(hours=PATCH_TEST_MIN_HOURS).user_message()}")
        self.cancel_button.setText(_("Yes, cancel it") if self._confirming_cancel
                                   else _("Cancel the booking"))
        self.error.retranslate()
