"""The reception's figures at salon-chain scale, in one run (issue: performance).

    python benchmarks/bench_app.py [--clients 100000] [--visits 1000000] [--repeat 20]
                                   [--no-gui] [--no-write]

Builds a throw-away vault (synthetic clients and visits through the bulk demo path), then
measures, each as median and p95 over ``--repeat`` runs, with a baseline where one exists:
opening a client card with 200 visits; the access report PDF for a client with 500 visits;
backup + verify of the whole vault next to a plain file copy of the same size; and, unless
``--no-gui``, the window figures from ``benchmarks/gui_probe.py`` in a fresh process each time
(cold start → sign-in painted, sign-in → populated main window, keystroke → rows, peak RSS).
Core search against plain SQLite is ``benchmarks/bench_search.py``.
Prints a table and writes it to docs/performance.md ("## Application figures").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from salon_desktop.context import AppContext  # noqa: E402
from salon_desktop.domain.settings import SalonDetails  # noqa: E402
from salon_desktop.domain.visits import VisitDraft  # noqa: E402
from salon_desktop.security.keystore import OsKeyStore  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

USER, PASSWORD = "juhataja", "Kevad-2026-Tulp"
PASSPHRASE = "Varukoopia-Kevad-2026-Tulp"
SECTION = "## Application figures"
Row = tuple[str, list[float], list[float] | None, str]  # name, samples, baseline, target


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def build(folder: Path, clients: int, visits: int) -> AppContext:
    ctx = AppContext(folder, keystore=OsKeyStore(MemoryKeyring()))
    ctx.create_salon(SalonDetails("Salong Õnnelik", "12345678", "Pärnu mnt 1, Tallinn"),
                     USER, "Mari Juhataja", PASSWORD)
    ctx.services.auth.sign_in(USER, PASSWORD)
    start = time.perf_counter()
    ctx.services.demo.add_demo_data(clients, visits)
    print(f"vault built: {clients:,} clients, {visits:,} visits in "
          f"{time.perf_counter() - start:.1f} s", flush=True)
    return ctx


def add_visits(ctx: AppContext, client_id: int, count: int) -> None:
    services = ctx.services
    stylist = services.schedule.stylists()[0].id
    service_ids = tuple(item.id for item in services.catalogue.items()[:2])
    start = datetime(2020, 1, 6, 10, 0)
    for number in range(count):
        services.visits.record(VisitDraft(client_id, start + timedelta(days=3 * number),
                                          stylist, service_ids, notes="Kontrollvisiit",
                                          colour_formula="7/1 + 6% 30 vol"))


def bench_core(ctx: AppContext, repeat: int, out_dir: Path) -> list[Row]:
    services = ctx.services
    card_client = services.clients.search("", limit=1).items[0].id
    report_client = services.clients.search("", limit=2).items[1].id
    add_visits(ctx, card_client, 200)
    add_visits(ctx, report_client, 500)
    rows: list[Row] = []
    rows.append(("open client card (200 visits)",
                 timed(lambda: services.clients.get_card(card_client), repeat), None,
                 "≤ 100 ms"))
    pdf = out_dir / "report.pdf"
    rows.append(("access report PDF (500 visits)",
                 timed(lambda: services.data_subject.save_access_report(report_client, pdf),
                       max(3, repeat // 4)), None, "≤ 1 s"))
    services.backups.set_passphrase(PASSPHRASE)
    dest = out_dir / "stick"
    dest.mkdir()
    assert ctx.vault is not None
    live = ctx.vault.paths.database

    def backup_and_verify() -> None:
        result = services.backups.create_backup(dest, PASSPHRASE, keep=2)
        services.backups.verify_backup(result.path, PASSPHRASE)

    def raw_copy() -> None:
        target = dest / "raw-copy.db"
        shutil.copyfile(live, target)
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
        target.unlink()

    ctx.vault.db.checkpoint()
    runs = max(3, repeat // 5)
    backup, copy = [], []
    for _ in range(runs):  # taking turns, so both see the same load
        backup += timed(backup_and_verify, 1)
        copy += timed(raw_copy, 1)
    rows.append((f"backup + verify ({live.stat().st_size / 1e6:.0f} MB)", backup, copy,
                 "≤ 4× raw copy"))
    return rows


def bench_gui(folder: Path, repeat: int) -> list[Row]:
    probe = ROOT / "benchmarks" / "gui_probe.py"
    results: list[dict[str, float]] = []
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for _ in range(max(3, repeat // 4)):
        done = subprocess.run([sys.executable, str(probe), str(folder), USER],
                              input=PASSWORD + "\n", capture_output=True, text=True, env=env,
                              timeout=300)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    keystrokes = [k for r in results for k in r["keystroke_ms"]]  # type: ignore[union-attr]
    return [
        ("cold start → sign-in window painted", [r["cold_start_ms"] for r in results], None,
         "≤ 1.5 s"),
        ("sign-in (argon2) → populated main window", [r["sign_in_ms"] for r in results], None,
         "≤ 0.5 s (sign-in)"),
        ("keystroke → client rows updated (Qt)", keystrokes, None, "p95 ≤ 50 ms"),
        ("peak RSS with the client list open (MB)", [r["peak_rss_mb"] for r in results], None,
         "≤ 300 MB"),
    ]


def table(rows: list[Row]) -> str:
    lines = ["| figure | median | p95 | baseline median | ratio | target |",
             "|---|---|---|---|---|---|"]
    for name, samples, baseline, target in rows:
        unit = "" if name.startswith("peak RSS") else " ms"
        med, high = statistics.median(samples), p95(samples)
        if baseline:
            base = statistics.median(baseline)
            extra = f"{base:.0f} ms (raw copy) | {med / base:.1f}×"
        else:
            extra = "— | —"
        lines.append(f"| {name} | {med:.0f}{unit} | {high:.0f}{unit} | {extra} | {target} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load:.1f} at start")


def write_section(text: str) -> None:
    path = ROOT / "docs" / "performance.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if SECTION in current:
        head, _, rest = current.partition(SECTION)
        tail = rest.split("\n## ", 1)
        current = head + text + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        current = current.rstrip() + "\n\n" + text
    path.write_text(current, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salon-bench-") as tmp:
        work = Path(tmp)
        ctx = build(work / "vault", args.clients, args.visits)
        rows = bench_core(ctx, args.repeat, work)
        ctx.close()
        if not args.no_gui:
            rows += bench_gui(work / "vault", args.repeat)
    when = datetime.now().strftime("%d.%m.%Y %H:%M")
    text = (f"{SECTION}\n\n{args.clients:,} clients, {args.visits:,} visits; measured "
            f"{when} on {machine()}.\n\n{table(rows)}\n")
    print(text)
    if not args.no_write:
        write_section(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
