"""``report``, ``export`` and ``erase`` from the command line: the same services, permission
checks and audit entries (source "cli"); ``erase`` without ``--yes`` refuses with exit
status 2 before anything is read or written."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.security.keystore import OsKeyStore
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.consent_helpers import add_client
from tests.rights_helpers import flat, pdf_text
from tests.staff_helpers import USERS, add_member

RECEPTION_USER, RECEPTION_PASSWORD = USERS[Role.RECEPTION]
SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "export-schema.json")
                    .read_text(encoding="utf-8"))


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def salon(app_context: AppContext) -> tuple[Path, int]:
    add_member(app_context, RECEPTION_USER, Role.RECEPTION, RECEPTION_PASSWORD)
    olga = add_client(app_context, "Ольга", "Иванова", email="olga@example.com",
                      phone="5123 4567", language="ru")
    folder = app_context.data_dir
    app_context.close()
    return folder, olga


@pytest.fixture
def cli(salon: tuple[Path, int], keystore: OsKeyStore, clock: FakeClock):  # type: ignore[no-untyped-def]
    def run(*argv: str, user: str = ADMIN_USER, password: str = ADMIN_PASSWORD) -> Run:
        out, err = io.StringIO(), io.StringIO()
        code = main([*argv, "--data-dir", str(salon[0]), "--user", user],
                    stdin=io.StringIO(password + "\n"), stdout=out, stderr=err,
                    context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                         source="cli"))
        return Run(code, out.getvalue(), err.getvalue())

    return run


def _audit(folder: Path, keystore: OsKeyStore, clock: FakeClock) -> list[tuple[str, str]]:
    ctx = AppContext(folder, keystore=keystore, clock=clock)
    ctx.open()
    try:
        db = ctx.services.ctx.db
        return [(r["action"], r["source"]) for r in db.query(
            "SELECT action, source FROM audit_log ORDER BY id")]
    finally:
        ctx.close()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_report_in_the_clients_language_or_the_one_asked_for(cli, salon, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _folder, olga = salon
    run = cli("report", str(olga), "--out", str(tmp_path / "r.pdf"), user=RECEPTION_USER,
              password=RECEPTION_PASSWORD)
    assert run.code == 0, run.err
    assert run.out.strip() == str(tmp_path / "r.pdf")
    assert "Выписка персональных данных" in flat(pdf_text(tmp_path / "r.pdf"))
    run = cli("report", str(olga), "--out", str(tmp_path / "e.pdf"), "--lang", "en")
    assert run.code == 0 and "Client data report" in flat(pdf_text(tmp_path / "e.pdf"))
    assert cli("report", "999", "--out", str(tmp_path / "x.pdf")).code == 1


def test_export_writes_valid_json_and_is_for_the_manager(cli, salon, tmp_path, keystore,  # type: ignore[no-untyped-def]
                                                         clock) -> None:
    folder, olga = salon
    denied = cli("export", str(olga), "--out", str(tmp_path / "x.json"), user=RECEPTION_USER,
                 password=RECEPTION_PASSWORD)
    assert denied.code == 1 and not (tmp_path / "x.json").exists()
    run = cli("export", str(olga), "--out", str(tmp_path / "x.json"))
    assert run.code == 0, run.err
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["client"]["last_name"] == "Иванова"
    assert ("client.export", "cli") in _audit(folder, keystore, clock)


def test_erase_without_yes_refuses_before_signing_in(cli, salon, keystore, clock) -> None:  # type: ignore[no-untyped-def]
    folder, olga = salon
    before = _audit(folder, keystore, clock)
    run = cli("erase", str(olga), "--lang", "en")
    assert run.code == 2
    assert "--yes" in run.err and "cannot be undone" in run.err
    assert _audit(folder, keystore, clock) == before  # not even a sign-in
    denied = cli("erase", str(olga), "--yes", user=RECEPTION_USER,
                 password=RECEPTION_PASSWORD)
    assert denied.code == 1
    run = cli("erase", str(olga), "--yes")
    assert run.code == 0, run.err
    assert run.out.strip() == f"erased\t{olga}"
    assert ("client.erase", "cli") in _audit(folder, keystore, clock)
    assert cli("erase", str(olga), "--yes").code == 1  # already gone: explained, not a crash
