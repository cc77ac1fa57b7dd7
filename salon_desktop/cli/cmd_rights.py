"""``report``, ``export`` and ``erase``: the clients' rights from the command line, through
the same services, permissions and audit entries as the app (source "cli").

``report ID --out FILE.pdf [--lang]`` writes the client data report (GDPR Art. 15) in the
client's language unless ``--lang`` is given; ``export ID --out FILE.json`` the portable
export (Art. 20); both print the file's path on stdout. ``erase ID --yes`` erases the client
(Art. 17). Erasure cannot be undone, so without ``--yes`` the command refuses with exit
status 2 (wrong usage) *before* signing in — nothing is read, written or audited.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from salon_desktop.cli.cmd_staff import ensure_password_current
from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.i18n import N_

ERASE_NEEDS_YES = N_("Erasure cannot be undone. To erase the client's personal data, run the "
                     "command again with --yes.")


class _Confirm(argparse.Action):
    """``--yes``: confirms, and only then does the command sign in."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=False, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        namespace.yes = True
        namespace.needs_sign_in = True


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser("report", parents=[common],
                                   help="GDPR Art. 15 client data report (PDF)")
    report.add_argument("client_id", type=int, metavar="ID")
    report.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    report.set_defaults(handler=cmd_report, needs_sign_in=True)

    export = subparsers.add_parser("export", parents=[common],
                                   help="GDPR Art. 20 portable export (JSON, manager only)")
    export.add_argument("client_id", type=int, metavar="ID")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.json")
    export.set_defaults(handler=cmd_export, needs_sign_in=True)

    erase = subparsers.add_parser("erase", parents=[common],
                                  help="GDPR Art. 17 erasure (manager only; needs --yes)")
    erase.add_argument("client_id", type=int, metavar="ID")
    erase.add_argument("--yes", action=_Confirm, help="confirm: erasure cannot be undone")
    erase.set_defaults(handler=cmd_erase, needs_sign_in=False)


def cmd_report(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    path = ctx.services.data_subject.save_access_report(args.client_id, args.out,
                                                        language=getattr(args, "lang", None))
    io.result(str(path))
    io.message(N_("The client data report was saved."))
    return 0


def cmd_export(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    path = ctx.services.data_subject.export_json(args.client_id, args.out)
    io.result(str(path))
    io.message(N_("The client's data was exported."))
    return 0


def cmd_erase(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    if not getattr(args, "yes", False):
        io.message(ERASE_NEEDS_YES)
        return 2
    ensure_password_current(ctx)
    result = ctx.services.erasure.erase(args.client_id)
    io.result(f"erased\t{result.client_id}")
    io.message(N_("The client's personal data was erased. Visits kept as anonymous "
                  "accounting records: {count}."), count=result.visits_kept_anonymised)
    return 0
