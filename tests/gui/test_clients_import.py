"""Importing an Excel CSV through the wizard: ';', a BOM, Cyrillic, and two bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from tests.gui.clients_support import open_page
from ui.clients import import_pages
from ui.clients.import_wizard import ImportWizard
from ui.worker import Worker

CSV = ("Eesnimi;Perekonnanimi;Telefon;E-post;Sünnikuupäev;Keel\n"
       "Õie;Šmidt;5123 4567;oie@example.ee;25.11.1990;eesti\n"
       "Ольга;Иванова;+372 5234 5678;olga@example.ee;1985-03-02;русский\n"
       "Наталья;Смирнова;;;;ru\n"
       ";Tamm;5345 6789;;;et\n"                      # row 5: no first name
       "Jüri;Žukov;12;;;et\n")                       # row 6: not a phone number
W = QWizard.WizardButton


def test_import_wizard_reports_the_rejected_rows(
        qtbot: QtBot, app_context: AppContext, worker: Worker, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "kliendid.csv"
    source.write_bytes(b"\xef\xbb\xbf" + CSV.replace("\n", "\r\n").encode("utf-8"))
    monkeypatch.setattr(import_pages, "ask_csv_path", lambda _parent: str(source))
    page, _status = open_page(qtbot, app_context, worker)
    assert page.list_pane.empty_import.isVisibleTo(page)
    qtbot.mouseClick(page.list_pane.empty_import, Qt.MouseButton.LeftButton)
    wizard = page.findChildren(ImportWizard)[-1]

    qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.button(W.NextButton).isEnabled())
    assert wizard.preview is not None and wizard.preview.delimiter == ";"
    qtbot.mouseClick(wizard.button(W.NextButton), Qt.MouseButton.LeftButton)
    mapping = wizard.mapping_page
    assert mapping.mapping() == {0: "first_name", 1: "last_name", 2: "phone", 3: "email",
                                 4: "birth_date", 5: "language"}
    assert mapping.preview_table.rowCount() == 5
    assert mapping.preview_table.item(1, 0).text() == "Ольга"
    assert wizard.button(W.CommitButton).text() == "Import"

    mapping.set_field(1, None)  # without the last name the import cannot start
    qtbot.mouseClick(wizard.button(W.CommitButton), Qt.MouseButton.LeftButton)
    assert mapping.error.isVisible() and wizard.currentId() == ImportWizard.MAPPING
    mapping.set_field(1, "last_name")
    qtbot.mouseClick(wizard.button(W.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)

    report = wizard.report_page
    assert report.summary.text().startswith("3 clients were imported. 2 rows were left out")
    rows = [(report.rejected.item(r, 0).text(), report.rejected.item(r, 1).text())
            for r in range(report.rejected.rowCount())]
    assert [number for number, _reason in rows] == ["5", "6"]
    assert rows[0][1].startswith("First name: ")
    assert rows[1][1].startswith("Phone: ")
    qtbot.waitUntil(lambda: page.model.total == 3)
    names = {page.model.data(page.model.index(r, 0)) for r in range(3)}
    assert names == {"Šmidt, Õie", "Иванова, Ольга", "Смирнова, Наталья"}
    qtbot.mouseClick(wizard.button(W.FinishButton), Qt.MouseButton.LeftButton)
