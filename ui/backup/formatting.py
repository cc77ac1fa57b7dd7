"""Words and numbers for the Backups screens: sizes, dates, the tables a backup counts.

Sizes as "12,3 GB" in Estonian and Russian (Babel's decimal comma); dates in the salon's
local time although files carry UTC; the header's row counts under the words the salon uses
("Clients", not "clients"), so the counts read as a summary, not as a database dump.
"""

from __future__ import annotations

from datetime import datetime

from salon_desktop.i18n import N_, _, get_translator

_KB, _MB, _GB = 1024, 1024**2, 1024**3

#: The tables shown with the counts of a backup, in this order; the rest are summed up.
SHOWN_TABLES: tuple[tuple[str, str], ...] = (
    ("clients", N_("Clients")),
    ("visits", N_("Visits")),
    ("appointments", N_("Bookings")),
    ("patch_tests", N_("Patch tests")),
    ("consent_events", N_("Consent records")),
    ("staff", N_("Staff accounts")),
    ("audit_log", N_("Audit log entries")),
)
OTHER_ROWS = N_("Other records")
# Search-index shadow tables repeat the clients table; counting them would inflate "other".
_NOT_COUNTED_PREFIXES = ("clients_fts",)


def size_text(size_bytes: int) -> str:
    """1 decimal from a gigabyte up, whole megabytes below (a backup is rarely < 1 MB)."""
    number = get_translator().number
    if size_bytes >= _GB:
        return _("{size} GB").format(size=number(round(size_bytes / _GB, 1)))
    if size_bytes >= _MB:
        return _("{size} MB").format(size=number(round(size_bytes / _MB)))
    return _("{size} KB").format(size=number(max(1, round(size_bytes / _KB))))


def when_text(moment: datetime) -> str:
    """Local date and time, 25.11.2026 10:00 in et and ru."""
    return get_translator().datetime(moment)


def count_rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(translated caption, count) for the shown tables, then "Other records"."""
    number_of = dict(counts)
    rows = [(_(caption), number_of.pop(table, 0)) for table, caption in SHOWN_TABLES]
    other = sum(n for table, n in number_of.items()
                if not table.startswith(_NOT_COUNTED_PREFIXES))
    rows.append((_(OTHER_ROWS), other))
    return rows


def number_text(value: int) -> str:
    return get_translator().number(value)
