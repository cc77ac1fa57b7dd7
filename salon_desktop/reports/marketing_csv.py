"""Marketing lists as CSV for the salon's mail or SMS tool (and for Excel).

- UTF-8 with a byte-order mark: without it, Excel on an Estonian or Russian Windows opens the
  file in the ANSI code page and shows "Ãµ" for "õ" and garbage for Cyrillic. Mail tools that
  import CSV (Mailchimp, Smaily, MailerLite, SMS gateways) accept the BOM.
- ";" as the separator: Estonian (and Russian) Windows use the decimal comma, so Excel's list
  separator there is ";" and a ","-separated file opens as one column.
- A name that starts with = + - @ (or a tab/CR) gets a leading apostrophe, so a spreadsheet
  never runs it as a formula (CSV injection). Phone numbers keep their "+": they are
  normalised E.164 (digits only, nothing a formula could hide in), which SMS tools expect.
- Written atomically: never half a contact list on a USB stick.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from salon_desktop.reports.atomic import FileNotSaved, write_atomically

DELIMITER = ";"
ENCODING = "utf-8-sig"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def write_csv(out_path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *,
              text_columns: Iterable[int] = ()) -> None:
    """Write ``header`` and ``rows``; values in ``text_columns`` (free text typed by people,
    e.g. names) are guarded against formula injection. Raises ``FileNotSaved``."""
    guarded = set(text_columns)

    def produce(temp_path: Path) -> None:
        with temp_path.open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL,
                                lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([
                    _safe_text(str(v)) if i in guarded and v is not None
                    else ("" if v is None else str(v))
                    for i, v in enumerate(row)])

    write_atomically(Path(out_path), produce, FileNotSaved)
