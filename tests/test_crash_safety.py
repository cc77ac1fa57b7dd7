"""Crash safety: 200 SIGKILLs of a writer, and after each one the vault is whole.

A writer process (tests/crash_writer.py) edits clients, books, records consents and visits
through the services — each change with its audit entry in one transaction — and reports
``ACK`` after each commit returned. The test kills it with SIGKILL at a random moment (a
seeded RNG: mostly 5–150 ms after it is ready, sometimes while it is still opening the
vault or signing in), then opens the vault as the app does and checks:

- ``PRAGMA integrity_check`` is ok and ``PRAGMA cipher_integrity_check`` finds nothing;
- the audit chain verifies (the entries added since the last kill are checked link by link
  against the part verified before, and the whole chain with ``audit.log.verify`` every 10th
  round and at the end — the full walk each time would cost 15 s of the budget), and no
  false rollback alarm is raised;
- every write acknowledged before the kill is there (a client's notes are the last
  acknowledged value, or the one a write in flight may have committed);
- nothing is half-written: every client, booking, visit and consent event has its audit
  entry and every such audit entry its row (a change and its entry commit together).

What this proves is SQLite's atomicity as the app uses it (WAL, explicit ``BEGIN
IMMEDIATE`` transactions): a killed *process* loses nothing it reported as saved. A killed
*machine* (power loss) additionally relies on ``synchronous = FULL`` fsyncing the WAL at
each commit, which a process kill cannot test.

Writers are forked from one pre-imported zygote process: a fresh interpreter spends about
0.25 s importing the app, which for 200 rounds would exceed the time budget on its own.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import time as clock_time
from pathlib import Path

import pytest

from salon_desktop.audit.log import _COLUMNS as AUDIT_COLUMNS
from salon_desktop.audit.log import GENESIS, entry_hash, verify
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.domain.visits import CatalogueDraft
from salon_desktop.security.keystore import SERVICE
from salon_desktop.storage.database import Database
from tests.clients_helpers import add_staff
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32",
                                reason="SIGKILL of a forked writer is POSIX only")

ROOT = Path(__file__).resolve().parent.parent
WRITER = ROOT / "tests" / "crash_writer.py"
ROUNDS = 200
SEED = 20261125
LINE_TIMEOUT = 30.0
FULL_VERIFY_EVERY = 10


@dataclass
class Ledger:
    """What the writers acknowledged, and what a write in flight may have committed."""

    clients: dict[int, str] = field(default_factory=dict)          # id → creation marker
    notes_ok: dict[int, set[str]] = field(default_factory=dict)    # id → acceptable notes
    bookings: dict[int, tuple[int, str]] = field(default_factory=dict)
    consent_events: set[int] = field(default_factory=set)
    visits: dict[int, str] = field(default_factory=dict)
    acks: int = 0
    verified: tuple[int, str] = (0, GENESIS)  # audit entries verified so far, last hash

    def take(self, line: str) -> tuple[str, list[str]] | None:
        """Record one writer line; returns the in-flight TRY, if this line is one."""
        parts = line.split()
        if parts[0] == "TRY":
            if parts[1] == "update":
                self.notes_ok.setdefault(int(parts[2]), set()).add(parts[3])
            return parts[1], parts[2:]
        if parts[0] != "ACK":
            return None
        self.acks += 1
        kind, rest = parts[1], parts[2:]
        if kind == "client":
            self.clients[int(rest[0])] = rest[1]
            self.notes_ok[int(rest[0])] = {rest[1]}
        elif kind == "update":
            self.notes_ok[int(rest[0])] = {rest[1]}
        elif kind == "book":
            self.bookings[int(rest[0])] = (int(rest[1]), rest[2])
        elif kind == "consent":
            self.consent_events.add(int(rest[1]))
        elif kind == "visit":
            self.visits[int(rest[0])] = rest[2]
        return None


class Zygote:
    """The pre-imported writer process and a thread that reads its lines."""

    def __init__(self, data_dir: Path, key_hex: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, str(WRITER), str(data_dir)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=ROOT,
                                     text=True, encoding="utf-8", bufsize=1)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.writer_pid: int | None = None  # the forked writer of the current round
        threading.Thread(target=self._read, daemon=True).start()
        self.send(f"KEY {key_hex}")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def next_line(self) -> str:
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            pytest.fail("the writer stopped answering")
        if line is None:
            stderr = self.proc.stderr.read() if self.proc.stderr else ""
            pytest.fail(f"the writer zygote ended: {stderr[-2000:]}")
        if line.startswith("ERROR"):
            pytest.fail(f"the writer failed (an app error, not a kill): {line}")
        return line

    def close(self) -> None:
        if self.writer_pid is not None:  # a round that failed half-way: no orphan writer
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.writer_pid, signal.SIGKILL)
        if self.proc.poll() is None:
            self.send("QUIT")
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _make_salon(ctx: AppContext) -> None:
    ctx.create()
    services = ctx.services
    services.setup.set_up(SalonDetails(SALON_NAME), ADMIN_USER, "Mari Juhataja",
                          ADMIN_PASSWORD)
    services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    add_staff(ctx, "liis", Role.STYLIST)
    services.catalogue.add(CatalogueDraft("Lõikus", 30, 35_00))
    for weekday in range(7):
        services.schedule.set_opening_hours(weekday, clock_time(8), clock_time(20))
    services.auth.sign_out()


def _verify_new_entries(db: Database, verified: tuple[int, str],
                        where: str) -> tuple[int, str]:
    """The entries after the verified ones: numbered on, each linked to the one before and
    hashing to its stored value; the verified part still ends where it did; the head record
    agrees. Returns the new verified position."""
    count, last = verified
    if count:
        assert db.scalar("SELECT hash FROM audit_log WHERE id = ?", (count,)) == last, where
    columns = ", ".join(AUDIT_COLUMNS)
    for row in db.query(f"SELECT {columns}, prev_hash, hash FROM audit_log WHERE id > ? "
                        "ORDER BY id", (count,)):
        assert row["id"] == count + 1 and row["prev_hash"] == last, (where, row["id"])
        assert entry_hash(last, {c: row[c] for c in AUDIT_COLUMNS}) == row["hash"], where
        count, last = count + 1, row["hash"]
    head = db.query_one("SELECT count, last_hash FROM audit_head WHERE id = 1")
    assert head is not None and (head["count"], head["last_hash"]) == (count, last), where
    return count, last


def _check(ctx: AppContext, ledger: Ledger, in_flight: tuple[str, list[str]] | None,
           round_no: int) -> bool:
    """Open the vault after a kill and check everything; returns whether the write that was
    in flight at the kill turned out committed (for the statistics)."""
    ctx.open()  # also: no false rollback alarm after a crash
    assert ctx.vault is not None
    db = ctx.vault.db
    where = f"after kill {round_no}"
    assert db.integrity_problems() == [], where
    assert db.cipher_integrity_problems() == [], where
    if round_no % FULL_VERIFY_EVERY == FULL_VERIFY_EVERY - 1 or round_no == ROUNDS - 1:
        chain = verify(db)
        assert chain.ok, (where, chain.reason)
    ledger.verified = _verify_new_entries(db, ledger.verified, where)

    clients = {int(r["id"]): (r["last_name"], r["notes"])
               for r in db.query("SELECT id, last_name, notes FROM clients")}
    committed_in_flight = False
    for client_id in set(clients) - set(ledger.clients):
        # Only the creation in flight at the kill may be there without an ACK.
        assert in_flight is not None and in_flight[0] == "client", (where, client_id)
        marker = in_flight[1][0]
        assert clients[client_id][0] == f"Kirjutaja {marker}", where
        ledger.clients[client_id] = marker
        ledger.notes_ok[client_id] = {marker}
        committed_in_flight = True
    for client_id, marker in ledger.clients.items():
        assert client_id in clients, (where, "acknowledged client missing", client_id)
        assert clients[client_id][0] == f"Kirjutaja {marker}", where
        notes = clients[client_id][1]
        assert notes in ledger.notes_ok[client_id], (where, client_id, notes)
        if in_flight and in_flight[0] == "update" and int(in_flight[1][0]) == client_id:
            committed_in_flight = notes == in_flight[1][1]
        ledger.notes_ok[client_id] = {notes}

    bookings = {int(r["id"]): (int(r["client_id"]), r["starts_at"])
                for r in db.query("SELECT id, client_id, starts_at FROM appointments")}
    for booking_id, (client_id, start) in ledger.bookings.items():
        assert bookings.get(booking_id) == (client_id, start[:16]), (where, booking_id)
    events = {int(r[0]) for r in db.query("SELECT id FROM consent_events")}
    assert ledger.consent_events <= events, where
    visits = {int(r["id"]): r["notes"] for r in db.query("SELECT id, notes FROM visits")}
    for visit_id, marker in ledger.visits.items():
        assert visits.get(visit_id) == marker, (where, visit_id)
    if in_flight and in_flight[0] == "book":
        committed_in_flight = len(bookings) > len(ledger.bookings)
    elif in_flight and in_flight[0] == "visit":
        committed_in_flight = len(visits) > len(ledger.visits)
    elif in_flight and in_flight[0] == "consent":
        committed_in_flight = len(events) > len(ledger.consent_events)

    # Nothing half-written: each change and its audit entry are both there or both absent.
    actions = Counter(r[0] for r in db.query("SELECT action FROM audit_log"))
    created = {int(r[0]) for r in db.query(
        "SELECT record_id FROM audit_log WHERE action = 'client.create'")}
    assert created == set(clients), where
    assert actions["appointment.book"] == len(bookings), where
    assert actions["visit.record"] == len(visits), where
    assert actions["consent.give"] + actions["consent.withdraw"] == len(events), where
    # The ledger follows the database from here on (unACKed but committed rows included).
    for booking_id, value in bookings.items():
        ledger.bookings.setdefault(booking_id, (value[0], value[1]))
    ledger.consent_events |= events
    for visit_id, notes in visits.items():
        ledger.visits.setdefault(visit_id, notes)
    ctx.close()
    return committed_in_flight


def test_two_hundred_kills_lose_nothing_acknowledged(new_context: AppContext,
                                                     memory_keyring: MemoryKeyring) -> None:
    started = time.monotonic()
    ctx = new_context
    _make_salon(ctx)
    assert ctx.vault is not None
    vault_id = ctx.vault.vault_id
    ctx.close()
    key_hex = memory_keyring.entries[(SERVICE, vault_id)]
    rng = random.Random(SEED)
    ledger = Ledger()
    stats: Counter[str] = Counter()
    zygote = Zygote(ctx.data_dir, key_hex)
    try:
        for round_no in range(ROUNDS):
            zygote.send(f"RUN {round_no} {rng.randrange(1 << 30)}")
            start_line = zygote.next_line()
            assert start_line.startswith("START "), start_line
            pid = zygote.writer_pid = int(start_line.split()[1])
            early = rng.random() < 0.15
            if early:  # while it opens the vault and signs in
                time.sleep(rng.uniform(0.0, 0.04))
            else:
                line = zygote.next_line()
                assert line.startswith("READY"), line
                time.sleep(rng.uniform(0.005, 0.150) if rng.random() < 0.85
                           else rng.uniform(0.150, 0.300))
            os.kill(pid, signal.SIGKILL)
            in_flight, ready = None, not early
            while True:
                line = zygote.next_line()
                if line.startswith("EXIT "):
                    assert line.split()[1:] == [str(pid), str(-signal.SIGKILL)], line
                    zygote.writer_pid = None
                    break
                assert not line.startswith("END"), "the writer ended before it was killed"
                if line.startswith("READY"):
                    ready = True
                    continue
                taken = ledger.take(line)
                if taken is not None:
                    in_flight = taken
                elif line.startswith("ACK"):
                    in_flight = None
            if not ready:
                stats["killed while opening or signing in"] += 1
            if _check(ctx, ledger, in_flight, round_no):
                stats["in-flight write committed"] += 1
            elif in_flight is not None:
                stats["in-flight write rolled back"] += 1
            else:
                stats["killed between writes"] += 1
    finally:
        zygote.close()
    elapsed = time.monotonic() - started
    print(f"\n{ROUNDS} kills in {elapsed:.1f} s; {ledger.acks} acknowledged writes; "
          f"{dict(stats)}")
    # The kills must really land inside writes, not only between them: most with a write in
    # flight (committed if the kill came during the COMMIT's fsync, else rolled back).
    in_flight = stats["in-flight write rolled back"] + stats["in-flight write committed"]
    assert in_flight >= ROUNDS // 2 and stats["in-flight write rolled back"] >= 5, stats
    assert ledger.acks >= ROUNDS, ledger.acks
