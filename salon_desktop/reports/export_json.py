"""The portable export (GDPR Art. 20): a ``ClientDataCopy`` as JSON, and back.

The JSON is the dataclasses' fields, by the same names, plus ``format`` and
``schema_version``; ``docs/export-schema.json`` (JSON Schema 2020-12) documents every field
for whoever imports it. Dates are ``YYYY-MM-DD``; instants are ISO 8601 with their offset
(UTC); the salon's wall-clock times (visits, bookings, patch tests) have none; money is
whole cents. Conversion is driven by the type hints, so a field added to the copy is
exported without touching this module — and ``read_export`` gives back an equal object,
which the tests check (the export is complete exactly when it round-trips).

Written atomically to the place the user chose, UTF-8, never into a temporary folder.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

from salon_desktop.domain.data_copy import FORMAT, SCHEMA_VERSION, ClientDataCopy
from salon_desktop.reports.atomic import FileNotSaved, write_atomically


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def to_dict(copy: ClientDataCopy) -> dict[str, Any]:
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, **_plain(copy)}


def _build(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _build(options[0], value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_build(item, v) for v in value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _build(hints[f.name], value[f.name])
                       for f in dataclasses.fields(kind)})
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return value


def from_dict(data: dict[str, Any]) -> ClientDataCopy:
    if data.get("format") != FORMAT or data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError("not a Salon Desktop client data export of this version")
    return typing.cast(ClientDataCopy, _build(ClientDataCopy, data))


def dumps(copy: ClientDataCopy) -> str:
    return json.dumps(to_dict(copy), ensure_ascii=False, indent=2)


def save_export(out_path: Path, copy: ClientDataCopy) -> None:
    """Raises ``FileNotSaved`` when the file cannot be written; no partial file is left."""
    text = dumps(copy) + "\n"
    write_atomically(Path(out_path), lambda temp: temp.write_text(text, encoding="utf-8"),
                     FileNotSaved)


def read_export(path: Path) -> ClientDataCopy:
    return from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
