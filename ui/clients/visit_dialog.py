"""New visit: when, who, which services, for how much, the colour formula, notes.

The price follows the ticked services (catalogue prices) until the person types a price of
their own; then it stays as typed. Prices are typed the Estonian way (45,50) or with a dot;
the service stores whole cents. Services and stylists are loaded on the worker when the
dialog opens, so it appears at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.appointments import StaffRef
from salon_desktop.domain.clients import ClientCard
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueItem, VisitDraft
from salon_desktop.i18n import N_, _, current_language
from ui.clients.form_grid import FormGrid
from ui.clients.texts import money, parse_price, price_text
from ui.lock.drafts import SaveInFlight
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, busy_bar, label, primary_button


def local_now(env: PageEnv) -> datetime:
    """The salon's wall-clock time now (the app's clock, so tests control it)."""
    return env.ctx.clock.now().astimezone().replace(tzinfo=None, second=0, microsecond=0)


class VisitDialog(QDialog):
    recorded = Signal(int)  # client id

    def __init__(self, env: PageEnv, card: ClientCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.client_id = env, card.id
        self.favourite = card.favourite_stylist_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.texts = TextBinder()
        self.texts.bind(self.setWindowTitle, N_("New visit"))
        self._price_typed = False
        self._saving = False
        self._in_flight: SaveInFlight | None = None  # the save on the worker, if any
        self._draft: dict[str, Any] | None = None  # restored once the catalogue is here
        self.catalogue: list[CatalogueItem] = []

        who = label()
        who.setText(f"{card.first_name} {card.last_name}")
        who.setObjectName("visit_client")
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm" if current_language() != "en"
                                   else "dd/MM/yyyy HH:mm")
        now = local_now(env)
        self.when.setDateTime(QDateTime(now.year, now.month, now.day, now.hour,
                                        now.minute - now.minute % 5, 0))
        self.stylist = QComboBox()
        self.services = QListWidget()
        self.services.itemChanged.connect(lambda _item: self._update_price())
        self.price = QLineEdit()
        self.price.textEdited.connect(self._price_edited)
        self.formula = QLineEdit()
        self.texts.bind(self.formula.setPlaceholderText, N_("e.g. 7/1 + 6% 30 ml, 35 min"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        self.sum_hint = label("hint")

        self.grid = FormGrid(self.texts)
        self.grid.add("started_at", N_("Date and time"), self.when)
        self.grid.add("stylist_id", N_("Stylist"), self.stylist)
        self.grid.add("service_ids", N_("Services"), self.services)
        self.grid.add("price_cents", N_("Price (€)"), self.price, hint=self.sum_hint)
        self.grid.add("colour_formula", N_("Colour formula"), self.formula)
        self.grid.add("notes", N_("Notes"), self.notes)
        self.general_error = ErrorLabel()
        self.busy = busy_bar()
        self.save_button = primary_button()
        self.save_button.setObjectName("save")
        self.texts.bind(self.save_button.setText, N_("Save visit"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)  # until the catalogue is here
        cancel = QPushButton()
        self.texts.bind(cancel.setText, N_("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(self.grid.layout)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(560, self.sizeHint().height())
        self._load()

    def _load(self) -> None:
        services = self.env.ctx.services

        def load() -> tuple[tuple[StaffRef, ...], list[CatalogueItem]]:
            return services.schedule.stylists(), services.catalogue.items()

        self.env.worker.run(load, self._loaded, self._failed, owner=self)

    def _loaded(self, result: tuple[tuple[StaffRef, ...], list[CatalogueItem]]) -> None:
        stylists, self.catalogue = result
        self.busy.hide()
        session = self.env.session
        for stylist in stylists:
            self.stylist.addItem(stylist.display_name, stylist.id)
        if not stylists:  # a salon where the manager does the work: no stylist accounts
            self.stylist.addItem(session.display_name, session.staff_id)
        preferred = session.staff_id if session.role is Role.STYLIST else self.favourite
        self.stylist.setCurrentIndex(max(0, self.stylist.findData(preferred)))
        self.services.blockSignals(True)
        for item in self.catalogue:
            row = QListWidgetItem(f"{item.name} · {money(item.price_cents)}")
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.services.addItem(row)
        self.services.blockSignals(False)
        rows = max(3, min(7, len(self.catalogue)))
        self.services.setFixedHeight(self.services.sizeHintForRow(0) * rows + 6)
        self._update_price()
        self.save_button.setEnabled(True)
        if self._draft is not None:
            self.restore_draft(self._draft)

    # -- price -------------------------------------------------------------------------------
    def chosen_ids(self) -> tuple[int, ...]:
        return tuple(int(self.services.item(row).data(Qt.ItemDataRole.UserRole))
                     for row in range(self.services.count())
                     if self.services.item(row).checkState() == Qt.CheckState.Checked)

    def catalogue_sum(self) -> int:
        prices = {item.id: item.price_cents for item in self.catalogue}
        return sum(prices[i] for i in self.chosen_ids())

    def _price_edited(self, _text: str) -> None:
        self._price_typed = True

    def _update_price(self) -> None:
        total = self.catalogue_sum()
        self.sum_hint.setText(self.texts_sum(total))
        if not self._price_typed:
            self.price.setText(price_text(total))

    @staticmethod
    def texts_sum(total: int) -> str:
        return _("Catalogue price: {price}").format(price=money(total))

    def set_service_checked(self, service_id: int, checked: bool = True) -> None:
        for row in range(self.services.count()):
            item = self.services.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == service_id:
                item.setCheckState(Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)

    # -- the lock keeps unsaved edits (ui/lock/drafts.py) ------------------------------------
    def draft_key(self) -> str | None:
        return f"visit:{self.client_id}"

    def draft_payload(self) -> dict[str, Any] | None:
        if not (self.chosen_ids() or self._price_typed or self.formula.text()
                or self.notes.toPlainText()):
            return None
        return {"started_at": self.when.dateTime().toPython().isoformat(timespec="minutes"),
                "stylist_id": self.stylist.currentData(), "service_ids": list(self.chosen_ids()),
                "price": self.price.text() if self._price_typed else None,
                "colour_formula": self.formula.text(), "notes": self.notes.toPlainText()}

    def restore_draft(self, payload: dict[str, Any]) -> None:
        if not self.catalogue:
            self._draft = payload
            return
        self._draft = None
        self.when.setDateTime(QDateTime.fromString(str(payload.get("started_at", "")),
                                                   "yyyy-MM-ddTHH:mm"))
        self.stylist.setCurrentIndex(max(0, self.stylist.findData(payload.get("stylist_id"))))
        for service_id in payload.get("service_ids") or ():
            self.set_service_checked(int(service_id))
        if payload.get("price") is not None:
            self._price_typed = True
            self.price.setText(str(payload["price"]))
        self.formula.setText(str(payload.get("colour_formula") or ""))
        self.notes.setPlainText(str(payload.get("notes") or ""))

    def draft_save_in_flight(self) -> SaveInFlight | None:
        """The Save running on the worker: if the lock comes meanwhile and it records the
        visit, no draft of it is kept (restoring it would record the visit twice)."""
        return self._in_flight

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving:
            return
        self.grid.clear()
        self.general_error.clear_error()
        try:
            price = parse_price(self.price.text())
        except ValidationError as error:
            self.grid.show_errors(error)
            return
        moment = self.when.dateTime().toPython()
        stylist = self.stylist.currentData()
        draft = VisitDraft(client_id=self.client_id, started_at=moment,  # type: ignore[arg-type]
                           stylist_id=int(stylist) if stylist is not None else 0,
                           service_ids=self.chosen_ids(), price_cents=price,
                           notes=self.notes.toPlainText() or None,
                           colour_formula=self.formula.text() or None)
        visits = self.env.ctx.services.visits
        self._saving = True
        self._in_flight = SaveInFlight()
        self.busy.show()
        self.save_button.setEnabled(False)
        self.env.worker.run(self._in_flight.wrap(lambda: visits.record(draft)),
                            self._recorded, self._failed, owner=self)

    def _recorded(self, _visit_id: Any) -> None:
        self._saving = False
        self._in_flight = None
        self.recorded.emit(self.client_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self._in_flight = None
        self.busy.hide()
        self.save_button.setEnabled(bool(self.catalogue))
        others = self.grid.show_errors(error)
        if others:
            self.general_error.show_error(others[0])
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def reject(self) -> None:
        """Not while the visit is being recorded: the dialog deletes itself once closed,
        and the card would not learn of the new visit. (While the catalogue loads it may
        close: nothing is written yet.)"""
        if not self._saving:
            super().reject()

    def retranslate(self) -> None:
        self.texts.apply()
        self.grid.retranslate()
        self.general_error.retranslate()
        self.sum_hint.setText(self.texts_sum(self.catalogue_sum()))
