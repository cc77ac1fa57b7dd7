"""New client (Ctrl+N) and Edit: one form, checked by the service, errors next to fields.

The form offers only the fields this role may write (a stylist gets no phone or e-mail
field) and, when editing, only those the card carried. The birth date is masked on the
card, so unless it was revealed the field starts empty and a date typed there replaces the
stored one. Saving sends only the fields that changed: the audit entry then names exactly
what was edited. A possible duplicate is offered before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.appointments import StaffRef
from salon_desktop.domain.clients import ClientCard, ClientDraft, writable_client_fields
from salon_desktop.domain.validation import format_phone
from salon_desktop.i18n import LANGUAGE_NAMES, LANGUAGES, N_, get_translator
from ui.clients.duplicates import DuplicatesPanel
from ui.clients.form_grid import FormGrid
from ui.lock.drafts import SaveInFlight
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, busy_bar, primary_button

#: (field, caption msgid, kind) in reading order
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("first_name", N_("First name"), "line"),
    ("last_name", N_("Last name"), "line"),
    ("phone", N_("Phone"), "line"),
    ("email", N_("E-mail"), "line"),
    ("birth_date", N_("Birth date"), "line"),
    ("language", N_("Language"), "language"),
    ("address", N_("Address"), "line"),
    ("preferences", N_("Preferences"), "text"),
    ("favourite_stylist_id", N_("Favourite stylist"), "stylist"),
    ("notes", N_("Notes"), "text"),
)


class ClientFormDialog(QDialog):
    saved = Signal(int, bool)      # client id, created (True) or edited (False)
    open_existing = Signal(int)    # a duplicate the person chose instead

    def __init__(self, env: PageEnv, card: ClientCard | None = None,
                 revealed: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.card = env, card
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.texts = TextBinder()
        self.texts.bind(self.setWindowTitle, N_("New client") if card is None
                        else N_("Edit client"))
        writable = writable_client_fields(env.session.can)
        shown = writable if card is None else writable & card.visible_fields
        self.grid = FormGrid(self.texts)
        self.original: dict[str, object] = {}
        self._wanted_stylist: object = None  # from a draft, until the stylists arrived
        self._in_flight: SaveInFlight | None = None  # the save on the worker, if any
        for key, msgid, kind in FIELDS:
            if key in shown:
                self.grid.add(key, msgid, self._make(kind))
        self._fill(card, revealed or {})
        self.general_error = ErrorLabel()
        self.duplicates = DuplicatesPanel()
        self.duplicates.open_requested.connect(self._open_existing)
        self.duplicates.create_anyway.connect(lambda: self.save(force=True))
        self.busy = busy_bar()
        self.busy.hide()
        self.save_button = primary_button()
        self.save_button.setDefault(True)
        self.save_button.setObjectName("save")
        self.texts.bind(self.save_button.setText, N_("Save"))
        self.save_button.clicked.connect(lambda: self.save())
        cancel = QPushButton()
        self.texts.bind(cancel.setText, N_("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid.layout)
        layout.addWidget(self.general_error)
        layout.addWidget(self.duplicates)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(600, self.sizeHint().height())
        self._load_stylists()

    # -- building ----------------------------------------------------------------------------
    def _make(self, kind: str) -> QWidget:
        if kind == "text":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
            return edit
        if kind == "language":
            combo = QComboBox()
            for code in LANGUAGES:
                combo.addItem(LANGUAGE_NAMES[code], code)
            return combo
        if kind == "stylist":
            combo = QComboBox()
            combo.addItem("—", None)
            return combo
        return QLineEdit()

    def _fill(self, card: ClientCard | None, revealed: dict[str, Any]) -> None:
        widgets = self.grid.widgets
        birth = widgets.get("birth_date")
        if isinstance(birth, QLineEdit):
            if card is not None and "birth_date" in card.masked_fields \
                    and "birth_date" not in revealed:
                self.texts.bind(birth.setPlaceholderText,
                                N_("•••• (type a new date to change it)"))
            else:
                birth.setPlaceholderText("25.11.1990")
        if card is None:
            self.set_value("language", "et")
            return
        values: dict[str, object] = {
            "first_name": card.first_name, "last_name": card.last_name,
            "phone": format_phone(card.phone), "email": card.email or "",
            "language": card.language, "address": card.address or "",
            "preferences": card.preferences or "", "notes": card.notes or "",
            "favourite_stylist_id": card.favourite_stylist_id,
            "birth_date": "",
        }
        born = revealed.get("birth_date")
        if born is not None:
            values["birth_date"] = get_translator("et").date(born)
        if card.favourite_stylist_id is not None and "favourite_stylist_id" in widgets:
            combo = widgets["favourite_stylist_id"]
            assert isinstance(combo, QComboBox)
            combo.addItem(card.favourite_stylist or "?", card.favourite_stylist_id)
        for key in widgets:
            self.set_value(key, values[key])
        self.original = {key: self.value(key) for key in widgets}

    def _load_stylists(self) -> None:
        combo = self.grid.widgets.get("favourite_stylist_id")
        if not isinstance(combo, QComboBox):
            return
        schedule = self.env.ctx.services.schedule

        def loaded(stylists: tuple[StaffRef, ...]) -> None:
            chosen = self._wanted_stylist or combo.currentData()
            for stylist in stylists:
                if combo.findData(stylist.id) < 0:
                    combo.addItem(stylist.display_name, stylist.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))

        self.env.worker.run(schedule.stylists, loaded,
                            lambda error: self.general_error.show_error(error), owner=self)

    # -- values ------------------------------------------------------------------------------
    def value(self, key: str) -> object:
        widget = self.grid.widgets[key]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def set_value(self, key: str, value: object) -> None:
        widget = self.grid.widgets[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value or ""))

    def changes(self) -> dict[str, object]:
        """Edited fields only; an untouched masked birth date is left as stored."""
        changed = {k: self.value(k) for k in self.grid.widgets
                   if self.value(k) != self.original.get(k)}
        return {k: (None if v == "" else v) for k, v in changed.items()}

    # -- the lock keeps unsaved edits (ui/lock/drafts.py) ------------------------------------
    def draft_key(self) -> str | None:
        return f"client:{self.card.id}" if self.card is not None else "client:new"

    def draft_payload(self) -> dict[str, Any] | None:
        """What was typed and not saved; ``None`` when there is nothing to keep."""
        if self.card is not None:
            return {key: self.value(key) for key in self.changes()} or None
        values = {key: self.value(key) for key in self.grid.widgets}
        typed = [k for k, v in values.items() if v not in ("", None, "et")]
        return values if typed else None

    def restore_draft(self, payload: dict[str, Any]) -> None:
        for key, value in payload.items():
            if key in self.grid.widgets:
                self.set_value(key, value)
        self._wanted_stylist = payload.get("favourite_stylist_id")

    def draft_save_in_flight(self) -> SaveInFlight | None:
        """The Save running on the worker: if the lock comes meanwhile and it stores the
        client, no draft of the same input is kept (restoring it would make a duplicate)."""
        return self._in_flight

    # -- saving ------------------------------------------------------------------------------
    def save(self, *, force: bool = False) -> None:
        if self.busy.isVisible():
            return
        self.grid.clear()
        self.general_error.clear_error()
        clients = self.env.ctx.services.clients
        if self.card is None:
            values = {k: self.value(k) for k in self.grid.widgets}
            draft = ClientDraft(**{k: (None if v == "" else v)  # type: ignore[arg-type]
                                   for k, v in values.items()})
            # A possible duplicate is an answer, not an error, and writes nothing.
            self._run(lambda: clients.create(draft, force=force), self._created,
                      stored=lambda result: result.client_id is not None)
            return
        changes, client_id = self.changes(), self.card.id
        if not changes:
            self.accept()
            return
        self._run(lambda: clients.update(client_id, changes),
                  lambda _names: self._done(client_id, created=False))

    def _run(self, job: Any, done: Any, stored: Callable[[Any], bool] | None = None) -> None:
        self.busy.show()
        self.save_button.setEnabled(False)
        self._in_flight = SaveInFlight()

        def finished(result: Any) -> None:
            self._idle()
            done(result)

        self.env.worker.run(self._in_flight.wrap(job, stored), finished, self._failed,
                            owner=self)

    def _idle(self) -> None:
        self._in_flight = None
        self.busy.hide()
        self.save_button.setEnabled(True)

    def _grow(self) -> None:
        """An error or the duplicates appeared: make room, so no message is cut off."""
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _created(self, result: Any) -> None:
        if result.client_id is None:
            self.duplicates.show_candidates(result.duplicates)
            self._grow()
            return
        self._done(result.client_id, created=True)

    def _done(self, client_id: int, *, created: bool) -> None:
        self.saved.emit(client_id, created)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._idle()
        others = self.grid.show_errors(error)
        if others:
            self.general_error.show_error(others[0])
        self._grow()

    def _open_existing(self, client_id: int) -> None:
        self.open_existing.emit(client_id)
        self.reject()

    def reject(self) -> None:
        """Not while the core is saving: the dialog deletes itself once closed, and the
        page would not learn of the client it saved."""
        if self.busy.isHidden():
            super().reject()

    def retranslate(self) -> None:
        self.texts.apply()
        self.grid.retranslate()
        self.general_error.retranslate()
        self.duplicates.retranslate()
