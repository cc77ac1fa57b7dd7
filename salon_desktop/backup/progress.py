"""One progress bar over several phases, and the cancel check.

The GUI passes ``progress(done, total)`` (called from the worker thread; it should only
post a signal) and ``cancel()`` (true once the user pressed Cancel). Phases get a share of
``TOTAL`` by weight, so the bar moves forward only, whatever the phase.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from salon_desktop.domain.errors import SalonError

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
TOTAL = 1000


class Steps:
    def __init__(self, progress: ProgressCallback | None, cancel: CancelCheck | None,
                 phases: Sequence[tuple[str, int]], cancelled: type[SalonError]) -> None:
        self._progress = progress
        self._cancel = cancel
        self._cancelled = cancelled
        weight = sum(w for _, w in phases) or 1
        self._start: dict[str, int] = {}
        self._size: dict[str, int] = {}
        position = 0
        for name, w in phases:
            self._start[name] = position * TOTAL // weight
            position += w
            self._size[name] = position * TOTAL // weight - self._start[name]
        self._done = -1

    def update(self, phase: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        done = self._start[phase] + int(self._size[phase] * fraction)
        if done > self._done:
            self._done = done
            if self._progress is not None:
                self._progress(done, TOTAL)

    def finish(self) -> None:
        if self._done < TOTAL:
            self._done = TOTAL
            if self._progress is not None:
                self._progress(TOTAL, TOTAL)

    def cancelled(self) -> bool:
        return bool(self._cancel is not None and self._cancel())

    def check(self) -> None:
        if self.cancelled():
            raise self._cancelled()
