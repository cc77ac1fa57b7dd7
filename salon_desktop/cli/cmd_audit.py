"""``audit-verify``: check the audit log's hash chain from the command line (manager only).

Prints ``OK <n> entries``, or ``BROKEN <id>: <what happened>`` naming the first entry that
was edited, deleted, reordered or inserted, and exits with 1.
"""

from __future__ import annotations

import argparse

from salon_desktop.cli.cmd_staff import ensure_password_current
from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.services.audit_view import describe_verification


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    verify = subparsers.add_parser("audit-verify", parents=[common],
                                   help="verify the audit log's integrity")
    verify.set_defaults(handler=cmd_audit_verify, needs_sign_in=True)


def cmd_audit_verify(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    result = ctx.services.audit.verify()
    if result.ok:
        io.result(f"OK {result.count} entries")
        return 0
    msgid, params = describe_verification(result)
    io.result(f"BROKEN {result.first_broken_id}: {io.t.gettext(msgid).format(**params)}")
    return 1
