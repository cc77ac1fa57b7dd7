"""The manager's audit viewer: filters, CSV export, verification words, and one client's
processing history for the data report."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import get_translator
from salon_desktop.services.audit_view import (
    OTHER_PROCESSING,
    AuditFilter,
    ExportFailed,
    describe_verification,
)
from tests.staff_helpers import USERS, add_all_roles, sign_in_as


def record(ctx: AppContext, action: str, **kwargs: object) -> None:
    services = ctx.services
    with services.ctx.db.transaction():
        services.settings.audit(action, **kwargs)


@pytest.fixture
def busy(app_context: AppContext, clock: FakeClock) -> AppContext:
    """Three days of activity by the manager and reception around clients 7 and 8."""
    add_all_roles(app_context)
    record(app_context, "client.create", record_type="client", record_id=7,
           fields=["first_name", "phone"])
    clock.advance(86400)
    sign_in_as(app_context, Role.RECEPTION)
    record(app_context, "client.open", record_type="client", record_id=7)
    record(app_context, "client.open", record_type="client", record_id=8)
    record(app_context, "visit.create", record_type="client", record_id=7, fields=["formula"])
    clock.advance(86400)
    sign_in_as(app_context, Role.ADMIN)
    record(app_context, "report.print", record_type="client", record_id=7)
    record(app_context, "client.update", record_type="client", record_id=70,
           detail="=HYPERLINK(\"http://x\")")
    return app_context


def test_filters(busy: AppContext, clock: FakeClock) -> None:
    audit = busy.services.audit
    everything = audit.entries()
    assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)
    client7 = audit.entries(AuditFilter(client_id=7))
    assert [e.action for e in client7] == ["report.print", "visit.create", "client.open",
                                           "client.create"]
    reception = busy.services.staff.find(USERS[Role.RECEPTION][0]).id
    by_reception = audit.entries(AuditFilter(staff_id=reception))
    assert {e.staff_username for e in by_reception} == {"kati"}
    assert {e.action for e in by_reception} >= {"client.open", "visit.create", "auth.sign_in"}
    opens = audit.entries(AuditFilter(action="client.open"))
    assert {e.record_id for e in opens} == {"7", "8"}
    auth = audit.entries(AuditFilter(action="auth."))
    assert auth and all(e.action.startswith("auth.") for e in auth)
    day_two = clock.now() - timedelta(days=1)
    middle = audit.entries(AuditFilter(since=day_two - timedelta(hours=1),
                                       until=day_two + timedelta(hours=1), client_id=7))
    assert [e.action for e in middle] == ["visit.create", "client.open"]
    today = clock.now().astimezone().date()  # dates are days on this computer's clock
    by_date = audit.entries(AuditFilter(since=today, until=today,
                                        client_id=7))
    assert [e.action for e in by_date] == ["report.print"]
    assert len(audit.entries(AuditFilter(limit=3))) == 3
    assert "client.open" in audit.actions()
    assert client7[-1].fields == ("first_name", "phone")


def test_export_csv(busy: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    count = busy.services.audit.export_csv(AuditFilter(client_id=7, limit=1), target)
    assert count == 4  # the display limit does not cut the export
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Entry", "Time (UTC)", "Staff member"]
    assert [r[6] for r in rows[1:]] == ["report.print", "visit.create", "client.open",
                                        "client.create"]
    last = busy.services.audit.entries(AuditFilter(limit=1))[0]
    assert (last.action, last.fields, last.detail) == ("audit.export", ("client_id",), "rows=4")
    assert not list(tmp_path.glob(".audit-*"))


def test_export_never_writes_a_formula(busy: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    busy.services.audit.export_csv(AuditFilter(client_id=70), target)
    text = target.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text


def test_export_to_a_missing_folder_is_a_clear_error(busy: AppContext, tmp_path: Path) -> None:
    with pytest.raises(ExportFailed):
        busy.services.audit.export_csv(None, tmp_path / "no-such-folder" / "a.csv")


def test_export_in_the_users_language(busy: AppContext, tmp_path: Path) -> None:
    from salon_desktop.i18n import set_language

    set_language("et")
    busy.services.audit.export_csv(None, tmp_path / "et.csv")
    header = (tmp_path / "et.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Kirje;Aeg (UTC);Töötaja;Roll")


def test_verify_result_in_words(busy: AppContext) -> None:
    result = busy.services.audit.verify()
    assert result.ok
    msgid, params = describe_verification(result)
    text = get_translator("et").gettext(msgid).format(**params)
    assert f"kirjeid: {result.count}" in text


def test_client_history_for_the_report(busy: AppContext) -> None:
    sign_in_as(busy, Role.RECEPTION)  # reception prints the report at the desk
    history = busy.services.audit.client_history(7)
    assert [(e.action, e.staff_role) for e in history] == [
        ("client.create", Role.ADMIN), ("client.open", Role.RECEPTION),
        ("visit.create", Role.RECEPTION), ("report.print", Role.ADMIN)]
    assert [e.label for e in history][:2] == ["Client card created", "Client card opened"]
    assert history[0].when < history[-1].when
    assert busy.services.audit.client_history(99) == []


def test_unknown_actions_get_a_neutral_label(busy: AppContext) -> None:
    record(busy, "client.mystery", record_type="client", record_id=8)
    assert busy.services.audit.client_history(8)[-1].label == OTHER_PROCESSING
