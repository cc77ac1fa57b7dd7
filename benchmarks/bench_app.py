"""The reception's figures at salon-chain scale, in one run (issue: performance).

    python benchmarks/bench_app.py [--clients 100000] [--visits 1000000] [--repeat 20]
                                   [--gui-runs N] [--no-gui] [--no-write] [--json FILE]
                                   [--backup-dest FOLDER]

Builds a throw-away vault (synthetic clients and visits — Estonian, Russian and English names —
through the bulk demo path), then measures each figure as median and p95 over its runs, with a
baseline measured in the same run where one exists:

- core search: 200 typed queries through ``ClientService.search`` next to the same service
  code on a plain-SQLite copy of the data (``bench_search.py``'s queries and method, fewer
  rounds; that script gives the fuller picture);
- opening a client card with 200 visits (what the card's worker job runs);
- the access report PDF for a client with 500 visits (the first in a process separately: it
  imports reportlab and loads the fonts);
- a backup (``create_backup``: argon2id key, snapshot, copy, read-back check) step by step,
  the monthly full ``verify_backup`` and the floors any backup has here, each next to a plain
  file copy (+ fsync) of the live database, taking turns so both see the same load
  (``bench_backup.py``; ``--backup-dest`` measures a real medium such as a USB stick);
- unless ``--no-gui``, the window figures from ``benchmarks/gui_probe.py``, a fresh process
  each time (after one warm-up run that compiles the bytecode, as an installed app has it):
  cold start → sign-in painted, sign-in → populated main window, keystroke → rows, the card
  opened in the window, peak RSS.

Prints a table and writes it to docs/performance.md ("## Application figures") with the
machine and its load average, unless ``--no-write``. A target counts as met on the p95 (ratios:
on the medians). Small sizes run as a smoke test (tests/test_benchmarks_smoke.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_backup import bench_backup  # noqa: E402
from bench_search import measure, open_plain, plain_copy, queries  # noqa: E402
from figure_table import Row, table, timed  # noqa: E402

from salon_desktop.context import AppContext  # noqa: E402
from salon_desktop.domain.roles import Permission  # noqa: E402
from salon_desktop.domain.settings import SalonDetails  # noqa: E402
from salon_desktop.domain.visits import VisitDraft  # noqa: E402
from salon_desktop.security.keystore import SERVICE, OsKeyStore  # noqa: E402
from salon_desktop.services.base import ServiceContext  # noqa: E402
from salon_desktop.services.clients import ClientService  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

USER, PASSWORD = "juhataja", "Kevad-2026-Tulp"
SECTION = "## Application figures"
PROBE = ROOT / "benchmarks" / "gui_probe.py"


# -- the vault ---------------------------------------------------------------------------------
def build(folder: Path, clients: int, visits: int) -> tuple[AppContext, MemoryKeyring, float]:
    keyring = MemoryKeyring()
    ctx = AppContext(folder, keystore=OsKeyStore(keyring))
    ctx.create_salon(SalonDetails("Salong Õnnelik", "12345678", "Pärnu mnt 1, Tallinn"),
                     USER, "Mari Juhataja", PASSWORD)
    ctx.services.auth.sign_in(USER, PASSWORD)
    start = time.perf_counter()
    ctx.services.demo.add_demo_data(clients, visits)
    seconds = time.perf_counter() - start
    print(f"vault built: {clients:,} clients, {visits:,} visits in {seconds:.1f} s",
          flush=True)
    return ctx, keyring, seconds


def add_visits(ctx: AppContext, client_id: int, count: int) -> None:
    services = ctx.services
    stylist = services.schedule.stylists()[0].id
    service_ids = tuple(item.id for item in services.catalogue.items()[:2])
    start = datetime(2020, 1, 6, 10, 0)
    for number in range(count):
        services.visits.record(VisitDraft(client_id, start + timedelta(days=3 * number),
                                          stylist, service_ids, notes="Kontrollvisiit",
                                          colour_formula="7/1 + 6% 30 vol"))


# -- the core figures --------------------------------------------------------------------------
def bench_search(ctx: AppContext, work: Path, rounds: int) -> Row:
    """The core query next to the same code on a plain-SQLite copy (``bench_search.py``)."""
    plain_copy(ctx, work / "plain.db")
    plain_db = open_plain(work / "plain.db", sqlite3)
    try:
        plain = ClientService(ServiceContext(plain_db, ctx.clock, "bench", "bench",
                                             ctx.services.session))
        core_ms, plain_ms = measure([ctx.services.clients.search, plain.search], queries(),
                                    rounds)
    finally:
        plain_db.close()
        (work / "plain.db").unlink(missing_ok=True)
    return Row("core search: 200 typed queries, first page of 50 + total (per-query median "
               f"of {rounds})", core_ms, plain_ms, "same code, plain SQLite",
               "p95 ≤ 5 ms, ≤ 1.3× plain SQLite", limit=5, ratio_limit=1.3)


def bench_core(ctx: AppContext, repeat: int, work: Path, rounds: int) -> list[Row]:
    services = ctx.services
    rows = [bench_search(ctx, work, rounds)]
    card_client = services.clients.search("", limit=1).items[0].id  # first row of the list
    report_client = services.clients.search("", limit=2).items[1].id
    add_visits(ctx, card_client, 200)
    add_visits(ctx, report_client, 500)

    def open_card() -> None:  # what ui/clients/card.py runs on the worker
        services.clients.get_card(card_client)
        if services.session is not None and services.session.can(
                Permission.CONSENT_FLAG_READ):
            services.consents.state(card_client)

    rows.append(Row("open a client card, core (200 visits: card + consents)",
                    timed(open_card, repeat), target="≤ 100 ms", limit=100))
    pdf = work / "report.pdf"
    first = timed(lambda: services.data_subject.save_access_report(report_client, pdf), 1)
    rows.append(Row("access report PDF (500 visits)",
                    timed(lambda: services.data_subject.save_access_report(report_client, pdf),
                          max(2, repeat // 4)), target="≤ 1 s", limit=1000))
    rows.append(Row("access report PDF, first in the process (imports reportlab, fonts)",
                    first, target="≤ 1 s", limit=1000))
    return rows


# -- the window --------------------------------------------------------------------------------
def bench_gui(folder: Path, keyring: MemoryKeyring, runs: int, small: bool,
              cache: Path) -> list[Row]:
    """``gui_probe.py`` in a fresh process per run, after one warm-up run (discarded)."""
    entries = {entry: secret for (service, entry), secret in keyring.entries.items()
               if service == SERVICE}
    # Bytecode as an installed app has it, kept out of the work tree (the developers'
    # environment may set PYTHONDONTWRITEBYTECODE, which would time compiling instead).
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHON_KEYRING_BACKEND")}
    env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPYCACHEPREFIX=str(cache))
    extra = ["--words", "tamm", "ольга", "--cards", "2"] if small else []
    results: list[dict[str, object]] = []
    warm_up = 0 if small else 1  # a smoke run does not need honest start-up times
    for run in range(runs + warm_up):
        done = subprocess.run([sys.executable, str(PROBE), str(folder), USER,
                               "--keyring-on-stdin", *extra],
                              input=f"{PASSWORD}\n{json.dumps(entries)}\n",
                              capture_output=True, text=True, env=env, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"gui_probe.py failed:\n{done.stderr[-3000:]}")
        if run >= warm_up:  # the warm-up compiled the bytecode and filled the file cache
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))

    def each(key: str) -> list[float]:
        return [float(r[key]) for r in results]  # type: ignore[arg-type]

    def flat(key: str) -> list[float]:
        return [float(x) for r in results for x in r[key]]  # type: ignore[attr-defined]

    debounce = int(results[0]["debounce_ms"])  # type: ignore[call-overload]
    return [
        Row("cold start: process start → sign-in window painted", each("cold_start_ms"),
            target="≤ 1.5 s", limit=1500),
        Row("sign-in: click → session (argon2 on the worker)", each("session_ms"),
            target="≤ 0.5 s", limit=500),
        Row("sign-in: click → main window shown with the client list's first page",
            each("sign_in_ms"), target="≤ 0.5 s (incl. argon2)", limit=500),
        Row(f"keystroke → client rows updated (Qt; debounce {debounce} ms)",
            flat("keystroke_ms"), target="p95 ≤ 50 ms", limit=50),
        Row("keystroke → rows, after the debounce (the app's own work)",
            flat("keystroke_after_debounce_ms")),
        Row("keystroke → the list repainted", flat("keystroke_painted_ms")),
        Row("quick typing (100 ms a key): last key → rows for the word", flat("burst_ms")),
        Row("open a client card in the window (Enter → card drawn; 200 visits)",
            flat("card_ms"), target="≤ 100 ms", limit=100),
        Row("peak RSS with the client list open", each("peak_rss_mb"), target="≤ 300 MB",
            limit=300, unit="MB"),
    ]


# -- the machine -----------------------------------------------------------------------------
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return "RAM unknown"


def load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def machine(ctx_versions: str) -> str:
    from PySide6 import __version__ as qt_version

    return (f"{cpu_model()}, {os.cpu_count()} logical cores, {memory_gb()}, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"PySide6 {qt_version}, {ctx_versions}")


def write_section(text: str) -> Path:
    path = ROOT / "docs" / "performance.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if SECTION in current:
        head, _, rest = current.partition(SECTION)
        tail = rest.split("\n## ", 1)
        current = head + text + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        current = current.rstrip() + "\n\n" + text
    path.write_text(current, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20,
                        help="runs of the core figures (fewer for the slow ones)")
    parser.add_argument("--gui-runs", type=int, default=None,
                        help="gui_probe.py runs after the warm-up (default: repeat / 2, "
                             "at least 2)")
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--backup-dest", type=Path, metavar="FOLDER",
                        help="make the backups and the plain copy there (a USB stick) "
                             "instead of in the work folder")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write every sample of every figure (to look at outliers)")
    args = parser.parse_args()
    started, load_start = time.perf_counter(), load()
    with tempfile.TemporaryDirectory(prefix="salon-bench-") as tmp:
        work = Path(tmp)
        ctx, keyring, build_s = build(work / "vault", args.clients, args.visits)
        assert ctx.vault is not None
        versions = (f"SQLCipher {ctx.vault.db.scalar('PRAGMA cipher_version')} "
                    f"(SQLite {ctx.vault.db.scalar('SELECT sqlite_version()')}), plain "
                    f"SQLite {sqlite3.sqlite_version}")
        rows = bench_core(ctx, args.repeat, work, rounds=max(1, min(7, args.repeat // 3)))
        backup_rows, notes = bench_backup(ctx, args.repeat, work, args.backup_dest)
        rows += backup_rows
        ctx.close()
        if not args.no_gui:
            rows += bench_gui(work / "vault", keyring, args.gui_runs or max(2, args.repeat // 2),
                              small=args.repeat < 10, cache=work / "pycache")
    when = datetime.now().strftime("%d.%m.%Y %H:%M")
    minutes = (time.perf_counter() - started) / 60
    bench_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = (f"{SECTION}\n\nMeasured {when} with `python benchmarks/bench_app.py --clients "
            f"{args.clients} --visits {args.visits} --repeat {args.repeat}` ({minutes:.0f} min; "
            f"vault built through the bulk demo path in {build_s:.0f} s).\n\n"
            f"- Machine: {machine(versions)}\n"
            f"- Load average (1 min): {load_start:.1f} at the start, {load():.1f} at the end "
            f"— other jobs share this machine, so absolute times are noisy; the ratios are "
            f"measured with the two sides taking turns\n"
            f"- n = samples; p95 = nearest rank (with few samples: the largest or the largest "
            f"but one); a target is met on the p95, a ratio target on the medians\n"
            f"- Window figures: offscreen Qt platform, a fresh process per run "
            f"(`benchmarks/gui_probe.py`), one warm-up run discarded; the benchmark process "
            f"itself peaked at {bench_rss:.0f} MB\n\n{table(rows)}\n\n"
            + "".join(f"- {line}\n" for line in notes))
    print(text)
    if args.json:
        args.json.write_text(json.dumps(
            {row.name: {"samples": row.samples, "baseline": row.baseline} for row in rows},
            ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.no_write:
        print(f"written to {write_section(text)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
