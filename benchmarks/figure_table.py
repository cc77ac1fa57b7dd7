"""One figure of a benchmark and the Markdown table of figures (shared by the benchmarks).

A figure is judged the way the performance issue states its targets: a limit on the p95, or
a ratio of medians to a baseline measured in the same run (the machine is shared and noisy,
so only ratios taken with both sides taking turns are comparable).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Row:
    """One figure: samples (ms, or MB), an optional baseline measured alongside, the target
    as written in the issue and how to judge it."""

    name: str
    samples: list[float]
    baseline: list[float] | None = None
    baseline_name: str = ""
    target: str = "—"
    limit: float | None = None        # p95 (or the max, for memory) must not exceed it
    ratio_limit: float | None = None  # median / baseline median must not exceed it
    unit: str = "ms"

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return statistics.median(self.samples) / statistics.median(self.baseline)

    @property
    def met(self) -> str:
        checks = []
        if self.limit is not None:
            checks.append(p95(self.samples) <= self.limit)
        if self.ratio_limit is not None and self.ratio is not None:
            checks.append(self.ratio <= self.ratio_limit)
        return "—" if not checks else ("yes" if all(checks) else "**no**")


def p95(samples: list[float]) -> float:
    """Nearest rank: with fewer than 20 samples this is the largest but one, or the max."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def fmt(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} ms" if value < 10 else f"{value:.0f} ms"


def table(rows: list[Row]) -> str:
    lines = ["| figure | n | median | p95 | baseline (median) | ratio median (p95) | target "
             "| met |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        med, high = statistics.median(row.samples), p95(row.samples)
        if row.baseline:
            base = f"{fmt(statistics.median(row.baseline), row.unit)} ({row.baseline_name})"
            ratio = f"{row.ratio:.2f}× ({high / p95(row.baseline):.2f}×)"
        else:
            base = ratio = "—"
        lines.append(f"| {row.name} | {len(row.samples)} | {fmt(med, row.unit)} | "
                     f"{fmt(high, row.unit)} | {base} | {ratio} | {row.target} | {row.met} |")
    return "\n".join(lines)
