"""The card: masked fields revealed through the audited service, visits newest first, the
reception's health flag line, one-click consents, and what a stylist never gets."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QTableWidget, QToolButton
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import PatchTestDraft, PatchTestResult
from salon_desktop.domain.consents import Method, Purpose
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft, VisitDraft
from salon_desktop.i18n import get_translator
from tests.gui.clients_support import (
    add_client,
    add_staff,
    all_texts,
    open_card,
    open_page,
    sign_in_as,
)
from tools.i18n_check import extracted
from ui.clients.form import ClientFormDialog
from ui.clients.visit_dialog import VisitDialog
from ui.language import apply_language
from ui.lock.clipboard import clear_sensitive
from ui.worker import Worker


@cache
def english_msgids() -> frozenset[str]:
    return frozenset(m if isinstance(m, str) else m[0] for m in extracted().values())


PHONE, EMAIL = "+372 5123 4567", "oie.smidt@example.ee"


def client_with_health(ctx: AppContext) -> int:
    client = add_client(ctx, "Õie", "Šmidt", phone=PHONE, email=EMAIL,
                        birth_date="1990-11-25", address="Pärnu mnt 1, Tallinn")
    services = ctx.services
    services.consents.give(client, Purpose.HEALTH, Method.PAPER)
    services.client_health.set_health(client, "Nikkel", None)
    services.client_health.add_patch_test(client, PatchTestDraft(
        "Koleston 7/1", datetime(2026, 11, 20, 10, 0), PatchTestResult.NEGATIVE,
        date(2027, 3, 12)))
    return client


def test_reveal_the_birth_date_is_audited_and_stays_until_closed(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    client = client_with_health(app_context)
    page, _status = open_page(qtbot, app_context, worker)
    open_card(qtbot, page, client)
    assert "25.11.1990" not in all_texts(page)
    assert "Nikkel" not in all_texts(page)
    eye = page.card.findChild(QToolButton, "reveal_birth_date")
    qtbot.mouseClick(eye, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "birth_date" in page.card.revealed)
    assert get_translator().date(date(1990, 11, 25)) in all_texts(page)
    db = app_context.vault.db  # type: ignore[union-attr]
    row = db.query_one("SELECT action, record_id, fields FROM audit_log "
                       "WHERE action = 'client.reveal' ORDER BY id DESC LIMIT 1")
    assert row is not None and row["record_id"] == str(client)
    assert "birth_date" in row["fields"]
    assert page.card.findChild(QToolButton, "reveal_birth_date") is None
    qtbot.mouseClick(page.card.findChild(QToolButton, "copy_phone"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == PHONE  # a guarded copy: gone after 30 s
    assert clear_sensitive() and QApplication.clipboard().text() == ""

    qtbot.mouseClick(page.card.findChild(QToolButton, "reveal_health"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Nikkel" in all_texts(page))
    assert any("Koleston 7/1" in text for text in all_texts(page))
    page.card.close_card()
    assert page.card.revealed == {} and "Nikkel" not in all_texts(page)


def test_reception_sees_the_flag_line_not_the_details(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    client = client_with_health(app_context)
    add_staff(app_context, "kati", Role.RECEPTION, "Kati Tamm")
    session = sign_in_as(app_context, "kati")
    page, _status = open_page(qtbot, app_context, worker, session)
    open_card(qtbot, page, client)
    texts = all_texts(page)
    assert "⚠ Allergy on file · Patch test valid until 12/03/2027" in texts
    assert page.card.findChild(QToolButton, "reveal_health") is None
    assert page.card.findChild(QToolButton, "reveal_birth_date") is not None
    assert "Nikkel" not in texts


def test_consents_one_click_each_way(qtbot: QtBot, app_context: AppContext,
                                     worker: Worker) -> None:
    client = add_client(app_context, "Mari", "Mets", email="mari@example.ee")
    page, status = open_page(qtbot, app_context, worker)
    open_card(qtbot, page, client)
    button = page.card.findChild(QToolButton, "consent_email")
    assert button.text().endswith("✖")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.card.consents is not None
                    and page.card.consents.stands(Purpose.EMAIL))
    assert app_context.services.consents.state(client).stands(Purpose.EMAIL)
    button = page.card.findChild(QToolButton, "consent_email")
    assert button.text().endswith("✔")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.card.consents.stands(Purpose.EMAIL))  # type: ignore[union-attr]
    assert status.messages[-2:] == ["Consent recorded.", "Withdrawal recorded."]


def test_a_new_visit_appears_first_on_the_card(qtbot: QtBot, app_context: AppContext,
                                               worker: Worker) -> None:
    services = app_context.services
    cut = services.catalogue.add(CatalogueDraft("Lõikus", 45, 35_00))
    colour = services.catalogue.add(CatalogueDraft("Värvimine", 120, 85_00, True))
    stylist = add_staff(app_context, "anna", Role.STYLIST, "Anna Juuksur")
    client = add_client(app_context, "Ольга", "Иванова")
    services.visits.record(VisitDraft(client, datetime(2026, 10, 1, 11, 0), stylist, (cut,)))
    page, status = open_page(qtbot, app_context, worker)
    open_card(qtbot, page, client)
    qtbot.mouseClick(page.card.visit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChildren(VisitDialog)[-1]
    qtbot.waitUntil(lambda: dialog.services.count() == 2)
    dialog.set_service_checked(colour)
    assert dialog.price.text() == "85.00"
    dialog.stylist.setCurrentIndex(dialog.stylist.findData(stylist))
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "79,50")  # the Estonian decimal comma
    qtbot.keyClicks(dialog.formula, "7/1 + 6% 30 vol")
    draft = dialog.draft_payload()  # locked now: the lock keeps it, the page reopens it
    assert draft is not None and draft["price"] == "79,50"
    dialog.reject()
    page.reopen_draft("visit", f"visit:{client}", draft)
    qtbot.waitUntil(lambda: any(d.isVisible() and d.chosen_ids() == (colour,)
                                for d in page.findChildren(VisitDialog)
                                if shiboken6.isValid(d)))
    dialog = next(d for d in page.findChildren(VisitDialog) if d.isVisible())
    assert (dialog.price.text(), dialog.formula.text()) == ("79,50", "7/1 + 6% 30 vol")
    assert dialog.stylist.currentData() == stylist
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.visit_count == 2
                    and page.card.findChild(QTableWidget, "visits") is not None
                    and page.card.findChild(QTableWidget, "visits").rowCount() == 2)
    table = page.card.findChild(QTableWidget, "visits")
    first = [table.item(0, column).text() for column in range(5)]
    assert first == ["25/11/2026", "Anna Juuksur", "Värvimine", "€79.50", "7/1 + 6% 30 vol"]
    assert table.item(1, 0).text() == "01/10/2026"
    assert "Visit recorded." in status.messages


def test_a_stylist_never_gets_a_phone_or_e_mail_anywhere(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    client = client_with_health(app_context)
    add_client(app_context, "Kati", "Tamm", phone="+372 5999 8888", email="kati@example.ee")
    add_staff(app_context, "liis", Role.STYLIST, "Liis Lõikaja")
    session = sign_in_as(app_context, "liis")
    page, _status = open_page(qtbot, app_context, worker, session)
    model = page.model
    assert model.columns == ("name", "language")
    assert page.list_pane.search.placeholderText() == "search by name"
    open_card(qtbot, page, client)
    qtbot.mouseClick(page.card.findChild(QToolButton, "reveal_health"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "health" in page.card.revealed)
    qtbot.mouseClick(page.card.edit_button, Qt.MouseButton.LeftButton)
    form = page.findChildren(ClientFormDialog)[-1]
    assert not {"phone", "email", "address", "birth_date"} & set(form.grid.widgets)
    texts = all_texts(page) + [str(model.data(model.index(row, column)))
                               for row in range(model.rowCount())
                               for column in range(model.columnCount())]
    forbidden = ("5123", "4567", "5999", "example.ee", "@", "1990", "Pärnu")
    assert [t for t in texts if any(bad in t for bad in forbidden)] == []
    assert "Nikkel" in texts  # the stylist does get the health details
    form.reject()


@pytest.mark.parametrize("language", ["et", "ru"])
def test_every_screen_speaks_the_language(qtbot: QtBot, app_context: AppContext,
                                         worker: Worker, language: str) -> None:
    client = client_with_health(app_context)
    apply_language(language)
    page, _status = open_page(qtbot, app_context, worker)
    open_card(qtbot, page, client)
    qtbot.mouseClick(page.card.findChild(QToolButton, "reveal_birth_date"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "birth_date" in page.card.revealed)
    assert "25.11.1990" in all_texts(page)  # dates as 25.11.1990 in et and ru
    windows = [page, page.new_client(), page.new_visit(page.card.card),  # type: ignore[arg-type]
               page.import_clients()]
    qtbot.waitUntil(lambda: not worker.busy)
    for window in windows:
        assert window is not None
        shown = [t for t in all_texts(window) if t]
        shown += [b.text() for b in window.findChildren(QAbstractButton)]
        assert [t for t in shown if t in english_msgids()] == [], type(window).__name__
    for dialog in windows[1:]:
        dialog.close()  # type: ignore[union-attr]
    assert page.model.headerData(0, Qt.Orientation.Horizontal) != "Client"
    apply_language("en")  # switched live: the open card is drawn again, still revealed
    page.retranslate()
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Client"
    assert {"Phone", "25/11/1990"} <= set(all_texts(page))
