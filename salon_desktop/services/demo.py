"""The demo salon: synthetic clients (Estonian, Russian and English names), a catalogue,
stylists, visits and bookings, and a demo manager.

Everything here is invented; the names are combined at random from common first and last
names, the phone numbers come from a range no real subscriber has (+372 5550 xxxx).
``add_demo_data`` is the fast bulk path of ``admin demo-data``: one transaction, the search
index rebuilt once, visits inserted in chunks (100,000 clients and 1,000,000 visits in
well under a minute).
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from salon_desktop.domain.roles import Permission, Role
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.security.passwords import hash_password
from salon_desktop.services import demo_book
from salon_desktop.services.base import Service, requires
from salon_desktop.services.client_view import local_today
from salon_desktop.storage import (
    appointments_repo,
    catalogue_repo,
    clients_repo,
    staff_repo,
    visits_repo,
)
from salon_desktop.storage.bulk import bulk_load

DEMO_SALON = SalonDetails(name="Demo Salong Õnnelik", registry_code="10000000",
                          address="Pärnu mnt 1, 10141 Tallinn", email="info@demo.example",
                          phone="+372 5550 0000")
DEMO_USER = "demo"
DEMO_PASSWORD = "Kirsipuu-Tulp-7"

_NAMES = {
    "et": (["Õie", "Mari", "Kätlin", "Jüri", "Tõnu", "Ülle", "Maarja", "Merike", "Liis", "Sirje",
            "Küllike", "Riina", "Kärt", "Andres", "Mart", "Pille", "Triin", "Ööbik"],
           ["Šmidt", "Tamm", "Sepp", "Mägi", "Kask", "Rebane", "Ilves", "Pärn", "Kõiv", "Saar",
            "Lõhmus", "Jõgi", "Männik", "Västrik", "Žukov", "Ojasoo", "Kübar", "Sööt"]),
    "ru": (["Ольга", "Наталья", "Ирина", "Светлана", "Юлия", "Анна", "Екатерина", "Сергей",
            "Елена", "Мария", "Татьяна", "Алёна"],
           ["Иванова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Лебедева", "Козлова",
            "Новикова", "Морозова", "Волкова", "Фёдорова", "Жукова"]),
    "en": (["Emily", "Sophie", "Grace", "Olivia", "Chloe", "James", "Hannah", "Lucy"],
           ["Smith", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Hughes"]),
}
_PREFERENCES = {
    "et": ["Eelistab hommikusi aegu", "Meeldib lühike soeng", "Kohv ilma suhkruta"],
    "ru": ["Предпочитает утро", "Любит короткие стрижки", "Чай с лимоном"],
    "en": ["Prefers mornings", "Likes a short cut", "Tea, no sugar"],
}


def synthetic_clients(count: int, seed: int = 2026) -> list[dict[str, object]]:
    rng = random.Random(seed)
    languages = ["et"] * 6 + ["ru"] * 3 + ["en"]
    rows: list[dict[str, object]] = []
    for number in range(count):
        language = rng.choice(languages)
        firsts, lasts = _NAMES[language]
        first, last = rng.choice(firsts), rng.choice(lasts)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))
        rows.append({
            "first_name": first, "last_name": last,
            "phone": f"+37255{number % 100000:05d}{rng.randrange(10)}",
            "email": f"client{number}@demo.example",
            "birth_date": born.isoformat(), "language": language,
            "preferences": rng.choice(_PREFERENCES[language]),
        })
    return rows


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    visits: int
    appointments: int
    stylists_created: int
    services_created: int


class DemoService(Service):
    @requires(Permission.SETTINGS_MANAGE, Permission.CLIENT_CONTACT_WRITE)
    def add_synthetic_clients(self, count: int) -> int:
        with self.db.transaction():
            added = clients_repo.insert_many(self.db, synthetic_clients(count),
                                             self.ctx.clock.now())
            self.audit("demo.clients_added", record_type="client", detail=f"count={added}")
        return added

    @requires(Permission.SETTINGS_MANAGE, Permission.CLIENT_CONTACT_WRITE)
    def add_demo_data(self, clients: int, visits: int, seed: int = 2026) -> DemoSummary:
        """Synthetic clients and visits, plus (when missing) a catalogue, three stylists
        and a fortnight of bookings around today. Demo stylists get a random password
        nobody knows and must change it: the manager resets it to hand one out."""
        rng = random.Random(seed)
        now = self.ctx.clock.now()
        today = local_today(self.ctx)
        session = self.ctx.session
        assert session is not None
        with self.db.transaction():
            services_created = self._ensure_catalogue()
            stylists_created = self._ensure_stylists()
            added = clients_repo.insert_many(self.db, synthetic_clients(clients, seed), now)
            client_ids = clients_repo.ids(self.db)
            stylist_ids = [int(r["id"]) for r in appointments_repo.bookable_stylists(self.db)]
            services = [(int(r["id"]), str(r["name"]), int(r["price_cents"]),
                         bool(r["needs_patch_test"]))
                        for r in catalogue_repo.all_items(self.db)]
            visit_count = 0
            if client_ids and stylist_ids and services and visits > 0:
                with bulk_load(self.db, "visits", "visit_services"):
                    for chunk, lines in demo_book.visit_chunks(
                            rng, visits, visits_repo.max_id(self.db) + 1, client_ids,
                            stylist_ids, services, today, now.isoformat(), session.staff_id):
                        visits_repo.bulk_insert(self.db, chunk, lines)
                        visit_count += len(chunk)
            bookings = self._demo_bookings(rng, today, client_ids, stylist_ids, services,
                                           now.isoformat())
            self.audit("demo.data_added", record_type="client",
                       detail=f"clients={added} visits={visit_count} bookings={bookings}")
        return DemoSummary(added, visit_count, bookings, stylists_created, services_created)

    def _ensure_catalogue(self) -> int:
        if catalogue_repo.count(self.db):
            return 0
        for name, minutes, cents, patch in demo_book.DEMO_CATALOGUE:
            catalogue_repo.insert(self.db, name=name, duration_minutes=minutes,
                                  price_cents=cents, needs_patch_test=patch,
                                  now=self.ctx.clock.now())
        return len(demo_book.DEMO_CATALOGUE)

    def _ensure_stylists(self) -> int:
        if appointments_repo.bookable_stylists(self.db):
            return 0
        created = 0
        for username, display_name in demo_book.DEMO_STYLISTS:
            if staff_repo.by_username(self.db, username) is not None:
                continue
            staff_id = staff_repo.insert(
                self.db, username=username, display_name=display_name,
                role=Role.STYLIST.value, password_hash=hash_password(secrets.token_urlsafe(24)),
                must_change_password=True, now=self.ctx.clock.now())
            self.audit("staff.create", record_type="staff", record_id=staff_id,
                       detail="demo stylist")
            created += 1
        return created

    def _demo_bookings(self, rng: random.Random, today: date, client_ids: list[int],
                       stylist_ids: list[int], services: list[tuple[int, str, int, bool]],
                       created_at: str) -> int:
        days = [today + timedelta(days=n) for n in range(-7, 8)]
        window = (demo_book.day_start(days[0]), demo_book.day_start(days[-1] + timedelta(1)))
        if not client_ids or not stylist_ids or appointments_repo.between(self.db, *window):
            return 0
        hours = {int(r["weekday"]): (r["opens"], r["closes"])
                 for r in appointments_repo.opening_hours(self.db) if r["opens"]}
        durations = {int(r["id"]): int(r["duration_minutes"])
                     for r in catalogue_repo.all_items(self.db)}
        rows = demo_book.booking_rows(rng, days, today, hours, client_ids, stylist_ids,
                                      services, durations, created_at)
        appointments_repo.bulk_insert(self.db, rows)
        return len(rows)
