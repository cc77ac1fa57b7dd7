"""All services over one ``ServiceContext`` (one database, one signed-in session).

The composition root (``salon_desktop/context.py``) builds one of these per opened vault; the
GUI and the CLI reach every use-case area as ``ctx.services.<area>``.
"""

from __future__ import annotations

from functools import cached_property

from salon_desktop.services.appointments import AppointmentService
from salon_desktop.services.audit_view import AuditService
from salon_desktop.services.auth import AuthService
from salon_desktop.services.backups import BackupService
from salon_desktop.services.base import ServiceContext, Session
from salon_desktop.services.catalogue import CatalogueService
from salon_desktop.services.client_health import HealthService
from salon_desktop.services.client_import import ClientImportService
from salon_desktop.services.clients import ClientService
from salon_desktop.services.consents import ConsentService
from salon_desktop.services.data_subject import DataSubjectService
from salon_desktop.services.demo import DemoService
from salon_desktop.services.drafts import DraftService
from salon_desktop.services.erasure import ErasureService
from salon_desktop.services.marketing import MarketingService
from salon_desktop.services.processing_record import ProcessingRecordService
from salon_desktop.services.requests_register import RequestsRegisterService
from salon_desktop.services.retention import RetentionService
from salon_desktop.services.schedule import ScheduleService
from salon_desktop.services.settings import SettingsService
from salon_desktop.services.setup import SetupService
from salon_desktop.services.staff import StaffService
from salon_desktop.services.visits import VisitService


class Services:
    """All services over one ``ServiceContext`` (one database, one session)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @cached_property
    def auth(self) -> AuthService:
        return AuthService(self.ctx)

    @cached_property
    def demo(self) -> DemoService:
        return DemoService(self.ctx)

    @cached_property
    def drafts(self) -> DraftService:
        return DraftService(self.ctx)

    @cached_property
    def setup(self) -> SetupService:
        return SetupService(self.ctx)

    @cached_property
    def settings(self) -> SettingsService:
        return SettingsService(self.ctx)

    @cached_property
    def staff(self) -> StaffService:
        return StaffService(self.ctx)

    @cached_property
    def audit(self) -> AuditService:
        return AuditService(self.ctx)

    @cached_property
    def clients(self) -> ClientService:
        return ClientService(self.ctx)

    @cached_property
    def client_health(self) -> HealthService:
        return HealthService(self.ctx)

    @cached_property
    def client_import(self) -> ClientImportService:
        return ClientImportService(self.ctx)

    @cached_property
    def visits(self) -> VisitService:
        return VisitService(self.ctx)

    @cached_property
    def catalogue(self) -> CatalogueService:
        return CatalogueService(self.ctx)

    @cached_property
    def appointments(self) -> AppointmentService:
        return AppointmentService(self.ctx)

    @cached_property
    def schedule(self) -> ScheduleService:
        return ScheduleService(self.ctx)

    @cached_property
    def consents(self) -> ConsentService:
        return ConsentService(self.ctx)

    @cached_property
    def marketing(self) -> MarketingService:
        return MarketingService(self.ctx)

    @cached_property
    def backups(self) -> BackupService:
        return BackupService(self.ctx)

    # -- clients' rights (docs/rights.md) --------------------------------------------------
    @cached_property
    def data_subject(self) -> DataSubjectService:
        return DataSubjectService(self.ctx)

    @cached_property
    def requests(self) -> RequestsRegisterService:
        return RequestsRegisterService(self.ctx)

    @cached_property
    def erasure(self) -> ErasureService:
        return ErasureService(self.ctx)

    @cached_property
    def retention(self) -> RetentionService:
        return RetentionService(self.ctx)

    @cached_property
    def processing_record(self) -> ProcessingRecordService:
        return ProcessingRecordService(self.ctx)

    @property
    def session(self) -> Session | None:
        return self.ctx.session
