"""``init``, ``selftest`` and ``recover``: creating, checking and re-keying the vault."""

from __future__ import annotations

import argparse
from pathlib import Path

from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.i18n import N_
from salon_desktop.services.selftest import run_selftest


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    init = subparsers.add_parser("init", parents=[common], help="create a vault")
    init.add_argument("--salon-name", required=True)
    init.add_argument("--admin-user", required=True)
    init.add_argument("--recovery-sheet", metavar="FILE.pdf")
    init.set_defaults(handler=cmd_init, opens_vault=False)

    selftest = subparsers.add_parser("selftest", parents=[common], help="check the vault")
    selftest.set_defaults(handler=cmd_selftest)

    recover = subparsers.add_parser("recover", parents=[common],
                                    help="re-store the database key from the recovery key")
    recover.set_defaults(handler=cmd_recover, opens_vault=False)


def cmd_init(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    from salon_desktop.security.errors import VaultAlreadyExists

    if ctx.vault_exists():
        raise VaultAlreadyExists()
    password = io.read_secret(N_("Password for the new manager account"))
    details = SalonDetails(args.salon_name)
    recovery_key = ctx.create_salon(details, args.admin_user, args.admin_user, password)
    if args.recovery_sheet:
        from salon_desktop.reports.recovery_sheet import render_recovery_sheet

        assert ctx.vault is not None
        render_recovery_sheet(Path(args.recovery_sheet), salon_name=details.name,
                              vault_id=ctx.vault.vault_id, created_at=ctx.clock.now(),
                              recovery_key=recovery_key, language=io.t.language)
    io.result(f"RECOVERY KEY: {recovery_key}")
    io.message(N_("The salon's data was created. Print the recovery key and keep it in the "
                  "locked cabinet; it is shown only once."))
    return 0


def cmd_selftest(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    assert ctx.vault is not None
    problems = run_selftest(ctx.vault)
    if problems:
        for problem in problems:
            io.result(io.t.gettext(problem.msgid).format(**problem.params))
        return 1
    io.result("OK")
    return 0


def cmd_recover(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    typed = io.read_secret(N_("Recovery key"))
    ctx.recover(typed)
    io.message(N_("Access restored: the database key is back in this computer's keyring."))
    return 0
