"""``consent ID give|withdraw`` and ``marketing-export``: the consent ledger and the
marketing lists from the command line, with the same rules and audit entries as the app.

``consent`` records the current wording version in the client's language, exactly as the
card's one-click buttons do. ``marketing-export`` writes the list as it stands at that moment
(UTF-8 with BOM, ";"-separated; see ``reports/marketing_csv.py``), prints the file's path on
stdout and the count on stderr.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from salon_desktop.cli.cmd_staff import ensure_password_current
from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.domain.consents import MARKETING_PURPOSES, LegalBasis, Method, Purpose
from salon_desktop.i18n import N_

_BASES = {"consent": LegalBasis.CONSENT, "existing-customer": LegalBasis.EXISTING_CUSTOMER}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    consent = subparsers.add_parser(
        "consent", parents=[common],
        help="record a consent event (current wording version) in the ledger")
    consent.add_argument("client_id", type=int, metavar="ID")
    consent.add_argument("action", choices=["give", "withdraw"])
    consent.add_argument("--purpose", required=True, choices=[p.value for p in Purpose])
    consent.add_argument("--method", required=True,
                         choices=[m.value for m in Method if m is not Method.SCREEN],
                         help="paper, desk or phone (message: the client replied to one of "
                              "the salon's messages; withdrawals only)")
    consent.add_argument("--basis", default="consent", choices=list(_BASES),
                         help="give only: existing-customer records the e-mail/SMS "
                              "exception of ECA §103¹(3) instead of a consent")
    consent.set_defaults(handler=cmd_consent, needs_sign_in=True)

    export = subparsers.add_parser("marketing-export", parents=[common],
                                   help="write a marketing list as CSV (manager only)")
    export.add_argument("--purpose", required=True,
                        choices=[p.value for p in MARKETING_PURPOSES])
    export.add_argument("--out", required=True, type=Path, metavar="FILE.csv")
    export.add_argument("--days", type=int, default=14,
                        help="birthday: birthdays in this many days from today (default 14)")
    export.set_defaults(handler=cmd_marketing_export, needs_sign_in=True)


def cmd_consent(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    """Prints the purpose's state after the event: purpose, action, basis, wording version
    (tab-separated; the version is "-" for a withdrawal)."""
    ensure_password_current(ctx)
    consents = ctx.services.consents
    if args.action == "give":
        event = consents.give(args.client_id, args.purpose, args.method, _BASES[args.basis])
        io.message(N_("Consent recorded."))
    else:
        event = consents.withdraw(args.client_id, args.purpose, args.method)
        io.message(N_("Consent withdrawn. It takes effect at once."))
    version = "-" if event.wording_version is None else f"v{event.wording_version}"
    io.result(f"{event.purpose.value}\t{event.action.value}\t{event.legal_basis.value}\t"
              f"{version}")
    return 0


def cmd_marketing_export(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    result = ctx.services.marketing.export_csv(args.purpose, args.out, days=args.days)
    io.result(str(args.out))
    io.message(N_("Clients in the list: {count}"), count=result.count)
    return 0
