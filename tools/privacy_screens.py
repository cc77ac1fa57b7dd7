"""The Privacy & consents screenshots (called by ``tools/screenshots.py``).

A salon of its own (so no other section's shots depend on it) with a manager and a
receptionist, three clients and a consent history with a withdrawal, a health consent
withdrawn while allergies are still stored (the erase offer), a paper form printed; then
shoots the client's consents as the manager and as reception, the "record what the client
ticked" dialog, the e-mail and birthday lists, the requests register (one overdue, one
extended), the erase confirmation, a new request, the retention review (two clients who never
came back), and the wordings with the edit dialog.
Names and addresses are invented. Alone, for a quick look:
``python -m tools.privacy_screens [--lang et ru] [--out DIR]``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.consents import Method, Purpose
from salon_desktop.domain.rights import RequestKind
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
from ui.privacy import files
from ui.privacy.page import PrivacyPage
from ui.worker import Worker

NOW = datetime(2026, 11, 13, 9, 40, tzinfo=UTC)
LONG_AGO = datetime(2022, 9, 6, 15, 10, tzinfo=UTC)  # two clients who never came back
OLD_CLIENTS = (("Jüri", "Mägi"), ("Наталья", "Кузнецова"))
CLIENTS = (("Õie", "Šmidt", "et", date(1988, 11, 27)),
           ("Ольга", "Иванова", "ru", date(1975, 12, 2)),
           ("Emily", "Walker", "en", None))


def _fill(ctx: AppContext, clock: FakeClock) -> list[int]:
    s = ctx.services
    for number, (first, last) in enumerate(OLD_CLIENTS):
        s.clients.create(ClientDraft(first, last, phone=f"+372 5550 {3000 + number}"))
    clock.advance((NOW - LONG_AGO).total_seconds())
    ids = []
    for number, (first, last, language, born) in enumerate(CLIENTS):
        made = s.clients.create(ClientDraft(
            first, last, phone=f"+372 5550 {2000 + number}", language=language,
            email=f"{last.lower().replace('š', 's')}.{number}@onnelik.example"
            if language != "ru" else "olga.ivanova@onnelik.example", birth_date=born))
        assert made.client_id is not None
        ids.append(made.client_id)
    oie, olga, emily = ids
    s.consents.give(oie, Purpose.EMAIL, Method.PAPER)
    s.consents.give(oie, Purpose.BIRTHDAY, Method.PAPER)
    s.consents.give(oie, Purpose.HEALTH, Method.PAPER)
    s.client_health.set_health(oie, "Ammoniaak, PPD", None)
    clock.advance(12 * 24 * 3600)  # the later events on another day
    s.consents.give(oie, Purpose.SMS, Method.PHONE)
    s.consents.withdraw(oie, Purpose.SMS, Method.MESSAGE)
    s.consents.withdraw(oie, Purpose.HEALTH, Method.DESK)
    for purpose in (Purpose.EMAIL, Purpose.SMS, Purpose.BIRTHDAY):
        s.consents.give(olga, purpose, Method.SCREEN)
    s.consents.give(emily, Purpose.EMAIL, Method.DESK)
    today = clock.now().date()
    s.requests.receive(RequestKind.ACCESS, olga, received_on=today - timedelta(days=40),
                       note="Kiri postiga / письмо по почте")
    late = s.requests.receive(RequestKind.ERASURE, emily, received_on=today - timedelta(days=9))
    s.requests.extend(late.id, "Many visits and bookings to go through")
    s.requests.receive(RequestKind.PORTABILITY, oie, received_on=today - timedelta(days=26))
    s.requests.receive(RequestKind.OBJECTION, None, note="Phone call")
    return ids


def _main(ctx: AppContext, worker: Worker, session: Session,
          wait: Wait) -> tuple[MainWindow, PrivacyPage]:
    main, page = open_section(ctx, worker, session, "privacy", PrivacyPage)
    wait(lambda: page.consents.picker.loaded and not worker.busy)
    return main, page


def _open_first(page: PrivacyPage, worker: Worker, wait: Wait) -> None:
    page.consents.picker.edit.setText("Šmidt")
    page.consents.picker.search_now()
    wait(lambda: page.consents.picker.results.count() == 1 and not worker.busy)
    page.consents.picker.pick_first()
    wait(lambda: page.consents.loaded is not None and not worker.busy)


def _rights_screens(shoot: Shooter, main: MainWindow, page: PrivacyPage, worker: Worker,
                    wait: Wait) -> None:
    requests, retention = page.requests, page.retention
    assert requests is not None and retention is not None
    page.show_tab(requests)
    wait(lambda: requests.loaded and not worker.busy)
    requests.filter.setCurrentIndex(1)
    wait(lambda: requests.model.rowCount() == 4 and not worker.busy)
    kinds = [r.kind for r in requests.model.requests]
    requests.table.selectRow(kinds.index(RequestKind.ERASURE))
    shoot.shot(main, "privacy-requests")
    requests.carry_out()
    wait(lambda: requests.rights.dialog is not None and not worker.busy)
    dialog = requests.rights.dialog
    assert dialog is not None
    dialog.typed.setText("Walk")  # type: ignore[attr-defined]
    shoot.shot(dialog, "privacy-erase-dialog")
    dialog.reject()
    new = requests.rights.new_request(None)
    wait(lambda: new.picker is not None and new.picker.loaded and not worker.busy)
    shoot.shot(new, "privacy-new-request")
    new.reject()
    page.show_tab(retention)
    wait(lambda: retention.review is not None and not worker.busy)
    retention.list.item(0).setCheckState(Qt.CheckState.Checked)
    shoot.shot(main, "privacy-retention")


def privacy_screens(shoot: Shooter, folder: Path, keyring: Any,
                    wait: Wait) -> None:
    clock = FakeClock(LONG_AGO)
    ctx = salon_with_reception(folder, keyring, clock)
    _fill(ctx, clock)
    session = ctx.services.session
    assert session is not None
    worker = Worker()
    main, page = _main(ctx, worker, session, wait)
    _open_first(page, worker, wait)
    shoot.shot(main, "privacy-consents")

    pdf = folder.parent / "consent-form.pdf"
    files.ask_save_path = lambda *_args: str(pdf)  # type: ignore[assignment]
    page.consents.paper.print_form()
    wait(lambda: page.consents.paper.dialog is not None and not worker.busy)
    dialog = page.consents.paper.dialog
    assert dialog is not None
    dialog.boxes[Purpose.PHOTOS].setChecked(True)
    shoot.shot(dialog, "privacy-record-form-dialog")
    dialog.reject()
    wait(lambda: page.consents.paper.dialog is None)
    shoot.shot(main, "privacy-consents-form-pending")

    assert page.marketing is not None and page.wordings is not None
    page.show_tab(page.marketing)
    wait(lambda: page.marketing is not None and page.marketing.loaded and not worker.busy)
    shoot.shot(main, "privacy-marketing-email")
    page.marketing.purpose_box.setCurrentIndex(
        page.marketing.purpose_box.findData(Purpose.BIRTHDAY))
    page.marketing.days.setValue(30)
    page.marketing.reload()
    wait(lambda: page.marketing is not None and page.marketing.loaded and not worker.busy)
    shoot.shot(main, "privacy-marketing-birthdays")

    _rights_screens(shoot, main, page, worker, wait)
    page.show_tab(page.wordings)
    wait(lambda: page.wordings is not None and bool(page.wordings.versions)
         and not worker.busy)
    shoot.shot(main, "privacy-wordings")
    editor = page.wordings.open_editor()
    QCoreApplication.processEvents()
    shoot.shot(editor, "privacy-wording-edit")
    editor.reject()
    close_window(main)

    main, page = _main(ctx, worker, sign_in_as_reception(ctx), wait)
    _open_first(page, worker, wait)
    shoot.shot(main, "privacy-consents-reception")
    close_window(main)
    finish(ctx, worker)


if __name__ == "__main__":
    run_alone("privacy_screens", privacy_screens)
