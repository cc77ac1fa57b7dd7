"""Restriction of processing (GDPR Art. 18), enforced where client data is changed.

While a client's processing is restricted the salon may store the data and show it (each
card view is audited as always), but not change it or use it for new bookings — except the
manager, who handles the request (ERASE, the data-protection permission: rectifying the
data that was contested is usually why the restriction exists). The write methods of the
client, health, visit and booking services call ``require_unrestricted`` inside their
transaction. What stays open to everyone: viewing, cancelling a booking, recording a
consent or its withdrawal, recording an objection — none of them is new processing against
the client's wish. Marketing lists leave restricted and objecting clients out anyway
(``consents_repo.recipients``).
"""

from __future__ import annotations

from salon_desktop.domain.rights import ProcessingRestricted
from salon_desktop.domain.roles import Permission
from salon_desktop.services.base import ServiceContext
from salon_desktop.storage import consents_repo


def require_unrestricted(ctx: ServiceContext, client_id: int | None) -> None:
    """``ProcessingRestricted`` when the client is restricted and the session is not the
    manager's. A missing client is left to the caller's own ``NotFound``."""
    if client_id is None:
        return
    session = ctx.session
    if session is not None and session.can(Permission.ERASE):
        return
    restricted, _objecting = consents_repo.client_flags(ctx.db, client_id)
    if restricted:
        raise ProcessingRestricted()
