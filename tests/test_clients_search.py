"""Search as you type: diacritics, Cyrillic, phone numbers in any form, ranking, paging, and an
index that follows every insert, edit and delete."""

from __future__ import annotations

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.client_search import build_tiers, names_similar
from salon_desktop.domain.roles import Role
from tests.clients_helpers import make_salon, new_client


@pytest.fixture
def ctx(app_context: AppContext) -> AppContext:
    new_client(app_context, "Õie", "Šmidt", phone="+372 5123 4567",
               email="oie.smidt@example.com")
    new_client(app_context, "Ольга", "Иванова", phone="5234 5678", language="ru")
    new_client(app_context, "Алёна", "Фёдорова", language="ru")
    new_client(app_context, "Mari", "Tamm", email="mari@example.com")
    new_client(app_context, "Marika", "Kask", phone="+358 40 1234567")
    new_client(app_context, "Jüri", "Mägi", email="juri.magi@example.com")
    return app_context


def names(ctx: AppContext, text: str) -> list[str]:
    return [f"{i.first_name} {i.last_name}" for i in ctx.services.clients.search(text).items]


@pytest.mark.parametrize(("typed", "expected"), [
    ("oie", "Õie Šmidt"),
    ("smidt", "Õie Šmidt"),
    ("Šmidt", "Õie Šmidt"),
    ("ŠMIDT õie", "Õie Šmidt"),
    ("оль", "Ольга Иванова"),
    ("ОЛЬГА", "Ольга Иванова"),
    ("иван", "Ольга Иванова"),
    ("алена", "Алёна Фёдорова"),      # ё typed as е
    ("фёдор", "Алёна Фёдорова"),
    ("magi", "Jüri Mägi"),
    ("juri", "Jüri Mägi"),
])
def test_diacritics_and_cyrillic(ctx: AppContext, typed: str, expected: str) -> None:
    assert names(ctx, typed) == [expected]


@pytest.mark.parametrize("typed", ["5123 4567", "51234567", "+372 5123 4567", "+3725123 4567",
                                   "37251234567", "0037251234567", "(+372) 5123-4567",
                                   "5123", "+372 512"])
def test_a_phone_in_any_form_finds_its_client(ctx: AppContext, typed: str) -> None:
    assert names(ctx, typed) == ["Õie Šmidt"]


def test_foreign_phone_and_email(ctx: AppContext) -> None:
    assert names(ctx, "+358 40 123") == ["Marika Kask"]
    assert names(ctx, "40 1234567") == ["Marika Kask"]
    assert names(ctx, "oie.smidt@example") == ["Õie Šmidt"]
    assert names(ctx, "juri.magi@example.com") == ["Jüri Mägi"]


def test_ranking_whole_name_before_prefix_before_contact(ctx: AppContext) -> None:
    # "mari": Mari Tamm (whole word), Marika Kask (prefix), then only the e-mail
    new_client(ctx, "Anne", "Saar", email="mari.saar@example.com")
    assert names(ctx, "mari") == ["Mari Tamm", "Marika Kask", "Anne Saar"]
    page = ctx.services.clients.search("mari")
    assert page.total == 3


def test_blank_search_lists_everyone_alphabetically_folded(ctx: AppContext) -> None:
    listed = names(ctx, "")
    assert listed[0] == "Marika Kask"
    # Š sorts with S, not after Z (NOCASE would put it last)
    assert listed.index("Õie Šmidt") < listed.index("Mari Tamm")
    assert ctx.services.clients.search("").total == 6


def test_paging(ctx: AppContext) -> None:
    for n in range(30):
        new_client(ctx, f"Maarja{n:02d}", "Lepp")
    service = ctx.services.clients
    first = service.search("lepp", limit=20)
    rest = service.search("lepp", limit=20, offset=20, with_total=False)
    assert first.total == 30 and rest.total is None
    assert len(first.items) == 20 and len(rest.items) == 10
    assert {i.id for i in first.items}.isdisjoint({i.id for i in rest.items})


def test_index_follows_edits_and_deletions(ctx: AppContext) -> None:
    service = ctx.services.clients
    client_id = service.search("smidt").items[0].id
    service.update(client_id, {"last_name": "Kõiv", "phone": "+372 5999 8888"})
    assert names(ctx, "smidt") == ["Õie Kõiv"]  # the e-mail still says so
    service.update(client_id, {"email": "oie@example.com"})
    assert names(ctx, "smidt") == []
    assert names(ctx, "koiv") == ["Õie Kõiv"]
    assert names(ctx, "5123 4567") == []
    assert names(ctx, "5999 8888") == ["Õie Kõiv"]
    service.update(client_id, {"phone": ""})
    assert names(ctx, "5999") == []
    assert ctx.vault is not None
    with ctx.vault.db.transaction():  # erasure is a later service; the trigger is what counts
        ctx.vault.db.execute("DELETE FROM clients WHERE id = ?", (client_id,))
    assert names(ctx, "koiv") == []
    assert names(ctx, "oie") == []
    ctx.vault.db.execute("INSERT INTO clients_fts (clients_fts) VALUES ('integrity-check')")


def test_stylist_never_matches_on_phone_or_email(ctx: AppContext) -> None:
    salon = make_salon(ctx)
    salon.act_as(Role.STYLIST)
    assert names(ctx, "5123 4567") == []
    assert names(ctx, "+372 5123") == []
    assert names(ctx, "oie.smidt@example") == []
    assert names(ctx, "example") == []
    assert names(ctx, "smidt") == ["Õie Šmidt"]
    salon.act_as(Role.RECEPTION)
    assert names(ctx, "5123 4567") == ["Õie Šmidt"]
    assert names(ctx, "example") != []


def test_fts_syntax_is_never_interpreted(ctx: AppContext) -> None:
    for typed in ('"', "AND", "OR NOT", "*", "a:b", "(", "NEAR(x y)", "{name}:x", "'", "---"):
        ctx.services.clients.search(typed)  # no exception


def test_query_building() -> None:
    assert build_tiers("  ", include_contact=True) is None
    assert build_tiers("5123 4567", include_contact=False) == []
    assert build_tiers("-- ..", include_contact=True) == []
    assert build_tiers("+372 5123", include_contact=True) == ['contact : "3725123"*']
    assert names_similar("Õie", "Šmidt", "Oie", "Smidt")
    assert names_similar("Mari", "Tamm", "Tamm", "Mari")
    assert not names_similar("Mari", "Tamm", "Kati", "Kask")


def test_purging_the_index_leaves_no_trace_of_a_deleted_client(ctx: AppContext) -> None:
    from salon_desktop.storage import clients_repo

    client_id = new_client(ctx, "Zanzibarqx", "Quuxelmann")
    assert ctx.vault is not None
    db = ctx.vault.db

    def traces() -> int:
        return int(db.scalar("SELECT count(*) FROM clients_fts_data WHERE "
                             "instr(block, CAST('quuxelmann' AS BLOB)) > 0"))

    assert traces() == 1
    with db.transaction():
        db.execute("DELETE FROM clients WHERE id = ?", (client_id,))
    assert names(ctx, "quuxelmann") == []
    assert traces() >= 1  # FTS5 only marks the entry deleted …
    with db.transaction():
        clients_repo.purge_search_index(db)
    assert traces() == 0  # … until the index is merged
