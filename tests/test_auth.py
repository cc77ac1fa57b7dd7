"""Signing in: throttling with a controllable clock, no user enumeration, rehashing,
deactivated accounts, the idle lock and changing one's own password."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import (
    AuthenticationFailed,
    NotSignedIn,
    PasswordChangeRequired,
    SalonError,
    SignInThrottled,
    ValidationError,
)
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import get_translator
from salon_desktop.services.auth import MAX_DELAY_SECONDS, seconds_to_wait, throttle_delay
from salon_desktop.storage import staff_repo
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.staff_helpers import TEMPORARY_PASSWORD, USERS, add_member

WRONG = "Vale-Parool-1"


def audit_rows(ctx: AppContext, action: str) -> list:
    return ctx.services.ctx.db.query("SELECT * FROM audit_log WHERE action = ? ORDER BY id",
                                     (action,))


def fail(ctx: AppContext, username: str, password: str = WRONG) -> SalonError:
    with pytest.raises((AuthenticationFailed, SignInThrottled)) as caught:
        ctx.services.auth.sign_in(username, password)
    return caught.value


def test_delays_grow_and_are_capped() -> None:
    assert [throttle_delay(n) for n in range(0, 7)] == [0, 1, 2, 4, 8, 16, 32]
    assert throttle_delay(9) == 256
    assert throttle_delay(10) == MAX_DELAY_SECONDS == 300
    assert throttle_delay(1000) == 300


def test_a_clock_set_back_never_lengthens_the_wait(clock: FakeClock) -> None:
    from datetime import timedelta

    later = clock.now() + timedelta(hours=5)
    assert seconds_to_wait(3, later, clock.now()) == 4


def throttle_sequence(ctx: AppContext, clock: FakeClock, username: str) -> list[object]:
    """Fail repeatedly; record what each attempt said and how long the wait was."""
    seen: list[object] = []
    for _ in range(5):
        first = fail(ctx, username)
        assert isinstance(first, AuthenticationFailed)
        seen.append(str(first))
        retry = fail(ctx, username)  # at once: throttled
        assert isinstance(retry, SignInThrottled)
        seconds = retry.params["seconds"]
        seen.append(seconds)
        clock.advance(seconds - 0.5)
        early = fail(ctx, username)
        assert isinstance(early, SignInThrottled) and early.params["seconds"] == 1
        clock.advance(0.5)
    return seen


def test_growing_delay_after_each_failure(app_context: AppContext, clock: FakeClock) -> None:
    seen = throttle_sequence(app_context, clock, ADMIN_USER)
    assert seen[1::2] == [1, 2, 4, 8, 16]


def test_throttled_even_with_the_right_password(app_context: AppContext,
                                                clock: FakeClock) -> None:
    fail(app_context, ADMIN_USER)
    fail(app_context, ADMIN_USER)  # throttled now
    clock.advance(1)
    fail(app_context, ADMIN_USER)
    with pytest.raises(SignInThrottled) as caught:
        app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    assert caught.value.params == {"seconds": 2}
    clock.advance(2)
    app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    row = staff_repo.by_username(app_context.services.ctx.db, ADMIN_USER)
    assert row["failed_attempts"] == 0 and row["last_failed_at"] is None


def test_the_cap_is_five_minutes(app_context: AppContext, clock: FakeClock) -> None:
    db = app_context.services.ctx.db
    staff_repo.update(db, 1, failed_attempts=40, last_failed_at=clock.now().isoformat())
    with pytest.raises(SignInThrottled) as caught:
        app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    assert caught.value.params == {"seconds": 300}
    clock.advance(300)
    app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)


def test_no_user_enumeration(app_context: AppContext, clock: FakeClock) -> None:
    """An unknown name, a wrong password and a deactivated account look the same: the same
    message in every language and the same growing delays."""
    add_member(app_context, "liis", Role.STYLIST, USERS[Role.STYLIST][1])
    staff = app_context.services.staff
    staff.deactivate(staff.find("liis").id)
    existing = throttle_sequence(app_context, clock, ADMIN_USER)
    unknown = throttle_sequence(app_context, clock, "nobody-here")
    assert existing == unknown

    errors = [fail(app_context, "someone-else"), fail(app_context, "reception-2"),
              fail(app_context, "liis", USERS[Role.STYLIST][1])]  # right password, inactive
    for language in ("en", "et", "ru"):
        t = get_translator(language)
        assert len({e.user_message(t) for e in errors}) == 1
    assert all(isinstance(e, AuthenticationFailed) for e in errors)


def test_deactivated_account_cannot_sign_in(app_context: AppContext) -> None:
    member_id = add_member(app_context, "liis", Role.STYLIST, USERS[Role.STYLIST][1])
    app_context.services.staff.deactivate(member_id)
    with pytest.raises(AuthenticationFailed):
        app_context.services.auth.sign_in("liis", USERS[Role.STYLIST][1])


def test_failures_are_audited_as_nobody(app_context: AppContext, clock: FakeClock) -> None:
    """The manager is signed in on this PC; a stranger's failed attempt must not be theirs."""
    fail(app_context, ADMIN_USER)
    fail(app_context, "unknown-user")
    fail(app_context, ADMIN_USER)  # throttled
    rows = audit_rows(app_context, "auth.sign_in_failed")
    assert len(rows) == 3
    assert all(r["staff_id"] is None and r["staff_role"] is None for r in rows)
    assert [r["record_id"] for r in rows] == ["1", None, "1"]
    assert rows[2]["detail"] == "throttled"
    assert all(r["workstation"] == "test-pc" for r in rows)


def test_success_is_audited_with_the_member(app_context: AppContext) -> None:
    rows = audit_rows(app_context, "auth.sign_in")
    assert rows[-1]["staff_id"] == 1 and rows[-1]["staff_role"] == "admin"


def test_username_is_case_insensitive(app_context: AppContext) -> None:
    session = app_context.services.auth.sign_in("  JUHATAJA ", ADMIN_PASSWORD)
    assert session.username == ADMIN_USER


@pytest.mark.real_kdf
def test_rehash_when_parameters_change(app_context: AppContext) -> None:
    db = app_context.services.ctx.db
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    staff_repo.update(db, 1, password_hash=weak.hash(ADMIN_PASSWORD))
    app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    new_hash = staff_repo.by_id(db, 1)["password_hash"]
    assert new_hash.startswith("$argon2id$")
    assert not PasswordHasher().check_needs_rehash(new_hash)
    assert audit_rows(app_context, "auth.sign_in")[-1]["detail"] == "password_rehashed"
    app_context.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)  # still the same password


def test_temporary_password_must_be_changed(app_context: AppContext) -> None:
    app_context.services.staff.create("kati", "Kati", Role.RECEPTION, TEMPORARY_PASSWORD)
    auth = app_context.services.auth
    session = auth.sign_in("kati", TEMPORARY_PASSWORD)
    assert session.must_change_password
    with pytest.raises(PasswordChangeRequired):  # a temporary password opens nothing else
        app_context.services.settings.all()
    with pytest.raises(ValidationError) as caught:
        auth.change_own_password(TEMPORARY_PASSWORD, TEMPORARY_PASSWORD, TEMPORARY_PASSWORD)
    assert caught.value.field == "new_password"
    session = auth.change_own_password(TEMPORARY_PASSWORD, "Sinine-Meri-42", "Sinine-Meri-42")
    assert not session.must_change_password
    assert app_context.services.session == session
    auth.sign_out()
    assert not auth.sign_in("kati", "Sinine-Meri-42").must_change_password
    with pytest.raises(AuthenticationFailed):
        auth.sign_in("kati", TEMPORARY_PASSWORD)


def test_change_own_password_errors_name_the_field(app_context: AppContext,
                                                   clock: FakeClock) -> None:
    auth = app_context.services.auth
    cases = [
        (("Vale-Vana-1", "Uus-Kevad-2027", "Uus-Kevad-2027"), "old_password"),
        ((ADMIN_PASSWORD, "Uus-Kevad-2027", "Uus-Kevad-2028"), "repeat_password"),
        ((ADMIN_PASSWORD, "salon123", "salon123"), "new_password"),
        ((ADMIN_PASSWORD, "Juhataja-Uus-1", "Juhataja-Uus-1"), "new_password"),
        ((ADMIN_PASSWORD, "Onnelik-Uus-1", "Onnelik-Uus-1"), "new_password"),
    ]
    for args, field in cases:
        clock.advance(600)
        with pytest.raises(ValidationError) as caught:
            auth.change_own_password(*args)
        assert caught.value.field == field
    clock.advance(600)
    auth.change_own_password(ADMIN_PASSWORD, "Uus-Kevad-2027", "Uus-Kevad-2027")
    rows = audit_rows(app_context, "staff.password_change")
    assert rows[-1]["fields"] == "password" and rows[-1]["staff_id"] == 1
    failed = audit_rows(app_context, "auth.password_change_failed")
    assert len(failed) == 1


def test_wrong_current_password_is_throttled(app_context: AppContext) -> None:
    auth = app_context.services.auth
    with pytest.raises(ValidationError):
        auth.change_own_password("Vale-Vana-1", "Uus-Kevad-2027")
    with pytest.raises(SignInThrottled):
        auth.change_own_password(ADMIN_PASSWORD, "Uus-Kevad-2027")


def test_minimum_length_setting_applies(app_context: AppContext) -> None:
    app_context.services.settings.set("min_password_length", 16)
    with pytest.raises(ValidationError) as caught:
        app_context.services.auth.change_own_password(ADMIN_PASSWORD, "Uus-Kevad-2027")
    assert caught.value.params["min_length"] == 16
    hint = app_context.services.auth.password_hint("Uus-Kevad-2027")
    assert [p.rule.value for p in hint] == ["min_length"]


def test_lock_and_unlock(app_context: AppContext, clock: FakeClock) -> None:
    auth = app_context.services.auth
    auth.lock()
    assert app_context.services.session is None
    assert auth.locked_by() == "Mari Juhataja"
    with pytest.raises(NotSignedIn):
        app_context.services.settings.all()
    with pytest.raises(AuthenticationFailed):
        auth.unlock(WRONG)
    with pytest.raises(SignInThrottled):
        auth.unlock(ADMIN_PASSWORD)
    clock.advance(1)
    session = auth.unlock(ADMIN_PASSWORD)
    assert session.staff_id == 1 and app_context.services.session == session
    actions = [r["action"] for r in app_context.services.ctx.db.query(
        "SELECT action FROM audit_log WHERE action LIKE 'auth.%' ORDER BY id")]
    assert actions[-4:] == ["auth.lock", "auth.unlock_failed", "auth.unlock_failed",
                            "auth.unlock"]
    assert [r["staff_id"] for r in audit_rows(app_context, "auth.unlock_failed")] == [None, None]


def test_switch_user_from_the_lock_screen(app_context: AppContext) -> None:
    add_member(app_context, "kati", Role.RECEPTION, USERS[Role.RECEPTION][1])
    auth = app_context.services.auth
    auth.lock()
    session = auth.sign_in("kati", USERS[Role.RECEPTION][1])
    assert session.role is Role.RECEPTION and auth.locked_by() is None
    last_out = audit_rows(app_context, "auth.sign_out")[-1]
    assert last_out["staff_id"] == 1 and last_out["detail"] == "switch_user"


def test_sign_out(app_context: AppContext) -> None:
    app_context.services.auth.sign_out()
    assert app_context.services.session is None
    with pytest.raises(NotSignedIn):
        app_context.services.auth.sign_out()
