"""Write an area's .po files for et and ru from a Python dict {msgid: (et, ru)}.

    python tools/write_po.py AREA translations.py    # the file defines T = {...}

For plural messages use a (singular, plural) tuple as the key and tuples of forms as values.
Used when one engineer translates a whole area at once; hand edits of .po files work as well.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent


def write_area(area: str, table: dict[object, tuple[object, object]]) -> None:
    for index, language in enumerate(("et", "ru")):
        catalog = Catalog(locale=language, project="Salon Desktop", charset="utf-8")
        for msgid, translations in table.items():
            catalog.add(msgid, translations[index])
        folder = ROOT / "resources" / "translations" / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{area}.po").open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


if __name__ == "__main__":
    write_area(sys.argv[1], runpy.run_path(sys.argv[2])["T"])
