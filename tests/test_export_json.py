"""The portable export (GDPR Art. 20): valid against its documented schema, complete (it
reads back into the same copy the report is printed from), UTF-8 as typed, manager only."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import PermissionDenied
from salon_desktop.domain.rights import RequestStatus
from salon_desktop.domain.roles import Role
from salon_desktop.reports.export_json import read_export, to_dict
from tests.clients_helpers import make_salon, new_client
from tests.rights_helpers import rich_client

SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "export-schema.json")
                    .read_text(encoding="utf-8"))


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("person", ["et", "ru"])
def test_export_validates_round_trips_and_holds_every_value(app_context: AppContext,
                                                            tmp_path: Path,
                                                            person: str) -> None:
    salon = make_salon(app_context)
    client = rich_client(salon, person)
    out = tmp_path / "export.json"
    # Complete: what is written reads back into the very copy the report is built from
    # (taken first: the export adds its own audit entry to the history).
    copy = app_context.services.data_subject._copy(client.id, None)
    app_context.services.data_subject.export_json(client.id, out)
    raw = out.read_text(encoding="utf-8")
    data = json.loads(raw)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert read_export(out) == copy
    assert to_dict(copy) == data
    for key in ("first", "last", "email", "address", "preferences", "notes", "allergies",
                "contra", "product", "formula", "visit_notes", "booking_notes"):
        assert client.values[key] in raw, key  # as typed: õ and Cyrillic are not escaped
    assert data["client"]["phone"] == client.values["phone"].replace(" ", "")
    assert [c["purpose"] for c in data["consents"] if c["stands"]] == ["email", "health"]
    assert {h["action"] for h in data["history"]} >= {"client.create", "visit.record",
                                                       "appointment.book"}
    assert data["authority"]["email"] == "info@aki.ee"
    assert data["produced_by_role"] == "admin"


def test_an_empty_client_validates_too(app_context: AppContext, tmp_path: Path) -> None:
    client_id = new_client(app_context, "Mari", "Maasikas")
    out = tmp_path / "e.json"
    app_context.services.data_subject.export_json(client_id, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["health"] is None and data["visits"] == [] and data["client"]["phone"] is None


def test_export_is_for_the_manager_audited_and_answers_the_request(
        app_context: AppContext, tmp_path: Path) -> None:
    salon = make_salon(app_context)
    client_id = new_client(app_context, "Õie", "Šmidt")
    request = app_context.services.requests.receive("portability", client_id)
    salon.act_as(Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        app_context.services.data_subject.export_json(client_id, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()
    salon.act_as(Role.ADMIN)
    app_context.services.data_subject.export_json(client_id, tmp_path / "x.json",
                                                  request_id=request.id)
    assert app_context.services.requests.get(request.id).status is RequestStatus.DONE
    entries = [e for e in app_context.services.audit.entries() if e.action == "client.export"]
    assert [(e.record_id, e.detail) for e in entries] == [(str(client_id),
                                                          "format=json; language=et")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "x.json"]
