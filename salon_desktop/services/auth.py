"""Signing in and out, the idle lock, and changing one's own password.

No user enumeration: an unknown username, a wrong password and a deactivated account get the
same message, take the same time (a dummy argon2 verification) and earn the same growing delay
(1, 2, 4 … s, at most 5 min) — kept in the staff row for real accounts and in memory for
unknown names. Every attempt is audited without the typed password; a failed attempt is
recorded as nobody's, since the person signed in before must not be blamed for it.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import replace
from datetime import UTC, datetime

from salon_desktop.audit import log as audit_log
from salon_desktop.domain.errors import (
    AuthenticationFailed,
    NotSignedIn,
    SignInThrottled,
    ValidationError,
)
from salon_desktop.domain.roles import Permission, Role
from salon_desktop.i18n import N_
from salon_desktop.security.password_policy import PasswordProblem
from salon_desktop.security.passwords import hash_password, needs_rehash, verify_password
from salon_desktop.services.base import (
    Service,
    ServiceContext,
    Session,
    public,
    requires,
    signed_in_even_before_password_change,
)
from salon_desktop.services.staff_rules import (
    check_new_password,
    password_problems,
    policy_context,
)
from salon_desktop.storage import staff_repo
from salon_desktop.storage.database import Row

MAX_DELAY_SECONDS = 300
_UNKNOWN_NAMES_KEPT = 1000  # bounded, so guessing names cannot grow memory without end


def throttle_delay(failures: int) -> int:
    """Seconds to wait after ``failures`` consecutive failures: 0, 1, 2, 4 … capped at 5 min."""
    if failures <= 0:
        return 0
    return min(2 ** min(failures - 1, 16), MAX_DELAY_SECONDS)


def seconds_to_wait(failures: int, last_failed_at: datetime | None, now: datetime) -> int:
    if failures <= 0 or last_failed_at is None:
        return 0
    if last_failed_at.tzinfo is None:
        last_failed_at = last_failed_at.replace(tzinfo=UTC)
    # A clock set back must not make the wait longer than the delay itself.
    elapsed = max((now - last_failed_at).total_seconds(), 0.0)
    remaining = throttle_delay(failures) - elapsed
    return math.ceil(remaining) if remaining > 0 else 0


def _session_from(row: Row) -> Session:
    return Session(staff_id=row["id"], username=row["username"],
                   display_name=row["display_name"], role=Role(row["role"]),
                   must_change_password=bool(row["must_change_password"]))


class AuthService(Service):
    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__(ctx)
        self._unknown: OrderedDict[str, tuple[int, datetime]] = OrderedDict()
        self._locked: Session | None = None

    # -- helpers ---------------------------------------------------------------------------
    def _actor(self, session: Session | None) -> audit_log.Actor:
        return audit_log.Actor(session.staff_id if session else None,
                               session.role.value if session else None,
                               self.ctx.workstation, self.ctx.source)

    def _audit_as(self, session: Session | None, action: str, **kwargs: object) -> int:
        return audit_log.append(self.db, self._actor(session), action,
                                now=self.ctx.clock.now(), **kwargs)  # type: ignore[arg-type]

    def _failures(self, row: Row | None, key: str) -> tuple[int, datetime | None]:
        if row is None:
            return self._unknown.get(key, (0, None))
        last = row["last_failed_at"]
        return row["failed_attempts"], datetime.fromisoformat(last) if last else None

    def _check_throttle(self, row: Row | None, key: str, action: str, *,
                        actor: Session | None = None) -> None:
        failures, last = self._failures(row, key)
        wait = seconds_to_wait(failures, last, self.ctx.clock.now())
        if wait:
            with self.db.transaction():
                self._audit_as(actor, action, record_type="staff",
                               record_id=row["id"] if row is not None else None,
                               detail="throttled")
            raise SignInThrottled(seconds=wait)

    def _record_failure(self, row: Row | None, key: str, action: str, *,
                        actor: Session | None = None) -> None:
        now = self.ctx.clock.now()
        with self.db.transaction():
            if row is not None:
                staff_repo.update(self.db, row["id"], failed_attempts=row["failed_attempts"] + 1,
                                  last_failed_at=now.isoformat())
            else:
                count = self._unknown.pop(key, (0, now))[0]
                self._unknown[key] = (count + 1, now)
                while len(self._unknown) > _UNKNOWN_NAMES_KEPT:
                    self._unknown.popitem(last=False)
            self._audit_as(actor, action, record_type="staff",
                           record_id=row["id"] if row is not None else None)

    @staticmethod
    def _success_updates(row: Row, password: str) -> dict[str, object]:
        """Reset the delay; re-hash under the current parameters (hashed before the
        transaction starts, so the database is not held for argon2's 0.1–0.5 s)."""
        updates: dict[str, object] = {"failed_attempts": 0, "last_failed_at": None}
        if needs_rehash(row["password_hash"]):
            updates["password_hash"] = hash_password(password)
        return updates

    # -- signing in and out ------------------------------------------------------------------
    @public
    def sign_in(self, username: str, password: str) -> Session:
        """Raises ``AuthenticationFailed`` (same words for every reason) or
        ``SignInThrottled(seconds=…)`` while the account (or typed name) must wait."""
        name = username.strip()
        key = name.casefold()
        row = staff_repo.by_username(self.db, name) if name else None
        self._check_throttle(row, key, "auth.sign_in_failed")
        ok = verify_password(row["password_hash"] if row is not None else None, password)
        if not ok or row is None or not row["active"]:
            self._record_failure(row, key, "auth.sign_in_failed")
            raise AuthenticationFailed()
        session = _session_from(row)
        previous = self.ctx.session or self._locked
        updates = self._success_updates(row, password)
        with self.db.transaction():
            staff_repo.update(self.db, row["id"], **updates)
            if previous is not None and previous.staff_id != session.staff_id:
                self._audit_as(previous, "auth.sign_out", record_type="staff",
                               record_id=previous.staff_id, detail="switch_user")
            self._audit_as(session, "auth.sign_in", record_type="staff", record_id=row["id"],
                           detail="password_rehashed" if "password_hash" in updates else None)
        self._locked = None
        self.ctx.session = session
        return session

    @signed_in_even_before_password_change
    def sign_out(self) -> None:
        session = self.ctx.session
        assert session is not None
        with self.db.transaction():
            self.audit("auth.sign_out", record_type="staff", record_id=session.staff_id)
        self.ctx.session = None
        self._locked = None

    # -- the idle lock -------------------------------------------------------------------------
    @signed_in_even_before_password_change
    def lock(self) -> None:
        """Lock the app: until ``unlock`` (same person) or ``sign_in`` (switch user) every
        service refuses with ``NotSignedIn``."""
        session = self.ctx.session
        assert session is not None
        with self.db.transaction():
            self.audit("auth.lock", record_type="staff", record_id=session.staff_id)
        self._locked = session
        self.ctx.session = None

    @public
    def locked_by(self) -> str | None:
        """The display name of the staff member who locked the app, for the lock screen."""
        return self._locked.display_name if self._locked else None

    @public
    def unlock(self, password: str) -> Session:
        locked = self._locked
        if locked is None:
            raise NotSignedIn()
        row = staff_repo.by_id(self.db, locked.staff_id)
        self._check_throttle(row, "", "auth.unlock_failed")
        ok = verify_password(row["password_hash"] if row is not None else None, password)
        if not ok or row is None or not row["active"]:
            self._record_failure(row, locked.username.casefold(), "auth.unlock_failed")
            raise AuthenticationFailed()
        session = _session_from(row)  # the role may have changed while locked
        updates = self._success_updates(row, password)
        with self.db.transaction():
            staff_repo.update(self.db, row["id"], **updates)
            self._audit_as(session, "auth.unlock", record_type="staff", record_id=row["id"])
        self._locked = None
        self.ctx.session = session
        return session

    # -- own password ----------------------------------------------------------------------
    @requires(Permission.OWN_PASSWORD, during_password_change=True)
    def password_hint(self, new_password: str) -> list[PasswordProblem]:
        """Rules the new password does not meet yet, for the live hint (empty when fine)."""
        session = self.ctx.session
        assert session is not None
        return password_problems(new_password, username=session.username,
                                 context=policy_context(self.db))

    @requires(Permission.OWN_PASSWORD, during_password_change=True)
    def change_own_password(self, old_password: str, new_password: str,
                            repeat_password: str | None = None) -> Session:
        """Change the signed-in member's password; also ends "must change at next sign-in".

        Errors name the field: ``old_password`` (wrong; counts as a failed attempt),
        ``repeat_password`` (differs), ``new_password`` (a policy rule, or unchanged)."""
        session = self.ctx.session
        assert session is not None
        if repeat_password is not None and repeat_password != new_password:
            raise ValidationError("repeat_password",
                                  N_("The two new passwords are not the same."))
        if new_password == old_password:
            raise ValidationError("new_password",
                                  N_("Choose a new password, different from the current one."))
        policy = policy_context(self.db)
        check_new_password(new_password, username=session.username,
                           salon_name=policy.salon_name, min_length=policy.min_length,
                           field="new_password")
        row = staff_repo.by_id(self.db, session.staff_id)
        if row is None or not row["active"]:
            raise NotSignedIn()
        self._check_throttle(row, "", "auth.password_change_failed", actor=session)
        if not verify_password(row["password_hash"], old_password):
            self._record_failure(row, "", "auth.password_change_failed", actor=session)
            raise ValidationError("old_password", N_("The current password is not right."))
        new_hash = hash_password(new_password)
        with self.db.transaction():
            staff_repo.update(self.db, row["id"], password_hash=new_hash,
                              must_change_password=0, failed_attempts=0, last_failed_at=None)
            self.audit("staff.password_change", record_type="staff", record_id=row["id"],
                       fields=["password"])
        self.ctx.session = replace(session, must_change_password=False)
        return self.ctx.session
