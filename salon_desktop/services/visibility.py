"""What a role may see of a client, applied by the services before anything leaves them.

Fields a role may not see are removed — absent, not blank — so a screen, an export or a log
line cannot show what the service never handed out. Every client field must be listed in
``FIELD_PERMISSIONS``: an unlisted field is a programming error, not silently shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from salon_desktop.domain.errors import PermissionDenied
from salon_desktop.domain.roles import Permission, Role
from salon_desktop.services.base import Session

P = Permission
FIELD_PERMISSIONS: dict[str, Permission] = {
    # identity and what every stylist needs
    "id": P.CLIENT_BASIC_READ,
    "first_name": P.CLIENT_BASIC_READ,
    "last_name": P.CLIENT_BASIC_READ,
    "language": P.CLIENT_BASIC_READ,
    "preferences": P.CLIENT_BASIC_READ,
    "created_at": P.CLIENT_BASIC_READ,
    "updated_at": P.CLIENT_BASIC_READ,
    # contact details: not for stylists
    "phone": P.CLIENT_CONTACT_READ,
    "email": P.CLIENT_CONTACT_READ,
    "address": P.CLIENT_CONTACT_READ,
    "birth_date": P.CLIENT_CONTACT_READ,
    # health (GDPR Art. 9): reception sees only the flags
    "health_flag": P.HEALTH_FLAG_READ,          # "allergy on file"
    "patch_test_valid": P.HEALTH_FLAG_READ,
    "allergies": P.HEALTH_READ,
    "patch_tests": P.HEALTH_READ,
    "health_notes": P.HEALTH_READ,
    # the work itself
    "notes": P.VISIT_READ,
    "visits": P.VISIT_READ,
    "colour_formulas": P.VISIT_READ,
    # consents: stylists see only whether they stand
    "consent_flags": P.CONSENT_FLAG_READ,
    "consents": P.CONSENT_READ,
}


class UnknownClientField(KeyError):
    """Programming error: a client field without a permission in ``FIELD_PERMISSIONS``."""


def may_see_field(session: Session, field_name: str) -> bool:
    permission = FIELD_PERMISSIONS.get(field_name)
    if permission is None:
        raise UnknownClientField(field_name)
    return session.can(permission)


def visible_fields(session: Session, record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without the fields this session's role may not see (absent, not blank)."""
    return {name: value for name, value in record.items() if may_see_field(session, name)}


def hidden_fields(session: Session, names: list[str] | tuple[str, ...]) -> list[str]:
    """The names among ``names`` this role may not see (e.g. to drop columns from a query)."""
    return [name for name in names if not may_see_field(session, name)]


def may_see_client(session: Session, *, stylists_see_own_clients_only: bool,
                   served_or_booked: Callable[[], bool]) -> bool:
    """Whether this client is visible at all. With the manager's setting "stylists see only
    clients they have served or are booked with", a stylist sees a client only when
    ``served_or_booked()`` says so (asked lazily: other roles never pay for the query)."""
    if not session.can(P.CLIENT_BASIC_READ):
        return False
    if session.role is Role.STYLIST and stylists_see_own_clients_only:
        return served_or_booked()
    return True


def require_client(session: Session, *, stylists_see_own_clients_only: bool,
                   served_or_booked: Callable[[], bool]) -> None:
    """``may_see_client`` as a guard: raises ``PermissionDenied`` when the client is off limits."""
    if not may_see_client(session, stylists_see_own_clients_only=stylists_see_own_clients_only,
                          served_or_booked=served_or_booked):
        raise PermissionDenied()
