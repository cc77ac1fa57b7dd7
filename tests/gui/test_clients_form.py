"""New and edited clients through the form: errors next to the field, duplicates offered."""

from __future__ import annotations

import json

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.gui.clients_support import add_client, open_card, open_page, type_text
from ui.clients.form import ClientFormDialog
from ui.pages.clients import ClientsPage
from ui.worker import Worker

CTRL = Qt.KeyboardModifier.ControlModifier


def new_form(qtbot: QtBot, page: ClientsPage) -> ClientFormDialog:
    page.activateWindow()  # offscreen does not hand activation back when a dialog closes
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page, Qt.Key.Key_N, CTRL)
    dialog = page.findChildren(ClientFormDialog)[-1]
    assert dialog.isVisible()
    return dialog


def edit(dialog: ClientFormDialog, key: str) -> QLineEdit:
    widget = dialog.grid.widgets[key]
    assert isinstance(widget, QLineEdit)
    return widget


def closed(dialog: ClientFormDialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def save(qtbot: QtBot, dialog: ClientFormDialog, worker: Worker) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy)


def test_register_a_client_with_an_error_next_to_the_phone(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    page, status = open_page(qtbot, app_context, worker)
    dialog = new_form(qtbot, page)
    type_text(qtbot, edit(dialog, "first_name"), "Õie")
    type_text(qtbot, edit(dialog, "last_name"), "Šmidt")
    qtbot.keyClicks(edit(dialog, "phone"), "12")
    type_text(qtbot, edit(dialog, "email"), "õie@example.ee")
    qtbot.keyClicks(edit(dialog, "birth_date"), "25.11.1990")
    language = dialog.grid.widgets["language"]
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("ru"))
    save(qtbot, dialog, worker)

    phone_error = dialog.grid.errors["phone"]
    assert phone_error.isVisible()
    assert "phone number" in phone_error.text()
    assert not dialog.grid.errors["first_name"].isVisible()
    assert edit(dialog, "phone").text() == "12"  # nothing typed is lost
    assert edit(dialog, "first_name").text() == "Õie"
    assert dialog.isVisible()

    phone = edit(dialog, "phone")
    phone.clear()
    qtbot.keyClicks(phone, "5123 4567")
    assert not phone_error.isVisible()  # typing in the field takes its error away
    save(qtbot, dialog, worker)
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.body is not None)
    assert closed(dialog)
    assert "Client registered." in status.messages
    card = page.card.card
    assert (card.first_name, card.phone, card.email, card.language) == (
        "Õie", "+37251234567", "õie@example.ee", "ru")
    qtbot.waitUntil(lambda: page.model.row_of(card.id) is not None)


def test_a_possible_duplicate_is_offered_before_creating(
        qtbot: QtBot, app_context: AppContext, worker: Worker) -> None:
    existing = add_client(app_context, "Ольга", "Иванова", phone="+372 5234 5678")
    page, _status = open_page(qtbot, app_context, worker)
    dialog = new_form(qtbot, page)
    type_text(qtbot, edit(dialog, "first_name"), "Olga")
    type_text(qtbot, edit(dialog, "last_name"), "Ivanova")
    qtbot.keyClicks(edit(dialog, "phone"), "52345678")
    save(qtbot, dialog, worker)
    panel = dialog.duplicates
    assert panel.isVisible()
    assert panel.list.count() == 1
    assert panel.list.item(0).text() == "Иванова, Ольга · +372 5234 5678"
    assert page.model.total == 1  # nothing was written
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.id == existing)
    assert closed(dialog)

    again = new_form(qtbot, page)
    type_text(qtbot, edit(again, "first_name"), "Olga")
    type_text(qtbot, edit(again, "last_name"), "Ivanova")
    qtbot.keyClicks(edit(again, "phone"), "52345678")
    save(qtbot, again, worker)
    qtbot.mouseClick(again.duplicates.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(again) and page.model.total == 2)


def test_edit_sends_only_what_changed(qtbot: QtBot, app_context: AppContext,
                                      worker: Worker) -> None:
    client = add_client(app_context, "Kati", "Tamm", phone="+372 5111 2222",
                        birth_date="1990-11-25", preferences="Kohv")
    page, status = open_page(qtbot, app_context, worker)
    open_card(qtbot, page, client)
    qtbot.mouseClick(page.card.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChildren(ClientFormDialog)[-1]
    assert edit(dialog, "phone").text() == "+372 5111 2222"
    assert edit(dialog, "birth_date").text() == ""  # masked on the card: not prefilled
    preferences = dialog.grid.widgets["preferences"]
    assert isinstance(preferences, QPlainTextEdit)
    preferences.setPlainText("Tee sidruniga")
    assert dialog.changes() == {"preferences": "Tee sidruniga"}
    save(qtbot, dialog, worker)
    qtbot.waitUntil(lambda: page.card.card is not None
                    and page.card.card.preferences == "Tee sidruniga")
    assert "Changes saved." in status.messages
    db = app_context.vault.db  # type: ignore[union-attr]
    fields = db.scalar("SELECT fields FROM audit_log WHERE action = 'client.update' "
                       "ORDER BY id DESC LIMIT 1")
    assert "preferences" in fields and "birth_date" not in fields


def test_unsaved_forms_survive_the_lock_as_drafts(qtbot: QtBot, app_context: AppContext,
                                                  worker: Worker) -> None:
    """The lock asks each open form for its unsaved edits (``draft_key``/``draft_payload``,
    ui/lock/drafts.py), clears the page, and after unlocking asks the page to reopen them."""
    client = add_client(app_context, "Kati", "Tamm", preferences="Kohv")
    page, _status = open_page(qtbot, app_context, worker)
    new = new_form(qtbot, page)
    assert new.draft_payload() is None  # nothing typed: nothing to keep
    type_text(qtbot, edit(new, "first_name"), "Ülle")
    qtbot.keyClicks(edit(new, "phone"), "5123")
    open_card(qtbot, page, client)
    qtbot.mouseClick(page.card.edit_button, Qt.MouseButton.LeftButton)
    edit_form = page.findChildren(ClientFormDialog)[-1]
    preferences = edit_form.grid.widgets["preferences"]
    assert isinstance(preferences, QPlainTextEdit)
    preferences.setPlainText("Tee")
    drafts = {form.draft_key(): form.draft_payload() for form in (new, edit_form)}
    assert drafts[f"client:{client}"] == {"preferences": "Tee"}
    assert drafts["client:new"]["first_name"] == "Ülle"  # type: ignore[index]
    json.dumps(drafts)  # the lock stores them as JSON

    for form in (new, edit_form):
        form.reject()
    page.clear()
    page.reopen_draft("client", "client:new", drafts["client:new"])  # type: ignore[arg-type]
    again = page.findChildren(ClientFormDialog)[-1]
    assert (edit(again, "first_name").text(), edit(again, "phone").text()) == ("Ülle", "5123")
    again.reject()
    page.reopen_draft("client", f"client:{client}", drafts[f"client:{client}"])  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len([f for f in page.findChildren(ClientFormDialog)
                                 if shiboken6.isValid(f) and f.isVisible()]) == 1)
    reopened = next(f for f in page.findChildren(ClientFormDialog) if f.isVisible())
    assert reopened.changes() == {"preferences": "Tee"}
    reopened.reject()
