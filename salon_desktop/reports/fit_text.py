"""Fitting one line of running text (a PDF's head or foot line) into its width.

A client's name may be 100 + 100 characters: printed in full it would cover "Page x of y"
and run off the page, so the texts are shortened with "…" instead (reading the rest is what
the report's first page is for).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth


def _shorten(value: str, room: float, font: str, size: float) -> str:
    """``value`` cut at the end with "…" so that it is at most ``room`` points wide."""
    if stringWidth(value, font, size) <= room:
        return value
    while value and stringWidth(value + "…", font, size) > room:
        value = value[:-1]
    return value.rstrip() + "…" if value else ""


def fit_pair(left: str, right: str, width: float, font: str, size: float
             ) -> tuple[str, str]:
    """A left- and a right-aligned text on one line of ``width``, shortened with "…" so they
    neither overlap nor run past the margin (a 100 + 100 character name is allowed). The
    shorter text keeps its length when it needs at most half the line."""
    gap = 4 * mm
    room = width - gap
    left_w, right_w = stringWidth(left, font, size), stringWidth(right, font, size)
    if left_w + right_w <= room:
        return left, right
    if right_w <= room / 2:
        return _shorten(left, room - right_w, font, size), right
    if left_w <= room / 2:
        return left, _shorten(right, room - left_w, font, size)
    return _shorten(left, room / 2, font, size), _shorten(right, room / 2, font, size)
