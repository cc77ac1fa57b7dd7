"""Drafts: unsaved edits kept through a lock, for the staff member who typed them only.

The lock screen must never ask "save your changes?" (a question can cancel a lock), and
typed text must never be lost nor shown to the next person at the desk. So the UI hands the
open forms' contents to ``save`` just before ``auth.lock()``; they wait here, encrypted with
the rest of the database, and are offered back when the same person unlocks or signs in.

Who sees what: every read is bound to the signed-in staff member; another person's draft is
``NotFound`` even by id. Lifetime: a day. ``discard_expired`` (run at each sign-in) removes
older ones for everyone. Audit: ``draft.kept``, ``draft.restored``, ``draft.discarded``, each
naming the kind of form, never its content.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from salon_desktop.domain.errors import NotFound
from salon_desktop.services.base import Service, signed_in
from salon_desktop.storage import drafts_repo
from salon_desktop.storage.database import Row

LIFETIME = timedelta(hours=24)
MAX_PAYLOAD_CHARS = 200_000  # a client card with long notes is a few kB
_KIND = re.compile(r"[a-z][a-z0-9_]{0,31}")
_MAX_KEY = 200


@dataclass(frozen=True)
class Draft:
    id: int
    kind: str       # "client", "booking" …: which form, so the right page reopens it
    key: str        # the form's own key, e.g. "client:42" or "booking:new"
    saved_at: datetime
    #: What the form needs to put its fields back; only ``take`` hands it out.
    payload: dict[str, Any] | None = None


def _draft(row: Row, *, with_payload: bool = False) -> Draft:
    payload = json.loads(row["payload_json"]) if with_payload else None
    return Draft(row["id"], row["kind"], row["key"], datetime.fromisoformat(row["saved_at"]),
                 payload)


def _check(kind: str, key: str, payload: dict[str, Any]) -> str:
    """Programming errors, not user errors: the UI builds these values, the user does not."""
    if not _KIND.fullmatch(kind):
        raise ValueError("a draft kind is a short lower-case word")
    if not key or len(key) > _MAX_KEY:
        raise ValueError("a draft key is 1–200 characters")
    if not isinstance(payload, dict):
        raise ValueError("a draft payload is a dict")
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if len(text) > MAX_PAYLOAD_CHARS:
        raise ValueError("the draft is too large to keep")
    return text


class DraftService(Service):
    def _staff_id(self) -> int:
        session = self.ctx.session
        assert session is not None  # the decorators let no one else in
        return session.staff_id

    @signed_in
    def save(self, kind: str, key: str, payload: dict[str, Any]) -> int:
        """Keep ``payload`` for the signed-in staff member (replacing their older draft of
        the same form). Call it before ``auth.lock()``: afterwards nobody is signed in."""
        text = _check(kind, key, payload)
        with self.db.transaction():
            draft_id = drafts_repo.upsert(self.db, staff_id=self._staff_id(), kind=kind,
                                          key=key, payload_json=text, now=self.ctx.clock.now())
            self.audit("draft.kept", record_type="draft", record_id=draft_id,
                       detail=f"kind={kind}")
        return draft_id

    @signed_in
    def pending(self) -> list[Draft]:
        """The signed-in member's own drafts younger than a day, newest first, without
        their content (the banner needs only the time)."""
        since = self.ctx.clock.now() - LIFETIME
        return [_draft(row) for row in drafts_repo.of_staff(self.db, self._staff_id(),
                                                            newer_than=since)]

    @signed_in
    def take(self, draft_id: int) -> Draft:
        """Hand the draft back with its content and delete it (it is in the form again)."""
        with self.db.transaction():
            row = self._own(draft_id)
            drafts_repo.delete(self.db, draft_id)
            self.audit("draft.restored", record_type="draft", record_id=draft_id,
                       detail=f"kind={row['kind']}")
        return _draft(row, with_payload=True)

    @signed_in
    def discard(self, draft_id: int) -> None:
        """The member chose not to restore it."""
        with self.db.transaction():
            row = self._own(draft_id)
            drafts_repo.delete(self.db, draft_id)
            self.audit("draft.discarded", record_type="draft", record_id=draft_id,
                       detail=f"kind={row['kind']}; reason=by_user")

    @signed_in
    def discard_expired(self) -> int:
        """Remove everyone's drafts older than a day (also of staff who never come back);
        returns how many. Run at every sign-in and unlock."""
        limit = self.ctx.clock.now() - LIFETIME
        with self.db.transaction():
            rows = drafts_repo.older_than(self.db, limit)
            for row in rows:
                drafts_repo.delete(self.db, row["id"])
                self.audit("draft.discarded", record_type="draft", record_id=row["id"],
                           detail=f"kind={row['kind']}; reason=expired")
        return len(rows)

    def _own(self, draft_id: int) -> Row:
        row = drafts_repo.one_of_staff(self.db, draft_id, self._staff_id())
        if row is None:
            raise NotFound()
        return row
