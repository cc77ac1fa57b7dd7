"""Importing clients from a previous system or a spreadsheet (CSV).

Excel in Estonia writes ';'-separated files, other tools ','; either may start with a BOM.
The flow: ``preview`` (columns, a suggested column → field mapping, the first rows), the
person confirms or changes the mapping, ``import_rows`` checks every row like the client
form does and writes all good rows in one transaction; each bad row is reported with its
spreadsheet row number, the field and the reason. Rows already in the register (same phone
or e-mail), or repeated in the file, are reported, not imported twice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from salon_desktop.domain.client_import import (
    IMPORT_FIELDS,
    REQUIRED_FIELDS,
    ImportPreview,
    ImportReport,
    RejectedRow,
    suggest_mapping,
)
from salon_desktop.domain.errors import SalonError, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import ValidationFailed, clean_client_fields, parse_language
from salon_desktop.i18n import N_
from salon_desktop.services import client_view as view
from salon_desktop.services.base import Service, requires
from salon_desktop.storage import clients_repo

PREVIEW_ROWS = 20
MAX_BYTES = 50 * 1024 * 1024


class ImportFileUnreadable(SalonError):
    msgid = N_("The file could not be read as text in UTF-8.")
    way_out = N_("In Excel choose Save As → “CSV UTF-8 (comma delimited)” and import that "
                 "file.")


class ImportFileNotOpened(ImportFileUnreadable):
    """A missing file, a folder or one another program holds: not an encoding problem, so
    the Excel advice would send the person the wrong way."""

    msgid = N_("The file could not be opened.")
    way_out = N_("Check that the file exists, that it is a file and not a folder, and that "
                 "it is not open in another program.")


class ImportFileEmpty(SalonError):
    msgid = N_("The file has no header row with column names.")


class ImportFileMalformed(SalonError):
    msgid = N_("The file is not a well-formed CSV file: the problem starts at line {line} "
               "(for example a quotation mark that is never closed, or an extremely long "
               "cell). Nothing was imported.")
    way_out = N_("Open the file in Excel, check that line and save it again as "
                 "“CSV UTF-8 (comma delimited)”.")


class ImportFileTooLarge(SalonError):
    msgid = N_("The file is larger than {limit} MB. Please split it into smaller files.")


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFileTooLarge(limit=MAX_BYTES // (1024 * 1024))
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileUnreadable() from None
    except OSError:
        raise ImportFileNotOpened() from None


def _sniff_delimiter(text: str) -> str:
    """';' or ',': whichever splits the header line into more columns (outside quotes)."""
    header = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ";"))


def _records(text: str) -> tuple[str, list[str], Iterator[tuple[int, list[str]]]]:
    delimiter = _sniff_delimiter(text)
    # strict: a quote never closed is an error, not a cell swallowing the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = _next_record(reader)
    if not header or not any(cell.strip() for cell in header):
        raise ImportFileEmpty()
    return delimiter, [cell.strip() for cell in header], _data_rows(reader)


def _next_record(reader: Iterator[list[str]]) -> list[str] | None:
    """The next record; a malformed one (csv.Error) names the line where it starts."""
    start = reader.line_num + 1  # type: ignore[attr-defined]
    try:
        return next(reader, None)
    except csv.Error:
        raise ImportFileMalformed(line=start) from None


def _data_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) of every non-blank record after the header."""
    number = 1
    while (row := _next_record(reader)) is not None:
        number += 1
        if any(cell.strip() for cell in row):
            yield number, row


class ClientImportService(Service):
    @requires(Permission.CLIENT_BASIC_WRITE, Permission.CLIENT_CONTACT_WRITE)
    def preview(self, path: Path | str) -> ImportPreview:
        """The header, a suggested mapping (column index → field) and the first 20 rows."""
        delimiter, header, rows = _records(_read_text(Path(path)))
        first: list[tuple[str, ...]] = []
        count = 0
        for _number, row in rows:
            if len(first) < PREVIEW_ROWS:
                first.append(tuple(row))
            count += 1
        return ImportPreview(tuple(header), suggest_mapping(header), tuple(first), delimiter,
                             count)

    @requires(Permission.CLIENT_BASIC_WRITE, Permission.CLIENT_CONTACT_WRITE)
    def import_rows(self, path: Path | str, mapping: Mapping[int, str]) -> ImportReport:
        """Import every good row in one transaction (all or nothing); report the others."""
        self._check_mapping(mapping)
        _delimiter, _header, rows = _records(_read_text(Path(path)))
        today = view.local_today(self.ctx)
        rejected: list[RejectedRow] = []
        good: list[dict[str, object]] = []
        with self.db.transaction():
            phones, emails = clients_repo.all_contacts(self.db)
            for number, row in rows:
                values = {name: (row[index].strip() if index < len(row) else "")
                          for index, name in mapping.items()}
                try:
                    cleaned = self._clean(values, today)
                except ValidationError as error:
                    rejected.append(RejectedRow(number, error.field, error.msgid_used,
                                                dict(error.params)))
                    continue
                clash = self._clash(cleaned, phones, emails)
                if clash:
                    rejected.append(RejectedRow(number, clash, N_(
                        "A client with this phone number or e-mail is already registered "
                        "or appears earlier in the file.")))
                    continue
                good.append(cleaned)
            clients_repo.insert_many(self.db, good, self.ctx.clock.now())
            self.audit("client.import", record_type="client",
                       fields=sorted(set(mapping.values())),
                       detail=f"imported={len(good)} rejected={len(rejected)}")
        return ImportReport(len(good), tuple(rejected))

    @staticmethod
    def _check_mapping(mapping: Mapping[int, str]) -> None:
        fields = list(mapping.values())
        unknown = set(fields) - set(IMPORT_FIELDS)
        if unknown:
            raise ValueError(f"unknown import fields: {sorted(unknown)}")
        if len(fields) != len(set(fields)):
            raise ValidationError("mapping", N_("Each field can come from one column only."))
        for required in REQUIRED_FIELDS:
            if required not in fields:
                raise ValidationError("mapping", N_("Please choose the columns that hold the "
                                                    "first name and the last name."))

    @staticmethod
    def _clean(values: dict[str, str], today: object) -> dict[str, object]:
        language = values.pop("language", "")
        try:
            cleaned = clean_client_fields(values, today)  # type: ignore[arg-type]
        except ValidationFailed as failed:
            raise failed.errors[0] from None
        cleaned["language"] = parse_language(language) if language else "et"
        return cleaned

    @staticmethod
    def _clash(cleaned: dict[str, object], phones: set[str], emails: set[str]) -> str | None:
        phone, email = cleaned.get("phone"), cleaned.get("email")
        folded = str(email).casefold() if email else None
        clash = ("phone" if phone and phone in phones
                 else "email" if folded and folded in emails else None)
        if clash is None:
            if phone:
                phones.add(str(phone))
            if folded:
                emails.add(folded)
        return clash
