"""The Privacy & consents section, manager's tabs: marketing lists built at the moment of
use (a withdrawal shows at once), the CSV export read back as the mail tool reads it, the
wordings with their versions, and who sees the section at all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.domain.consents import Method, Purpose
from salon_desktop.domain.roles import Role
from salon_desktop.services.base import Session
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.test_languages import check_language
from tests.gui.test_privacy_consents import (  # noqa: F401  (the fixture)
    WAIT,
    Desk,
    click_and_wait,
    grid_button,
    open_privacy,
    pick,
)
from ui.language import apply_language
from ui.pages.privacy import PAGE
from ui.privacy import files


def names(desk: Desk) -> list[str]:
    model = desk.page.marketing.model  # type: ignore[union-attr]
    return [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]


def test_marketing_list_follows_a_withdrawal_and_exports_csv(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        open_privacy: Callable[..., Desk]) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    consents = desk.ctx.services.consents
    for client in (desk.oie, desk.olga):
        consents.give(client, Purpose.EMAIL, Method.PAPER)
    marketing = desk.page.marketing
    assert marketing is not None
    assert desk.page.show_tab(marketing)
    qtbot.waitUntil(lambda: marketing.loaded and marketing.count == 2, timeout=WAIT)
    assert names(desk) == ["Šmidt, Õie", "Иванова, Ольга"]
    assert marketing.count_label.text() == "2 recipients"

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(files, "ask_save_path", lambda *_args: str(out / "uudiskiri"))
    qtbot.mouseClick(marketing.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(desk.statuses), timeout=WAIT)
    assert desk.statuses[-1] == "List exported: 2 recipients."
    exported = out / "uudiskiri.csv"
    assert list(out.iterdir()) == [exported]
    assert exported.read_text(encoding="utf-8-sig").splitlines() == [
        "first_name;last_name;language;email",
        "Õie;Šmidt;et;oie.smidt@example.com",
        "Ольга;Иванова;ru;olga.ivanova@example.com",
    ]

    # Ольга withdraws at the desk: the list shown next has only Õie, with no cache between
    desk.page.show_tab(desk.page.consents)
    assert not marketing.model.rowCount()  # a hidden list does not linger
    pick(qtbot, desk, "Иванова", desk.olga)
    click_and_wait(qtbot, desk, grid_button(desk, "withdraw", Purpose.EMAIL), 2)
    desk.page.show_tab(marketing)
    qtbot.waitUntil(lambda: marketing.loaded, timeout=WAIT)
    assert names(desk) == ["Šmidt, Õie"]


def test_birthday_list_asks_for_the_window(qtbot: QtBot,
                                           open_privacy: Callable[..., Desk]) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    marketing = desk.page.marketing
    assert marketing is not None
    desk.page.show_tab(marketing)
    assert not marketing.days.isVisible()
    marketing.purpose_box.setCurrentIndex(marketing.purpose_box.findData(Purpose.BIRTHDAY))
    assert marketing.days.isVisible()
    marketing.days.setValue(30)
    marketing.reload()  # what the pause after the spin box does
    qtbot.waitUntil(lambda: marketing.loaded, timeout=WAIT)
    assert marketing.model.columnCount() == 5 and marketing.count == 0


def test_wording_edit_adds_a_version_and_keeps_the_old(
        qtbot: QtBot, open_privacy: Callable[..., Desk]) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    wordings = desk.page.wordings
    assert wordings is not None
    desk.page.show_tab(wordings)
    wordings.language.setCurrentIndex(wordings.language.findData("et"))
    qtbot.waitUntil(lambda: len(wordings.versions) == 1, timeout=WAIT)
    first = wordings.text.toPlainText()
    assert first and wordings.text.isReadOnly()
    dialog = wordings.open_editor()
    dialog.edit.setPlainText("Soovin e-kirju uudiste ja pakkumiste kohta. Õnnelik")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(wordings.versions) == 2, timeout=WAIT)
    assert wordings.version_list.item(0).text().startswith("Version 2 · in use since")
    assert "Mari Juhataja" in wordings.version_list.item(0).text()
    assert wordings.text.toPlainText().endswith("Õnnelik")
    wordings.version_list.setCurrentRow(1)
    assert wordings.text.toPlainText() == first  # the old version stays readable
    assert desk.statuses[-1] == "Wording saved as version 2."


def test_wording_error_keeps_the_typed_text(qtbot: QtBot,
                                            open_privacy: Callable[..., Desk]) -> None:  # noqa: F811
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    wordings = desk.page.wordings
    assert wordings is not None
    desk.page.show_tab(wordings)
    qtbot.waitUntil(lambda: bool(wordings.versions), timeout=WAIT)
    dialog = wordings.open_editor()
    dialog.edit.setPlainText("x" * 2001)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT)
    assert dialog.isVisible() and dialog.edit.toPlainText() == "x" * 2001
    dialog.reject()


def test_the_section_is_for_roles_that_read_consents() -> None:
    def session(role: Role) -> Session:
        return Session(1, "x", "X", role)

    assert PAGE.visible(session(Role.ADMIN)) and PAGE.visible(session(Role.RECEPTION))
    assert not PAGE.visible(session(Role.STYLIST))  # stylists see the health flag on the card


@pytest.mark.parametrize("language", ["et", "ru"])
def test_every_tab_reads_in_estonian_and_russian(qtbot: QtBot, language: str,
                                                 open_privacy: Callable[..., Desk]  # noqa: F811
                                                 ) -> None:
    desk = open_privacy(ADMIN_USER, ADMIN_PASSWORD)
    desk.ctx.services.consents.give(desk.oie, Purpose.EMAIL, Method.PAPER)
    pick(qtbot, desk, "Šmidt", desk.oie)
    apply_language(language)
    desk.page.retranslate()
    for index in range(desk.page.tabs.count()):
        desk.page.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not desk.page.env.worker.busy, timeout=WAIT)
        check_language(desk.page, language)
    grid = desk.page.consents.grid.rows[Purpose.EMAIL]
    assert grid.give.width() == grid.withdraw.width()  # also after the words got longer
