"""The writer that tests/test_crash_safety.py kills with SIGKILL, again and again.

Started once per test as a *zygote*: it imports the app (about 0.25 s, which 200 fresh
interpreters would spend 50 s on), then waits on stdin. The test sends

    KEY <hex>                 the database key, over the pipe: it never touches a disk
    RUN <round> <seed>        fork a writer; the zygote reaps it and prints EXIT <pid> <status>
    QUIT

A forked writer opens the vault through ``AppContext`` (keyring: an in-memory backend holding
the key), signs in, and then writes through the services until it is killed: new clients,
changed notes, bookings, consents, visits — each with its audit entry in the same
transaction. Before each write it prints ``TRY …`` and, only after the service call returned
(the COMMIT is done), ``ACK …``. Lines go out with one ``os.write`` each, so a kill can never
leave half a line, and a forked child never repeats buffered output of the zygote.

Only the test runs this; the cheap argon2 parameters of the unit tests apply here too, since
the staff password hash was made with them and the default would re-hash at every sign-in.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402

from salon_desktop.clock import FakeClock  # noqa: E402
from salon_desktop.context import AppContext  # noqa: E402
from salon_desktop.domain.appointments import AppointmentDraft  # noqa: E402
from salon_desktop.domain.clients import ClientDraft  # noqa: E402
from salon_desktop.domain.visits import VisitDraft  # noqa: E402
from salon_desktop.security import passwords  # noqa: E402
from salon_desktop.security.keystore import SERVICE, OsKeyStore  # noqa: E402
from salon_desktop.vault import read_sidecar  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

USER = "juhataja"
PASSWORD = "Kevad-2026-Tulp"
FIRST_SLOT = datetime(2027, 1, 4, 8, 0)
SLOT = timedelta(minutes=30)
DAY_START, DAY_END = 8, 20  # opening hours the test sets for every weekday
MAX_WRITES = 100_000        # a writer nobody kills still ends


def say(*parts: object) -> None:
    os.write(1, (" ".join(str(p) for p in parts) + "\n").encode("utf-8"))


def next_slot(start: datetime) -> datetime:
    nxt = start + SLOT
    if nxt.hour >= DAY_END or nxt.hour < DAY_START:
        nxt = datetime.combine(nxt.date() + timedelta(days=1), datetime.min.time()).replace(
            hour=DAY_START)
    return nxt


def write_until_killed(data_dir: Path, key_hex: str, round_no: int, seed: int) -> None:
    rng = random.Random(seed)
    ring = MemoryKeyring()
    ctx = AppContext(data_dir, keystore=OsKeyStore(ring), clock=FakeClock(),
                     workstation="crash-writer", source="cli")
    ring.set_password(SERVICE, read_sidecar(data_dir).vault_id, key_hex)
    ctx.open()
    services = ctx.services
    services.auth.sign_in(USER, PASSWORD)
    db = services.ctx.db
    stylist = int(db.scalar("SELECT id FROM staff WHERE role = 'stylist' ORDER BY id"))
    service = int(db.scalar("SELECT id FROM catalogue ORDER BY id"))
    last = db.scalar("SELECT max(starts_at) FROM appointments")
    slot = next_slot(datetime.fromisoformat(last)) if last else FIRST_SLOT
    say("READY", os.getpid())
    for n in range(MAX_WRITES):
        marker = f"r{round_no}n{n}"
        ids = [int(r[0]) for r in db.query("SELECT id FROM clients ORDER BY id DESC LIMIT 50")]
        kind = rng.choice(("client", "client", "update", "book", "consent", "visit")) \
            if ids else "client"
        if kind == "client":
            say("TRY client", marker)
            result = services.clients.create(ClientDraft("Crash", f"Kirjutaja {marker}",
                                                         notes=marker), force=True)
            say("ACK client", result.client_id, marker)
        elif kind == "update":
            client = rng.choice(ids)
            say("TRY update", client, marker)
            services.clients.update(client, {"notes": marker})
            say("ACK update", client, marker)
        elif kind == "book":
            client = rng.choice(ids)
            say("TRY book", client, slot.isoformat())
            booked = services.appointments.book(AppointmentDraft(client, stylist, service,
                                                                 slot))
            say("ACK book", booked.appointment_id, client, slot.isoformat())
            slot = next_slot(slot)
        elif kind == "consent":
            client = rng.choice(ids)
            give = rng.random() < 0.6
            say("TRY consent", client, "give" if give else "withdraw")
            event = (services.consents.give(client, "email", "desk") if give
                     else services.consents.withdraw(client, "email", "desk"))
            say("ACK consent", client, event.id, "give" if give else "withdraw")
        else:
            client = rng.choice(ids)
            say("TRY visit", client, marker)
            visit = services.visits.record(VisitDraft(client, datetime(2026, 11, 20, 10, 0),
                                                      stylist, (service,), notes=marker))
            say("ACK visit", visit, client, marker)
    say("END")


def child(data_dir: Path, key_hex: str, round_no: int, seed: int) -> None:
    say("START", os.getpid())
    try:
        write_until_killed(data_dir, key_hex, round_no, seed)
    except BaseException:  # a real failure of the app: the test shows it
        say("ERROR", traceback.format_exc().replace("\n", " | "))
        os._exit(3)
    os._exit(0)


def zygote(data_dir: Path) -> None:
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    key_hex = ""
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "KEY":
            key_hex = parts[1]
        elif parts[0] == "RUN":
            pid = os.fork()
            if pid == 0:
                child(data_dir, key_hex, int(parts[1]), int(parts[2]))
            _pid, status = os.waitpid(pid, 0)
            say("EXIT", pid, os.waitstatus_to_exitcode(status))
        elif parts[0] == "QUIT":
            break


if __name__ == "__main__":
    zygote(Path(sys.argv[1]))
