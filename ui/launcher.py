"""The ``salon-desktop`` command: the window, or the headless ``admin`` commands.

Qt is imported only when the window is wanted, so ``salon-desktop admin …`` and
``--version`` start fast and work on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    from salon_desktop import __version__

    parser = argparse.ArgumentParser(prog="salon-desktop",
                                     description="Salon Desktop — clients, visits, bookings, "
                                                 "with privacy built in.")
    parser.add_argument("--data-dir", metavar="DIR")
    parser.add_argument("--demo", action="store_true",
                        help="open a separate demo salon with synthetic clients")
    parser.add_argument("--lang", choices=["et", "ru", "en"])
    parser.add_argument("--version", action="version", version=f"Salon Desktop {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "admin":
        from salon_desktop.cli.main import main as admin_main

        return admin_main(args_list[1:])
    args = build_parser().parse_args(args_list)
    from ui.app import run

    return run(data_dir=args.data_dir, demo=args.demo, language=args.lang)


if __name__ == "__main__":
    sys.exit(main())
