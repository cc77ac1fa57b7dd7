"""Marketing lists, built from the consent ledger at the moment of use.

Nothing is cached or copied: each list is one query over the latest ledger event per client
and purpose, so a client who withdrew a second ago is never on it. Clients who restricted
processing (Art. 18) or object to direct marketing (Art. 21(2)) are left out whatever their
consents say, and so is anyone without the contact the purpose needs.

Lists and exports are bulk contact data, so they are for the manager only (DATA_EXPORT, as
the design's data-export row; see docs/decisions.md) and every list and export is audited
with its purpose and count — never with names or addresses.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from salon_desktop.domain.consents import MARKETING_PURPOSES, ExportResult, Purpose, Recipient
from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from salon_desktop.reports.marketing_csv import write_csv
from salon_desktop.services.base import Service, requires
from salon_desktop.services.client_view import local_today
from salon_desktop.services.consents import choice
from salon_desktop.storage import consents_repo
from salon_desktop.storage.database import Row

P = Permission
MAX_BIRTHDAY_DAYS = 366
DEFAULT_BIRTHDAY_DAYS = 14

#: CSV columns per purpose (English, for the mail/SMS tool's import mapping)
CSV_COLUMNS: dict[Purpose, tuple[str, ...]] = {
    Purpose.EMAIL: ("first_name", "last_name", "language", "email"),
    Purpose.SMS: ("first_name", "last_name", "language", "phone"),
    Purpose.BIRTHDAY: ("first_name", "last_name", "language", "birthday", "email", "phone"),
}


def birthday_window(today: date, days: int) -> dict[str, date]:
    """"MM-DD" → the date it falls on, for ``days`` days from ``today`` (today included).

    A 29 February birthday is greeted on 28 February in a year without one.
    """
    window: dict[str, date] = {}
    for offset in range(days):
        day = today + timedelta(days=offset)
        window[day.strftime("%m-%d")] = day
        if day.month == 2 and day.day == 28:
            try:
                date(day.year, 2, 29)
            except ValueError:
                window.setdefault("02-29", day)
    return window


class MarketingService(Service):
    @requires(P.DATA_EXPORT, P.CLIENT_CONTACT_READ)
    def email_list(self) -> tuple[Recipient, ...]:
        """Clients who may receive marketing e-mail right now, by name."""
        return self._audited_list(Purpose.EMAIL, DEFAULT_BIRTHDAY_DAYS)

    @requires(P.DATA_EXPORT, P.CLIENT_CONTACT_READ)
    def sms_list(self) -> tuple[Recipient, ...]:
        """Clients who may receive marketing SMS right now, by name."""
        return self._audited_list(Purpose.SMS, DEFAULT_BIRTHDAY_DAYS)

    @requires(P.DATA_EXPORT, P.CLIENT_CONTACT_READ)
    def birthday_list(self, days: int = DEFAULT_BIRTHDAY_DAYS) -> tuple[Recipient, ...]:
        """Clients to greet whose birthday falls in the next ``days`` days (today
        included), by date; ``birthday`` is that date, not the birth date."""
        return self._audited_list(Purpose.BIRTHDAY, days)

    @requires(P.DATA_EXPORT, P.CLIENT_CONTACT_READ)
    def export_csv(self, purpose: Purpose | str, out_path: Path,
                   days: int = DEFAULT_BIRTHDAY_DAYS) -> ExportResult:
        """Write the list for ``purpose`` as CSV (UTF-8 with BOM, ";"-separated; see
        ``reports/marketing_csv.py``) atomically, audited with purpose and count in the
        same transaction: a failed write leaves no audit entry and no file."""
        chosen = self._marketing_purpose(purpose)
        columns = CSV_COLUMNS[chosen]
        written = False
        try:
            with self.db.transaction():
                recipients = self._recipients(chosen, days)
                rows = [[getattr(r, c) if c != "birthday" or r.birthday is None
                         else r.birthday.isoformat() for c in columns] for r in recipients]
                write_csv(Path(out_path), columns, rows, text_columns=(0, 1))
                written = True
                self.audit("marketing.export", detail=f"purpose={chosen.value}; "
                                                      f"count={len(recipients)}")
        except BaseException:
            if written:  # the audit entry did not commit: no unaudited contact list is left
                Path(out_path).unlink(missing_ok=True)
            raise
        return ExportResult(chosen, len(recipients))

    # -- helpers ---------------------------------------------------------------------------
    def _audited_list(self, purpose: Purpose, days: int) -> tuple[Recipient, ...]:
        with self.db.transaction():
            recipients = self._recipients(purpose, days)
            self.audit("marketing.list", detail=f"purpose={purpose.value}; "
                                                f"count={len(recipients)}")
        return recipients

    @staticmethod
    def _marketing_purpose(purpose: Purpose | str) -> Purpose:
        chosen = choice(Purpose, purpose, "purpose")
        if chosen not in MARKETING_PURPOSES:
            raise ValidationError("purpose", N_("Only the e-mail, SMS and birthday lists can "
                                                "be exported."))
        return chosen

    def _recipients(self, purpose: Purpose, days: int) -> tuple[Recipient, ...]:
        if purpose is not Purpose.BIRTHDAY:
            rows = consents_repo.recipients(self.db, purpose.value)
            return tuple(_recipient(r, purpose) for r in rows)
        if not isinstance(days, int) or not 1 <= days <= MAX_BIRTHDAY_DAYS:
            raise ValidationError("days", N_("Please enter a number from {minimum} to "
                                             "{maximum}."), minimum=1,
                                  maximum=MAX_BIRTHDAY_DAYS)
        today = local_today(self.ctx)
        window = birthday_window(today, days)
        rows = consents_repo.recipients(self.db, purpose.value, window)
        found = [_recipient(r, purpose, window[str(r["birth_date"])[5:10]]) for r in rows]
        # Stable: the same day stays in name order, as the query returned it.
        return tuple(sorted(found, key=lambda r: r.birthday or today))


def _recipient(row: Row, purpose: Purpose, birthday: date | None = None) -> Recipient:
    return Recipient(
        client_id=int(row["id"]), first_name=row["first_name"], last_name=row["last_name"],
        language=row["language"],
        email=row["email"] if purpose in (Purpose.EMAIL, Purpose.BIRTHDAY) else None,
        phone=row["phone"] if purpose in (Purpose.SMS, Purpose.BIRTHDAY) else None,
        birthday=birthday)
