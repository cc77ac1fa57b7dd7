"""``salon-desktop admin …``: argument parsing, sign-in and dispatch to command modules.

Each command module exposes ``register(subparsers, common)``; a command that acts on personal
data sets ``needs_sign_in=True`` and receives an ``AppContext`` signed in as ``--user`` (password
from stdin), so the same permission checks and audit entries apply (source "cli").
Exit status: 0 success, 1 a failure the message explains, 2 wrong usage (also a
signing-in command without --user).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from salon_desktop import app_log
from salon_desktop.cli import (
    cmd_audit,
    cmd_backup,
    cmd_clients,
    cmd_consents,
    cmd_rights,
    cmd_settings,
    cmd_staff,
    cmd_vault,
)
from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_, get_translator, set_language, system_language
from salon_desktop.paths import resolve_data_dir

log = logging.getLogger(__name__)

# Command modules, each with register(subparsers, common). Later capabilities append here.
COMMAND_MODULES: list[Callable[..., None]] = [
    cmd_vault.register,
    cmd_staff.register,
    cmd_audit.register,
    cmd_settings.register,
    cmd_clients.register,
    cmd_consents.register,
    cmd_backup.register,
    cmd_rights.register,
]


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """--data-dir/--user/--lang are accepted before or after COMMAND (cli.md)."""
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    parent.add_argument("--data-dir", default=default, metavar="DIR")
    parent.add_argument("--user", default=default, metavar="USER")
    parent.add_argument("--lang", default=default, choices=["et", "ru", "en"])
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="salon-desktop admin", parents=[_common_options(False)])
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = _common_options(True)
    for register in COMMAND_MODULES:
        register(subparsers, common)
    return parser


class UsageError(SalonError):
    msgid = N_("This command needs --user USER (the password is read from standard input).")


def sign_in(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> None:
    if not getattr(args, "user", None):
        raise UsageError()
    password = io.read_secret(N_("Password"))
    ctx.services.auth.sign_in(args.user, password)


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None,
         context_factory: Callable[[Path], AppContext] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=["et", "ru", "en"])
    known, _rest = pre.parse_known_args(args_list)
    language = set_language(known.lang or system_language())
    io = CliIO(get_translator(language), stdin, stdout, stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: 2 for wrong usage, 0 for --help
        return int(exc.code or 0)
    data_dir = resolve_data_dir(args.data_dir)
    if data_dir.exists():
        app_log.configure(data_dir)
    factory = context_factory or (lambda folder: AppContext(folder, source="cli"))
    ctx = factory(data_dir)
    try:
        if getattr(args, "opens_vault", True):
            ctx.open()
        if getattr(args, "needs_sign_in", False):
            sign_in(ctx, args, io)
        return int(args.handler(ctx, args, io) or 0)
    except UsageError as error:  # wrong usage: exit status 2 (cli.md)
        io.error(error)
        return 2
    except SalonError as error:
        log.info("command %s failed: %s", args.command, type(error).__name__)
        io.error(error)
        return 1
    except KeyboardInterrupt:
        return 1
    finally:
        _sign_out_quietly(ctx)
        ctx.close()


def _sign_out_quietly(ctx: AppContext) -> None:
    """End the command's session so the audit log shows where the CLI's work stopped."""
    try:
        if ctx.vault is not None and ctx.services.session is not None:
            ctx.services.auth.sign_out()
    except SalonError:
        log.info("sign-out after the command failed")
