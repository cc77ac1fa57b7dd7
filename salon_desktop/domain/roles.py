"""Roles and the permission matrix, as data.

The services consult this matrix; the UI never decides what a role may see. The matrix is
the design's default; the admin may tighten it through settings (e.g. stylists see only
their own clients), never widen it.
"""

from __future__ import annotations

from enum import StrEnum

from salon_desktop.i18n import N_


class Role(StrEnum):
    ADMIN = "admin"
    RECEPTION = "reception"
    STYLIST = "stylist"


# Shown as "manager" for admin: in et/ru salons "administraator" means the receptionist.
ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: N_("Manager"),
    Role.RECEPTION: N_("Reception"),
    Role.STYLIST: N_("Stylist"),
}


class Permission(StrEnum):
    CLIENT_BASIC_READ = "client.basic.read"          # name, language, preferences
    CLIENT_BASIC_WRITE = "client.basic.write"
    CLIENT_CONTACT_READ = "client.contact.read"      # phone, e-mail, address, birth date
    CLIENT_CONTACT_WRITE = "client.contact.write"
    HEALTH_FLAG_READ = "health.flag.read"            # "allergy on file", patch test valid?
    HEALTH_READ = "health.read"                      # allergies, patch tests in detail
    HEALTH_WRITE = "health.write"
    VISIT_READ = "visit.read"                        # visits, colour formulas, notes
    VISIT_WRITE = "visit.write"
    BOOKING_READ = "booking.read"
    BOOKING_WRITE = "booking.write"
    CONSENT_FLAG_READ = "consent.flag.read"
    CONSENT_READ = "consent.read"
    CONSENT_WRITE = "consent.write"
    REPORT_PRINT = "report.print"
    DATA_EXPORT = "data.export"
    ERASE = "client.erase"
    STAFF_MANAGE = "staff.manage"
    SETTINGS_MANAGE = "settings.manage"
    AUDIT_READ = "audit.read"
    BACKUP = "backup"
    OWN_PASSWORD = "own.password"


P = Permission
_EVERYONE = {P.CLIENT_BASIC_READ, P.CLIENT_BASIC_WRITE, P.HEALTH_FLAG_READ, P.VISIT_READ,
             P.VISIT_WRITE, P.BOOKING_READ, P.BOOKING_WRITE, P.CONSENT_FLAG_READ,
             P.OWN_PASSWORD}

DEFAULT_MATRIX: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.RECEPTION: frozenset(_EVERYONE | {
        P.CLIENT_CONTACT_READ, P.CLIENT_CONTACT_WRITE, P.CONSENT_READ, P.CONSENT_WRITE,
        P.REPORT_PRINT,
    }),
    Role.STYLIST: frozenset(_EVERYONE | {P.HEALTH_READ, P.HEALTH_WRITE}),
}


def allowed(role: Role, permission: Permission) -> bool:
    return permission in DEFAULT_MATRIX[role]
