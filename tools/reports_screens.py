"""The Reports screenshots (called by ``tools/screenshots.py``; alone for a quick look:
``python -m tools.reports_screens [--lang et ru]``).

A salon of its own with a manager, a receptionist and three clients; some security measures
checked recently, two long ago (so the due marking shows) and the accountant named. Shoots
the client data report as the manager (a client picked, language chosen) and as reception,
the record of processing's three tables, and the measure and recipient dialogs (the first
with the core's error next to the field). Names and addresses are invented.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.processing_record import RecipientKind
from salon_desktop.domain.roles import Role
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Session
from salon_desktop.storage import staff_repo
from ui.main_window import MainWindow
from ui.reports.page import ReportsPage
from ui.worker import Worker

NOW = datetime(2026, 11, 13, 9, 40, tzinfo=UTC)
SALON = SalonDetails("Salong Õnnelik", "12345678", "Pärnu mnt 22, 10141 Tallinn",
                     "info@onnelik.example", "+372 5555 0000")
MANAGER, RECEPTION, PASSWORD = "mari", "kati", "Kevad-2026-Tulp"
CLIENTS = (("Õie", "Šmidt", "et"), ("Ольга", "Иванова", "ru"), ("Emily", "Walker", "en"))


class Shooter(Protocol):
    def shot(self, widget: QWidget, name: str, *, settle: bool = True) -> None: ...


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
          wait: Callable[..., None]) -> tuple[MainWindow, ReportsPage]:
    main = MainWindow(ctx, worker, session, salon_name=SALON.name)
    main.resize(1366, 768)
    main.show()
    main.show_section("reports")
    page = main.stack.currentWidget()
    assert isinstance(page, ReportsPage)
    wait(lambda: page.client_report.picker.loaded and not worker.busy)
    return main, page


def _pick(page: ReportsPage, typed: str, worker: Worker, wait: Callable[..., None]) -> None:
    picker = page.client_report.picker
    picker.edit.setText(typed)
    picker.search_now()
    wait(lambda: picker.results.count() == 1 and not worker.busy)
    picker.pick_first()


def _record_screens(shoot: Shooter, main: MainWindow, page: ReportsPage, worker: Worker,
                    wait: Callable[..., None]) -> None:
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


def _close(main: MainWindow) -> None:
    main.close()
    main.deleteLater()
    QCoreApplication.processEvents()


def reports_screens(shoot: Shooter, folder: Path, keyring: Any,
                    wait: Callable[..., None]) -> None:
    clock = FakeClock(NOW)
    ctx = AppContext(folder, keystore=OsKeyStore(keyring), clock=clock)
    ctx.create_salon(SALON, MANAGER, "Mari Mägi", PASSWORD)
    ctx.services.auth.sign_in(MANAGER, PASSWORD)
    assert ctx.vault is not None
    with ctx.vault.db.transaction():  # a receptionist who has chosen her own password
        staff_repo.insert(ctx.vault.db, username=RECEPTION, display_name="Kati Tamm",
                          role=Role.RECEPTION.value, password_hash=hash_password(PASSWORD),
                          must_change_password=False, now=clock.now())
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
    _close(main)

    ctx.services.auth.sign_out()
    reception = ctx.services.auth.sign_in(RECEPTION, PASSWORD)
    main, page = _main(ctx, worker, reception, wait)
    _pick(page, "Šmidt", worker, wait)
    shoot.shot(main, "reports-client-reception")
    _close(main)
    worker.close()
    ctx.services.auth.sign_out()
    ctx.close()


def _only_these() -> None:
    """``python -m tools.reports_screens``: the Reports shots alone, for a quick look."""
    import argparse
    import tempfile

    from tools import screenshots
    from ui.app import create_application
    from ui.language import apply_language

    parser = argparse.ArgumentParser(description="The Reports screenshots only.")
    parser.add_argument("--out", type=Path, default=screenshots.ROOT / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["et", "ru", "en"])
    args = parser.parse_args()
    create_application(["reports_screens"])
    with tempfile.TemporaryDirectory(prefix="salon-shots-") as tmp:
        for language in args.lang:
            apply_language(language)
            reports_screens(screenshots.Shooter(args.out, language),
                            Path(tmp) / language / "reports", screenshots._MemoryKeyring(),
                            screenshots.wait)


if __name__ == "__main__":
    _only_these()
