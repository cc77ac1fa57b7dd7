"""Staff accounts: create, change role, deactivate (never delete), reset password."""

from __future__ import annotations

import dataclasses

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import (
    AuthenticationFailed,
    NotFound,
    NotSignedIn,
    PermissionDenied,
    ValidationError,
)
from salon_desktop.domain.roles import Role
from salon_desktop.domain.staff import StaffMember
from salon_desktop.services.staff import CannotDeactivateSelf, LastManager
from salon_desktop.storage import staff_repo
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.staff_helpers import TEMPORARY_PASSWORD, USERS, add_member


def last_audit(ctx: AppContext):  # type: ignore[no-untyped-def]
    return ctx.services.ctx.db.query_one("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")


def test_create_returns_a_member_without_the_hash(app_context: AppContext) -> None:
    member = app_context.services.staff.create(" kati ", "  Kati   Kask ", "reception",
                                               TEMPORARY_PASSWORD)
    assert isinstance(member, StaffMember)
    assert "password_hash" not in {f.name for f in dataclasses.fields(StaffMember)}
    assert (member.username, member.display_name, member.role) == ("kati", "Kati Kask",
                                                                   Role.RECEPTION)
    assert member.active and member.must_change_password
    entry = last_audit(app_context)
    assert entry["action"] == "staff.create" and entry["record_id"] == str(member.id)
    assert entry["fields"] == "display_name,password,role,username"


def test_usernames_are_unique_ignoring_case(app_context: AppContext) -> None:
    app_context.services.staff.create("kati", "", Role.RECEPTION, TEMPORARY_PASSWORD)
    with pytest.raises(ValidationError) as caught:
        app_context.services.staff.create("KATI", "", Role.STYLIST, TEMPORARY_PASSWORD)
    assert caught.value.field == "username"


@pytest.mark.parametrize(("username", "role", "password", "field"), [
    ("k", Role.STYLIST, TEMPORARY_PASSWORD, "username"),
    ("mari tamm", Role.STYLIST, TEMPORARY_PASSWORD, "username"),
    ("kati", "owner", TEMPORARY_PASSWORD, "role"),
    ("kati", Role.STYLIST, "salon123", "temporary_password"),
    ("kati", Role.STYLIST, "Kati-Kevad-2026", "temporary_password"),
])
def test_create_validates(app_context: AppContext, username: str, role: str, password: str,
                          field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        app_context.services.staff.create(username, "", role, password)
    assert caught.value.field == field


def test_members_lists_active_first(app_context: AppContext) -> None:
    staff = app_context.services.staff
    a = staff.create("aino", "Aino", Role.STYLIST, TEMPORARY_PASSWORD)
    staff.create("berit", "Berit", Role.STYLIST, TEMPORARY_PASSWORD)
    staff.deactivate(a.id)
    names = [(m.username, m.active) for m in staff.members()]
    assert names[-1] == ("aino", False)
    assert {n for n, _ in names} == {ADMIN_USER, "aino", "berit"}


def test_change_role(app_context: AppContext) -> None:
    staff = app_context.services.staff
    member = staff.create("kati", "", Role.RECEPTION, TEMPORARY_PASSWORD)
    changed = staff.change_role(member.id, Role.ADMIN)
    assert changed.role is Role.ADMIN
    entry = last_audit(app_context)
    assert (entry["action"], entry["fields"], entry["detail"]) == (
        "staff.role_change", "role", "reception->admin")


def test_the_last_manager_stays_a_manager(app_context: AppContext) -> None:
    staff = app_context.services.staff
    with pytest.raises(LastManager):
        staff.change_role(1, Role.RECEPTION)
    second = staff.create("teine", "", Role.ADMIN, TEMPORARY_PASSWORD)
    staff.deactivate(second.id)  # an inactive manager does not count
    with pytest.raises(LastManager):
        staff.change_role(1, Role.STYLIST)
    staff.reactivate(second.id)
    assert staff.change_role(1, Role.STYLIST).role is Role.STYLIST


def test_nobody_deactivates_themselves(app_context: AppContext) -> None:
    with pytest.raises(CannotDeactivateSelf):
        app_context.services.staff.deactivate(1)


def test_a_demoted_manager_loses_the_rights_at_once(app_context: AppContext) -> None:
    """A role change takes effect on the member's next action, not at their next sign-in,
    so a stale session can never deactivate the last real manager."""
    second_id = add_member(app_context, "teine", Role.ADMIN, "Vaher-Kuusk-2026")
    app_context.services.auth.sign_in("teine", "Vaher-Kuusk-2026")
    app_context.services.ctx.db.execute("UPDATE staff SET role = 'stylist' WHERE id = ?",
                                        (second_id,))
    with pytest.raises(PermissionDenied):
        app_context.services.staff.deactivate(1)
    assert app_context.services.session.role is Role.STYLIST
    app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    assert app_context.services.staff.get(1).active


def test_a_deactivated_member_is_signed_out_at_once(app_context: AppContext) -> None:
    member_id = add_member(app_context, "liis", Role.RECEPTION, USERS[Role.RECEPTION][1])
    app_context.services.auth.sign_in("liis", USERS[Role.RECEPTION][1])
    app_context.services.ctx.db.execute("UPDATE staff SET active = 0 WHERE id = ?",
                                        (member_id,))
    with pytest.raises(NotSignedIn):
        app_context.services.settings.all()
    assert app_context.services.session is None


def test_deactivate_never_deletes(app_context: AppContext) -> None:
    staff = app_context.services.staff
    member_id = add_member(app_context, "liis", Role.STYLIST, USERS[Role.STYLIST][1])
    staff.deactivate(member_id)
    row = staff_repo.by_id(app_context.services.ctx.db, member_id)
    assert row is not None and row["active"] == 0
    assert last_audit(app_context)["action"] == "staff.deactivate"
    with pytest.raises(AuthenticationFailed):
        app_context.services.auth.sign_in("liis", USERS[Role.STYLIST][1])


def test_reset_password(app_context: AppContext) -> None:
    staff = app_context.services.staff
    member_id = add_member(app_context, "liis", Role.STYLIST, USERS[Role.STYLIST][1])
    staff_repo.update(app_context.services.ctx.db, member_id, failed_attempts=7,
                      last_failed_at=app_context.clock.now().isoformat())
    member = staff.reset_password(member_id, "Uus-Ajutine-55")
    assert member.must_change_password and member.failed_attempts == 0
    assert last_audit(app_context)["fields"] == "password"
    with pytest.raises(AuthenticationFailed):
        app_context.services.auth.sign_in("liis", USERS[Role.STYLIST][1])
    app_context.clock.advance(1)  # type: ignore[attr-defined]
    assert app_context.services.auth.sign_in("liis", "Uus-Ajutine-55").must_change_password


def test_find_and_get(app_context: AppContext) -> None:
    staff = app_context.services.staff
    assert staff.find("Juhataja").id == 1
    assert staff.get(1).username == ADMIN_USER
    with pytest.raises(NotFound):
        staff.find("nobody")
    with pytest.raises(NotFound):
        staff.get(999)


def test_display_name(app_context: AppContext) -> None:
    staff = app_context.services.staff
    assert staff.change_display_name(1, "  Mari   Tamm ").display_name == "Mari Tamm"
    assert staff.change_display_name(1, "").display_name == ADMIN_USER
    with pytest.raises(ValidationError):
        staff.change_display_name(1, "x" * 81)


def test_password_hint_for_the_dialog(app_context: AppContext) -> None:
    staff = app_context.services.staff
    assert [p.rule.value for p in staff.password_hint("kati", "kati123")] == [
        "min_length", "mix", "username"]
    assert staff.password_hint("kati", staff.suggest_temporary_password()) == []
