"""Book a visit, or move one: client, service, stylist, date and start time.

The core checks everything in the booking's own transaction (opening hours, breaks, the
stylist's other bookings, the patch test) and answers with a typed error, shown under its
field in the user's language with everything typed kept. A missing patch test without the
salon's hard block is a warning, and the core writes nothing until it is accepted
(``BookingNeedsConfirmation``): the dialog asks first — "Book anyway" books with the warning
accepted (the audit log says so), "Back to the booking" returns to the form with nothing
written, so there is never a booking to take back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.appointments import (
    Appointment,
    AppointmentDraft,
    BookingNeedsConfirmation,
    BookingResult,
    StaffRef,
)
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.visits import CatalogueItem
from salon_desktop.i18n import N_, _, get_translator
from ui.booking import texts
from ui.booking.booking_form import BookingForm
from ui.icons import icon
from ui.lock.drafts import SaveInFlight
from ui.widgets import ErrorLabel, TextBinder, busy_bar, heading

if TYPE_CHECKING:
    from ui.pages import PageEnv

NEW_TITLE = N_("New booking")
MOVE_TITLE = N_("Move the booking")
BOOK_ANYWAY = N_("Book anyway")
MOVE_ANYWAY = N_("Move anyway")
BACK = N_("Back to the booking")
ASK_BOOK = N_("Book anyway?")
ASK_MOVE = N_("Move anyway?")
NOT_BOOKED_YET = N_("Nothing has been booked yet.")
NOT_MOVED_YET = N_("The booking has not been moved yet.")


def fit_height(dialog: QDialog) -> None:
    """Grow the dialog when an error or warning appears, so wrapped text is never cut off
    (a window's minimum size ignores the height its wrapped labels need at its width)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = (layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class BookingDialog(QDialog):
    #: a booking was made or moved: the page reloads; carries a status message
    changed = Signal(str)

    def __init__(self, env: PageEnv, stylists: tuple[StaffRef, ...], start: datetime,
                 stylist_id: int | None = None, appointment: Appointment | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.appointment = appointment
        self.result_: BookingResult | None = None
        #: the question asked before a booking with a warning is written (None otherwise)
        self.warning_box: QMessageBox | None = None
        #: the booking (or move) on the worker, if any: the lock keeps no draft of it once
        #: it is written
        self._in_flight: SaveInFlight | None = None
        self.texts = TextBinder()
        self.setObjectName("booking_dialog")
        self.setWindowIcon(icon("appointments"))
        self.setMinimumWidth(600)
        self.title = heading(1.25)
        self.form = BookingForm(env, appointment)
        self.error = ErrorLabel()
        self.busy = busy_bar()
        self.busy.hide()
        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton()
        self.submit_button.setProperty("role", "primary")
        self.submit_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.submit_button.clicked.connect(lambda: self.submit())
        self.cancel_button.clicked.connect(self.reject)

        moving = appointment is not None
        self.texts.bind(self.setWindowTitle, MOVE_TITLE if moving else NEW_TITLE)
        self.texts.bind(self.title.setText, MOVE_TITLE if moving else NEW_TITLE)
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.form)
        for widget in (self.error, self.busy):
            layout.addWidget(widget)
        layout.addStretch(1)  # spare height below the form, not between its rows
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        layout.addWidget(self.buttons)

        self.form.set_stylists(stylists, stylist_id if stylist_id is not None
                               else appointment.stylist_id if appointment else None)
        self.form.set_start(start)
        if not stylists:
            schedule = env.ctx.services.schedule
            chosen = stylist_id
            env.worker.run(schedule.stylists,
                           lambda found: self.form.set_stylists(found, chosen),
                           self._failed, owner=self)
        if appointment is not None:
            self.form.client_label.setText(texts.client_name(appointment, full=True))
            self.form.service_label.setText(appointment.service)
        else:
            self._load_services()
        self.retranslate()

    # -- loading --------------------------------------------------------------------------
    def _load_services(self) -> None:
        catalogue = self.env.ctx.services.catalogue
        self.submit_button.setEnabled(False)
        self.env.worker.run(catalogue.items, self._services_loaded, self._failed, owner=self)

    def _services_loaded(self, items: list[CatalogueItem]) -> None:
        self.form.set_services(items)
        self.submit_button.setEnabled(True)
        if not items:
            self.form.errors["service"].show_error(ValidationError(
                "service_id", N_("The catalogue has no services yet. A manager adds them in "
                                 "Administration.")))

    def set_client(self, client_id: int, text: str) -> None:
        self.form.set_client(client_id, text)
        self.form.service.setFocus()

    # -- booking --------------------------------------------------------------------------
    def submit(self, *, accept_warnings: bool = False) -> None:
        """Ask the core to book (or move); ``accept_warnings`` only after the receptionist
        chose "Book anyway" for the warnings the core answered the first time."""
        if self.result_ is not None:  # booked already, the page is reloading
            return
        self.form.clear_errors()
        self.error.clear_error()
        stylist_id = self.form.stylist_id()
        start = self.form.start_at()
        appointments = self.env.ctx.services.appointments
        if self.appointment is not None:
            moving_id = self.appointment.id
            new_stylist = stylist_id if stylist_id != self.appointment.stylist_id else None

            def job() -> BookingResult:
                return appointments.move(moving_id, start, new_stylist,
                                         accept_warnings=accept_warnings)
        else:
            problem = self._missing_input(stylist_id)
            if problem is not None:
                self.form.show_error(problem)
                return
            item = self.form.service_item()
            client_id = self.form.client.client_id
            assert item is not None and client_id is not None and stylist_id is not None
            draft = AppointmentDraft(client_id=client_id, stylist_id=stylist_id,
                                     service_id=item.id, start=start,
                                     notes=self.form.notes.text() or None)

            def job() -> BookingResult:
                return appointments.book(draft, accept_warnings=accept_warnings)
        self._set_busy(True)
        # Its own answers end it (``_failed`` also hears the loading of lists). A warning
        # to confirm first (``BookingNeedsConfirmation``) is raised: nothing was stored.
        in_flight = self._in_flight = SaveInFlight()

        def booked(result: BookingResult) -> None:
            self._in_flight = None
            self._done(result)

        def refused(error: BaseException) -> None:
            self._in_flight = None
            self._failed(error)

        self.env.worker.run(in_flight.wrap(job), booked, refused, owner=self)

    def _missing_input(self, stylist_id: int | None) -> ValidationError | None:
        if self.form.client.client_id is None:
            return ValidationError("client_id", N_("Please choose a client from the list."))
        if self.form.service_item() is None:
            return ValidationError("service_id", N_("Please choose a service from the "
                                                    "catalogue."))
        if stylist_id is None:
            return ValidationError("stylist_id", N_("Please choose a stylist from the list."))
        return None

    def _done(self, result: BookingResult) -> None:
        self._set_busy(False)
        self.result_ = result
        self.changed.emit(self._done_message())
        self.accept()

    def _done_message(self) -> str:
        start = self.form.start_at()
        when = f"{get_translator().date(start.date())} {texts.hm(start)}"
        if self.appointment is not None:
            return _("The booking was moved to {when}.").format(when=when)
        return _("Booked for {when} with {stylist}.").format(
            when=when, stylist=self.form.stylist.currentText())

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, BookingNeedsConfirmation):
            self.ask_to_confirm(error)
            return
        if not self.form.show_error(error):
            self.error.show_error(error)
        fit_height(self)

    # -- a warning: asked before anything is written -----------------------------------------
    def ask_to_confirm(self, refusal: BookingNeedsConfirmation) -> QMessageBox:
        """Show the warnings and let the receptionist book anyway or go back to the form.

        Window-modal and opened with ``open()`` (no nested event loop), so the lock can put
        it away: it then answers "Back to the booking", which writes nothing. The safe
        answer is also the default, so a slip of the Enter key books nothing.
        """
        moving = self.appointment is not None
        text = "\n\n".join(w.user_message() for w in refusal.warnings)  # the box's icon warns
        box = QMessageBox(QMessageBox.Icon.Warning, _(ASK_MOVE if moving else ASK_BOOK), text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("booking_warning")
        box.setInformativeText(_(NOT_MOVED_YET if moving else NOT_BOOKED_YET))
        anyway = box.addButton(_(MOVE_ANYWAY if moving else BOOK_ANYWAY),
                               QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(_(BACK), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            # ``finished``, not ``buttonClicked``: the title bar's X, Esc, ``close()`` and
            # ``reject()`` end the box without a click, and each of them must be "Back to
            # the booking" too (focus back in the form, no reference to the deleted box).
            if self.warning_box is box:
                self.warning_box = None
            if not self.isVisible():  # the dialog was put away meanwhile (the lock)
                return
            if box.clickedButton() is anyway:
                self.submit(accept_warnings=True)
            else:  # back to the form, everything typed still there, nothing written
                (self.form.start if moving else self.form.service).setFocus()

        box.finished.connect(answered)
        self.warning_box = box
        box.open()
        return box

    # -- the lock keeps what was typed (ui/lock/drafts.py) ---------------------------------
    def draft_key(self) -> str:
        return f"booking:{self.appointment.id}" if self.appointment else "booking:new"

    def draft_payload(self) -> dict[str, Any] | None:
        if self.result_ is not None or not self.form.typed():
            return None  # booked already, or nothing chosen yet
        payload = self.form.values()
        if self.appointment is not None:  # where to find the booking again
            payload["day"] = self.appointment.start.date().isoformat()
        return payload

    def restore_draft(self, payload: dict[str, Any]) -> None:
        self.form.set_values(payload)

    def draft_save_in_flight(self) -> SaveInFlight | None:
        """The booking running on the worker: if the lock comes meanwhile and it is
        written, no draft of it is kept (restoring it would book the visit twice)."""
        return self._in_flight

    def reject(self) -> None:
        """Not while the core is still answering: its answer reloads the page."""
        if not self.busy.isVisible():
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.form.set_busy(busy)
        for button in (self.submit_button, self.cancel_button):
            button.setEnabled(not busy)

    def retranslate(self) -> None:
        self.texts.apply()
        self.submit_button.setText(_("Move") if self.appointment else _("Book"))
        self.form.retranslate()
        self.error.retranslate()
