"""List (and optionally stub) the messages missing from the et/ru catalogs.

    python tools/i18n_check.py                      # list what each language lacks
    python tools/i18n_check.py --stub AREA          # append empty entries to AREA.po

Messages are extracted with Babel from ``salon_desktop/`` and ``ui/`` (keywords ``_``, ``N_``,
``ngettext``, ``tr``). The test suite runs the same check and fails on any gap.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2), "tr": None}
TRANSLATED = ("et", "ru")


def extracted() -> dict[str, tuple[str, str] | str]:
    """msgid → the message (a (singular, plural) pair for plurals)."""
    found: dict[str, tuple[str, str] | str] = {}
    for package in ("salon_desktop", "ui"):
        folder = ROOT / package
        if not folder.is_dir():
            continue
        for _file, _line, message, _comments, _ctx in extract_from_dir(
                str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS):
            if isinstance(message, tuple):
                if message[0]:
                    found[message[0]] = (message[0], message[1])
            elif message:
                found[message] = message
    return found


def catalog_entries(language: str) -> dict[str, object]:
    entries: dict[str, object] = {}
    folder = ROOT / "resources" / "translations" / language / "LC_MESSAGES"
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            entries[key] = message.string
    return entries


def missing(language: str) -> list[str]:
    have = catalog_entries(language)
    gaps = []
    for msgid in extracted():
        value = have.get(msgid)
        ok = all(value) if isinstance(value, tuple | list) else bool(value)
        if not ok:
            gaps.append(msgid)
    return sorted(gaps)


def stub(area: str) -> None:
    messages = extracted()
    for language in TRANSLATED:
        have = catalog_entries(language)
        path = ROOT / "resources" / "translations" / language / "LC_MESSAGES" / f"{area}.po"
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, project="Salon Desktop", charset="utf-8")
        added = 0
        for msgid, message in messages.items():
            if msgid in have or msgid in catalog:
                continue
            catalog.add(message, "" if not isinstance(message, tuple) else ("", "", "")[
                :2 if language == "et" else 3])
            added += 1
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False)
        print(f"{path.relative_to(ROOT)}: {added} empty entries added")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stub", metavar="AREA")
    args = parser.parse_args()
    if args.stub:
        stub(args.stub)
        return 0
    status = 0
    for language in TRANSLATED:
        gaps = missing(language)
        for msgid in gaps:
            print(f"{language}: {msgid!r}")
        status |= bool(gaps)
    return status


if __name__ == "__main__":
    sys.exit(main())
