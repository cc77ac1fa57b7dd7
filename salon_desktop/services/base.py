"""Sessions, the permission decorators and the base class every service derives from."""

from __future__ import annotations

import functools
import socket
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, ParamSpec, TypeVar

from salon_desktop.audit import log as audit_log
from salon_desktop.clock import Clock
from salon_desktop.domain.errors import NotSignedIn, PasswordChangeRequired, PermissionDenied
from salon_desktop.domain.roles import Permission, Role, allowed
from salon_desktop.storage.database import Database

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Session:
    staff_id: int
    username: str
    display_name: str
    role: Role
    must_change_password: bool = False

    def can(self, permission: Permission) -> bool:
        return allowed(self.role, permission)


@dataclass
class ServiceContext:
    """What every service shares: the database, the clock, where calls come from, and who
    is signed in (``None`` while locked out or before sign-in)."""

    db: Database
    clock: Clock
    source: str = "gui"
    workstation: str = field(default_factory=socket.gethostname)
    session: Session | None = None

    def current_session(self) -> Session | None:
        """The session, brought up to date with the staff table before each check.

        A manager's change of someone's role, or a deactivation, takes effect on that
        person's very next action instead of at their next sign-in; a deactivated member's
        session ends at once.
        """
        session = self.session
        if session is None:
            return None
        row = self.db.query_one(
            "SELECT role, active, must_change_password FROM staff WHERE id = ?",
            (session.staff_id,))
        if row is None or not row["active"]:
            self.session = None
            return None
        role, must_change = Role(row["role"]), bool(row["must_change_password"])
        if role != session.role or must_change != session.must_change_password:
            session = replace(session, role=role, must_change_password=must_change)
            self.session = session
        return session

    def actor(self) -> audit_log.Actor:
        s = self.session
        return audit_log.Actor(s.staff_id if s else None, s.role.value if s else None,
                               self.workstation, self.source)


def requires(*permissions: Permission, during_password_change: bool = False,
             ) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """The method needs a signed-in staff member whose role has every given permission.

    While a temporary password is still to be changed, only methods declared with
    ``during_password_change=True`` (change own password, sign out, lock) may run: the
    temporary password was seen by whoever set it, so it must not open client data.
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            service = args[0]
            session = service.ctx.current_session()  # type: ignore[attr-defined]
            if session is None:
                raise NotSignedIn()
            if session.must_change_password and not during_password_change:
                raise PasswordChangeRequired()
            for permission in permissions:
                if not session.can(permission):
                    raise PermissionDenied()
            return fn(*args, **kwargs)

        wrapper.__requires__ = tuple(permissions)  # type: ignore[attr-defined]
        return wrapper

    return decorate


def signed_in(fn: Callable[P, R]) -> Callable[P, R]:
    """Any signed-in staff member."""
    return requires()(fn)


def signed_in_even_before_password_change(fn: Callable[P, R]) -> Callable[P, R]:
    """Any signed-in staff member, also one who must still replace a temporary password
    (sign out, lock)."""
    return requires(during_password_change=True)(fn)


def public(fn: Callable[P, R]) -> Callable[P, R]:
    """No session needed (sign-in, first-run set-up, the salon's name on the lock screen)."""
    fn.__requires__ = None  # type: ignore[attr-defined]
    return fn


class Service:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def db(self) -> Database:
        return self.ctx.db

    def audit(self, action: str, **kwargs: Any) -> int:
        return audit_log.append(self.ctx.db, self.ctx.actor(), action,
                                now=self.ctx.clock.now(), **kwargs)
