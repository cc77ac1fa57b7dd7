"""What the consents panel loads for one client, in one worker job.

One job, so the grid, the history and the health offer always describe the same moment of
the ledger. Runs on the worker thread: it touches services only, never widgets.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from salon_desktop.domain.clients import ClientListItem
from salon_desktop.domain.consents import (
    Action,
    ConsentEvent,
    ConsentState,
    Purpose,
    PurposeState,
    Wording,
)
from salon_desktop.domain.errors import NotFound

if TYPE_CHECKING:
    from salon_desktop.services.registry import Services


@dataclass(frozen=True)
class ClientConsents:
    client: ClientListItem
    state: ConsentState
    history: tuple[ConsentEvent, ...]
    wordings: dict[Purpose, Wording] = field(default_factory=dict)
    health_data_left: bool = False   # withdrawn, yet allergies or patch tests stored
    store_health: bool = True        # the salon keeps health data at all

    def shown_purposes(self) -> dict[Purpose, PurposeState]:
        """Every purpose; health only while the salon keeps health data or the client has
        a health consent on record (then its history must stay readable)."""
        shown: dict[Purpose, PurposeState] = {}
        for state in self.state.purposes:
            if state.purpose is Purpose.HEALTH and not self.store_health \
                    and state.action is None:
                continue
            shown[state.purpose] = state
        return shown

    @property
    def name(self) -> str:
        return f"{self.client.first_name} {self.client.last_name}"


def load_client(services: Services, client: ClientListItem, *,
                can_write: bool) -> ClientConsents:
    consents = services.consents
    state = consents.state(client.id)
    history = consents.history(client.id)
    wordings: dict[Purpose, Wording] = {}
    for purpose in Purpose:
        with contextlib.suppress(NotFound):  # no wording in that language: no tooltip
            wordings[purpose] = consents.current_wording(purpose, client.language)
    health = state.get(Purpose.HEALTH)
    left = bool(can_write and health is not None and health.action is Action.WITHDRAWN
                and consents.has_health_data(client.id))
    store = bool(services.settings.get("store_health_data"))
    return ClientConsents(client, state, history, wordings, left, store)
