"""The fields of the booking dialog, each with its error right under it.

Errors are routed by the field the core names (``ValidationError.field``): a double booking
or a time outside the opening hours lands under the start time, a patch-test block under the
service. Nothing typed is cleared on an error.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.appointments import Appointment, StaffRef
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.validation import ValidationFailed
from salon_desktop.domain.visits import CatalogueItem
from salon_desktop.i18n import N_, _, current_language
from ui.booking import texts
from ui.clients.picker import ClientPicker, PickerMode
from ui.widgets import ErrorLabel, TextBinder, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

#: the core's field names → which error label shows it
_FIELD_OF = {"client_id": "client", "service_id": "service", "stylist_id": "stylist",
             "start": "start", "end": "start", "date": "start", "notes": "notes"}


class QuarterTimeEdit(QTimeEdit):
    """Arrow keys and the wheel move the minutes by a quarter hour, as bookings go."""

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QTimeEdit.Section.MinuteSection:
            minute = self.time().hour() * 60 + self.time().minute()
            quarter = minute // 15 if steps > 0 else -(-minute // 15)
            minute = (quarter + steps) * 15
            minute = max(0, min(23 * 60 + 45, minute))
            self.setTime(QTime(minute // 60, minute % 60))
        else:
            super().stepBy(steps)


class BookingForm(QWidget):
    def __init__(self, env: PageEnv, appointment: Appointment | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        self.moving = appointment
        self.services: list[CatalogueItem] = []
        self._wanted_service: int | None = None   # from a draft, until the catalogue loads
        self.client = ClientPicker(env, PickerMode.FIELD)
        self.client_label = label()
        self.service = QComboBox()
        self.service.setObjectName("service")
        self.service_label = label()
        self.stylist = QComboBox()
        self.stylist.setObjectName("stylist")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setObjectName("date")
        self.start = QuarterTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.start.setObjectName("start")
        self.ends = label("hint")
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        self.errors = {name: ErrorLabel() for name in ("client", "service", "stylist", "start",
                                                          "notes")}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        moving = appointment is not None
        rows = (("client", N_("C&lient"), self.client_label if moving else self.client),
                ("service", N_("&Service"), self.service_label if moving else self.service),
                ("stylist", N_("S&tylist"), self.stylist),
                ("date", N_("&Date"), self.date),
                ("start", N_("Sta&rt"), self.start))
        for key, msgid, widget in rows:
            extra = [self.ends] if key == "start" else []
            self._add_row(msgid, widget, *extra, self.errors.get(key))
        if not moving:
            self._add_row(N_("&Notes"), self.notes, self.errors["notes"])
        for unused in ((self.client, self.service, self.notes, self.errors["notes"]) if moving
                       else (self.client_label, self.service_label)):
            unused.setParent(self)  # kept as attributes, never shown
            unused.hide()
        self.client.picked.connect(lambda chosen: chosen is not None
                                   and self.errors["client"].clear_error())
        self.service.currentIndexChanged.connect(self._update_end)
        self.start.timeChanged.connect(self._update_end)
        self.retranslate()

    def _add_row(self, msgid: str, field: QWidget, *below: QWidget | None) -> None:
        """The field with its hint and error stacked under it in one cell, so a hidden
        error takes no room (an empty form row would still add spacing); the caption sits
        level with the field, not centred on the field and its error together."""
        caption = QLabel()
        caption.setBuddy(field)
        # level with the field, not centred on the field and its hint together
        caption.setMinimumHeight(field.sizeHint().height())
        self.texts.bind(caption.setText, msgid)
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        for widget in below:
            if widget is not None:
                column.addWidget(widget)
        row = self.grid.rowCount()
        self.grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(cell, row, 1)

    # -- filling --------------------------------------------------------------------------
    def set_services(self, items: list[CatalogueItem]) -> None:
        chosen = self._wanted_service or self.service.currentData()
        self._wanted_service = None
        self.services = items
        self.service.clear()
        for item in items:
            self.service.addItem(texts.service_label(item), item.id)
        # nothing chosen until someone chooses: a silent first entry books the wrong thing
        self.service.setCurrentIndex(self.service.findData(chosen) if chosen is not None
                                     else -1)
        self._update_end()

    def set_stylists(self, stylists: tuple[StaffRef, ...], chosen: int | None) -> None:
        self.stylist.clear()
        for stylist in stylists:
            self.stylist.addItem(stylist.display_name, stylist.id)
        if chosen is not None and self.stylist.findData(chosen) >= 0:
            self.stylist.setCurrentIndex(self.stylist.findData(chosen))

    def set_start(self, start: datetime) -> None:
        self.date.setDate(QDate(start.year, start.month, start.day))
        self.start.setTime(QTime(start.hour, start.minute))

    def set_client(self, client_id: int, text: str) -> None:
        """A client chosen elsewhere (the Clients page, a kept draft): shown in the picker,
        and a "choose a client" error from before is no longer true."""
        self.client.set_client(client_id, text)
        self.errors["client"].clear_error()

    # -- reading --------------------------------------------------------------------------
    def start_at(self) -> datetime:
        day = self.date.date()
        moment = self.start.time()
        return datetime.combine(date(day.year(), day.month(), day.day()),
                                time(moment.hour(), moment.minute()))

    def service_item(self) -> CatalogueItem | None:
        service_id = self.service.currentData()
        return next((s for s in self.services if s.id == service_id), None)

    def stylist_id(self) -> int | None:
        value = self.stylist.currentData()
        return int(value) if value is not None else None

    def length_minutes(self) -> int | None:
        if self.moving is not None:
            return int((self.moving.end - self.moving.start).total_seconds() // 60)
        item = self.service_item()
        return item.duration_minutes if item else None

    def _update_end(self) -> None:
        length = self.length_minutes()
        self.ends.setVisible(length is not None)
        if length is None:
            self.ends.clear()
            return
        end = self.start_at() + timedelta(minutes=length)
        self.ends.setText(_("Ends at {time} ({length})").format(
            time=texts.hm(end), length=texts.duration_text(length)))

    # -- drafts (kept through the lock, see ui/lock/drafts.py) -----------------------------
    def typed(self) -> bool:
        """Whether anything was chosen or typed that the lock must not lose."""
        if self.moving is not None:
            return (self.start_at() != self.moving.start
                    or self.stylist_id() != self.moving.stylist_id)
        return bool(self.client.client_id is not None or self.client.edit.text().strip()
                     or self.notes.text().strip())

    def values(self) -> dict[str, Any]:
        return {"client_id": self.client.client_id, "client_text": self.client.edit.text(),
                "service_id": self.service.currentData(), "stylist_id": self.stylist_id(),
                "start": self.start_at().isoformat(timespec="minutes"),
                "notes": self.notes.text()}

    def set_values(self, payload: dict[str, Any]) -> None:
        client_id, text = payload.get("client_id"), str(payload.get("client_text") or "")
        if client_id is not None:
            self.set_client(int(client_id), text)
        else:
            self.client.edit.setText(text)
        service_id = payload.get("service_id")
        if service_id is not None and self.service.findData(service_id) >= 0:
            self.service.setCurrentIndex(self.service.findData(service_id))
        else:
            self._wanted_service = service_id
        stylist = self.stylist.findData(payload.get("stylist_id"))
        if stylist >= 0:
            self.stylist.setCurrentIndex(stylist)
        if payload.get("start"):
            self.set_start(datetime.fromisoformat(str(payload["start"])))
        self.notes.setText(str(payload.get("notes") or ""))

    # -- errors ---------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for error_label in self.errors.values():
            error_label.clear_error()

    def show_error(self, error: BaseException) -> bool:
        """Put a field's error under its field; False when it belongs to no field."""
        errors = error.errors if isinstance(error, ValidationFailed) else (error,)
        placed = False
        for item in errors:
            key = _FIELD_OF.get(item.field) if isinstance(item, ValidationError) else None
            if key is not None and key in self.errors:
                self.errors[key].show_error(item)
                placed = True
        focus = {"client": self.client, "service": self.service, "stylist": self.stylist,
                 "start": self.start, "notes": self.notes}
        for key, error_label in self.errors.items():
            if error_label.error is not None:
                focus[key].setFocus()
                break
        return placed

    def set_busy(self, busy: bool) -> None:
        for widget in (self.client, self.service, self.stylist, self.date, self.start,
                       self.notes):
            widget.setEnabled(not busy)

    def retranslate(self) -> None:
        self.texts.apply()
        self.service.setPlaceholderText(_("Choose a service"))
        self.date.setDisplayFormat("dd/MM/yyyy" if current_language() == "en"
                                   else "dd.MM.yyyy")
        self.client.retranslate()
        if self.services:
            self.set_services(self.services)
        self._update_end()
        for error_label in self.errors.values():
            error_label.retranslate()
