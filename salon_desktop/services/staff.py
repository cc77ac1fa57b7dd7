"""Staff accounts, managed by the manager: create, change role, deactivate, reset password.

Accounts are never deleted — the audit log refers to them — only deactivated, and the salon
always keeps one active manager. A new or reset password is temporary: its owner must change
it at the next sign-in, so the manager never knows anyone's working password.
"""

from __future__ import annotations

from datetime import UTC, datetime

from salon_desktop.domain.errors import NotFound, SalonError, ValidationError
from salon_desktop.domain.roles import Permission, Role
from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_
from salon_desktop.security.password_policy import PasswordProblem, generate_temporary_password
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Service, requires
from salon_desktop.services.staff_rules import (
    check_new_password,
    check_username,
    password_problems,
    policy_context,
)
from salon_desktop.storage import staff_repo
from salon_desktop.storage.database import IntegrityError, Row

MAX_DISPLAY_NAME = 80


class LastManager(SalonError):
    msgid = N_("The salon must keep at least one active manager account.")


class CannotDeactivateSelf(SalonError):
    msgid = N_("You cannot deactivate your own account; ask another manager.")


def to_member(row: Row) -> StaffMember:
    created = datetime.fromisoformat(row["created_at"])
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return StaffMember(id=row["id"], username=row["username"], display_name=row["display_name"],
                       role=Role(row["role"]), active=bool(row["active"]),
                       must_change_password=bool(row["must_change_password"]),
                       created_at=created, failed_attempts=int(row["failed_attempts"]))


def parse_role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ValidationError("role", N_("Choose a role: manager, reception or stylist.")) \
            from None


def _clean_display_name(raw: str, fallback: str) -> str:
    name = " ".join(raw.split())
    if len(name) > MAX_DISPLAY_NAME:
        raise ValidationError("display_name", N_("Please keep this under {limit} characters."),
                              limit=MAX_DISPLAY_NAME)
    return name or fallback


class StaffService(Service):
    def _row(self, staff_id: int) -> Row:
        row = staff_repo.by_id(self.db, staff_id)
        if row is None:
            raise NotFound()
        return row

    def _other_active_managers(self, staff_id: int) -> int:
        return int(self.db.scalar(
            "SELECT count(*) FROM staff WHERE role = ? AND active = 1 AND id != ?",
            (Role.ADMIN.value, staff_id)))

    def _check_temporary(self, password: str, username: str) -> None:
        policy = policy_context(self.db)
        check_new_password(password, username=username, salon_name=policy.salon_name,
                           min_length=policy.min_length, field="temporary_password")

    # -- reading -----------------------------------------------------------------------------
    @requires(Permission.STAFF_MANAGE)
    def members(self) -> list[StaffMember]:
        """Everyone, active first, then by display name."""
        return [to_member(row) for row in staff_repo.all_staff(self.db)]

    @requires(Permission.STAFF_MANAGE)
    def get(self, staff_id: int) -> StaffMember:
        return to_member(self._row(staff_id))

    @requires(Permission.STAFF_MANAGE)
    def find(self, username: str) -> StaffMember:
        """By username (any case), for the headless commands; ``NotFound`` if there is none."""
        row = staff_repo.by_username(self.db, username.strip())
        if row is None:
            raise NotFound()
        return to_member(row)

    @requires(Permission.STAFF_MANAGE)
    def password_hint(self, username: str, password: str) -> list[PasswordProblem]:
        """Live hint for the temporary password field of the add/reset dialogs."""
        return password_problems(password, username=username.strip(),
                                 context=policy_context(self.db))

    @requires(Permission.STAFF_MANAGE)
    def suggest_temporary_password(self) -> str:
        """A random temporary password that passes the policy, to read out to the person."""
        return generate_temporary_password()

    # -- changing ------------------------------------------------------------------------------
    @requires(Permission.STAFF_MANAGE)
    def create(self, username: str, display_name: str, role: Role | str,
               temporary_password: str) -> StaffMember:
        """A new account; its owner must change the temporary password at first sign-in."""
        name = check_username(username)
        new_role = parse_role(role)
        display = _clean_display_name(display_name, name)
        self._check_temporary(temporary_password, name)
        password_hash = hash_password(temporary_password)
        with self.db.transaction():
            if staff_repo.by_username(self.db, name) is not None:
                raise ValidationError("username", N_("This username is already in use."))
            try:
                staff_id = staff_repo.insert(self.db, username=name, display_name=display,
                                             role=new_role.value, password_hash=password_hash,
                                             must_change_password=True,
                                             now=self.ctx.clock.now())
            except IntegrityError:
                raise ValidationError("username", N_("This username is already in use.")) \
                    from None
            self.audit("staff.create", record_type="staff", record_id=staff_id,
                       fields=["username", "display_name", "role", "password"],
                       detail=f"role={new_role.value}")
            return to_member(self._row(staff_id))

    @requires(Permission.STAFF_MANAGE)
    def change_display_name(self, staff_id: int, display_name: str) -> StaffMember:
        with self.db.transaction():
            row = self._row(staff_id)
            display = _clean_display_name(display_name, row["username"])
            staff_repo.update(self.db, staff_id, display_name=display)
            self.audit("staff.update", record_type="staff", record_id=staff_id,
                       fields=["display_name"])
            return to_member(self._row(staff_id))

    @requires(Permission.STAFF_MANAGE)
    def change_role(self, staff_id: int, role: Role | str) -> StaffMember:
        """Takes effect at the member's next sign-in. The last active manager stays one."""
        new_role = parse_role(role)
        with self.db.transaction():
            row = self._row(staff_id)
            old_role = Role(row["role"])
            if old_role == new_role:
                return to_member(row)
            if (old_role is Role.ADMIN and row["active"]
                    and not self._other_active_managers(staff_id)):
                raise LastManager()
            staff_repo.update(self.db, staff_id, role=new_role.value)
            # Roles are access rights, not personal data: the old and new role are recorded.
            self.audit("staff.role_change", record_type="staff", record_id=staff_id,
                       fields=["role"], detail=f"{old_role.value}->{new_role.value}")
            return to_member(self._row(staff_id))

    @requires(Permission.STAFF_MANAGE)
    def deactivate(self, staff_id: int) -> StaffMember:
        """The account can no longer sign in; it stays for the audit log's sake."""
        session = self.ctx.session
        assert session is not None
        if staff_id == session.staff_id:
            raise CannotDeactivateSelf()
        with self.db.transaction():
            row = self._row(staff_id)
            if not row["active"]:
                return to_member(row)
            if row["role"] == Role.ADMIN.value and not self._other_active_managers(staff_id):
                raise LastManager()
            staff_repo.update(self.db, staff_id, active=0)
            self.audit("staff.deactivate", record_type="staff", record_id=staff_id,
                       fields=["active"])
            return to_member(self._row(staff_id))

    @requires(Permission.STAFF_MANAGE)
    def reactivate(self, staff_id: int) -> StaffMember:
        with self.db.transaction():
            row = self._row(staff_id)
            if row["active"]:
                return to_member(row)
            staff_repo.update(self.db, staff_id, active=1, failed_attempts=0,
                              last_failed_at=None)
            self.audit("staff.reactivate", record_type="staff", record_id=staff_id,
                       fields=["active"])
            return to_member(self._row(staff_id))

    @requires(Permission.STAFF_MANAGE)
    def reset_password(self, staff_id: int, temporary_password: str) -> StaffMember:
        """Set a temporary password (to be changed at next sign-in) and lift any sign-in
        delay, for a member who forgot theirs."""
        row = self._row(staff_id)
        self._check_temporary(temporary_password, row["username"])
        password_hash = hash_password(temporary_password)
        with self.db.transaction():
            staff_repo.update(self.db, staff_id, password_hash=password_hash,
                              must_change_password=1, failed_attempts=0, last_failed_at=None)
            self.audit("staff.password_reset", record_type="staff", record_id=staff_id,
                       fields=["password"])
            return to_member(self._row(staff_id))
