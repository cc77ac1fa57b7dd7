"""Helpers for the staff, auth, audit and permission tests: accounts of every role."""

from __future__ import annotations

from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER

USERS: dict[Role, tuple[str, str]] = {
    Role.ADMIN: (ADMIN_USER, ADMIN_PASSWORD),
    Role.RECEPTION: ("kati", "Sinine-Meri-42"),
    Role.STYLIST: ("liis", "Roheline-Mets-17"),
}
TEMPORARY_PASSWORD = "Ajutine-Vaher-88"


def add_member(ctx: AppContext, username: str, role: Role, password: str) -> int:
    """As the signed-in manager, add a member who then sets their own password; the manager
    is signed in again afterwards."""
    member = ctx.services.staff.create(username, username.title(), role, TEMPORARY_PASSWORD)
    ctx.services.auth.sign_in(username, TEMPORARY_PASSWORD)
    ctx.services.auth.change_own_password(TEMPORARY_PASSWORD, password, password)
    ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    return member.id


def add_all_roles(ctx: AppContext) -> dict[Role, int]:
    """A reception and a stylist account next to the manager; returns staff ids by role."""
    assert ctx.services.session is not None
    ids = {Role.ADMIN: ctx.services.session.staff_id}
    for role in (Role.RECEPTION, Role.STYLIST):
        username, password = USERS[role]
        ids[role] = add_member(ctx, username, role, password)
    return ids


def sign_in_as(ctx: AppContext, role: Role) -> None:
    username, password = USERS[role]
    ctx.services.auth.sign_in(username, password)
