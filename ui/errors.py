"""Turning an exception into words for the person at the desk.

Core errors translate themselves (``user_message()``, with the way out). Anything else is a
bug: it is logged with its traceback for support and shown as the core's generic message, so
no technical text (or data inside it) reaches the screen.
"""

from __future__ import annotations

import logging

from salon_desktop.domain.errors import SalonError

log = logging.getLogger(__name__)


def message_for(error: BaseException) -> str:
    if isinstance(error, SalonError):
        return error.user_message()
    log.error("unexpected error in the UI: %s", type(error).__name__, exc_info=error)
    return SalonError().user_message()
