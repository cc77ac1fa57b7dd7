"""The service catalogue and the visits recorded against it.

Prices are whole cents (no float rounding in a till); times are the salon's local time.
Catalogue names are the salon's own data, stored as the salon typed them, not translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CatalogueItem:
    id: int
    name: str
    duration_minutes: int
    price_cents: int
    needs_patch_test: bool
    active: bool = True


@dataclass(frozen=True)
class CatalogueDraft:
    name: str
    duration_minutes: int
    price_cents: int
    needs_patch_test: bool = False


@dataclass(frozen=True)
class VisitLine:
    """One service of a visit, with its name and price as they were that day."""

    service_id: int | None
    name: str
    price_cents: int


@dataclass(frozen=True)
class Visit:
    id: int
    client_id: int
    started_at: datetime
    stylist_id: int | None
    stylist: str | None           # display name
    lines: tuple[VisitLine, ...]
    price_cents: int
    notes: str | None
    colour_formula: str | None
    appointment_id: int | None = None


@dataclass(frozen=True)
class VisitDraft:
    client_id: int
    started_at: datetime
    stylist_id: int
    service_ids: tuple[int, ...]
    price_cents: int | None = None   # None: the sum of the services' catalogue prices
    notes: str | None = None
    colour_formula: str | None = None
    appointment_id: int | None = None
