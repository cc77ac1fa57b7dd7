"""Drafts (services/drafts.py, migration 6): unsaved edits kept through a lock for the one
staff member who typed them, never handed to anyone else, gone after a day, each step
audited without the content."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import NotFound, NotSignedIn
from salon_desktop.domain.roles import Role
from salon_desktop.storage import drafts_repo
from salon_desktop.storage.database import Database
from salon_desktop.storage.migrations import migrate
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.staff_helpers import add_all_roles, sign_in_as

CARD = {"notes": "Allergiline PPD suhtes — värvida ainult taimsete värvidega", "phone": "+372 5"}


def _audit(ctx: AppContext, prefix: str = "draft.") -> list[tuple[str, str | None, str | None]]:
    rows = ctx.services.ctx.db.query("SELECT action, record_id, detail FROM audit_log "
                                     "WHERE action LIKE ? ORDER BY id", (f"{prefix}%",))
    return [(r["action"], r["record_id"], r["detail"]) for r in rows]


def test_save_lock_unlock_take_gives_the_text_back_exactly(app_context: AppContext) -> None:
    services = app_context.services
    draft_id = services.drafts.save("client", "client:42", CARD)
    services.auth.lock()
    with pytest.raises(NotSignedIn):
        services.drafts.pending()
    services.auth.unlock(ADMIN_PASSWORD)
    [pending] = services.drafts.pending()
    assert (pending.id, pending.kind, pending.key, pending.payload) == (
        draft_id, "client", "client:42", None)
    taken = services.drafts.take(draft_id)
    assert taken.payload == CARD
    assert services.drafts.pending() == []
    with pytest.raises(NotFound):
        services.drafts.take(draft_id)
    assert _audit(app_context) == [("draft.kept", str(draft_id), "kind=client"),
                                   ("draft.restored", str(draft_id), "kind=client")]
    # The content never reaches the audit log.
    text = " ".join(str(v) for row in app_context.services.ctx.db.query(
        "SELECT * FROM audit_log") for v in tuple(row))
    assert "Allergiline" not in text and "+372" not in text


def test_another_staff_member_never_gets_the_draft(app_context: AppContext) -> None:
    add_all_roles(app_context)
    services = app_context.services
    draft_id = services.drafts.save("client", "client:42", CARD)
    services.auth.lock()
    sign_in_as(app_context, Role.STYLIST)  # switch user
    assert services.drafts.pending() == []
    for attempt in (services.drafts.take, services.drafts.discard):
        with pytest.raises(NotFound):
            attempt(draft_id)
    sign_in_as(app_context, Role.RECEPTION)
    assert services.drafts.pending() == []
    services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    assert [d.id for d in services.drafts.pending()] == [draft_id]


def test_a_second_lock_keeps_one_draft_with_the_newer_text(app_context: AppContext,
                                                          clock: FakeClock) -> None:
    drafts = app_context.services.drafts
    first = drafts.save("client", "client:42", {"notes": "old"})
    clock.advance(60)
    second = drafts.save("client", "client:42", {"notes": "new"})
    drafts.save("booking", "booking:new", {"time": "10:00"})
    assert first == second
    assert [d.kind for d in drafts.pending()] == ["booking", "client"]  # newest first
    assert drafts.take(first).payload == {"notes": "new"}


def test_discard_by_choice_is_audited(app_context: AppContext) -> None:
    drafts = app_context.services.drafts
    draft_id = drafts.save("booking", "booking:new", {"time": "10:00"})
    drafts.discard(draft_id)
    assert drafts.pending() == []
    assert _audit(app_context)[-1] == ("draft.discarded", str(draft_id),
                                       "kind=booking; reason=by_user")


def test_drafts_older_than_a_day_are_discarded_for_everyone(app_context: AppContext,
                                                           clock: FakeClock) -> None:
    add_all_roles(app_context)
    services = app_context.services
    old = services.drafts.save("client", "client:1", {"notes": "a"})
    sign_in_as(app_context, Role.STYLIST)
    stylists = services.drafts.save("client", "client:2", {"notes": "b"})
    clock.advance(23 * 3600)
    services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    fresh = services.drafts.save("client", "client:3", {"notes": "c"})
    assert services.drafts.discard_expired() == 0
    clock.advance(3600 + 1)
    assert [d.id for d in services.drafts.pending()] == [fresh]  # never offers an old one
    assert services.drafts.discard_expired() == 2
    assert [d.id for d in services.drafts.pending()] == [fresh]
    assert _audit(app_context)[-2:] == [
        ("draft.discarded", str(old), "kind=client; reason=expired"),
        ("draft.discarded", str(stylists), "kind=client; reason=expired")]
    assert app_context.services.ctx.db.scalar("SELECT count(*) FROM drafts") == 1


def test_only_a_signed_in_member_keeps_drafts(app_context: AppContext) -> None:
    services = app_context.services
    services.auth.lock()
    with pytest.raises(NotSignedIn):
        services.drafts.save("client", "client:1", {"notes": "x"})


@pytest.mark.parametrize(("kind", "key", "payload"), [
    ("Client card", "client:1", {}), ("client", "", {}), ("client", "client:1", ["x"]),
    ("client", "client:1", {"notes": "x" * 200_001})])
def test_bad_drafts_are_refused(app_context: AppContext, kind: str, key: str,
                                payload: object) -> None:
    with pytest.raises(ValueError):
        app_context.services.drafts.save(kind, key, payload)  # type: ignore[arg-type]


def test_erasing_a_client_can_drop_every_draft_about_them(app_context: AppContext) -> None:
    add_all_roles(app_context)
    services = app_context.services
    services.drafts.save("client", "client:7", {"notes": "a"})
    sign_in_as(app_context, Role.RECEPTION)
    services.drafts.save("client", "client:7", {"notes": "b"})
    services.drafts.save("client", "client:8", {"notes": "c"})
    db = app_context.services.ctx.db
    with db.transaction():
        assert drafts_repo.delete_for_key(db, "client", "client:7") == 2
    assert [d.key for d in services.drafts.pending()] == ["client:8"]


# -- migration 6 ---------------------------------------------------------------------------
@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "m.db", os.urandom(32), create=True)
    yield database
    database.close()


def test_upgrade_from_version_5(db: Database) -> None:
    migrate(db, target=5)
    db.execute("INSERT INTO staff (id, username, display_name, role, password_hash, "
               "created_at) VALUES (7, 'kati', 'Kati', 'reception', 'x', '2026-11-25')")
    assert migrate(db, target=6) == [6]
    assert db.user_version() == 6
    db.execute("INSERT INTO drafts (staff_id, kind, key, payload_json, saved_at) "
               "VALUES (7, 'client', 'client:1', '{}', '2026-11-25T09:00:00.000000+00:00')")
    assert db.scalar("SELECT count(*) FROM drafts") == 1
    with pytest.raises(Exception, match="UNIQUE"):
        db.execute("INSERT INTO drafts (staff_id, kind, key, payload_json, saved_at) "
                   "VALUES (7, 'client', 'client:1', '{}', 'x')")
    db.execute("DELETE FROM staff WHERE id = 7")  # a removed member's drafts go with them
    assert db.scalar("SELECT count(*) FROM drafts") == 0
