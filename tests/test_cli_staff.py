"""The headless commands ``staff``, ``audit-verify`` and ``settings``: same sign-in rules,
same permission checks and audit entries as the app (source "cli")."""

from __future__ import annotations

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
from tests.staff_helpers import TEMPORARY_PASSWORD, USERS, add_member


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def salon(app_context: AppContext) -> Path:
    """A set-up salon with a stylist; the GUI-side context is closed again."""
    add_member(app_context, "liis", Role.STYLIST, USERS[Role.STYLIST][1])
    folder = app_context.data_dir
    app_context.close()
    return folder


@pytest.fixture
def cli(salon: Path, keystore: OsKeyStore, clock: FakeClock):  # type: ignore[no-untyped-def]
    def run(*argv: str, stdin: str = "", user: str | None = ADMIN_USER) -> Run:
        args = [*argv, "--data-dir", str(salon)]
        if user:
            args += ["--user", user]
        out, err = io.StringIO(), io.StringIO()
        code = main(args, stdin=io.StringIO(stdin), stdout=out, stderr=err,
                    context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                         source="cli"))
        return Run(code, out.getvalue(), err.getvalue())

    return run


def audit_rows(salon: Path, keystore: OsKeyStore, clock: FakeClock) -> list[dict]:
    ctx = AppContext(salon, keystore=keystore, clock=clock)
    ctx.open()
    try:
        rows = ctx.services.ctx.db.query("SELECT * FROM audit_log ORDER BY id")
        return [dict(zip(r.keys(), tuple(r), strict=True)) for r in rows]
    finally:
        ctx.close()


def test_staff_list(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("staff", "list", stdin=ADMIN_PASSWORD + "\n")
    assert result.code == 0, result.err
    lines = sorted(result.out.splitlines())
    assert lines == ["juhataja\tadmin\tactive\tMari Juhataja", "liis\tstylist\tactive\tLiis"]


def test_options_before_the_command(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--user", ADMIN_USER, "staff", "list", stdin=ADMIN_PASSWORD + "\n", user=None)
    assert result.code == 0, result.err
    assert "liis\tstylist" in result.out


def test_staff_add_reads_the_temporary_password_from_stdin(
        cli, salon: Path, keystore: OsKeyStore, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    result = cli("staff", "add", "--username", "kati", "--role", "reception",
                 stdin=f"{ADMIN_PASSWORD}\n{TEMPORARY_PASSWORD}\n")
    assert result.code == 0, result.err
    assert result.out.strip() == "kati"
    assert "first sign-in" in result.err
    listing = cli("staff", "list", stdin=ADMIN_PASSWORD + "\n")
    assert "kati\treception\tactive" in listing.out
    # The temporary password opens nothing until it is changed (in the app).
    refused = cli("staff", "list", stdin=TEMPORARY_PASSWORD + "\n", user="kati")
    assert refused.code == 1 and "temporary" in refused.err
    rows = audit_rows(salon, keystore, clock)
    created = [r for r in rows if r["action"] == "staff.create"][-1]
    assert created["source"] == "cli" and created["staff_id"] == 1


def test_staff_add_refuses_a_weak_password(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("staff", "add", "--username", "kati", "--role", "stylist",
                 stdin=f"{ADMIN_PASSWORD}\nSalon2024!\n")
    assert result.code == 1
    assert "common password or a salon word" in result.err


def test_staff_add_without_the_temporary_password(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("staff", "add", "--username", "kati", "--role", "stylist",
                 stdin=f"{ADMIN_PASSWORD}\n")
    assert result.code == 1 and "standard input" in result.err


def test_staff_add_wrong_usage(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("staff", "add", "--username", "kati", "--role", "owner").code == 2
    assert cli("staff").code == 2


def test_staff_deactivate(cli, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    result = cli("staff", "deactivate", "liis", stdin=ADMIN_PASSWORD + "\n")
    assert result.code == 0, result.err
    assert "liis\tstylist\tinactive" in cli("staff", "list", stdin=ADMIN_PASSWORD + "\n").out
    refused = cli("settings", "list", stdin=USERS[Role.STYLIST][1] + "\n", user="liis")
    assert refused.code == 1 and "Wrong username or password." in refused.err
    unknown = cli("staff", "deactivate", "nobody", stdin=ADMIN_PASSWORD + "\n")
    assert unknown.code == 1


def test_a_stylist_may_not_manage_staff(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("staff", "list", stdin=USERS[Role.STYLIST][1] + "\n", user="liis")
    assert result.code == 1
    assert result.err.strip() == "Your role does not allow this."
    assert result.out == ""


def test_sign_in_rules_apply(cli, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    wrong = cli("staff", "list", stdin="Vale-Parool-1\n")
    unknown = cli("staff", "list", stdin="Vale-Parool-1\n", user="nobody")
    assert wrong.code == unknown.code == 1
    assert wrong.err == unknown.err == "Wrong username or password.\n"
    throttled = cli("staff", "list", stdin=ADMIN_PASSWORD + "\n")
    assert throttled.code == 1 and "wait 1 second " in throttled.err
    clock.advance(1)
    assert cli("staff", "list", stdin=ADMIN_PASSWORD + "\n").code == 0
    assert cli("staff", "list", stdin="").code == 1  # no password at all
    assert cli("staff", "list", user=None).code == 2  # no --user: wrong usage (shared/cli.md)


def test_messages_in_the_chosen_language(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", "et", "staff", "add", "--username", "kati", "--role", "stylist",
                 stdin=f"{ADMIN_PASSWORD}\nSalon2024!\n")
    assert result.code == 1
    assert "salongisõna" in result.err


def test_audit_verify(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("audit-verify", stdin=ADMIN_PASSWORD + "\n")
    assert result.code == 0, result.err
    assert result.out.startswith("OK ") and result.out.strip().endswith(" entries")
    count = int(result.out.split()[1])
    assert count > 5
    stylist = cli("audit-verify", stdin=USERS[Role.STYLIST][1] + "\n", user="liis")
    assert stylist.code == 1


def test_settings_list_and_set(cli) -> None:  # type: ignore[no-untyped-def]
    listing = cli("settings", "list", stdin=ADMIN_PASSWORD + "\n")
    assert listing.code == 0
    assert "min_password_length\t8" in listing.out.splitlines()
    assert "stylists_see_own_clients_only\tfalse" in listing.out.splitlines()
    changed = cli("settings", "set", "min_password_length", "12", stdin=ADMIN_PASSWORD + "\n")
    assert (changed.code, changed.out) == (0, "min_password_length\t12\n")
    assert cli("settings", "set", "min_password_length", "3",
               stdin=ADMIN_PASSWORD + "\n").code == 1
    assert cli("settings", "set", "no_such_key", "1", stdin=ADMIN_PASSWORD + "\n").code == 1
    stylist = cli("settings", "set", "idle_lock_minutes", "5",
                  stdin=USERS[Role.STYLIST][1] + "\n", user="liis")
    assert stylist.code == 1
    # A new member's temporary password now needs 12 characters.
    short = cli("staff", "add", "--username", "kati", "--role", "stylist",
                stdin=f"{ADMIN_PASSWORD}\nTulp7Kevad\n")
    assert short.code == 1 and "12" in short.err
