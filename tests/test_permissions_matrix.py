"""Role × action and role × field: the services enforce the permission matrix.

Adding a service method means adding a row to ``ACTIONS`` (the completeness test fails until
then); adding a client field means adding it to ``FIELDS``. Each row says which roles may do
it; every other role must get ``PermissionDenied`` and a signed-out caller ``NotSignedIn``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import NotSignedIn, PermissionDenied
from salon_desktop.domain.roles import Role
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.services.audit_view import AuditFilter, AuditService
from salon_desktop.services.auth import AuthService
from salon_desktop.services.base import Service, Session
from salon_desktop.services.demo import DemoService
from salon_desktop.services.registry import Services
from salon_desktop.services.settings import SettingsService
from salon_desktop.services.setup import SetupService
from salon_desktop.services.staff import StaffService
from salon_desktop.services.visibility import (
    FIELD_PERMISSIONS,
    UnknownClientField,
    may_see_client,
    visible_fields,
)
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, SALON_NAME
from tests.memory_keyring import MemoryKeyring
from tests.staff_helpers import TEMPORARY_PASSWORD, USERS, add_all_roles

A, R, S = Role.ADMIN, Role.RECEPTION, Role.STYLIST
EVERYONE = frozenset(Role)
FRONT_DESK = frozenset({A, R})
ADMIN_ONLY = frozenset({A})


@dataclass
class World:
    """One salon shared by all rows; each role acts on its own target account."""

    services: Services
    sessions: dict[Role, Session]
    targets: dict[Role, int]
    tmp: Path
    role: Role = A

    def act_as(self, role: Role | None) -> None:
        self.role = role or A
        self.services.ctx.session = self.sessions[role] if role else None

    @property
    def target(self) -> int:
        return self.targets[self.role]


@dataclass(frozen=True)
class Action:
    service: type[Service]
    method: str
    call: Callable[[World], object]
    roles: frozenset[Role]

    @property
    def name(self) -> str:
        return f"{self.service.__name__}.{self.method}"


ACTIONS: list[Action] = [
    # staff accounts: the manager only
    Action(StaffService, "members", lambda w: w.services.staff.members(), ADMIN_ONLY),
    Action(StaffService, "get", lambda w: w.services.staff.get(w.target), ADMIN_ONLY),
    Action(StaffService, "find", lambda w: w.services.staff.find(ADMIN_USER), ADMIN_ONLY),
    Action(StaffService, "create", lambda w: w.services.staff.create(
        f"uus-{w.role.value}", "", Role.STYLIST, TEMPORARY_PASSWORD), ADMIN_ONLY),
    Action(StaffService, "change_display_name",
           lambda w: w.services.staff.change_display_name(w.target, "Uus Nimi"), ADMIN_ONLY),
    Action(StaffService, "change_role",
           lambda w: w.services.staff.change_role(w.target, Role.RECEPTION), ADMIN_ONLY),
    Action(StaffService, "deactivate", lambda w: w.services.staff.deactivate(w.target),
           ADMIN_ONLY),
    Action(StaffService, "reactivate", lambda w: w.services.staff.reactivate(w.target),
           ADMIN_ONLY),
    Action(StaffService, "reset_password",
           lambda w: w.services.staff.reset_password(w.target, "Uus-Ajutine-55"), ADMIN_ONLY),
    Action(StaffService, "password_hint",
           lambda w: w.services.staff.password_hint("x", "y"), ADMIN_ONLY),
    Action(StaffService, "suggest_temporary_password",
           lambda w: w.services.staff.suggest_temporary_password(), ADMIN_ONLY),
    # settings: everyone reads, the manager changes
    Action(SettingsService, "all", lambda w: w.services.settings.all(), EVERYONE),
    Action(SettingsService, "get", lambda w: w.services.settings.get("idle_lock_minutes"),
           EVERYONE),
    Action(SettingsService, "set", lambda w: w.services.settings.set("idle_lock_minutes", 3),
           ADMIN_ONLY),
    # the audit log: the manager; a client's own history also reception (data report)
    Action(AuditService, "entries", lambda w: w.services.audit.entries(AuditFilter()),
           ADMIN_ONLY),
    Action(AuditService, "actions", lambda w: w.services.audit.actions(), ADMIN_ONLY),
    Action(AuditService, "export_csv", lambda w: w.services.audit.export_csv(
        None, w.tmp / f"audit-{w.role.value}.csv"), ADMIN_ONLY),
    Action(AuditService, "verify", lambda w: w.services.audit.verify(), ADMIN_ONLY),
    Action(AuditService, "client_history", lambda w: w.services.audit.client_history(1),
           FRONT_DESK),
    # the demo salon
    Action(DemoService, "add_synthetic_clients",
           lambda w: w.services.demo.add_synthetic_clients(1), ADMIN_ONLY),
    Action(DemoService, "add_demo_data", lambda w: w.services.demo.add_demo_data(1, 1),
           ADMIN_ONLY),
    # one's own account
    Action(AuthService, "password_hint",
           lambda w: w.services.auth.password_hint("Kevad"), EVERYONE),
    Action(AuthService, "change_own_password", lambda w: w.services.auth.change_own_password(
        "Vale-Parool-1", "Uus-Kevad-2027"), EVERYONE),
    Action(AuthService, "sign_out", lambda w: w.services.auth.sign_out(), EVERYONE),
    Action(AuthService, "lock", lambda w: w.services.auth.lock(), EVERYONE),
]

# Methods that need no session, each a deliberate decision (sign-in, set-up, lock screen).
PUBLIC = {
    "AuthService.sign_in", "AuthService.unlock", "AuthService.locked_by",
    "SetupService.is_set_up", "SetupService.set_up",
    "SettingsService.salon_details", "SettingsService.value",
}
COVERED = (StaffService, SettingsService, AuditService, DemoService, AuthService, SetupService)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("matrix")
    ctx = AppContext(tmp / "data", keystore=OsKeyStore(MemoryKeyring()), clock=FakeClock(),
                     workstation="test-pc")
    ctx.create()
    ctx.services.setup.set_up(SalonDetails(SALON_NAME), ADMIN_USER, "Mari", ADMIN_PASSWORD)
    ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    ids = add_all_roles(ctx)
    sessions = {}
    for role in Role:
        username, password = USERS[role]
        sessions[role] = ctx.services.auth.sign_in(username, password)
    ctx.services.ctx.session = sessions[A]
    targets = {role: ctx.services.staff.create(f"siht-{role.value}", "", Role.STYLIST,
                                               TEMPORARY_PASSWORD).id for role in Role}
    assert set(ids) == set(Role)
    yield World(ctx.services, sessions, targets, tmp)
    ctx.close()


def _declared(cls: type[Service]) -> set[str]:
    return {name for name, fn in vars(cls).items()
            if not name.startswith("_") and inspect.isfunction(fn)}


def test_every_method_of_the_covered_services_has_a_row() -> None:
    listed = {a.name for a in ACTIONS} | PUBLIC
    declared = {f"{cls.__name__}.{name}" for cls in COVERED for name in _declared(cls)}
    assert declared - listed == set(), "add a row to ACTIONS (or PUBLIC) for these"
    assert listed - declared == set(), "rows for methods that do not exist"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_methods_are_declared_public(name: str) -> None:
    cls_name, method = name.split(".")
    cls = next(c for c in COVERED if c.__name__ == cls_name)
    assert getattr(cls, method).__requires__ is None


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_by_action(world: World, action: Action) -> None:
    for role in Role:
        world.act_as(role)
        try:
            if role in action.roles:
                try:
                    action.call(world)
                except PermissionDenied:  # pragma: no cover - the failure message below
                    pytest.fail(f"{role.value} may {action.name} but was refused")
                except Exception as other:  # e.g. a wrong current password: not a refusal
                    assert not isinstance(other, NotSignedIn)
            else:
                with pytest.raises(PermissionDenied):
                    action.call(world)
        finally:
            world.act_as(A)


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_signed_out_callers_are_refused(world: World, action: Action) -> None:
    world.act_as(None)
    try:
        with pytest.raises(NotSignedIn):
            action.call(world)
    finally:
        world.act_as(A)


def test_refusals_change_nothing_and_say_nothing(world: World) -> None:
    before = world.services.ctx.db.scalar("SELECT count(*) FROM staff")
    world.act_as(S)
    try:
        with pytest.raises(PermissionDenied) as caught:
            world.services.staff.create("salajane", "Salajane Nimi", A, TEMPORARY_PASSWORD)
    finally:
        world.act_as(A)
    assert world.services.ctx.db.scalar("SELECT count(*) FROM staff") == before
    assert "salajane" not in str(caught.value).lower()


# -- role × field: what leaves a service about a client ------------------------------------
FIELDS: dict[str, frozenset[Role]] = {
    "id": EVERYONE, "first_name": EVERYONE, "last_name": EVERYONE, "language": EVERYONE,
    "preferences": EVERYONE, "created_at": EVERYONE, "updated_at": EVERYONE,
    "phone": FRONT_DESK, "email": FRONT_DESK, "address": FRONT_DESK, "birth_date": FRONT_DESK,
    "health_flag": EVERYONE, "patch_test_valid": EVERYONE,
    "allergies": frozenset({A, S}), "patch_tests": frozenset({A, S}),
    "health_notes": frozenset({A, S}),
    "notes": EVERYONE, "visits": EVERYONE, "colour_formulas": EVERYONE,
    "consent_flags": EVERYONE, "consents": FRONT_DESK,
}


def _session(role: Role) -> Session:
    return Session(staff_id=1, username="x", display_name="x", role=role)


def test_every_client_field_has_a_row() -> None:
    assert set(FIELDS) == set(FIELD_PERMISSIONS)


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_role_by_field(role: Role, field: str) -> None:
    shown = visible_fields(_session(role), {field: "value", "first_name": "Mari"})
    assert (field in shown) == (role in FIELDS[field])
    assert "first_name" in shown  # the rest of the record is untouched


def test_hidden_fields_are_absent_not_blank() -> None:
    record = {name: f"v-{name}" for name in FIELDS}
    shown = visible_fields(_session(S), record)
    assert "phone" not in shown and "birth_date" not in shown
    assert None not in shown.values() and "" not in shown.values()


def test_an_unlisted_field_is_a_programming_error() -> None:
    with pytest.raises(UnknownClientField):
        visible_fields(_session(A), {"shoe_size": 38})


@pytest.mark.parametrize(("role", "own_only", "served", "visible"), [
    (A, True, False, True),
    (R, True, False, True),
    (S, False, False, True),
    (S, True, True, True),
    (S, True, False, False),
])
def test_stylists_see_only_their_clients_when_the_manager_says_so(
        role: Role, own_only: bool, served: bool, visible: bool) -> None:
    asked: list[bool] = []

    def served_or_booked() -> bool:
        asked.append(True)
        return served

    assert may_see_client(_session(role), stylists_see_own_clients_only=own_only,
                          served_or_booked=served_or_booked) is visible
    assert bool(asked) == (role is S and own_only)
