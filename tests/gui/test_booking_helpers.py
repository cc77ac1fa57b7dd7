"""Shared set-up for the appointment book's GUI tests (no tests of its own).

A salon with two stylists, a cut and a colour (which needs a patch test) and two clients,
signed in as the manager; the Appointments page is built on its own (no sign-in window),
which keeps each test well under a second. The fake clock says Wednesday 25.11.2026 09:00.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentDraft
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from ui.booking.page import AppointmentsPage
from ui.pages import PageEnv
from ui.worker import Worker

TODAY = date(2026, 11, 25)
TEMPORARY = "Sirel-2026-Pärn"


@dataclass
class Book:
    ctx: AppContext
    page: AppointmentsPage
    kati: int
    anna: int
    cut: int
    colour: int
    smidt: int
    ivanova: int
    statuses: list[str] = field(default_factory=list)

    def book(self, stylist: int, service: int, start: datetime, client: int | None = None
             ) -> int:
        """Book directly through the core (set-up, not the thing under test); a patch-test
        warning is accepted, as reception would after reading it."""
        draft = AppointmentDraft(client if client is not None else self.smidt, stylist,
                                 service, start)
        return self.ctx.services.appointments.book(draft, accept_warnings=True).appointment_id


def open_book(qtbot: QtBot, ctx: AppContext, worker: Worker) -> Book:
    ctx.open()
    services = ctx.services
    services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    kati = services.staff.create("kati.m", "Kati", Role.STYLIST, TEMPORARY).id
    anna = services.staff.create("anna.m", "Anna", Role.STYLIST, TEMPORARY).id
    cut = services.catalogue.add(CatalogueDraft("Lõikus", 45, 35_00))
    colour = services.catalogue.add(CatalogueDraft("Värvimine", 120, 85_00, True))
    smidt = services.clients.create(ClientDraft("Õie", "Šmidt", phone="+372 5555 0101"))
    ivanova = services.clients.create(ClientDraft("Ольга", "Иванова",
                                                  phone="+372 5555 0202"))
    assert smidt.client_id is not None and ivanova.client_id is not None
    session = services.session
    assert session is not None
    statuses: list[str] = []
    page = AppointmentsPage(PageEnv(ctx, worker, session, statuses.append))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    book = Book(ctx, page, kati, anna, cut, colour, smidt.client_id, ivanova.client_id,
                statuses)
    return book


def show(qtbot: QtBot, book: Book) -> AppointmentsPage:
    """Show the page and wait for its first day to arrive from the worker."""
    book.page.show()
    qtbot.waitUntil(lambda: book.page.day_view is not None and not book.page.env.worker.busy)
    return book.page


def settle(qtbot: QtBot, book: Book) -> None:
    """Wait until the worker has delivered everything asked so far."""
    qtbot.waitUntil(lambda: not book.page.env.worker.busy)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard does, including õ, š and Cyrillic (QTest.keyClicks asserts on
    any character outside ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                         Qt.KeyboardModifier.NoModifier, char))
