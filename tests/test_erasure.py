"""Erasure (GDPR Art. 17): after it, no byte of the client's name, phone, e-mail, allergies
or notes is left anywhere in the database — not in a decrypted copy, not in the search
index, not in the encrypted file's freed pages (each page decrypted and scanned) — while
the accounting records stay, anonymous, and the audit chain still verifies."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from salon_desktop.backup import writer as backup_writer
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import NotFound, PermissionDenied
from salon_desktop.domain.rights import RequestMismatch, RequestStatus
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import VisitDraft
from salon_desktop.storage import erasure
from salon_desktop.storage.database import PAGE_SIZE
from tests.backup_helpers import PASSPHRASE, use_fast_kdf
from tests.clients_helpers import make_salon
from tests.rights_helpers import RichClient, rich_client

_RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 at the end of each page


def _needles(client: RichClient) -> list[bytes]:
    v = client.values
    texts = [v[k] for k in ("first", "last", "email", "address", "preferences", "notes",
                            "allergies", "contra", "product", "formula", "visit_notes",
                            "booking_notes")]
    digits = v["phone"].replace(" ", "")
    texts += [digits, digits[4:],                         # E.164 and the local digits
              v["last"].split("-")[-1].lower(), "onnela"]  # tokens as the search index folds
    return [t.encode() for t in texts]


def _plaintext_copy(ctx: AppContext, target: Path) -> bytes:
    """The whole database decrypted, as SQLCipher exports it."""
    db = ctx.services.ctx.db
    db.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
    db.query("SELECT sqlcipher_export('plain')")
    db.execute("DETACH DATABASE plain")
    return target.read_bytes()


def _decrypted_pages(ctx: AppContext) -> bytes:
    """Every page of the encrypted file decrypted with the vault key — live, free and
    unused ones alike — so content that only freed pages still hold is found too."""
    assert ctx.vault is not None and ctx.vault.db.path is not None
    key = ctx.keystore.get(ctx.vault.vault_id)
    assert key is not None
    data = ctx.vault.db.path.read_bytes()
    pages = []
    for number in range(len(data) // PAGE_SIZE):
        page = data[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
        start = 16 if number == 0 else 0  # page 1 begins with the salt
        iv = page[PAGE_SIZE - _RESERVE:PAGE_SIZE - _RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(page[start:PAGE_SIZE - _RESERVE]) + decryptor.finalize())
    assert pages[1][:1] in (b"\x02", b"\x05", b"\x0a", b"\x0d", b"\x00")  # a b-tree page
    return b"".join(pages)


def _found(blob: bytes, needles: list[bytes]) -> list[bytes]:
    return [n for n in needles if n in blob]


def test_nothing_of_the_client_is_left_in_any_byte(app_context: AppContext,
                                                   tmp_path: Path) -> None:
    salon = make_salon(app_context)
    gone = rich_client(salon, "et")
    kept = rich_client(salon, "ru")
    services = app_context.services
    # Unsaved edits a lock put aside (migration 6) hold the client's data too.
    services.drafts.save("client", f"client:{gone.id}", {"notes": gone.values["notes"]})
    services.drafts.save("booking", "booking:new", {"client_id": gone.id,
                                                    "notes": gone.values["booking_notes"]})
    # Something of the kind the scan looks for is there before, or the scan proves nothing.
    assert _found(_plaintext_copy(app_context, tmp_path / "before.db"), _needles(gone))
    app_context.services.ctx.db.checkpoint()
    assert b"zuzeklaas" in _decrypted_pages(app_context)
    assert {c.client_id for c in services.marketing.email_list()} == {gone.id, kept.id}

    result = services.erasure.erase(gone.id)

    assert result.visits_kept_anonymised == 1 and result.consent_events_deleted == 4
    plain = _plaintext_copy(app_context, tmp_path / "after.db")
    assert _found(plain, _needles(gone)) == []
    assert _found(_decrypted_pages(app_context), _needles(gone)) == []
    assert kept.values["last"].encode() in plain  # the other client is untouched
    assert services.ctx.db.scalar("SELECT count(*) FROM drafts") == 0
    wal = Path(f"{app_context.vault.db.path}-wal")  # type: ignore[union-attr]
    assert not wal.exists() or wal.stat().st_size == 0
    for text in (gone.values["last"], gone.values["email"], gone.values["phone"]):
        assert services.clients.search(text).items == ()
    with pytest.raises(NotFound):
        services.clients.get_card(gone.id)
    assert {c.client_id for c in services.marketing.email_list()} == {kept.id}
    assert services.audit.verify().ok


def test_accounting_rows_stay_anonymous(app_context: AppContext) -> None:
    salon = make_salon(app_context)
    gone = rich_client(salon, "et")
    db = app_context.services.ctx.db
    # A visit from 2015: its seven years ended in 2022, so it goes altogether.
    app_context.services.visits.record(VisitDraft(gone.id, datetime(2015, 6, 1, 10, 0),
                                                  salon.staff["liis"], (salon.catalogue["cut"],)))
    result = app_context.services.erasure.erase(gone.id)
    assert (result.visits_kept_anonymised, result.visits_deleted) == (1, 1)
    rows = db.query("SELECT * FROM visits WHERE client_id IS NULL")
    assert len(rows) == 1
    row = rows[0]
    assert row["anon_ref"].startswith("anon-")  # random: no table maps it back
    assert (row["started_at"][:10], row["price_cents"], row["keep_until"]) == (
        "2026-11-05", 8500, "2033-12-31")
    assert row["notes"] is None and row["colour_formula"] is None
    assert [r["name"] for r in db.query("SELECT name FROM visit_services WHERE visit_id = ?",
                                        (row["id"],))] == ["Värvimine"]
    assert db.query("PRAGMA foreign_key_check") == []


def test_audited_without_values_and_journalled_without_a_name(app_context: AppContext) -> None:
    salon = make_salon(app_context)
    gone = rich_client(salon, "ru")
    app_context.services.erasure.erase(gone.id)
    entry = next(e for e in app_context.services.audit.entries() if e.action == "client.erase")
    assert entry.record_id == str(gone.id) and "contacts" in entry.fields
    assert all(v not in repr(entry) for v in gone.values.values() if len(v) > 3)
    journal = erasure.read_journal(app_context.services.ctx.db)
    assert [j.client_id for j in journal] == [gone.id]
    assert all(v not in repr(journal) for v in gone.values.values() if len(v) > 3)


def test_the_request_is_closed_and_kept_without_the_person(app_context: AppContext) -> None:
    salon = make_salon(app_context)
    gone = rich_client(salon, "et")
    services = app_context.services
    access = services.requests.entries(client_id=gone.id)[0]  # the helper's access request
    with pytest.raises(RequestMismatch):
        services.erasure.erase(gone.id, request_id=access.id)
    assert services.clients.get_card(gone.id).id == gone.id  # nothing was erased
    request = services.requests.receive("erasure", gone.id, note="Tuli ise letti")
    services.erasure.erase(gone.id, request_id=request.id)
    after = services.requests.get(request.id)
    assert after.status is RequestStatus.DONE and after.client_erased
    assert after.client_id is None and after.client_name is None and after.note is None


def test_only_the_manager_erases(app_context: AppContext) -> None:
    salon = make_salon(app_context)
    client = rich_client(salon, "et")
    salon.act_as(Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        app_context.services.erasure.erase(client.id)
    with pytest.raises(PermissionDenied):
        app_context.services.erasure.preview(client.id)
    salon.act_as(Role.ADMIN)
    preview = app_context.services.erasure.preview(client.id)
    assert (preview.visits, preview.bookings, preview.has_health_data) == (1, 1, True)


def test_a_restored_backup_replays_the_erasure_the_same_way(app_context: AppContext) -> None:
    """The restore replays the journal with ``erase_client_data``: the visits stay as
    anonymous accounting records there too, and the search index is merged."""
    salon = make_salon(app_context)
    gone = rich_client(salon, "et")
    db = app_context.services.ctx.db
    created = db.scalar("SELECT created_at FROM clients WHERE id = ?", (gone.id,))
    entry = erasure.JournalEntry(gone.id, created, "2026-11-25T10:00:00+00:00", None)
    assert erasure.replay_journal(db, [entry]) == [gone.id]
    assert db.scalar("SELECT count(*) FROM visits WHERE client_id IS NULL AND anon_ref IS NOT "
                     "NULL AND colour_formula IS NULL") == 1
    assert app_context.services.clients.search("Zuzeklaas").items == ()
    db.checkpoint()
    assert b"zuzeklaas" not in _decrypted_pages(app_context)


def test_an_erasure_during_a_backup_leaves_no_trace_either(
        app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup runs on its own thread and reads through a connection of its own, so the
    manager may erase while its snapshot is taken. The erasure's checkpoint cannot pass the
    snapshot's read transaction: it must wait for the snapshot to end rather than give up
    after the busy timeout with the client's pages still in the file (that timeout, 10 s,
    which a large salon's snapshot on a slow disk can outlast, is 0.2 s here)."""
    use_fast_kdf(monkeypatch)
    salon = make_salon(app_context)
    gone = rich_client(salon, "et")
    services = app_context.services
    services.backups.set_passphrase(PASSPHRASE)
    db = services.ctx.db
    db.checkpoint()
    assert b"zuzeklaas" in _decrypted_pages(app_context)
    db.execute("PRAGMA busy_timeout = 200")
    in_snapshot, checked = threading.Event(), threading.Event()
    counted = backup_writer.table_counts

    def slow_counts(conn: Any, schema: str = "main") -> dict[str, int]:
        in_snapshot.set()  # inside the snapshot's read transaction
        time.sleep(1)
        return counted(conn, schema)

    def progress(done: int, total: int) -> None:
        if done >= 300:  # the snapshot is over: hold the backup there until checked
            checked.wait(10)

    monkeypatch.setattr(backup_writer, "table_counts", slow_counts)
    outcome: list[object] = []
    stick = tmp_path / "stick"
    stick.mkdir()
    job = threading.Thread(target=lambda: outcome.append(services.backups.create_backup(
        stick, PASSPHRASE, progress)))
    job.start()
    try:
        assert in_snapshot.wait(10)
        services.erasure.erase(gone.id)
        wal = Path(f"{db.path}-wal")
        assert not wal.exists() or wal.stat().st_size == 0
        assert _found(_decrypted_pages(app_context), _needles(gone)) == []
    finally:
        checked.set()
        job.join(10)
    assert len(outcome) == 1  # and the backup was made


def test_a_kept_visit_draft_of_the_client_goes_with_the_erasure(app_context: AppContext) -> None:
    """The visit dialog keys its draft "visit:<client id>" and its payload (colour formula,
    notes) names no client_id, so neither the client key nor the JSON lookup caught it."""
    salon = make_salon(app_context)
    gone = rich_client(salon, "et")
    kept = rich_client(salon, "ru")
    services = app_context.services
    services.drafts.save("visit", f"visit:{gone.id}", {"colour_formula": "7.1 + 3% zuzeklaas",
                                                       "notes": gone.values["visit_notes"]})
    services.drafts.save("visit", f"visit:{kept.id}", {"notes": "stays"})

    services.erasure.erase(gone.id)

    keys = [r[0] for r in services.ctx.db.query("SELECT key FROM drafts")]
    assert keys == [f"visit:{kept.id}"]
