"""Marketing lists are built from the ledger at the moment of use: give → in, withdraw → out,
give again → in; restricted or objecting → out; the CSV reads back exactly in Excel's way."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.consents import Method, Purpose
from salon_desktop.domain.errors import PermissionDenied, ValidationError
from salon_desktop.domain.roles import Role
from salon_desktop.reports.atomic import FileNotSaved
from salon_desktop.services.marketing import birthday_window
from tests.consent_helpers import add_client
from tests.staff_helpers import add_all_roles, sign_in_as


@pytest.fixture
def clients(app_context: AppContext) -> dict[str, int]:
    ctx = app_context
    return {
        "oie": add_client(ctx, "Õie", "Šmidt", email="oie@example.com", phone="5123 4567",
                          birth_date="1990-11-27"),
        "olga": add_client(ctx, "Ольга", "Иванова", email="olga@example.com",
                           phone="+372 5234 5678", birth_date="1985-12-20", language="ru"),
        "kati": add_client(ctx, "Kati", "Tamm", phone="5345 6789", birth_date="2000-01-02"),
    }


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _names(recipients: tuple) -> list[str]:  # type: ignore[type-arg]
    return [f"{r.first_name} {r.last_name}" for r in recipients]


def test_give_in_withdraw_out_give_again_in(app_context: AppContext, clients: dict[str, int],
                                            clock: FakeClock, tmp_path: Path) -> None:
    consents, marketing = app_context.services.consents, app_context.services.marketing
    out = tmp_path / "email.csv"
    assert marketing.email_list() == ()
    consents.give(clients["oie"], Purpose.EMAIL, Method.DESK)
    assert _names(marketing.email_list()) == ["Õie Šmidt"]
    marketing.export_csv(Purpose.EMAIL, out)
    assert [row["email"] for row in _read(out)] == ["oie@example.com"]

    consents.withdraw(clients["oie"], Purpose.EMAIL, Method.MESSAGE)
    clock.advance(1)  # a second later the list no longer has her
    assert marketing.email_list() == ()
    assert marketing.export_csv("email", out).count == 0
    assert _read(out) == []

    consents.give(clients["oie"], Purpose.EMAIL, Method.PHONE)
    assert marketing.export_csv("email", out).count == 1
    assert [row["first_name"] for row in _read(out)] == ["Õie"]


def test_restricted_or_objecting_clients_are_left_out(app_context: AppContext,
                                                      clients: dict[str, int]) -> None:
    consents, marketing = app_context.services.consents, app_context.services.marketing
    for name in ("oie", "olga", "kati"):
        consents.give(clients[name], Purpose.SMS, Method.DESK)
    assert len(marketing.sms_list()) == 3
    consents.record_objection(clients["oie"], True)
    consents.set_restriction(clients["olga"], True)
    assert _names(marketing.sms_list()) == ["Kati Tamm"]
    consents.record_objection(clients["oie"], False)
    assert _names(marketing.sms_list()) == ["Õie Šmidt", "Kati Tamm"]  # Š sorts as S


def test_only_the_purposes_own_consent_and_contact_count(app_context: AppContext,
                                                         clients: dict[str, int]) -> None:
    consents, marketing = app_context.services.consents, app_context.services.marketing
    consents.give(clients["oie"], Purpose.SMS, Method.DESK)       # SMS is not e-mail
    consents.give(clients["kati"], Purpose.EMAIL, Method.DESK)    # no e-mail address
    consents.give(clients["olga"], Purpose.HEALTH, Method.DESK)   # not marketing at all
    assert marketing.email_list() == ()
    [oie] = marketing.sms_list()
    assert (oie.phone, oie.email, oie.birthday) == ("+37251234567", None, None)
    with pytest.raises(ValidationError):
        marketing.export_csv(Purpose.HEALTH, Path("x.csv"))


def test_csv_reads_back_exactly_in_utf8_sig(app_context: AppContext, clients: dict[str, int],
                                            tmp_path: Path) -> None:
    consents, marketing = app_context.services.consents, app_context.services.marketing
    for name in ("oie", "olga"):
        consents.give(clients[name], Purpose.EMAIL, Method.PAPER)
    out = tmp_path / "list.csv"
    result = marketing.export_csv(Purpose.EMAIL, out)
    assert result.count == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    assert raw.splitlines()[0] == b"\xef\xbb\xbffirst_name;last_name;language;email"
    rows = _read(out)
    assert rows == [
        {"first_name": "Õie", "last_name": "Šmidt", "language": "et",
         "email": "oie@example.com"},
        {"first_name": "Ольга", "last_name": "Иванова", "language": "ru",
         "email": "olga@example.com"},
    ]
    assert not list(tmp_path.glob(".*.tmp"))


def test_each_export_is_audited_with_purpose_and_count(app_context: AppContext,
                                                       clients: dict[str, int],
                                                       tmp_path: Path) -> None:
    consents, marketing = app_context.services.consents, app_context.services.marketing
    consents.give(clients["kati"], Purpose.SMS, Method.DESK)
    marketing.export_csv(Purpose.SMS, tmp_path / "sms.csv")
    db = app_context.services.ctx.db
    [entry] = db.query("SELECT * FROM audit_log WHERE action = 'marketing.export'")
    assert entry["detail"] == "purpose=sms; count=1"
    assert "Tamm" not in str(tuple(entry)) and "5345" not in str(tuple(entry))
    with pytest.raises(FileNotSaved):
        marketing.export_csv(Purpose.SMS, tmp_path / "missing" / "sms.csv")
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'marketing.export'") == 1


def test_an_export_whose_audit_entry_fails_leaves_no_file(
        app_context: AppContext, clients: dict[str, int], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The file and its audit entry go together: a bulk contact list nobody can account for
    must not stay on the disk."""
    marketing = app_context.services.marketing
    app_context.services.consents.give(clients["kati"], Purpose.SMS, Method.DESK)

    def audit_fails(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the audit log could not be written")

    monkeypatch.setattr(marketing, "audit", audit_fails)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        marketing.export_csv(Purpose.SMS, folder / "sms.csv")
    assert list(folder.iterdir()) == []  # neither the list nor a temporary file


def test_names_cannot_become_spreadsheet_formulas(app_context: AppContext,
                                                  tmp_path: Path) -> None:
    sneaky = add_client(app_context, "Mari", "Tamm-Kask", email="mari@example.com")
    app_context.services.consents.give(sneaky, Purpose.EMAIL, Method.DESK)
    db = app_context.services.ctx.db
    with db.transaction():  # as if imported from a hostile file
        db.execute("UPDATE clients SET first_name = '=HYPERLINK(\"x\")' WHERE id = ?",
                   (sneaky,))
    out = tmp_path / "list.csv"
    app_context.services.marketing.export_csv(Purpose.EMAIL, out)
    assert _read(out)[0]["first_name"] == "'=HYPERLINK(\"x\")"
    assert _read(out)[0]["last_name"] == "Tamm-Kask"


def test_birthday_list_next_days(app_context: AppContext, clients: dict[str, int],
                                 tmp_path: Path) -> None:
    """The fake clock's today is 25.11.2026."""
    consents, marketing = app_context.services.consents, app_context.services.marketing
    for name in ("oie", "olga", "kati"):
        consents.give(clients[name], Purpose.BIRTHDAY, Method.DESK)
    assert _names(marketing.birthday_list(7)) == ["Õie Šmidt"]
    upcoming = marketing.birthday_list(40)
    assert [(r.first_name, r.birthday) for r in upcoming] == [
        ("Õie", date(2026, 11, 27)), ("Ольга", date(2026, 12, 20)), ("Kati", date(2027, 1, 2))]
    out = tmp_path / "birthdays.csv"
    assert marketing.export_csv(Purpose.BIRTHDAY, out, days=40).count == 3
    rows = _read(out)
    assert list(rows[0]) == ["first_name", "last_name", "language", "birthday", "email",
                             "phone"]
    assert rows[0]["birthday"] == "2026-11-27"  # the day to greet, not the birth year
    assert rows[2]["email"] == "" and rows[2]["phone"] == "+37253456789"
    consents.withdraw(clients["olga"], Purpose.BIRTHDAY, Method.PHONE)
    assert _names(marketing.birthday_list(40)) == ["Õie Šmidt", "Kati Tamm"]
    for wrong in (0, 367):
        with pytest.raises(ValidationError):
            marketing.birthday_list(wrong)


def test_birthday_window_handles_29_february() -> None:
    window = birthday_window(date(2027, 2, 27), 3)
    assert window == {"02-27": date(2027, 2, 27), "02-28": date(2027, 2, 28),
                      "02-29": date(2027, 2, 28), "03-01": date(2027, 3, 1)}
    leap = birthday_window(date(2028, 2, 28), 2)
    assert leap == {"02-28": date(2028, 2, 28), "02-29": date(2028, 2, 29)}


def test_lists_and_exports_are_for_the_manager(app_context: AppContext,
                                               clients: dict[str, int],
                                               tmp_path: Path) -> None:
    add_all_roles(app_context)
    marketing = app_context.services.marketing
    for role in (Role.RECEPTION, Role.STYLIST):
        sign_in_as(app_context, role)
        for forbidden in (marketing.email_list, marketing.sms_list,
                          lambda: marketing.birthday_list(14),
                          lambda: marketing.export_csv(Purpose.EMAIL, tmp_path / "x.csv")):
            with pytest.raises(PermissionDenied):
                forbidden()
    assert not (tmp_path / "x.csv").exists()
