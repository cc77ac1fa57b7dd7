"""The Settings tab: a form generated from the settings table (ranges and labels from one
place), only changed keys saved, refusals next to their field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.settings import SETTINGS
from salon_desktop.i18n import N_
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.gui.admin_helpers import admin_page, on_worker
from tests.gui.helpers import signed_in_main
from ui.admin.settings_page import SettingsTab
from ui.controller import AppController

L = Qt.MouseButton.LeftButton


def open_settings(qtbot: QtBot, controller: AppController) -> SettingsTab:
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    page = admin_page(main)
    tab = page.settings
    assert tab is not None
    page.show_tab(tab)
    qtbot.waitUntil(lambda: tab.values()["salon_name"] == SALON_NAME)
    return tab


def test_the_form_follows_the_settings_table(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    tab = open_settings(qtbot, controller)
    assert set(tab.fields) == set(SETTINGS)
    for key, definition in SETTINGS.items():
        field = tab.fields[key]
        expected = {bool: QCheckBox, int: QSpinBox, str: QLineEdit}[definition.kind]
        assert isinstance(field, expected), key
        if isinstance(field, QSpinBox):
            assert (field.minimum(), field.maximum()) == (definition.minimum,
                                                          definition.maximum)
        if isinstance(field, QLineEdit):
            assert field.maxLength() == definition.max_length
    assert tab.salon_grid.captions["salon_name"].text() == "Salon name"
    assert not tab.save_button.isEnabled()  # nothing changed yet

    lock = tab.fields["idle_lock_minutes"]
    assert isinstance(lock, QSpinBox)
    lock.setValue(5)
    phone = tab.fields["salon_phone"]
    assert isinstance(phone, QLineEdit)
    phone.clear()
    qtbot.keyClicks(phone, "+372 5555 1111")
    assert tab.changes() == {"idle_lock_minutes": 5, "salon_phone": "+372 5555 1111"}
    qtbot.mouseClick(tab.save_button, L)
    main = tab.window()
    qtbot.waitUntil(lambda: main.statusBar().currentMessage() == "Settings saved.")
    stored = on_worker(qtbot, controller.worker, set_up_context.services.settings.all)
    assert stored["idle_lock_minutes"] == 5 and stored["salon_phone"] == "+372 5555 1111"
    assert not tab.save_button.isEnabled()
    entries = on_worker(qtbot, controller.worker,
                        lambda: set_up_context.services.audit.actions())
    assert "settings.change" in entries


def test_refusals_land_next_to_their_field(
        qtbot: QtBot, set_up_context: AppContext,
        make_controller: Callable[..., AppController],
        monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    tab = open_settings(qtbot, controller)
    name = tab.fields["salon_name"]
    assert isinstance(name, QLineEdit)
    name.clear()
    qtbot.mouseClick(tab.save_button, L)
    assert tab.salon_grid.errors["salon_name"].text() == "Please enter the salon's name."
    qtbot.keyClicks(name, "Salong Roos")
    assert not tab.salon_grid.errors["salon_name"].isVisible()

    settings = set_up_context.services.settings
    real_set = settings.set

    def refuse_email(key: str, raw: object) -> object:
        if key == "salon_email":
            raise ValidationError(key, N_("Please check this field."))
        return real_set(key, raw)  # type: ignore[arg-type]

    monkeypatch.setattr(settings, "set", refuse_email)
    email = tab.fields["salon_email"]
    assert isinstance(email, QLineEdit)
    email.setText("vale aadress")
    qtbot.mouseClick(tab.save_button, L)
    error = tab.salon_grid.errors["salon_email"]
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "Please check this field."
    assert tab.changes() == {"salon_email": "vale aadress"}  # the name was saved, kept typed
    assert tab.window().windowTitle() == "Salon Desktop — Salong Roos"
    tab.window().change_language("ru")  # type: ignore[attr-defined]
    assert error.text() == "Пожалуйста, проверьте это поле."
    assert tab.save_button.text() == "Сохранить настройки"
