"""The Reports screenshots (called by ``tools/screenshots.py``; alone for a quick look:
``python -m tools.reports_screens [--lang et ru] [--out DIR]``).

A salon of its own with a manager, a receptionist and three clients; some security measures
checked recently, two long ago (so the due marking shows) and the accountant named. Shoots
the client data report as the manager (a client picked, language chosen) and as reception,
the record of processing's three tables, and the measure and recipient dialogs (the first
with the core's error next to the field). Names and addresses are invented.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.processing_record import RecipientKind
from salon_desktop.services.base import Session
from tools.screens_common import (
    Shooter,
    Wait,
    close_window,
    finish,
    open_section,
    run_alone,
    salon_with_reception,
    sign_in_as_reception,
)
from ui.main_window import MainWindow
from ui.reports.page import ReportsPage
from ui.worker import Worker

NOW = datetime(2026, 11, 13, 9, 40, tzinfo=UTC)
CLIENTS = (("Õie", "Šmidt", "et"), ("Ольга", "Иванова", "ru"), ("Emily", "Walker", "en"))


def _fill(ctx: AppContext) -> None:
    s = ctx.services
    for number, (first, last, language) in enumerate(CLIENTS):
        s.clients.create(ClientDraft(first, last, phone=f"+372 5550 {2000 + number}",
                                     language=language))
    record = s.processing_record
    measures = record.record().measures
    for measure in measures[:2]:  # the cabinet: checked long ago, due again
        record.mark_measure_checked(measure.id, day=date(2025, 9, 2))
    for measure in measures[2:8]:
        record.mark_measure_checked(measure.id, day=date(2026, 10, 20))
    record.update_measure(measures[1].id, holder="Mari Mägi, Kati Tamm")
    accountant = next(r for r in record.record().recipients
                      if r.kind is RecipientKind.ACCOUNTANT)
    record.update_recipient(accountant.id, name="Raamatupidamine Kask OÜ")
    record.mark_activity_reviewed("clients")


def _main(ctx: AppContext, worker: Worker, session: Session,
          wait: Wait) -> tuple[MainWindow, ReportsPage]:
    main, page = open_section(ctx, worker, session, "reports", ReportsPage)
    wait(lambda: page.client_report.picker.loaded and not worker.busy)
    return main, page


def _pick(page: ReportsPage, typed: str, worker: Worker, wait: Wait) -> None:
    picker = page.client_report.picker
    picker.edit.setText(typed)
    picker.search_now()
    wait(lambda: picker.results.count() == 1 and not worker.busy)
    picker.pick_first()


def _record_screens(shoot: Shooter, main: MainWindow, page: ReportsPage, worker: Worker,
                    wait: Wait) -> None:
    record = page.record
    assert record is not None
    page.show_tab(record)
    wait(lambda: record.record is not None and not worker.busy)
    record.tables["measures"].selectRow(0)
    shoot.shot(main, "reports-record-measures")
    dialog = record.add_measure()
    dialog.save()
    wait(lambda: dialog.grid.errors["text"].isVisible() and not worker.busy)
    shoot.shot(dialog, "reports-measure-dialog-error")
    dialog.reject()
    record.tables["measures"].selectRow(1)
    edit = record.edit_measure()
    assert edit is not None
    QCoreApplication.processEvents()
    shoot.shot(edit, "reports-measure-dialog-edit")
    edit.reject()
    record.sections.setCurrentIndex(1)
    shoot.shot(main, "reports-record-activities")
    record.sections.setCurrentIndex(2)
    record.tables["recipients"].selectRow(0)
    shoot.shot(main, "reports-record-recipients")
    recipient = record.edit_recipient()
    assert recipient is not None
    QCoreApplication.processEvents()
    shoot.shot(recipient, "reports-recipient-dialog")
    recipient.reject()


def reports_screens(shoot: Shooter, folder: Path, keyring: Any,
                    wait: Wait) -> None:
    ctx = salon_with_reception(folder, keyring, FakeClock(NOW))
    _fill(ctx)
    session = ctx.services.session
    assert session is not None
    worker = Worker()
    main, page = _main(ctx, worker, session, wait)
    shoot.shot(main, "reports-client-empty")
    _pick(page, "Walker", worker, wait)
    panel = page.client_report
    panel.language_box.setCurrentIndex(panel.language_box.findData("et"))
    shoot.shot(main, "reports-client")
    _record_screens(shoot, main, page, worker, wait)
    close_window(main)

    main, page = _main(ctx, worker, sign_in_as_reception(ctx), wait)
    _pick(page, "Šmidt", worker, wait)
    shoot.shot(main, "reports-client-reception")
    close_window(main)
    finish(ctx, worker)


if __name__ == "__main__":
    run_alone("reports_screens", reports_screens)
