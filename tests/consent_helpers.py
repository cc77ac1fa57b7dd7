"""Helpers for the consent and marketing tests: clients made through the clients service."""

from __future__ import annotations

from salon_desktop.context import AppContext
from salon_desktop.domain.clients import ClientDraft


def add_client(ctx: AppContext, first: str, last: str, **fields: object) -> int:
    """A client created as reception would (duplicates allowed: tests reuse contacts)."""
    result = ctx.services.clients.create(ClientDraft(first, last, **fields),  # type: ignore[arg-type]
                                         force=True)
    assert result.client_id is not None
    return result.client_id


def add_visit(ctx: AppContext, client_id: int) -> None:
    """A past visit, enough to make the client an existing customer."""
    db = ctx.services.ctx.db
    with db.transaction():
        db.execute("INSERT INTO visits (client_id, started_at, created_at) VALUES (?, ?, ?)",
                   (client_id, "2026-11-01T10:00", "2026-11-01T09:00:00+00:00"))
