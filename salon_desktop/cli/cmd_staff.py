"""``staff list | add | deactivate``: staff accounts from the command line (manager only).

The new member's temporary password is read from standard input (the line after the
manager's own password), never from an argument: arguments end up in shell history.
"""

from __future__ import annotations

import argparse

from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import SalonError
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import N_


class PasswordChangeRequired(SalonError):
    msgid = N_("Your password is temporary. Sign in to the app and choose your own password "
               "first.")


def ensure_password_current(ctx: AppContext) -> None:
    """A temporary password opens nothing but the password change (done in the app)."""
    session = ctx.services.session
    if session is not None and session.must_change_password:
        raise PasswordChangeRequired()


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    staff = subparsers.add_parser("staff", parents=[common], help="staff accounts")
    actions = staff.add_subparsers(dest="staff_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="list staff accounts")
    listing.set_defaults(handler=cmd_list, needs_sign_in=True)

    add = actions.add_parser("add", parents=[common],
                             help="add a staff member (temporary password on stdin)")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="")
    add.set_defaults(handler=cmd_add, needs_sign_in=True)

    deactivate = actions.add_parser("deactivate", parents=[common],
                                    help="stop an account from signing in")
    deactivate.add_argument("username")
    deactivate.set_defaults(handler=cmd_deactivate, needs_sign_in=True)


def cmd_list(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    """One line per member: username, role, active|inactive, display name (tab-separated)."""
    ensure_password_current(ctx)
    for member in ctx.services.staff.members():
        state = "active" if member.active else "inactive"
        io.result(f"{member.username}\t{member.role.value}\t{state}\t{member.display_name}")
    return 0


def cmd_add(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    temporary = io.read_secret(N_("Temporary password for the new staff member"))
    member = ctx.services.staff.create(args.username, args.display_name, args.role, temporary)
    io.result(member.username)
    io.message(N_("Staff member added. They must choose their own password at their first "
                  "sign-in."))
    return 0


def cmd_deactivate(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    staff = ctx.services.staff
    staff.deactivate(staff.find(args.username).id)
    io.message(N_("Staff member deactivated: the account can no longer sign in."))
    return 0
