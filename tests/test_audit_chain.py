"""The audit chain on a copy of a real vault: every kind of tampering is detected and the
first broken entry is named; control characters are escaped; the app cannot edit entries."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from salon_desktop.audit import log as audit_log
from salon_desktop.audit.log import entry_hash
from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.security.keystore import OsKeyStore
from salon_desktop.services.audit_view import describe_verification
from salon_desktop.storage.database import Database, IntegrityError
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.staff_helpers import TEMPORARY_PASSWORD

COLUMNS = ("id", "ts", "staff_id", "staff_role", "workstation", "source", "action",
           "record_type", "record_id", "fields", "detail")


def fill_log(ctx: AppContext) -> None:
    s = ctx.services
    member = s.staff.create("kati", "Kati", Role.RECEPTION, TEMPORARY_PASSWORD)
    s.staff.change_role(member.id, Role.STYLIST)
    s.settings.set("idle_lock_minutes", 5)
    s.demo.add_synthetic_clients(3)
    with pytest.raises(Exception):  # noqa: B017 - any refusal; the failure gets audited
        s.auth.sign_in(ADMIN_USER, "Vale-Parool-1")
    ctx.clock.advance(5)  # type: ignore[attr-defined]
    s.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    s.staff.deactivate(member.id)
    s.auth.lock()
    s.auth.unlock(ADMIN_PASSWORD)


@pytest.fixture
def vault_copy(app_context: AppContext, keystore: OsKeyStore, tmp_path: Path
               ) -> tuple[Path, bytes, int]:
    """A copy of the data folder after some work; returns (folder, key, entry count)."""
    fill_log(app_context)
    assert app_context.vault is not None
    key = keystore.get(app_context.vault.vault_id)
    assert key is not None
    count = audit_log.verify(app_context.vault.db).count
    folder = app_context.data_dir
    app_context.close()
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    return copy, key, count


def open_for_tampering(folder: Path, key: bytes) -> Database:
    db = Database.open(folder / "salon.db", key)
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("DROP TRIGGER audit_log_no_delete")
    return db


def row_values(db: Database, entry_id: int) -> dict[str, object]:
    row = db.query_one(f"SELECT {', '.join(COLUMNS)} FROM audit_log WHERE id = ?", (entry_id,))
    assert row is not None
    return {c: row[c] for c in COLUMNS}


def stored_hash(db: Database, entry_id: int) -> str:
    return str(db.scalar("SELECT hash FROM audit_log WHERE id = ?", (entry_id,)))


def insert_row(db: Database, values: dict[str, object], prev: str, digest: str) -> None:
    db.execute(f"INSERT INTO audit_log ({', '.join(COLUMNS)}, prev_hash, hash) "
               f"VALUES ({', '.join('?' * len(COLUMNS))}, ?, ?)",
               [*(values[c] for c in COLUMNS), prev, digest])


def shift_up_from(db: Database, first: int, last: int) -> None:
    for entry_id in range(last, first - 1, -1):
        db.execute("UPDATE audit_log SET id = id + 1 WHERE id = ?", (entry_id,))


# -- the ways to tamper: each returns the entry the verifier must name ----------------------
def edit(db: Database, n: int) -> int:
    db.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 5")
    return 5


def edit_and_rehash(db: Database, n: int) -> int:
    values = {**row_values(db, 5), "action": "settings.view"}
    prev = stored_hash(db, 4)
    db.execute("UPDATE audit_log SET action = ?, hash = ? WHERE id = 5",
               (values["action"], entry_hash(prev, values)))
    return 5


def edit_last_and_rehash(db: Database, n: int) -> int:
    values = {**row_values(db, n), "staff_id": None}
    db.execute("UPDATE audit_log SET staff_id = NULL, hash = ? WHERE id = ?",
               (entry_hash(stored_hash(db, n - 1), values), n))
    return n


def delete(db: Database, n: int) -> int:
    db.execute("DELETE FROM audit_log WHERE id = 5")
    return 5


def delete_and_renumber(db: Database, n: int) -> int:
    db.execute("DELETE FROM audit_log WHERE id = 5")
    for entry_id in range(6, n + 1):
        db.execute("UPDATE audit_log SET id = id - 1 WHERE id = ?", (entry_id,))
    return 5


def swap(db: Database, n: int) -> int:
    a, b = row_values(db, 4), row_values(db, 7)
    ha, hb = stored_hash(db, 4), stored_hash(db, 7)
    pa = db.scalar("SELECT prev_hash FROM audit_log WHERE id = 4")
    pb = db.scalar("SELECT prev_hash FROM audit_log WHERE id = 7")
    db.execute("DELETE FROM audit_log WHERE id IN (4, 7)")
    insert_row(db, {**b, "id": 4}, pb, hb)
    insert_row(db, {**a, "id": 7}, pa, ha)
    return 4


def drop_tail(db: Database, n: int) -> int:
    db.execute("DELETE FROM audit_log WHERE id > ?", (n - 3,))
    return n - 2


def insert_forged(db: Database, n: int) -> int:
    """Someone with a database tool adds an entry in the middle, hash made up."""
    shift_up_from(db, 6, n)
    forged = {**row_values(db, 5), "id": 6, "action": "backup.restore", "detail": None}
    insert_row(db, forged, stored_hash(db, 5), "f" * 64)
    return 6


def insert_forged_with_valid_hash(db: Database, n: int) -> int:
    """… or knows the algorithm and computes a fitting hash for it."""
    shift_up_from(db, 6, n)
    forged = {**row_values(db, 5), "id": 6, "action": "backup.restore", "detail": None}
    prev = stored_hash(db, 5)
    insert_row(db, forged, prev, entry_hash(prev, forged))
    return 6


def append_forged(db: Database, n: int) -> int:
    forged = {**row_values(db, n), "id": n + 1, "action": "client.erase"}
    prev = stored_hash(db, n)
    insert_row(db, forged, prev, entry_hash(prev, forged))
    return n + 1


def drop_head(db: Database, n: int) -> int:
    db.execute("DELETE FROM audit_head")
    return 1


TAMPERING: list[Callable[[Database, int], int]] = [
    edit, edit_and_rehash, edit_last_and_rehash, delete, delete_and_renumber, swap,
    drop_tail, insert_forged, insert_forged_with_valid_hash, append_forged, drop_head,
]


def test_an_untouched_copy_verifies(vault_copy: tuple[Path, bytes, int]) -> None:
    folder, key, count = vault_copy
    db = Database.open(folder / "salon.db", key)
    result = audit_log.verify(db)
    db.close()
    assert result.ok and result.count == count >= 10


@pytest.mark.parametrize("tamper", TAMPERING, ids=lambda f: f.__name__)
def test_tampering_is_detected_at_the_first_broken_entry(
        vault_copy: tuple[Path, bytes, int], tamper: Callable[[Database, int], int]) -> None:
    folder, key, count = vault_copy
    db = open_for_tampering(folder, key)
    expected = tamper(db, count)
    result = audit_log.verify(db)
    db.close()
    assert not result.ok
    assert result.first_broken_id == expected, result.reason
    msgid, params = describe_verification(result)
    assert params["entry"] == expected
    assert "{entry}" in msgid or result.kind == "head_missing"


def test_the_headless_command_names_the_broken_entry(
        vault_copy: tuple[Path, bytes, int], keystore: OsKeyStore, clock: FakeClock) -> None:
    folder, key, count = vault_copy
    db = open_for_tampering(folder, key)
    expected = swap(db, count)
    db.close()
    out, err = io.StringIO(), io.StringIO()
    code = main(["audit-verify", "--data-dir", str(folder), "--user", ADMIN_USER],
                stdin=io.StringIO(ADMIN_PASSWORD + "\n"), stdout=out, stderr=err,
                context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                     source="cli"))
    assert code == 1
    assert out.getvalue().startswith(f"BROKEN {expected}: ")


def test_the_app_cannot_edit_or_delete_entries(app_context: AppContext) -> None:
    db = app_context.services.ctx.db
    with pytest.raises(IntegrityError):
        db.execute("UPDATE audit_log SET detail = 'x' WHERE id = 1")
    with pytest.raises(IntegrityError):
        db.execute("DELETE FROM audit_log WHERE id = 1")
    assert app_context.services.audit.verify().ok


def test_control_characters_are_escaped(new_context: AppContext, data_dir: Path,
                                        keystore: OsKeyStore, clock: FakeClock) -> None:
    from salon_desktop.domain.settings import SalonDetails

    ctx = AppContext(data_dir, keystore=keystore, clock=clock,
                     workstation="pc\x1b[2J\r\nFAKE ENTRY\u202e")
    ctx.create()
    try:
        ctx.services.setup.set_up(SalonDetails("Salong Õnnelik"), ADMIN_USER, "Mari",
                                  ADMIN_PASSWORD)
        ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
        with ctx.services.ctx.db.transaction():
            ctx.services.settings.audit("test.free_text", record_id="id\x00\x07",
                                        fields=["a\tb"], detail="line1\nline2\x1b[31m\x85")
        db = ctx.services.ctx.db
        rows = db.query("SELECT workstation, action, record_id, fields, detail FROM audit_log")
        for row in rows:
            for value in row:
                if value is not None:
                    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f
                                   or c in "\u202e" for c in value), repr(value)
        last = rows[-1]
        assert last["detail"] == "line1\\u000aline2\\u001b[31m\\u0085"
        assert last["record_id"] == "id\\u0000\\u0007"
        assert last["fields"] == "a\\u0009b"
        assert rows[0]["workstation"] == "pc\\u001b[2J\\u000d\\u000aFAKE ENTRY\\u202e"
        assert ctx.services.audit.verify().ok
    finally:
        ctx.close()
