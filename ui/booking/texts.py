"""Words and formats of the appointment book, in the current language.

Dates as 25.11.2026 in Estonian and Russian and times always 24-hour (the translator's
formats), weekday names from Babel. A booking's label carries the client's last name only
(what the desk needs at a glance, less for a passer-by to read off the screen).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from salon_desktop.domain.appointments import STATUS_LABELS, Appointment, AppointmentStatus
from salon_desktop.domain.visits import CatalogueItem
from salon_desktop.i18n import N_, _, get_translator, ngettext

WARNING_SIGN = "⚠"
HIDDEN_CLIENT = N_("Client not shown")


def hm(value: datetime | time) -> str:
    return value.strftime("%H:%M")


def weekday_name(day: date, width: str = "EEEE") -> str:
    name = get_translator().date(day, width)
    return name[:1].upper() + name[1:]


def short_date(day: date) -> str:
    """25.11. in et/ru (25/11 in English): for the week's column headers."""
    full = get_translator().date(day)
    if not (full[-4:].isdigit() and full[-5:-4] in (".", "/")):
        return full
    return full[:-5] if full[-5] == "/" else full[:-4]


def day_title(day: date) -> str:
    return f"{weekday_name(day)} {get_translator().date(day)}"


def week_title(monday: date) -> str:
    t = get_translator()
    number = monday.isocalendar().week
    return _("Week {number}, {first} – {last}").format(
        number=number, first=t.date(monday), last=t.date(monday + timedelta(days=6)))


def status_text(status: AppointmentStatus) -> str:
    return _(STATUS_LABELS[status])


def client_name(item: Appointment, *, full: bool = False) -> str:
    if item.client_last_name is None:
        return _(HIDDEN_CLIENT)
    if full and item.client_first_name:
        return f"{item.client_first_name} {item.client_last_name}"
    return item.client_last_name


def block_title(item: Appointment) -> str:
    """"Šmidt · Värvimine", with ⚠ first when the patch test is missing."""
    text = f"{client_name(item)} · {item.service}"
    return f"{WARNING_SIGN} {text}" if item.patch_test_warning else text


def block_detail(item: Appointment) -> str:
    """The second line: the exact time and any status other than booked."""
    span = f"{hm(item.start)}–{hm(item.end)}"
    if item.status is AppointmentStatus.BOOKED:
        return span
    return f"{span} · {status_text(item.status)}"


def block_tooltip(item: Appointment) -> str:
    lines = [f"{client_name(item, full=True)} · {item.service}",
             f"{hm(item.start)}–{hm(item.end)} · {item.stylist}",
             status_text(item.status)]
    if item.patch_test_warning:
        lines.append(WARNING_SIGN + " " + _("No valid patch test on file"))
    return "\n".join(lines)


def duration_text(total: int) -> str:
    hours, rest = divmod(total, 60)
    if hours and rest:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} min").format(minutes=rest)


def money(cents: int) -> str:
    return get_translator().money(Decimal(cents) / 100)


def service_label(item: CatalogueItem) -> str:
    """"Värvimine · 2 h · 85,00 € · patch test": what a receptionist reads out."""
    parts = [item.name, duration_text(item.duration_minutes), money(item.price_cents)]
    if item.needs_patch_test:
        parts.append(_("patch test"))
    return " · ".join(parts)


def bookings_count(count: int) -> str:
    return ngettext("{count} booking", "{count} bookings", count).format(count=count)


def bookings_count_short(count: int) -> str:
    """"3 appts" / "3 bron." / "3 зап.": the week's narrow cells (the full form is the cell's
    accessible text)."""
    return ngettext("{count} appt", "{count} appts", count).format(count=count)


def two_lines(name: str) -> str:
    """A stylist's name broken at the space nearest its middle ("Anna" over "Smirnova"), so the
    week's name column needs half the width; a single word stays whole."""
    spaces = [n for n, char in enumerate(name) if char == " "]
    if not spaces:
        return name
    middle = len(name) / 2
    cut = min(spaces, key=lambda n: abs(n - middle))
    return f"{name[:cut]}\n{name[cut + 1:]}"
