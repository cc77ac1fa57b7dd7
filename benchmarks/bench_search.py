"""Client search at 100,000 clients: the encrypted vault against a plain SQLite copy.

    python benchmarks/bench_search.py [--clients 100000] [--visits 1000000] [--rounds 7]
                                      [--no-write]

Run by hand (not a timed test): builds a throw-away vault with the bulk demo path (and times
it), runs 200 typed queries through ``ClientService.search`` (first page of 50 with the
total, as the client list asks), then runs the *same service code* on a plaintext copy
made with ``sqlcipher_export`` and opened with the standard library's ``sqlite3``, so the
only difference is the engine (SQLCipher vs plain SQLite). Each query's time is the median of
``--rounds`` runs after a warm-up (the two engines take turns); the table gives the median
and p95 over the 200 queries.
Writes the result to docs/performance.md (section "Client search") unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlcipher3  # noqa: E402

from salon_desktop.clock import FakeClock  # noqa: E402
from salon_desktop.context import AppContext  # noqa: E402
from salon_desktop.domain.settings import SalonDetails  # noqa: E402
from salon_desktop.security.keystore import OsKeyStore  # noqa: E402
from salon_desktop.services.base import ServiceContext  # noqa: E402
from salon_desktop.services.clients import ClientService  # noqa: E402
from salon_desktop.storage.database import Database  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

PASSWORD = "Kevad-2026-Tulp"
SECTION = "## Client search"


def queries(seed: int = 7) -> list[str]:
    """200 queries as reception types them: name prefixes with and without diacritics,
    Cyrillic, first + last name, phone fragments in several forms, an e-mail fragment."""
    rng = random.Random(seed)
    latin = ["Õie", "Šmidt", "Mägi", "Kõiv", "Jüri", "Tõnu", "Ülle", "Pärn", "Lõhmus",
             "Jõgi", "Västrik", "Žukov", "Kübar", "Sööt", "Tamm", "Sepp", "Kask", "Rebane",
             "Ilves", "Saar", "Mari", "Kätlin", "Maarja", "Merike", "Liis", "Sirje", "Triin",
             "Smith", "Taylor", "Hughes", "Grace", "Olivia"]
    folded = str.maketrans("õäöüšžÕÄÖÜŠŽ", "oaoushOAOUSZ")
    cyrillic = ["Ольга", "Наталья", "Ирина", "Светлана", "Юлия", "Екатерина", "Иванова",
                "Смирнова", "Кузнецова", "Попова", "Соколова", "Лебедева", "Фёдорова",
                "Алёна", "Морозова", "Волкова"]
    found: list[str] = []
    for _ in range(50):   # latin prefix as typed (with diacritics)
        word = rng.choice(latin)
        found.append(word[:rng.randint(2, len(word))])
    for _ in range(40):   # the same without diacritics, lower case
        word = rng.choice(latin).translate(folded).lower()
        found.append(word[:rng.randint(2, len(word))])
    for _ in range(40):   # Cyrillic prefixes
        word = rng.choice(cyrillic)
        found.append(word[:rng.randint(2, len(word))].lower())
    for _ in range(20):   # first and last name
        found.append(f"{rng.choice(latin[20:27])} {rng.choice(latin[:20])[:4]}")
    for _ in range(40):   # phone fragments: national, +372, spaced, full digits
        number = f"55{rng.randrange(100000):05d}{rng.randrange(10)}"
        form = rng.randrange(4)
        found.append([number[:rng.randint(4, 8)], f"+372 {number[:4]} {number[4:]}",
                      f"{number[:4]} {number[4:6]}", f"372{number}"][form])
    for _ in range(10):   # e-mail fragments
        found.append(f"client{rng.randrange(100000)}")
    return found


def build_vault(folder: Path, clients: int, visits: int) -> tuple[AppContext, float]:
    ctx = AppContext(folder / "vault", keystore=OsKeyStore(MemoryKeyring()),
                     clock=FakeClock(), workstation="bench")
    ctx.create()
    ctx.services.setup.set_up(SalonDetails("Salong Õnnelik"), "juhataja", "Mari", PASSWORD)
    ctx.services.auth.sign_in("juhataja", PASSWORD)
    started = time.perf_counter()
    ctx.services.demo.add_demo_data(clients, visits)
    return ctx, time.perf_counter() - started


def plain_copy(ctx: AppContext, target: Path) -> None:
    """A plaintext copy with the identical schema and FTS index."""
    assert ctx.vault is not None
    ctx.vault.db.execute(f"ATTACH DATABASE '{target}' AS plaintext KEY ''")
    ctx.vault.db.execute("SELECT sqlcipher_export('plaintext')").fetchall()
    ctx.vault.db.execute("DETACH DATABASE plaintext")


def open_plain(target: Path, module: Any) -> Database:
    """The copy opened by ``module`` (stdlib ``sqlite3``, or ``sqlcipher3`` without a key:
    the vault's own SQLite version, unencrypted) with the vault's pragmas."""
    conn = module.connect(target, isolation_level=None, check_same_thread=False)
    conn.row_factory = module.Row
    for pragma in ("PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                   "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = ON"):
        conn.execute(pragma).fetchall()
    return Database(conn, target)


def measure(searches: Sequence[Callable[[str], object]], texts: list[str],
            rounds: int) -> list[list[float]]:
    """Per engine, each query's median time in ms. The engines take turns on every run, so
    a burst of load on a shared machine hits both alike."""
    for search in searches:  # warm-up: statements prepared, pages cached
        for text in texts:
            search(text)
    result: list[list[float]] = [[] for _ in searches]
    for text in texts:
        samples: list[list[float]] = [[] for _ in searches]
        for _ in range(rounds):
            for index, search in enumerate(searches):
                started = time.perf_counter()
                search(text)
                samples[index].append(time.perf_counter() - started)
        for index in range(len(searches)):
            result[index].append(statistics.median(samples[index]) * 1000)
    return result


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def report(args: argparse.Namespace, load_s: float, core: list[float], plain: list[float],
           unkeyed: list[float], engine: tuple[str, str, str]) -> str:
    ratio_median = statistics.median(core) / statistics.median(plain)
    ratio_p95 = p95(core) / p95(plain)
    per_query_ratio = statistics.median(c / p for c, p in zip(core, plain, strict=True))
    lines = [
        SECTION,
        "",
        f"Measured {date.today().isoformat()} with `python benchmarks/bench_search.py` "
        f"({args.clients:,} clients, {args.visits:,} visits, 200 queries, per-query median "
        f"of {args.rounds} runs after a warm-up, the engines taking turns; first page of 50 "
        f"with the total count). Load average during the run: {os.getloadavg()[0]:.1f}.",
        "",
        f"- Machine: {cpu_model()}, {os.cpu_count()} logical cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        f"- Engines: SQLCipher {engine[0]} (SQLite {engine[1]}) vs plain SQLite {engine[2]} "
        f"(stdlib `sqlite3`); same schema and FTS5 index (`sqlcipher_export` copy), same "
        f"service code",
        f"- Bulk demo data (`admin demo-data --clients {args.clients} --visits {args.visits}` "
        f"path): {load_s:.1f} s",
        "",
        "| search | median (ms) | p95 (ms) | max (ms) |",
        "|---|---|---|---|",
        f"| core (`ClientService.search`, SQLCipher) | {statistics.median(core):.2f} | "
        f"{p95(core):.2f} | {max(core):.2f} |",
        f"| same code on plain SQLite | {statistics.median(plain):.2f} | {p95(plain):.2f} | "
        f"{max(plain):.2f} |",
        f"| ratio core / plain SQLite | {ratio_median:.2f}× | {ratio_p95:.2f}× | — |",
        f"| same code, SQLite {engine[1]} unencrypted (`sqlcipher3` without a key) | "
        f"{statistics.median(unkeyed):.2f} | {p95(unkeyed):.2f} | {max(unkeyed):.2f} |",
        f"| ratio core / unencrypted, same SQLite version (the cost of encryption) | "
        f"{statistics.median(core) / statistics.median(unkeyed):.2f}× | "
        f"{p95(core) / p95(unkeyed):.2f}× | — |",
        "",
        f"Median of the per-query ratios core / plain SQLite: {per_query_ratio:.2f}×. "
        f"Targets: p95 ≤ 5 ms and ≤ 1.3× plain SQLite.",
        "",
        "Below 1× against the stdlib engine is its older SQLite, not magic; the same SQLite "
        "unencrypted shows what encryption costs here: almost nothing, because a search "
        "touches few pages (FTS5 doclists, the small `(id, sort_name)` index or the sort "
        "index, then only the 50 rows shown) and those stay decrypted in the page cache. "
        "The slowest queries are two-letter prefixes matching 3–15 % of all clients. The "
        "synthetic names come from small pools (18 surnames per language), so a real "
        "salon's name prefixes match fewer clients than these. On a shared machine the "
        "absolute times follow the load average given above; the ratios, measured with the "
        "engines taking turns, do not.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str) -> Path:
    path = ROOT / "docs" / "performance.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n\n"
    if SECTION in current:
        before, _, rest = current.partition(SECTION)
        following = rest.find("\n## ")
        after = rest[following + 1:] if following >= 0 else ""
        current = before + text + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    texts = queries()
    with tempfile.TemporaryDirectory(prefix="salon-bench-") as tmp:
        ctx, load_s = build_vault(Path(tmp), args.clients, args.visits)
        print(f"demo data: {load_s:.1f} s", file=sys.stderr)
        service = ctx.services.clients
        assert ctx.vault is not None
        engine = (str(ctx.vault.db.scalar("PRAGMA cipher_version")),
                  str(ctx.vault.db.scalar("SELECT sqlite_version()")), sqlite3.sqlite_version)
        plain_copy(ctx, Path(tmp) / "plain.db")
        plain_dbs = [open_plain(Path(tmp) / "plain.db", m) for m in (sqlite3, sqlcipher3)]
        plain_services = [ClientService(ServiceContext(db, ctx.clock, "bench", "bench",
                                                       ctx.services.session))
                          for db in plain_dbs]
        core, plain, unkeyed = measure([service.search] + [s.search for s in plain_services],
                                       texts, args.rounds)
        for db in plain_dbs:
            db.close()
        ctx.close()
    text = report(args, load_s, core, plain, unkeyed, engine)
    print(text)
    if not args.no_write:
        print(f"written to {write_section(text)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
