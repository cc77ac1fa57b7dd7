"""``demo-data``, ``import-clients`` and ``clients``: the client register without the window.

The same services as the GUI (same permission checks, same audit entries, source "cli"):
a stylist's ``clients --search`` matches names only, exactly as in the app.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from salon_desktop.cli.cmd_staff import ensure_password_current
from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.domain.client_import import REQUIRED_FIELDS
from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_

PAGE = 500


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = subparsers.add_parser("demo-data", parents=[common],
                                 help="add synthetic clients, visits and bookings")
    demo.add_argument("--clients", type=int, required=True, metavar="N")
    demo.add_argument("--visits", type=int, default=0, metavar="M")
    demo.set_defaults(handler=cmd_demo_data, needs_sign_in=True)

    importer = subparsers.add_parser("import-clients", parents=[common],
                                     help="import clients from a CSV file")
    importer.add_argument("file", metavar="FILE.csv")
    importer.set_defaults(handler=cmd_import, needs_sign_in=True)

    listing = subparsers.add_parser("clients", parents=[common], help="list or search clients")
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.set_defaults(handler=cmd_clients, needs_sign_in=True)


def cmd_demo_data(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    ensure_password_current(ctx)
    if args.clients < 0 or args.visits < 0:
        raise ValidationError("clients", N_("Please enter a number of zero or more."))
    started = time.perf_counter()
    summary = ctx.services.demo.add_demo_data(args.clients, args.visits)
    io.result(io.t.gettext(N_("Added {clients} clients, {visits} visits and {bookings} "
                              "bookings in {seconds} s.")).format(
        clients=summary.clients, visits=summary.visits, bookings=summary.appointments,
        seconds=f"{time.perf_counter() - started:.1f}"))
    return 0


def cmd_import(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    """Columns are taken from the header row (English, Estonian or Russian names)."""
    ensure_password_current(ctx)
    service = ctx.services.client_import
    preview = service.preview(Path(args.file))
    missing = [f for f in REQUIRED_FIELDS if f not in preview.suggested_mapping.values()]
    if missing:
        raise ValidationError("mapping", N_("The header row must name the columns "
                                            "first_name and last_name (or eesnimi and "
                                            "perekonnanimi, имя and фамилия)."))
    report = service.import_rows(Path(args.file), preview.suggested_mapping)
    io.result(io.t.gettext(N_("Imported {imported} clients; {rejected} rows rejected.")).format(
        imported=report.imported, rejected=len(report.rejected)))
    for row in report.rejected:
        io.result(io.t.gettext(N_("Row {row}: {reason}")).format(row=row.row_number,
                                                                 reason=row.message(io.t)))
    return 0


def cmd_clients(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    """One line per client: "<id>\\t<last name>, <first name>", best matches first."""
    ensure_password_current(ctx)
    offset = 0
    while True:
        page = ctx.services.clients.search(args.search, limit=PAGE, offset=offset,
                                           with_total=False)
        for item in page.items:
            io.result(f"{item.id}\t{item.last_name}, {item.first_name}")
        if len(page.items) < PAGE:
            return 0
        offset += PAGE
