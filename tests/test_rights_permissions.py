"""Role × action for the clients' rights services: every public method has a row (adding one
fails here until it is listed), the roles in the row may call it, every other role gets
``PermissionDenied``, a signed-out caller ``NotSignedIn``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import NotSignedIn, PermissionDenied
from salon_desktop.domain.roles import Role
from salon_desktop.services.base import Service
from salon_desktop.services.data_subject import DataSubjectService
from salon_desktop.services.erasure import ErasureService
from salon_desktop.services.processing_record import ProcessingRecordService
from salon_desktop.services.requests_register import RequestsRegisterService
from salon_desktop.services.retention import RetentionService
from tests.clients_helpers import Salon, make_salon, new_client

A, R, S = Role.ADMIN, Role.RECEPTION, Role.STYLIST
MANAGER, DESK, ALL = {A}, {A, R}, {A, R, S}
Call = Callable[[AppContext, int, Path], object]

ROWS: dict[str, tuple[Call, set[Role]]] = {
    "DataSubjectService.access_report_pdf":
        (lambda c, i, t: c.services.data_subject.access_report_pdf(i), DESK),
    "DataSubjectService.save_access_report":
        (lambda c, i, t: c.services.data_subject.save_access_report(i, t / "r.pdf"), DESK),
    "DataSubjectService.export_json":
        (lambda c, i, t: c.services.data_subject.export_json(i, t / "e.json"), MANAGER),
    "RequestsRegisterService.receive":
        (lambda c, i, t: c.services.requests.receive("access", i), DESK),
    "RequestsRegisterService.get": (lambda c, i, t: c.services.requests.get(1), MANAGER),
    "RequestsRegisterService.entries": (lambda c, i, t: c.services.requests.entries(), MANAGER),
    "RequestsRegisterService.overview":
        (lambda c, i, t: c.services.requests.overview(), MANAGER),
    "RequestsRegisterService.extend":
        (lambda c, i, t: c.services.requests.extend(1, "põhjus"), MANAGER),
    "RequestsRegisterService.assign": (lambda c, i, t: c.services.requests.assign(1, 1),
                                       MANAGER),
    "RequestsRegisterService.close": (lambda c, i, t: c.services.requests.close(1), MANAGER),
    "ErasureService.preview": (lambda c, i, t: c.services.erasure.preview(i), MANAGER),
    "ErasureService.erase": (lambda c, i, t: c.services.erasure.erase(i), MANAGER),
    "ErasureService.erase_in_transaction":
        (lambda c, i, t: c.services.erasure.erase_in_transaction(i), MANAGER),
    "RetentionService.review": (lambda c, i, t: c.services.retention.review(), MANAGER),
    "RetentionService.erase_clients":
        (lambda c, i, t: c.services.retention.erase_clients([], confirmed=True), MANAGER),
    "RetentionService.anonymise_clients":
        (lambda c, i, t: c.services.retention.anonymise_clients([], confirmed=True), MANAGER),
    "RetentionService.delete_expired_records":
        (lambda c, i, t: c.services.retention.delete_expired_records(confirmed=True), MANAGER),
    "ProcessingRecordService.record":
        (lambda c, i, t: c.services.processing_record.record("et"), ALL),
    "ProcessingRecordService.set_activity_text":
        (lambda c, i, t: c.services.processing_record.set_activity_text(
            "clients", "purpose", "en", None), MANAGER),
    "ProcessingRecordService.mark_activity_reviewed":
        (lambda c, i, t: c.services.processing_record.mark_activity_reviewed("clients"),
         MANAGER),
    "ProcessingRecordService.add_recipient":
        (lambda c, i, t: c.services.processing_record.add_recipient("other", "Firma OÜ"),
         MANAGER),
    "ProcessingRecordService.update_recipient":
        (lambda c, i, t: c.services.processing_record.update_recipient(1, name="Kask OÜ"),
         MANAGER),
    "ProcessingRecordService.add_measure":
        (lambda c, i, t: c.services.processing_record.add_measure("Uks lukus"), MANAGER),
    "ProcessingRecordService.update_measure":
        (lambda c, i, t: c.services.processing_record.update_measure(1, holder="Mari"),
         MANAGER),
    "ProcessingRecordService.mark_measure_checked":
        (lambda c, i, t: c.services.processing_record.mark_measure_checked(1), MANAGER),
    "ProcessingRecordService.save_pdf":
        (lambda c, i, t: c.services.processing_record.save_pdf(t / "p.pdf", "et"), MANAGER),
}
SERVICES: tuple[type[Service], ...] = (DataSubjectService, RequestsRegisterService,
                                       ErasureService, RetentionService,
                                       ProcessingRecordService)


def test_every_public_method_has_a_row() -> None:
    declared = {f"{cls.__name__}.{name}" for cls in SERVICES
                for name, fn in vars(cls).items()
                if not name.startswith("_") and inspect.isfunction(fn)}
    assert declared == set(ROWS)


@pytest.fixture
def salon(app_context: AppContext) -> Salon:
    salon = make_salon(app_context)
    app_context.services.requests.receive("access", None)  # request 1
    return salon


@pytest.mark.parametrize("name", sorted(ROWS))
def test_role_by_action(salon: Salon, tmp_path: Path, name: str) -> None:
    call, roles = ROWS[name]
    for role in (S, R, A):  # the manager last: erasing first would leave nothing to refuse
        salon.act_as(A)
        client_id = new_client(salon.ctx, "Õie", f"Šmidt-{role.value}")
        salon.act_as(role)
        if role in roles:
            call(salon.ctx, client_id, tmp_path)
        else:
            with pytest.raises(PermissionDenied):
                call(salon.ctx, client_id, tmp_path)
    salon.ctx.services.ctx.session = None
    with pytest.raises(NotSignedIn):
        call(salon.ctx, 1, tmp_path)
