"""Helpers for the clients' rights tests: a client with something in every part of the
data copy (contacts, preferences, health and a patch test, a visit with a formula and notes,
a booking, consents given and withdrawn, a request), made through the services, and the
values a report of them must show."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from salon_desktop.domain.appointments import AppointmentDraft
from salon_desktop.domain.clients import PatchTestDraft, PatchTestResult
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import VisitDraft
from tests.clients_helpers import Salon, add_catalogue, new_client

# Distinct per client so one client's report cannot pass by showing another's data.
PEOPLE = {
    "et": dict(first="Õnnela", last="Šmidt-Zuzeklaas", phone="+372 5123 4567",
               email="onnela.zuzeklaas@example.com", address="Põllu 7–12, Tõrva",
               birth_date="1985-03-14", preferences="Kohv ilma suhkruta, vaikne tool",
               notes="Eelistab hommikusi aegu", allergies="PPD-allergia (parafenüleendiamiin)",
               contra="Raseduse ajal mitte ammoniaaki", product="Wella Koleston 7/1 Zebra",
               formula="Wella 7/1 + 6% 1:1 õrnalt", visit_notes="Juuksed kuivad, soovitan maski",
               booking_notes="Toob kaasa fotod", hour="10"),
    "ru": dict(first="Ольга", last="Щеглова-Жукова", phone="+372 5598 7654",
               email="olga.shcheglova@example.com", address="ул. Ленина 5, Нарва",
               birth_date="1979-12-31", preferences="Чай с лимоном, без музыки",
               notes="Предпочитает вечер", allergies="Аллергия на никель и ёлку",
               contra="Чувствительная кожа головы", product="Estel 8/0 Ёжик",
               formula="Estel 8/0 + 3% 1:2 мягко", visit_notes="Концы секутся, нужна стрижка",
               booking_notes="Придёт с дочерью", hour="14"),
}


@dataclass
class RichClient:
    id: int
    language: str
    values: dict[str, str]

    @property
    def full_name(self) -> str:
        return f"{self.values['first']} {self.values['last']}"


def rich_client(salon: Salon, person: str, language: str | None = None) -> RichClient:
    """As the manager: a client with every kind of data. The catalogue is added on the
    first call."""
    ctx = salon.ctx
    salon.act_as(Role.ADMIN)
    v = PEOPLE[person]
    catalogue = getattr(salon, "catalogue", None) or add_catalogue(ctx)
    salon.catalogue = catalogue  # type: ignore[attr-defined]
    services = ctx.services
    client_id = new_client(ctx, v["first"], v["last"], phone=v["phone"], email=v["email"],
                           address=v["address"], birth_date=v["birth_date"],
                           language=language or person, preferences=v["preferences"],
                           notes=v["notes"], favourite_stylist_id=salon.staff["liis"])
    services.consents.give(client_id, "health", "paper")
    services.consents.give(client_id, "email", "desk")
    services.consents.give(client_id, "sms", "desk")
    services.consents.withdraw(client_id, "sms", "phone")
    services.client_health.set_health(client_id, v["allergies"], v["contra"])
    services.client_health.add_patch_test(client_id, PatchTestDraft(
        v["product"], datetime(2026, 11, 2, 10, 0), PatchTestResult.NEGATIVE,
        tested_by_id=salon.staff["liis"]))
    services.visits.record(VisitDraft(client_id, datetime(2026, 11, 5, 10, 0),
                                      salon.staff["liis"], (catalogue["colour"],),
                                      colour_formula=v["formula"], notes=v["visit_notes"]))
    services.appointments.book(AppointmentDraft(client_id, salon.staff["liis"],
                                                catalogue["cut"],
                                                datetime(2026, 11, 27, int(v["hour"]), 0),
                                                notes=v["booking_notes"]))
    services.clients.get_card(client_id)
    services.requests.receive("access", client_id)
    return RichClient(client_id, language or person, v)


def pdf_text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found is not None
    return int(found.group(1))
