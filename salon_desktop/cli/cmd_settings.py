"""``settings list | settings set KEY VALUE``: salon-wide settings from the command line, e.g.
to roll out the same policy to several PCs. Same checks and audit entries as the app."""

from __future__ import annotations

import argparse

from salon_desktop.cli.cmd_staff import ensure_password_current
from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.domain.settings import SETTINGS


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    settings = subparsers.add_parser("settings", parents=[common], help="salon-wide settings")
    actions = settings.add_subparsers(dest="settings_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="print every setting")
    listing.set_defaults(handler=cmd_list, needs_sign_in=True)

    change = actions.add_parser("set", parents=[common], help="change one setting")
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")
    change.set_defaults(handler=cmd_set, needs_sign_in=True)


def cmd_list(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    """One line per setting: key, tab, value (booleans as true/false)."""
    ensure_password_current(ctx)
    for key, value in ctx.services.settings.all().items():
        io.result(f"{key}\t{SETTINGS[key].to_text(value)}")
    return 0


def cmd_set(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    value = ctx.services.settings.set(args.key, args.value)
    io.result(f"{args.key}\t{SETTINGS[args.key].to_text(value)}")
    return 0
