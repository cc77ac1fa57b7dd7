"""The Reports section, record of processing (manager): the measures with their last check
(due ones marked), marking one checked today (audited), adding a measure and a recipient
with the core's errors next to the field, saving the record as a PDF, and the record
following the program's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from salon_desktop.domain.processing_record import RecipientKind
from salon_desktop.i18n import get_translator
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.test_reports_client import (  # noqa: F401  (the fixture)
    WAIT,
    Desk,
    needs_poppler,
    open_reports,
    pdf_text,
)
from ui.language import apply_language
from ui.privacy import files
from ui.privacy.requests_model import OVERDUE_BG
from ui.reports.record_dialogs import MeasureDialog, RecipientDialog
from ui.reports.record_panel import RecordPanel

Open = Callable[[str, str], Desk]


def open_record(qtbot: QtBot, open_reports: Open) -> tuple[Desk, RecordPanel]:  # noqa: F811
    desk = open_reports(ADMIN_USER, ADMIN_PASSWORD)
    panel = desk.page.record
    assert panel is not None
    desk.page.show_tab(panel)
    qtbot.waitUntil(lambda: panel.measures.rowCount() > 0, timeout=WAIT)
    return desk, panel


def cell(index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return index.model().data(index, role)


@needs_poppler
def test_manager_marks_a_measure_checked_and_saves_the_record(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        open_reports: Open) -> None:  # noqa: F811
    desk, panel = open_record(qtbot, open_reports)
    model = panel.measures
    assert cell(model.index(0, 3)) == "never checked"  # seeded, never checked: due
    background = cell(model.index(0, 3), Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == OVERDUE_BG.lower()  # type: ignore[attr-defined]
    assert not panel.buttons["checked"].isEnabled()  # nothing selected yet
    measure = model.rows[0]
    panel.tables["measures"].selectRow(0)
    qtbot.mouseClick(panel.buttons["checked"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rows[0].last_checked is not None, timeout=WAIT)
    today = desk.ctx.clock.now().astimezone().date()
    assert model.rows[0].id == measure.id and model.rows[0].last_checked == today
    assert cell(model.index(0, 3)) == f"{get_translator().date(today)} (Mari Juhataja)"
    assert cell(model.index(0, 3), Qt.ItemDataRole.BackgroundRole) is None  # no longer due
    assert panel.tables["measures"].selectionModel().selectedRows()[0].row() == 0
    assert desk.statuses[-1] == "Measure marked as checked today."
    audited = desk.ctx.services.audit.entries()[0]
    assert (audited.action, audited.record_id) == ("processing_record.measure_checked",
                                                   str(measure.id))

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(files, "ask_save_path", lambda *_a: str(out / "record"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.statuses[-1] == "Record of processing saved as PDF.",
                    timeout=WAIT)
    assert list(out.iterdir()) == [out / "record.pdf"]
    text = " ".join(pdf_text(out / "record.pdf").split())
    assert "Record of processing activities" in text
    assert "Paper consent forms and other client papers are kept in a locked" in text


def test_add_measure_and_recipient_with_errors_next_to_the_field(
        qtbot: QtBot, open_reports: Open) -> None:  # noqa: F811
    desk, panel = open_record(qtbot, open_reports)
    count = panel.measures.rowCount()
    dialog = panel.add_measure()
    assert isinstance(dialog, MeasureDialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no text
    error = dialog.grid.errors["text"]
    qtbot.waitUntil(error.isVisible, timeout=WAIT)
    assert error.text().startswith("Please fill in this field.") and dialog.isVisible()
    dialog.text.setPlainText("The desk drawer with the appointment book is locked at night.")
    assert not error.isVisible()  # typing again takes the error away
    dialog.holder.setText("Mari")
    dialog.physical.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.measures.rowCount() == count + 1, timeout=WAIT)
    added = next(m for m in panel.measures.rows if m.key is None)
    assert added.physical and added.holder == "Mari" and desk.statuses[-1] == \
        "Security measure saved."

    panel.sections.setCurrentIndex(2)
    recipients = panel.recipients.rowCount()
    add = panel.add_recipient()
    assert isinstance(add, RecipientDialog)
    add.kind.setCurrentIndex(add.kind.findData(RecipientKind.OTHER.value))
    assert add.note.placeholderText() == "As described by the salon."
    qtbot.mouseClick(add.save_button, Qt.MouseButton.LeftButton)  # no name
    qtbot.waitUntil(add.grid.errors["name"].isVisible, timeout=WAIT)
    add.name.setText("Online booking OÜ")
    qtbot.mouseClick(add.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.recipients.rowCount() == recipients + 1, timeout=WAIT)
    assert panel.recipients.rows[-1].name == "Online booking OÜ"
    assert cell(panel.recipients.index(recipients, 2)) == "As described by the salon."


def test_record_follows_the_program_language_and_an_activity_is_reviewed(qtbot: QtBot,
                                             open_reports: Open) -> None:  # noqa: F811
    desk, panel = open_record(qtbot, open_reports)
    apply_language("et")
    desk.page.retranslate()
    qtbot.waitUntil(lambda: panel.record is not None and panel.record.language == "et",
                    timeout=WAIT)
    assert panel.sections.tabText(0) != "Security measures"
    assert "lukustatud kapis" in panel.measures.rows[0].text
    assert desk.page.tabs.tabText(0) == "Isikuandmete väljavõte"
    panel.sections.setCurrentIndex(1)
    panel.tables["activities"].selectRow(1)
    qtbot.mouseClick(panel.buttons["reviewed"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.activities.rows[1].last_reviewed is not None, timeout=WAIT)
    assert desk.statuses[-1] == "Toiming on täna üle vaadatuks märgitud."
    assert cell(panel.activities.index(1, 4)) == f"{desk.ctx.clock.now().astimezone():%d.%m.%Y}"


def test_name_a_seeded_recipient_and_switch_a_measure_off(
        qtbot: QtBot, open_reports: Open) -> None:  # noqa: F811
    desk, panel = open_record(qtbot, open_reports)
    kinds = [r.kind for r in panel.recipients.rows]
    panel.tables["recipients"].selectRow(kinds.index(RecipientKind.ACCOUNTANT))
    dialog = panel.edit_recipient()
    assert isinstance(dialog, RecipientDialog) and not dialog.kind.isEnabled()
    assert dialog.note.toPlainText() == ""  # the usual text stays translatable
    dialog.name.setText("Raamatupidamine Kask OÜ")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.recipients.rows[0].name == "Raamatupidamine Kask OÜ",
                    timeout=WAIT)
    stored = desk.ctx.services.processing_record.record("et").recipients[0]
    assert stored.receives.startswith("Raamatupidamise")  # still the catalog's, in et

    panel.tables["measures"].selectRow(0)
    edit = panel.edit_measure()
    assert isinstance(edit, MeasureDialog) and edit.fixed and not edit.text.isVisible()
    edit.holder.setText("Mari Juhataja")
    edit.active.setChecked(False)
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.measures.rows[-1].active, timeout=WAIT)
    last = panel.measures.index(panel.measures.rowCount() - 1, 3)
    assert cell(last) == "not in use" and panel.measures.rows[-1].holder == "Mari Juhataja"
    panel.tables["measures"].selectRow(panel.measures.rowCount() - 1)
    assert not panel.buttons["checked"].isEnabled()  # nothing to check on a switched-off one
