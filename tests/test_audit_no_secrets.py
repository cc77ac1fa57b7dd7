"""After a scripted working session no password and no client field value appears anywhere
in the audit table (nor in its CSV export): the log records who did what to which record,
and the names of fields — never their contents."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import SalonError
from salon_desktop.domain.roles import Role
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.services.audit_view import AuditFilter
from salon_desktop.storage.clients_repo import CLIENT_COLUMNS
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.staff_helpers import TEMPORARY_PASSWORD, USERS, add_member

WRONG_PASSWORDS = ["Vale-Parool-1", "Kevad-2026-Tulpp", "lõunapaus-õunapuu"]
NEW_ADMIN_PASSWORD = "Suvi-2027-Nurmenukk"


def scripted_session(ctx: AppContext, clock: FakeClock, keystore: OsKeyStore,
                     export: Path) -> list[str]:
    """A day at the desk; returns every password typed."""
    s = ctx.services
    add_member(ctx, "kati", Role.RECEPTION, USERS[Role.RECEPTION][1])
    add_member(ctx, "liis", Role.STYLIST, USERS[Role.STYLIST][1])
    s.demo.add_synthetic_clients(25)
    s.settings.set("salon_email", "omanik@example.test")
    for wrong in WRONG_PASSWORDS:
        clock.advance(600)
        with pytest.raises(SalonError):
            s.auth.sign_in("kati", wrong)
    clock.advance(600)
    with pytest.raises(SalonError):  # the password typed into the username field
        s.auth.sign_in(ADMIN_PASSWORD, ADMIN_PASSWORD)
    clock.advance(600)
    s.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    s.auth.lock()
    with pytest.raises(SalonError):
        s.auth.unlock(WRONG_PASSWORDS[0])
    clock.advance(600)
    s.auth.unlock(ADMIN_PASSWORD)
    s.staff.reset_password(s.staff.find("liis").id, "Uus-Ajutine-55")
    clock.advance(600)
    with pytest.raises(SalonError):
        s.auth.change_own_password(WRONG_PASSWORDS[1], NEW_ADMIN_PASSWORD)
    clock.advance(600)
    s.auth.change_own_password(ADMIN_PASSWORD, NEW_ADMIN_PASSWORD, NEW_ADMIN_PASSWORD)
    s.audit.client_history(1)
    s.audit.verify()
    folder = ctx.data_dir
    ctx.close()
    cli_temp = "Kolmas-Ajutine-31"
    code = main(["staff", "add", "--username", "mari", "--role", "stylist", "--data-dir",
                 str(folder), "--user", ADMIN_USER],
                stdin=io.StringIO(f"{NEW_ADMIN_PASSWORD}\n{cli_temp}\n"),
                stdout=io.StringIO(), stderr=io.StringIO(),
                context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                     source="cli"))
    assert code == 0
    ctx.open()
    ctx.services.auth.sign_in(ADMIN_USER, NEW_ADMIN_PASSWORD)
    ctx.services.audit.export_csv(AuditFilter(), export)
    return [ADMIN_PASSWORD, NEW_ADMIN_PASSWORD, TEMPORARY_PASSWORD, "Uus-Ajutine-55",
            cli_temp, *WRONG_PASSWORDS, *(password for _, password in USERS.values())]


def test_no_password_or_client_value_in_the_audit_log(
        app_context: AppContext, clock: FakeClock, keystore: OsKeyStore,
        tmp_path: Path) -> None:
    export = tmp_path / "audit.csv"
    passwords = scripted_session(app_context, clock, keystore, export)
    db = app_context.services.ctx.db
    client_values = {str(value) for row in db.query(
        f"SELECT {', '.join(CLIENT_COLUMNS)} FROM clients") for value in row
        if value is not None and len(str(value)) >= 3}
    assert len(client_values) > 50
    settings_values = {"omanik@example.test", "Tartu mnt 1, Tallinn", "+372 5555 0000"}
    secrets = set(passwords) | client_values | settings_values

    entries = db.query("SELECT * FROM audit_log")
    assert len(entries) > 30
    texts = [str(value) for row in entries for value in tuple(row) if value is not None]
    texts.append(export.read_text(encoding="utf-8-sig"))
    leaks = {secret for secret in secrets for text in texts
             if secret.casefold() in text.casefold()}
    assert leaks == set()
    actions = {row["action"] for row in entries}
    assert {"auth.sign_in", "auth.sign_in_failed", "auth.unlock_failed", "staff.create",
            "staff.password_change", "auth.password_change_failed", "staff.password_reset",
            "settings.change", "demo.clients_added", "audit.verify"} <= actions
