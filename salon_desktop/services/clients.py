"""The client register: search, the card, revealing masked fields, creating and editing.

What leaves this service is already cut to the role (``client_view``): a stylist's list
items and cards carry no phone, e-mail, address or birth date, and a stylist's search never
matches on them. Opening a card and revealing a masked field are audited (field names only);
so is every change, in the same transaction. Erasure is not here (GDPR Art. 17 has its own
service).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal, overload

from salon_desktop.domain.client_search import build_tiers, names_similar
from salon_desktop.domain.clients import (
    EDITABLE_FIELDS,
    HEALTH,
    HEALTH_CONSENT,
    HEALTH_FLAGS,
    ClientCard,
    ClientDraft,
    ClientListItem,
    ClientPage,
    CreateResult,
    HealthFlags,
    HealthInfo,
)
from salon_desktop.domain.errors import PermissionDenied, ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.validation import ValidationFailed, clean_client_fields
from salon_desktop.i18n import N_
from salon_desktop.services import client_view as view
from salon_desktop.services.base import Service, requires
from salon_desktop.services.restriction import require_unrestricted
from salon_desktop.services.visibility import may_see_field
from salon_desktop.storage import clients_repo, health_repo, staff_repo, visits_repo

MAX_PAGE = 500
RECENT_VISITS = 20
RevealField = Literal["birth_date", "health"]


class HealthConsentMissing(ValidationError):
    def __init__(self) -> None:
        super().__init__("health", N_("Health details are kept only after the client has "
                                      "agreed to it. Please record the client's consent "
                                      "first."))


class ClientService(Service):
    # -- the list -------------------------------------------------------------------------
    @requires(Permission.CLIENT_BASIC_READ)
    def search(self, text: str = "", limit: int = 50, offset: int = 0, *,
               with_total: bool = True) -> ClientPage:
        """A page of clients matching ``text`` (names; phone and e-mail only for roles that
        may see them), best tier first and alphabetical within it. ``total`` counts all
        matches when ``with_total`` (the lazy list asks once, on the first page)."""
        session = self.ctx.session
        assert session is not None
        limit = max(1, min(int(limit), MAX_PAGE))
        offset = max(0, int(offset))
        fields = view.visible_fields(self.ctx, session)
        own = view.own_clients_of(self.ctx, session)
        tiers = build_tiers(text, include_contact="phone" in fields and "email" in fields)
        with self.db.lock:
            if tiers is None:
                rows = clients_repo.search_all(self.db, limit=limit, offset=offset,
                                               own_stylist=own)
                total = clients_repo.count_all(self.db, own) if with_total else None
            else:
                rows, total = self._search_tiers(tiers, limit, offset, own)
        return ClientPage(tuple(view.list_item(r, fields) for r in rows),
                          total if with_total else None)

    def _search_tiers(self, tiers: list[str], limit: int, offset: int,
                      own: int | None) -> tuple[list, int]:
        rows: list = []
        seen = 0
        for match in tiers:
            matches = clients_repo.count_matches(self.db, match, own)
            if matches and len(rows) < limit and offset < seen + matches:
                rows += clients_repo.search_matches(
                    self.db, match, matches, limit=limit - len(rows),
                    offset=max(0, offset - seen), own_stylist=own)
            seen += matches
        return rows, seen

    # -- the card -------------------------------------------------------------------------
    @requires(Permission.CLIENT_BASIC_READ)
    def get_card(self, client_id: int) -> ClientCard:
        """The card cut to the role; birth date and health details stay masked (see
        ``masked_fields`` and ``reveal``). Audited as ``client.view``."""
        session = self.ctx.session
        assert session is not None
        with self.db.transaction():
            view.require_visible_client(self.ctx, session, client_id)
            row = clients_repo.get(self.db, client_id)
            assert row is not None
            fields = view.visible_fields(self.ctx, session)
            consent = view.health_consent(row) if HEALTH_CONSENT in fields else None
            consented = bool(row["health_consent"])
            flags = None
            if HEALTH_FLAGS in fields and consented:
                flags = HealthFlags(*health_repo.flags(self.db, client_id,
                                                       view.local_today(self.ctx)))
            masked = set()
            if "birth_date" in fields and row["birth_date"]:
                masked.add("birth_date")
            if HEALTH in fields and consented:
                masked.add(HEALTH)
            see_visits = may_see_field(session, "visits")
            card = ClientCard(
                id=client_id, visible_fields=fields,
                first_name=row["first_name"], last_name=row["last_name"],
                language=row["language"],
                preferences=row["preferences"] if "preferences" in fields else None,
                favourite_stylist_id=(row["favourite_stylist_id"]
                                      if "favourite_stylist_id" in fields else None),
                favourite_stylist=(row["favourite_stylist"]
                                   if "favourite_stylist_id" in fields else None),
                phone=row["phone"] if "phone" in fields else None,
                email=row["email"] if "email" in fields else None,
                address=row["address"] if "address" in fields else None,
                notes=row["notes"] if "notes" in fields else None,
                masked_fields=frozenset(masked), health_consent=consent, health_flags=flags,
                recent_visits=(view.visits(self.db, client_id, RECENT_VISITS)
                               if see_visits else ()),
                visit_count=visits_repo.count_for_client(self.db, client_id) if see_visits
                else 0)
            self.audit("client.view", record_type="client", record_id=client_id,
                       fields=sorted(fields - {"birth_date", HEALTH}))
        return card

    @overload
    def reveal(self, client_id: int, field: Literal["birth_date"]) -> date | None: ...
    @overload
    def reveal(self, client_id: int, field: Literal["health"]) -> HealthInfo: ...

    @requires(Permission.CLIENT_BASIC_READ)
    def reveal(self, client_id: int, field: RevealField) -> date | HealthInfo | None:
        """A masked field's value, for the eye button; audited as ``client.reveal``."""
        session = self.ctx.session
        assert session is not None
        if field not in ("birth_date", HEALTH):
            raise ValueError(f"not a masked field: {field!r}")
        with self.db.transaction():
            view.require_visible_client(self.ctx, session, client_id)
            if field not in view.visible_fields(self.ctx, session):
                raise PermissionDenied()
            row = clients_repo.get(self.db, client_id)
            assert row is not None
            value: date | HealthInfo | None
            if field == "birth_date":
                value = date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
            else:
                if not row["health_consent"]:
                    raise HealthConsentMissing()
                health = health_repo.get(self.db, client_id)
                value = HealthInfo(
                    allergies=health["allergies"] if health else None,
                    contraindications=health["contraindications"] if health else None,
                    patch_tests=tuple(view.patch_test(p)
                                      for p in health_repo.patch_tests(self.db, client_id)))
            self.audit("client.reveal", record_type="client", record_id=client_id,
                       fields=[field])
        return value

    # -- creating and editing -------------------------------------------------------------
    def _clean(self, values: Mapping[str, object]) -> dict[str, object]:
        session = self.ctx.session
        assert session is not None
        unknown = set(values) - EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"unknown client fields: {sorted(unknown)}")
        if set(values) - view.writable_fields(session):
            raise PermissionDenied()
        cleaned = clean_client_fields(values, view.local_today(self.ctx))
        stylist = cleaned.get("favourite_stylist_id")
        if isinstance(stylist, int):
            row = staff_repo.by_id(self.db, stylist)
            if row is None or not row["active"]:
                raise ValidationFailed([ValidationError(
                    "favourite_stylist_id", N_("Please choose a stylist from the list."))])
        return cleaned

    @requires(Permission.CLIENT_BASIC_WRITE)
    def find_duplicates(self, draft: ClientDraft) -> tuple[ClientListItem, ...]:
        """Existing clients with the same phone or e-mail, or a very similar name and the
        same birth date: the form offers these cards instead of a new one."""
        session = self.ctx.session
        assert session is not None
        return self._duplicates(self._clean(draft.filled()))

    def _duplicates(self, cleaned: Mapping[str, object],
                    exclude_id: int | None = None) -> tuple[ClientListItem, ...]:
        session = self.ctx.session
        assert session is not None
        ids = set(clients_repo.ids_with_contact(self.db, cleaned.get("phone"),  # type: ignore[arg-type]
                                                cleaned.get("email"), exclude_id))  # type: ignore[arg-type]
        if cleaned.get("birth_date"):
            for row in clients_repo.names_born_on(self.db, str(cleaned["birth_date"])):
                if row["id"] != exclude_id and names_similar(
                        str(cleaned["first_name"]), str(cleaned["last_name"]),
                        row["first_name"], row["last_name"]):
                    ids.add(int(row["id"]))
        own = view.own_clients_of(self.ctx, session)
        if own is not None:
            ids = {i for i in ids if clients_repo.is_own_client(self.db, i, own)}
        fields = view.visible_fields(self.ctx, session)
        return tuple(view.list_item(r, fields) for r in clients_repo.list_items(self.db, ids))

    @requires(Permission.CLIENT_BASIC_WRITE)
    def create(self, draft: ClientDraft, *, force: bool = False) -> CreateResult:
        """Create the client, unless it looks like one already registered: then nothing is
        written and the candidates come back (``force=True`` creates anyway).
        Raises ``ValidationFailed`` listing every bad field."""
        with self.db.transaction():
            cleaned = self._clean(draft.filled())
            duplicates = self._duplicates(cleaned)
            if duplicates and not force:
                return CreateResult(None, duplicates)
            client_id = clients_repo.insert(self.db, cleaned, self.ctx.clock.now())
            self.audit("client.create", record_type="client", record_id=client_id,
                       fields=sorted(k for k, v in cleaned.items() if v is not None),
                       detail=f"duplicates_overridden={len(duplicates)}" if duplicates
                       else None)
        return CreateResult(client_id)

    @requires(Permission.CLIENT_BASIC_READ)
    def update(self, client_id: int, changes: Mapping[str, object]) -> tuple[str, ...]:
        """Change some fields (names as in ``ClientCard``); returns the names that changed,
        which is also what the audit entry lists. Each field needs its write permission."""
        session = self.ctx.session
        assert session is not None
        with self.db.transaction():
            view.require_visible_client(self.ctx, session, client_id)
            require_unrestricted(self.ctx, client_id)  # GDPR Art. 18
            cleaned = self._clean(changes)
            row = clients_repo.get(self.db, client_id)
            assert row is not None
            changed = {k: v for k, v in cleaned.items() if row[k] != v}
            if not changed:
                return ()
            clients_repo.update(self.db, client_id, changed, self.ctx.clock.now())
            self.audit("client.update", record_type="client", record_id=client_id,
                       fields=sorted(changed))
        return tuple(sorted(changed))
