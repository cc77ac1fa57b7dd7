"""The Clients section's screenshots (called by ``tools/screenshots.py``).

A salon of its own in a temporary folder, with a fixed clock: first empty (the empty state),
then 3,000 invented clients with õ ä ö ü š ž and Cyrillic names and their visits, one client
with health data and consents. Shoots the list, the card masked and revealed, the edit form
with an error, a duplicate, the visit dialog and the import wizard — as the manager, and the
card as reception and as a stylist sees it. All names are invented. Alone, for a quick look:
``python -m tools.clients_screens [--lang et ru] [--out DIR]``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLineEdit, QToolButton

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft, PatchTestDraft, PatchTestResult
from salon_desktop.domain.consents import Method, Purpose
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import VisitDraft
from salon_desktop.services.base import Session
from tools.screens_common import (
    PASSWORD,
    RECEPTION,
    Shooter,
    Wait,
    add_staff,
    close_window,
    finish,
    open_section,
    run_alone,
    salon_with_reception,
)
from ui.clients import import_pages
from ui.clients.form import ClientFormDialog
from ui.main_window import MainWindow
from ui.pages.clients import ClientsPage
from ui.worker import Worker

NOW = datetime(2026, 11, 25, 11, 40, tzinfo=UTC)
STYLIST, STYLIST_NAME = "liis", "Liis Lõikaja"
LIST = (("Õie", "Šmidt", "+372 5123 4567", "et"), ("Jüri", "Mägi", "+372 5321 0987", "et"),
        ("Kätlin", "Tamm", "+372 5550 1002", "et"), ("Ülle", "Lõhmus", "+372 5550 1006", "et"),
        ("Tõnu", "Kõiv", "+372 5550 1008", "et"), ("Merike", "Žukov", "+372 5550 1011", "et"),
        ("Küllike", "Sööt", "+372 5550 1013", "et"), ("Triin", "Pärn", "+372 5550 1015", "et"),
        ("Ööbik", "Västrik", "+372 5550 1017", "et"), ("Maarja", "Jõgi", "+372 5550 1019", "et"),
        ("Emily", "Walker", "+44 7911 123456", "en"), ("Sophie", "Hughes", None, "en"),
        ("Ольга", "Иванова", "+372 5234 5678", "ru"), ("Наталья", "Кузнецова", "+372 5550 1004",
                                                        "ru"),
        ("Светлана", "Жукова", "+372 5550 1007", "ru"), ("Алёна", "Фёдорова", "+372 5550 1009",
                                                        "ru"),
        ("Юлия", "Соколова", None, "ru"), ("Екатерина", "Морозова", "+372 5550 1012", "ru"),
        ("Ирина", "Лебедева", "+372 5550 1014", "ru"), ("Сергей", "Волков", "+372 5550 1016",
                                                         "ru"))
CSV = ("Eesnimi;Perekonnanimi;Telefon;E-post;Sünnikuupäev;Keel\n"
       "Õie;Kübar;5123 4567;oie.kubar@example.ee;25.11.1990;eesti\n"
       "Ольга;Петрова;+372 5234 5678;olga.p@example.ee;1985-03-02;русский\n"
       "Наталья;Смирнова;;;;ru\n"
       ";Tamm;5345 6789;;;et\n"
       "Jüri;Žukov;12;;;et\n")


def _fill(ctx: AppContext) -> int:
    """Demo data plus one well-known client with everything on the card."""
    s = ctx.services
    s.demo.add_demo_data(3000, 9000)
    stylist = s.schedule.stylists()[0].id
    made = s.clients.create(ClientDraft(
        "Õie", "Šmidt", phone="+372 5123 4567", email="oie.smidt@example.ee",
        birth_date="1988-03-14", address="Pärnu mnt 22-5, Tallinn", language="et",
        preferences="Eelistab hommikusi aegu; kohv ilma suhkruta",
        favourite_stylist_id=stylist, notes="Tundlik peanahk"), force=True)
    client = made.client_id
    assert client is not None
    for purpose in (Purpose.EMAIL, Purpose.BIRTHDAY, Purpose.HEALTH):
        s.consents.give(client, purpose, Method.PAPER)
    s.client_health.set_health(client, "Nikkel, PPD (para-fenüleendiamiin)", None)
    s.client_health.add_patch_test(client, PatchTestDraft(
        "Igora Royal 7-1", datetime(2026, 9, 13, 10), PatchTestResult.NEGATIVE,
        date(2027, 3, 12)))
    items = {item.name: item.id for item in s.catalogue.items()}
    for when, names, formula in ((datetime(2026, 11, 3, 10), ("Värvimine",), "7/1 + 6% 30 vol"),
                                 (datetime(2026, 9, 15, 14), ("Lõikus",), None),
                                 (datetime(2026, 7, 2, 9, 30), ("Värvimine", "Lõikus"),
                                  "7/1 + 7/0 1:1, 6% 30 min")):
        ids = tuple(items[n] for n in names if n in items) or (next(iter(items.values())),)
        s.visits.record(VisitDraft(client, when, stylist, ids, colour_formula=formula))
    return client


def _main(ctx: AppContext, worker: Worker, session: Session,
          wait: Wait) -> tuple[MainWindow, ClientsPage]:
    main, page = open_section(ctx, worker, session, "clients", ClientsPage)
    wait(lambda: page.model.total is not None and not worker.busy)
    return main, page


def _open(page: ClientsPage, client: int, worker: Worker, wait: Wait) -> None:
    page.open_client(client)
    wait(lambda: page.card.card is not None and not worker.busy)
    QCoreApplication.processEvents()


def client_screens(shoot: Shooter, folder: Path, keyring: Any, wait: Wait) -> None:
    ctx = salon_with_reception(folder, keyring, FakeClock(NOW))
    manager = ctx.services.session
    assert manager is not None
    worker = Worker()
    main, page = _main(ctx, worker, manager, wait)
    shoot.shot(main, "clients-empty")
    close_window(main)

    for first, last, phone, language in LIST:
        ctx.services.clients.create(ClientDraft(first, last, phone=phone, language=language),
                                    force=True)
    main, page = _main(ctx, worker, manager, wait)
    shoot.shot(main, "clients-list")
    close_window(main)

    client = _fill(ctx)
    add_staff(ctx, STYLIST, STYLIST_NAME, Role.STYLIST)
    main, page = _main(ctx, worker, manager, wait)
    page.list_pane.search.setText("smidt")
    wait(lambda: page.model.text == "smidt" and not page.model.loading)
    _open(page, client, worker, wait)
    shoot.shot(main, "clients-card-masked")
    for field in ("birth_date", "health"):
        eye = page.card.findChild(QToolButton, f"reveal_{field}")
        eye.click()
        wait(lambda f=field: f in page.card.revealed and not worker.busy)
    QCoreApplication.processEvents()
    shoot.shot(main, "clients-card-revealed")

    page.card.edit_button.click()
    form = page.findChildren(ClientFormDialog)[-1]
    phone = form.grid.widgets["phone"]
    assert isinstance(phone, QLineEdit)
    phone.setText("5123 45")
    form.save()
    wait(lambda: form.grid.errors["phone"].isVisible())
    shoot.shot(form, "clients-edit-error")
    form.reject()

    new = page.new_client()
    assert new is not None
    for key, value in (("first_name", "Oie"), ("last_name", "Smidt"), ("phone", "51234567")):
        widget = new.grid.widgets[key]
        assert isinstance(widget, QLineEdit)
        widget.setText(value)
    new.save()
    wait(lambda: new.duplicates.isVisible())
    shoot.shot(new, "clients-new-duplicate")
    new.reject()

    card = page.card.card
    assert card is not None
    visit = page.new_visit(card)
    wait(lambda: visit.services.count() > 0 and not worker.busy)
    visit.set_service_checked(visit.services.item(0).data(Qt.ItemDataRole.UserRole))
    visit.formula.setText("7/1 + 6% 30 vol, 35 min")
    shoot.shot(visit, "clients-visit-dialog")
    visit.reject()

    source = shoot.out / "kliendid.csv"
    source.write_bytes(b"\xef\xbb\xbf" + CSV.encode("utf-8"))
    import_pages.ask_csv_path = lambda _parent: str(source)  # no file dialog offscreen
    wizard = page.import_clients()
    assert wizard is not None
    wizard.file_page.choose.click()
    wait(lambda: wizard.preview is not None)
    wizard.next()
    shoot.shot(wizard, "clients-import-mapping")
    wizard.mapping_page.validatePage()
    wait(lambda: wizard.report is not None and not worker.busy)
    QCoreApplication.processEvents()
    shoot.shot(wizard, "clients-import-report")
    wizard.accept()
    source.unlink()
    close_window(main)

    for username, name in ((RECEPTION, "clients-card-reception"),
                           (STYLIST, "clients-card-stylist")):
        session = ctx.services.auth.sign_in(username, PASSWORD)
        main, page = _main(ctx, worker, session, wait)
        _open(page, client, worker, wait)
        shoot.shot(main, name)
        close_window(main)
    finish(ctx, worker)


if __name__ == "__main__":
    run_alone("clients_screens", client_screens)
