"""Helpers for the client, visit, booking and import tests: staff of every role (switched
without re-hashing passwords), a catalogue, and clients created through the service."""

from __future__ import annotations

from dataclasses import dataclass

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import CatalogueDraft
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Session
from salon_desktop.storage import staff_repo

PASSWORD = "Sinine-Meri-42"


@dataclass
class Salon:
    ctx: AppContext
    sessions: dict[Role, Session]
    staff: dict[str, int]          # username → staff id

    def act_as(self, role: Role) -> None:
        self.ctx.services.ctx.session = self.sessions[role]

    def act_as_user(self, username: str) -> None:
        self.ctx.services.ctx.session = self.ctx.services.auth.sign_in(username, PASSWORD)


def add_staff(ctx: AppContext, username: str, role: Role, display_name: str = "") -> int:
    assert ctx.vault is not None
    db = ctx.vault.db
    with db.transaction():
        return staff_repo.insert(db, username=username, display_name=display_name or
                                 username.title(), role=role.value,
                                 password_hash=hash_password(PASSWORD),
                                 must_change_password=False, now=ctx.clock.now())


def make_salon(ctx: AppContext) -> Salon:
    """The fixture's manager plus a receptionist (kati) and two stylists (liis, anna)."""
    manager = ctx.services.session
    assert manager is not None
    staff = {"manager": manager.staff_id}
    for username, role in (("kati", Role.RECEPTION), ("liis", Role.STYLIST),
                           ("anna", Role.STYLIST)):
        staff[username] = add_staff(ctx, username, role)
    sessions = {Role.ADMIN: manager}
    sessions[Role.RECEPTION] = ctx.services.auth.sign_in("kati", PASSWORD)
    sessions[Role.STYLIST] = ctx.services.auth.sign_in("liis", PASSWORD)
    ctx.services.ctx.session = manager
    return Salon(ctx, sessions, staff)


def add_catalogue(ctx: AppContext) -> dict[str, int]:
    """Lõikus 45 min 35 €, Värvimine 120 min 85 € (needs a patch test)."""
    return {
        "cut": ctx.services.catalogue.add(CatalogueDraft("Lõikus", 45, 35_00)),
        "colour": ctx.services.catalogue.add(CatalogueDraft("Värvimine", 120, 85_00, True)),
    }


def new_client(ctx: AppContext, first: str, last: str, **fields: object) -> int:
    result = ctx.services.clients.create(ClientDraft(first, last, **fields),  # type: ignore[arg-type]
                                         force=True)
    assert result.client_id is not None
    return result.client_id
