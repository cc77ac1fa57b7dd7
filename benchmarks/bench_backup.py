"""Backup figures: a verified backup next to a plain copy of the same file, step by step, and
the floor any backup in the required format has on this machine.

    python benchmarks/bench_backup.py [--clients 100000] [--visits 1000000] [--repeat 20]
                                      [--dest FOLDER]

``bench_app.py`` runs this as part of its table; on its own it builds a vault and prints the
backup rows only. ``--dest`` puts the backups and the plain copy on a real medium (a mounted
USB stick): the ratio depends on how fast the medium writes, and a developer's disk that
writes at memory speed is the worst case for it.

Why the step rows and the floors: a backup must be a snapshot re-encrypted under the key
derived from the passphrase and read back after writing (issue 8), so it cannot cost less
than authenticating every page it reads, encrypting every page it writes and copying the
bytes. Both floors are measured here, in the same run as the copy they are compared with.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from figure_table import Row, table, timed  # noqa: E402

from salon_desktop.context import AppContext  # noqa: E402

PASSPHRASE = "Varukoopia-Kevad-2026-Tulp"
PAGE = 64 * 1024  # the backup format's page (salon_desktop/backup/format.py)
# No search may wait for the snapshot (~1.5 s at 100,000 clients): 4× the keystroke target,
# above a shared machine's noise.
LONGEST_SEARCH_MS = 200
STEPS = (("key", "argon2id of the passphrase (the new key and the passphrase check, in "
                 "parallel)"),
         ("snapshot", "snapshot (`sqlcipher_export`: reads, authenticates and re-encrypts "
                      "every page)"),
         ("copy", "copy to the medium + fsync"),
         ("verify", "read-back check (every page's MAC, the row counts)"))


def encrypt_once(data: bytes) -> None:
    """AES-256-CBC with a fresh IV and an HMAC-SHA256 per 64 KiB page: what writing the
    backup's pages costs in cryptography alone, with no SQLite around it."""
    key, mac_key = secrets.token_bytes(32), secrets.token_bytes(32)
    view = memoryview(data)
    for start in range(0, len(view) - len(view) % PAGE, PAGE):
        iv = secrets.token_bytes(16)
        encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
        sealed = encryptor.update(view[start:start + PAGE]) + encryptor.finalize()
        hmac.digest(mac_key, sealed + iv, hashlib.sha256)


def bench_backup(ctx: AppContext, repeat: int, work: Path,
                 dest: Path | None = None) -> tuple[list[Row], list[str]]:
    """The backup rows and the notes that explain them, the sides taking turns."""
    services = ctx.services
    if not services.backups.passphrase_is_set():
        services.backups.set_passphrase(PASSPHRASE)
    assert ctx.vault is not None
    stick = Path(tempfile.mkdtemp(prefix="salon-bench-stick-", dir=dest or work))
    live = ctx.vault.paths.database
    made: list[Path] = []
    steps: dict[str, list[float]] = {name: [] for name, _ in STEPS}

    def backup() -> None:
        result = services.backups.create_backup(stick, PASSPHRASE, keep=2)
        made.append(result.path)
        for name, _ in STEPS:
            steps[name].append(result.phases[name] * 1000)

    def raw_copy() -> None:
        target = stick / "raw-copy.db"
        shutil.copyfile(live, target)
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
        target.unlink()

    try:
        ctx.vault.db.checkpoint()
        size = live.stat().st_size
        data = live.read_bytes()
        created, verified, copies, reads, encrypts = [], [], [], [], []
        for _ in range(max(2, repeat // 5)):
            copies += timed(raw_copy, 1)
            created += timed(backup, 1)
            verified += timed(lambda: services.backups.verify_backup(made[-1], PASSPHRASE), 1)
            reads += timed(ctx.vault.db.cipher_integrity_problems, 1)
            encrypts += timed(lambda: encrypt_once(data), 1)
    finally:
        shutil.rmtree(stick, ignore_errors=True)
    base = {"baseline": copies, "baseline_name": "plain copy + fsync"}
    rows = [Row(f"backup + verify: create_backup, {size / 1e6:.0f} MB (key, snapshot, copy "
                "+ fsync, read-back check)", created, target="≤ 4× raw copy", ratio_limit=4,
                **base)]
    rows += [Row(f"  · {label}", steps[name], **base) for name, label in STEPS]
    rows += [
        Row("the monthly full verify_backup (adds SQLite's quick_check)", verified, **base),
        Row("floor: read and authenticate every page of the vault once (live "
            "`cipher_integrity_check`)", reads, **base),
        Row("floor: encrypt the same bytes once (AES-256-CBC + HMAC-SHA256 per 64 KiB page, "
            "no SQLite)", encrypts, **base),
    ]
    rows += search_during_backup(ctx, dest or work)
    return rows, notes(size, created, copies, reads, encrypts, steps["copy"])


def search_during_backup(ctx: AppContext, folder: Path) -> list[Row]:
    """The desk's search while a backup runs on another thread (the app's own set-up): the
    snapshot has its own connection, so a search must not wait for it. A search that did
    wait is one sample among a hundred, which the p95 hides: the longest is judged too."""
    services = ctx.services
    stick = Path(tempfile.mkdtemp(prefix="salon-bench-stick-", dir=folder))
    words = ["tamm", "ольга", "mäg", "ivan", "kask", "смир", "sepp", "anna"]
    samples: list[float] = []
    failed: list[BaseException] = []

    def backup() -> None:
        try:
            services.backups.create_backup(stick, PASSPHRASE, keep=1)
        except BaseException as error:  # raised below: no row beside a failed backup
            failed.append(error)

    try:
        job = threading.Thread(target=backup)
        job.start()
        while job.is_alive() or not samples:  # at least one sample, even at a tiny size
            word = words[len(samples) % len(words)]
            start = time.perf_counter()
            services.clients.search(word, limit=50)
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(0.02)  # a typist, not a loop
        job.join()
    finally:
        shutil.rmtree(stick, ignore_errors=True)
    if failed:
        raise failed[0]
    return [Row("core search while a backup runs on another thread (the desk during a backup)",
                samples, target="p95 ≤ 50 ms (keystroke target)", limit=50),
            Row("  · the longest of those searches (a search that waited for the snapshot "
                "would show here)",
                [max(samples)], target=f"≤ {LONGEST_SEARCH_MS} ms", limit=LONGEST_SEARCH_MS)]


def notes(size: int, created: list[float], copies: list[float], reads: list[float],
          encrypts: list[float], copy_step: list[float]) -> list[str]:
    med = statistics.median
    copy = med(copies)
    floor = med(reads) + med(encrypts) + copy
    cpu = med([total - step for total, step in zip(created, copy_step, strict=True)])
    # backup ≈ cpu + size/w and copy ≈ size/w on a medium writing w bytes/s, so the ratio
    # stays within 4× while size/w ≥ cpu/3.
    break_even = 3 * size / (cpu / 1000) / 1e6
    return [
        f"Backup floor on this machine: authenticating every page read ({med(reads):.0f} ms) "
        f"+ encrypting every page written ({med(encrypts):.0f} ms) + the copy itself "
        f"({copy:.0f} ms) = {floor:.0f} ms, {floor / copy:.1f}× the plain copy, before the "
        "key derivation, the read-back check or any SQLite work.",
        f"The backup's work other than writing to the medium takes {cpu:.0f} ms; it stays "
        f"within 4× a plain copy on any medium that writes at most {break_even:.0f} MB/s "
        "(derived from the figures above, not measured; the read-back check also reads the "
        "medium, so on a slow stick the true ratio is somewhat higher).",
    ]


def main() -> int:
    from bench_app import build  # the vault builder; imported here, it imports this module

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--dest", type=Path, help="folder on the medium to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salon-bench-") as tmp:
        ctx, _keyring, _seconds = build(Path(tmp) / "vault", args.clients, args.visits)
        try:
            rows, lines = bench_backup(ctx, args.repeat, Path(tmp), args.dest)
        finally:
            ctx.close()
    print(table(rows))
    print()
    print("\n".join(f"- {line}" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
