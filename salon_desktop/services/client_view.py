"""Shaping client rows for a session: which fields leave the services and which clients.

Read permissions come from ``services/visibility.py`` (the salon's one field → permission
table); this module maps the client card's field names onto it, adds the salon's settings
(no health data at all; stylists see only their own clients) and builds the dataclasses
with every other field absent.
"""

from __future__ import annotations

from datetime import date, datetime

from salon_desktop.domain.clients import (
    BASIC_FIELDS,
    CONTACT_FIELDS,
    HEALTH,
    HEALTH_CONSENT,
    HEALTH_FLAGS,
    NOTE_FIELDS,
    ClientListItem,
    HealthConsent,
    PatchTest,
    PatchTestResult,
)
from salon_desktop.domain.errors import NotFound
from salon_desktop.domain.roles import Permission, Role
from salon_desktop.domain.visits import Visit, VisitLine
from salon_desktop.services.base import ServiceContext, Session
from salon_desktop.services.settings import SettingsService
from salon_desktop.services.visibility import may_see_field, require_client
from salon_desktop.storage import clients_repo, visits_repo
from salon_desktop.storage.database import Database, Row

#: the card's field → the name it has in visibility.FIELD_PERMISSIONS
_VISIBILITY_NAME = {
    "favourite_stylist_id": "preferences",   # part of the client's preferences
    HEALTH_CONSENT: "consent_flags",
    HEALTH_FLAGS: "health_flag",
    HEALTH: "allergies",
}
_ALL_FIELDS = BASIC_FIELDS | CONTACT_FIELDS | NOTE_FIELDS | {HEALTH_CONSENT, HEALTH_FLAGS,
                                                              HEALTH}
_HEALTH_FIELDS = {HEALTH_CONSENT, HEALTH_FLAGS, HEALTH}


def setting(ctx: ServiceContext, key: str) -> int | bool | str:
    return SettingsService(ctx).value(key)


def local_now(ctx: ServiceContext) -> datetime:
    """The salon's wall-clock time (the reception PC's time zone), without tzinfo."""
    return ctx.clock.now().astimezone().replace(tzinfo=None, microsecond=0)


def local_today(ctx: ServiceContext) -> date:
    return local_now(ctx).date()


def visible_fields(ctx: ServiceContext, session: Session) -> frozenset[str]:
    """The client fields this role may see at all (masked or not)."""
    store_health = bool(setting(ctx, "store_health_data"))
    return frozenset(
        name for name in _ALL_FIELDS
        if (store_health or name not in _HEALTH_FIELDS)
        and may_see_field(session, _VISIBILITY_NAME.get(name, name)))


def writable_fields(session: Session) -> frozenset[str]:
    fields: set[str] = set()
    if session.can(Permission.CLIENT_BASIC_WRITE):
        fields |= BASIC_FIELDS
    if session.can(Permission.CLIENT_CONTACT_WRITE):
        fields |= CONTACT_FIELDS
    if session.can(Permission.VISIT_WRITE):
        fields |= NOTE_FIELDS
    return frozenset(fields)


def own_clients_of(ctx: ServiceContext, session: Session) -> int | None:
    """The stylist whose clients bound every list and card, when the salon restricts
    stylists to their own clients; ``None`` otherwise."""
    if session.role is Role.STYLIST and setting(ctx, "stylists_see_own_clients_only"):
        return session.staff_id
    return None


def require_visible_client(ctx: ServiceContext, session: Session, client_id: int) -> None:
    """``NotFound`` for a client that does not exist, ``PermissionDenied`` for one outside
    the stylist's own clients."""
    if not clients_repo.exists(ctx.db, client_id):
        raise NotFound()
    require_client(session,
                   stylists_see_own_clients_only=bool(
                       setting(ctx, "stylists_see_own_clients_only")),
                   served_or_booked=lambda: clients_repo.is_own_client(
                       ctx.db, client_id, session.staff_id))


def list_item(row: Row, fields: frozenset[str]) -> ClientListItem:
    return ClientListItem(
        id=int(row["id"]), first_name=row["first_name"], last_name=row["last_name"],
        language=row["language"], visible_fields=fields & {"first_name", "last_name",
                                                            "language", "phone", "email"},
        phone=row["phone"] if "phone" in fields else None,
        email=row["email"] if "email" in fields else None)


def health_consent(row: Row) -> HealthConsent | None:
    if row["health_consent"] is None:
        return None
    return HealthConsent(given=bool(row["health_consent"]),
                         recorded_at=datetime.fromisoformat(row["health_consent_at"]),
                         recorded_by=row["health_consent_by_name"])


def patch_test(row: Row) -> PatchTest:
    return PatchTest(id=int(row["id"]), product=row["product"],
                     applied_at=datetime.fromisoformat(row["applied_at"]),
                     tested_by_id=row["tested_by"], tested_by=row["tested_by_name"],
                     result=PatchTestResult(row["result"]),
                     valid_until=(date.fromisoformat(row["valid_until"])
                                  if row["valid_until"] else None))


def visits(db: Database, client_id: int, limit: int, offset: int = 0) -> tuple[Visit, ...]:
    rows = visits_repo.history(db, client_id, limit=limit, offset=offset)
    lines = visits_repo.lines(db, [int(r["id"]) for r in rows])
    return tuple(
        Visit(id=int(r["id"]), client_id=int(r["client_id"]),
              started_at=datetime.fromisoformat(r["started_at"]), stylist_id=r["stylist_id"],
              stylist=r["stylist_name"],
              lines=tuple(VisitLine(line["service_id"], line["name"], line["price_cents"])
                          for line in lines[int(r["id"])]),
              price_cents=int(r["price_cents"]), notes=r["notes"],
              colour_formula=r["colour_formula"], appointment_id=r["appointment_id"])
        for r in rows)
