"""``consent ID give|withdraw`` and ``marketing-export``: the same ledger, rules and audit
entries as the app (source "cli")."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.security.keystore import OsKeyStore
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.consent_helpers import add_client
from tests.staff_helpers import USERS, add_member

RECEPTION_USER, RECEPTION_PASSWORD = USERS[Role.RECEPTION]


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def salon(app_context: AppContext) -> tuple[Path, int, int]:
    """A salon with a receptionist and two clients (Estonian and Russian)."""
    add_member(app_context, RECEPTION_USER, Role.RECEPTION, RECEPTION_PASSWORD)
    oie = add_client(app_context, "Õie", "Šmidt", email="oie@example.com", phone="5123 4567")
    olga = add_client(app_context, "Ольга", "Иванова", email="olga@example.com",
                      language="ru")
    folder = app_context.data_dir
    app_context.close()
    return folder, oie, olga


@pytest.fixture
def cli(salon: tuple[Path, int, int], keystore: OsKeyStore, clock: FakeClock):  # type: ignore[no-untyped-def]
    def run(*argv: str, user: str = ADMIN_USER, password: str = ADMIN_PASSWORD) -> Run:
        out, err = io.StringIO(), io.StringIO()
        code = main([*argv, "--data-dir", str(salon[0]), "--user", user],
                    stdin=io.StringIO(password + "\n"), stdout=out, stderr=err,
                    context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                         source="cli"))
        return Run(code, out.getvalue(), err.getvalue())

    return run


def _audit(folder: Path, keystore: OsKeyStore, clock: FakeClock, action: str) -> list[dict]:
    ctx = AppContext(folder, keystore=keystore, clock=clock)
    ctx.open()
    try:
        rows = ctx.services.ctx.db.query("SELECT * FROM audit_log WHERE action = ? ORDER BY id",
                                         (action,))
        return [dict(zip(r.keys(), tuple(r), strict=True)) for r in rows]
    finally:
        ctx.close()


def test_give_export_withdraw_export(cli, salon, keystore: OsKeyStore, clock: FakeClock,  # type: ignore[no-untyped-def]
                                     tmp_path: Path) -> None:
    folder, oie, olga = salon
    given = cli("consent", str(oie), "give", "--purpose", "email", "--method", "paper",
                user=RECEPTION_USER, password=RECEPTION_PASSWORD)
    assert given.code == 0, given.err
    assert given.out == "email\tgiven\tconsent\tv1\n"
    assert cli("consent", str(olga), "give", "--purpose", "email", "--method", "desk").code == 0

    out = tmp_path / "email.csv"
    export = cli("marketing-export", "--purpose", "email", "--out", str(out))
    assert export.code == 0, export.err
    assert export.out.strip() == str(out) and "2" in export.err
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[1:] == [["Õie", "Šmidt", "et", "oie@example.com"],
                        ["Ольга", "Иванова", "ru", "olga@example.com"]]

    withdrawn = cli("consent", str(oie), "withdraw", "--purpose", "email", "--method",
                    "message")
    assert withdrawn.out == "email\twithdrawn\tconsent\t-\n"
    assert cli("marketing-export", "--purpose", "email", "--out", str(out)).code == 0
    assert "Šmidt" not in out.read_text(encoding="utf-8-sig")

    [give, *_] = _audit(folder, keystore, clock, "consent.give")
    assert give["source"] == "cli" and give["record_id"] == str(oie)
    exports = _audit(folder, keystore, clock, "marketing.export")
    assert [e["detail"] for e in exports] == ["purpose=email; count=2",
                                              "purpose=email; count=1"]


def test_existing_customer_basis_is_checked(cli, salon) -> None:  # type: ignore[no-untyped-def]
    _folder, oie, _olga = salon
    result = cli("consent", str(oie), "give", "--purpose", "sms", "--method", "desk",
                 "--basis", "existing-customer")
    assert result.code == 1 and "booked or bought" in result.err


def test_reception_may_not_export(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.csv"
    result = cli("marketing-export", "--purpose", "sms", "--out", str(out),
                 user=RECEPTION_USER, password=RECEPTION_PASSWORD)
    assert result.code == 1 and result.err.strip() == "Your role does not allow this."
    assert not out.exists()


def test_wrong_usage_and_unknown_client(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("consent", "1", "give", "--purpose", "newsletter", "--method", "desk").code == 2
    assert cli("consent", "1", "give", "--purpose", "email").code == 2
    assert cli("consent", "1", "erase", "--purpose", "email", "--method", "desk").code == 2
    assert cli("marketing-export", "--purpose", "health", "--out",
               str(tmp_path / "x.csv")).code == 2
    missing = cli("consent", "999", "give", "--purpose", "email", "--method", "desk")
    assert missing.code == 1 and "not found" in missing.err


def test_messages_in_estonian(cli, salon) -> None:  # type: ignore[no-untyped-def]
    _folder, oie, _olga = salon
    result = cli("--lang", "et", "consent", str(oie), "withdraw", "--purpose", "sms",
                 "--method", "phone")
    assert result.code == 0 and "kohe" in result.err
