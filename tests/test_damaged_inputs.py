"""Damaged inputs: each a clear message with the way out, and nothing overwritten.

Extends tests/test_vault.py (wrong key, missing key, "not a key at all", truncated by half
a page, a flipped bit on page 1 and deeper, one edited sidecar) with what it lacks: a
database of random bytes, empty, plaintext, or a folder; a WAL or index of garbage beside a
good database; sidecars truncated, emptied, binary or replaced by a folder; a keyring entry
holding many kinds of garbage (and the recovery key as the way out). Damaged backups are
covered by tests/test_backup_restore.py (truncated mid-page and by whole pages, bits flipped
in the middle, page 1 and the last byte, random bytes, a plain SQLite file, a bit in the
clear salt); here the remaining shapes: empty, shorter than the header, a folder, the right
version byte before random bytes. A damaged translation catalog is covered for binary
garbage by tests/test_translations.py; here: empty, cut mid-entry, bad UTF-8, a folder, a
broken placeholder. A damaged language preference file falls back quietly.

After every refusal the database and sidecar are byte for byte as they were and no file
appeared or vanished.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from salon_desktop import prefs
from salon_desktop.backup.errors import BackupError
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import catalog as i18n
from salon_desktop.security import errors
from salon_desktop.security.keystore import SERVICE, OsKeyStore
from salon_desktop.storage.database import PAGE_SIZE
from salon_desktop.vault import DB_NAME, SIDECAR_NAME
from tests.backup_helpers import PASSPHRASE, stick, use_fast_kdf
from tests.consent_helpers import add_client
from tests.memory_keyring import MemoryKeyring


def _state(folder: Path) -> dict[str, str]:
    """Every file's hash and every folder's name: 'nothing overwritten, nothing created'."""
    out = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        out[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


@pytest.fixture
def vault(app_context: AppContext) -> tuple[AppContext, str]:
    """A closed vault with some clients (the WAL folded in at close) and its key's hex."""
    for n in range(5):
        add_client(app_context, "Kahjustatud", f"Klient {n}", notes=f"märkus {n}")
    assert app_context.vault is not None
    vault_id = app_context.vault.vault_id
    app_context.close()
    key = app_context.keystore.get(vault_id)
    assert key is not None
    return app_context, key.hex()


def _refused(ctx: AppContext, error: type[SalonError], way_out: str) -> SalonError:
    before = _state(ctx.data_dir)
    with pytest.raises(error) as caught:
        ctx.open()
    assert ctx.vault is None
    assert way_out in caught.value.user_message()
    for language in ("et", "ru"):
        assert "Way out" not in caught.value.user_message(i18n.get_translator(language))
    assert _state(ctx.data_dir) == before, "a refused opening changed or created a file"
    return caught.value


# -- the database file -------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["random-pages", "random-odd-size", "empty",
                                    "one-page-of-zeros", "plaintext-sqlite"])
def test_a_damaged_database_is_refused_untouched(vault: tuple[AppContext, str],
                                                 damage: str) -> None:
    ctx, _key = vault
    db_file = ctx.data_dir / DB_NAME
    size = db_file.stat().st_size
    if damage == "random-pages":
        db_file.write_bytes(os.urandom(size))
    elif damage == "random-odd-size":
        db_file.write_bytes(os.urandom(size + 123))
    elif damage == "empty":
        db_file.write_bytes(b"")
    elif damage == "one-page-of-zeros":
        db_file.write_bytes(bytes(PAGE_SIZE))
    else:
        db_file.unlink()
        sqlite3.connect(db_file).execute("CREATE TABLE clients (name)").connection.close()
        assert db_file.stat().st_size % PAGE_SIZE == 0
    _refused(ctx, errors.DatabaseDamaged, "restore the latest backup")


def test_a_folder_where_the_database_should_be(vault: tuple[AppContext, str]) -> None:
    """Found by this test: the opening used to fail with IsADirectoryError."""
    ctx, _key = vault
    db_file = ctx.data_dir / DB_NAME
    db_file.rename(ctx.data_dir / "kept.db")
    db_file.mkdir()
    _refused(ctx, errors.DatabaseUnreadable, "Nothing was changed")


@pytest.mark.parametrize("companion", ["-wal", "-shm"])
def test_garbage_beside_a_good_database_loses_nothing(vault: tuple[AppContext, str],
                                                      companion: str) -> None:
    """A WAL whose header does not check out holds nothing SQLite will use (after a crash it
    could only have held uncommitted frames), and the index is always rebuilt: the
    database opens with everything it had and the audit chain intact. (SQLite then
    replaces the garbage; it was never data.)"""
    ctx, _key = vault
    (ctx.data_dir / f"{DB_NAME}{companion}").write_bytes(os.urandom(3 * PAGE_SIZE + 32))
    ctx.open()
    assert ctx.vault is not None
    db = ctx.vault.db
    assert db.scalar("SELECT count(*) FROM clients") == 5
    assert db.integrity_problems() == [] and db.cipher_integrity_problems() == []
    ctx.services.auth.sign_in("juhataja", "Kevad-2026-Tulp")
    assert ctx.services.audit.verify().ok
    ctx.close()
    ctx.open()
    assert ctx.vault is not None
    assert ctx.vault.db.scalar("SELECT count(*) FROM clients") == 5
    ctx.close()


# -- the sidecar -------------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["truncated", "empty", "random", "not-utf8", "json-list",
                                    "checksum-only", "folder"])
def test_a_damaged_sidecar_is_refused_untouched(vault: tuple[AppContext, str],
                                                damage: str) -> None:
    ctx, _key = vault
    sidecar = ctx.data_dir / SIDECAR_NAME
    text = sidecar.read_bytes()
    if damage == "truncated":
        sidecar.write_bytes(text[: len(text) // 2])
    elif damage == "empty":
        sidecar.write_bytes(b"")
    elif damage == "random":
        sidecar.write_bytes(os.urandom(len(text)))
    elif damage == "not-utf8":
        sidecar.write_bytes(text.replace(b'"vault_id"', b'"vault_\xff\xfeid"'))
    elif damage == "json-list":
        sidecar.write_bytes(b"[1, 2, 3]")
    elif damage == "checksum-only":
        sidecar.write_bytes(b'{"checksum": "00"}')
    else:
        sidecar.unlink()
        sidecar.mkdir()
    _refused(ctx, errors.SidecarDamaged, "restore vault.json from a backup copy")


# -- the keyring entry -------------------------------------------------------------------
GARBAGE = ["", " ", "zz", "00" * 31, "00" * 33, "ключ", "\x00" * 64, "{\"key\": \"00\"}",
           "0x" + "00" * 32, "g" * 64, "00" * 10_000]


def test_garbage_in_the_keyring_entry(vault: tuple[AppContext, str],
                                      memory_keyring: MemoryKeyring, clock: FakeClock) -> None:
    ctx, key_hex = vault
    vault_id = next(u for (_s, u) in memory_keyring.entries if "." not in u)
    for garbage in GARBAGE:
        memory_keyring.entries[(SERVICE, vault_id)] = garbage
        _refused(ctx, errors.KeyGarbled, "Recover access")
    # Tolerated: the same key with spaces around it or in capitals.
    for variant in (f"  {key_hex}\n", key_hex.upper()):
        memory_keyring.entries[(SERVICE, vault_id)] = variant
        ctx.open()
        ctx.close()
    # The way out works: the recovery key puts the key back.
    memory_keyring.entries[(SERVICE, vault_id)] = "garbage"
    fresh = AppContext(ctx.data_dir, keystore=OsKeyStore(memory_keyring), clock=clock)
    assert fresh.recover(ctx.recovery_key) == vault_id  # type: ignore[attr-defined]
    fresh.open()
    assert fresh.vault is not None and fresh.vault.db.scalar(
        "SELECT count(*) FROM clients") == 5
    fresh.close()


# -- backups -----------------------------------------------------------------------------
def test_more_shapes_of_damaged_backup(app_context: AppContext, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    use_fast_kdf(monkeypatch)
    ctx = app_context
    add_client(ctx, "Varu", "Koopia")
    ctx.services.backups.set_passphrase(PASSPHRASE)
    good = ctx.services.backups.create_backup(stick(tmp_path), PASSPHRASE).path
    blob = good.read_bytes()
    bad = stick(tmp_path, "bad")
    shapes = {"empty.sdbak": b"", "short.sdbak": blob[:15],
              "version-then-random.sdbak": blob[:1] + os.urandom(len(blob) - 1)}
    for name, data in shapes.items():
        (bad / name).write_bytes(data)
    (bad / "folder.sdbak").mkdir()
    assert ctx.vault is not None
    ctx.vault.db.checkpoint()
    live = _state(ctx.data_dir)
    for path in sorted(bad.iterdir()):
        before = _state(bad)
        for attempt in (lambda p=path: ctx.services.backups.verify_backup(p, PASSPHRASE),
                        lambda p=path: ctx.restore_backup(p, PASSPHRASE)):
            with pytest.raises(BackupError) as caught:
                attempt()
            message = caught.value.user_message()
            assert "Way out" in message, (path.name, message)
            assert str(path) not in str(caught.value)
        assert _state(bad) == before, path.name
        assert {k: v for k, v in _state(ctx.data_dir).items() if "-wal" not in k
                and "-shm" not in k} == {k: v for k, v in live.items()
                                         if "-wal" not in k and "-shm" not in k}
    assert ctx.services.backups.verify_backup(good, PASSPHRASE).fully_verified


# -- translations and preferences --------------------------------------------------------
@pytest.mark.parametrize("damage", ["empty", "cut-mid-entry", "bad-utf8", "folder",
                                    "bad-placeholder"])
def test_a_damaged_catalog_falls_back_to_english_for_that_file_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        damage: str) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(i18n.translations_dir(), copy)
    target = copy / "et" / "LC_MESSAGES" / "core.po"
    text = target.read_bytes()
    with target.open("rb") as handle:
        intact = {e.id: e.string for e in read_po(handle, locale="et")
                  if isinstance(e.id, str) and e.id and e.string}
    if damage == "empty":
        target.write_bytes(b"")
    elif damage == "cut-mid-entry":
        cut = text.index(b'msgstr "', len(text) // 2)
        target.write_bytes(text[: cut + 12])
    elif damage == "bad-utf8":
        target.write_bytes(text.replace(b"Lahendus", b"Lahen\xff\xfedus", 1))
    elif damage == "folder":
        target.unlink()
        target.mkdir()
    else:
        target.write_bytes(text.replace(b"{seconds}", b"{sekundid}"))
    monkeypatch.setattr(i18n, "translations_dir", lambda: copy)
    i18n.reload_catalogs()
    try:
        with caplog.at_level(logging.WARNING):
            et = i18n.get_translator("et")
        other = et.gettext("No backup passphrase has been set yet.")  # from backup.po
        assert other != "No backup passphrase has been set yet."
        from salon_desktop.domain.errors import SignInThrottled

        message = SignInThrottled(seconds=4).user_message(et)  # core.po, with a parameter
        assert message.strip() and "{" not in message.replace("{sekundid}", "")
        if damage in ("empty", "cut-mid-entry", "bad-placeholder"):
            assert "core.po" not in et.problems  # readable; the app shows what it can
        else:
            assert "core.po" in et.problems
            assert "core.po could not be read" in caplog.text
        if damage != "bad-placeholder":
            # Each message is its whole translation or English, never a cut-off fragment.
            for msgid, translated in intact.items():
                assert et.gettext(msgid) in (translated, msgid), msgid
    finally:
        monkeypatch.undo()
        i18n.reload_catalogs()


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00", b"[]", b'{"language": 5}',
                                     b'{"language": "xx"}'])
def test_a_damaged_language_preference_is_ignored(tmp_path: Path, content: bytes) -> None:
    (tmp_path / prefs.PREFS_NAME).write_bytes(content)
    assert prefs.read_language(tmp_path) is None
    prefs.write_language(tmp_path, "et")
    assert prefs.read_language(tmp_path) == "et"
