"""The demo salon: synthetic clients (Estonian, Russian and English names) and a demo manager.

Everything here is invented; the names are combined at random from common first and last
names, the phone numbers come from a range no real subscriber has (+372 5550 xxxx).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from salon_desktop.domain.roles import Permission
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.services.base import Service, requires
from salon_desktop.storage import clients_repo

DEMO_SALON = SalonDetails(name="Demo Salong Õnnelik", registry_code="10000000",
                          address="Pärnu mnt 1, 10141 Tallinn", email="info@demo.example",
                          phone="+372 5550 0000")
DEMO_USER = "demo"
DEMO_PASSWORD = "Demo-Salong-2026"

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


class DemoService(Service):
    @requires(Permission.SETTINGS_MANAGE, Permission.CLIENT_CONTACT_WRITE)
    def add_synthetic_clients(self, count: int) -> int:
        with self.db.transaction():
            added = clients_repo.insert_many(self.db, synthetic_clients(count),
                                             self.ctx.clock.now())
            self.audit("demo.clients_added", record_type="client", detail=f"count={added}")
        return added
