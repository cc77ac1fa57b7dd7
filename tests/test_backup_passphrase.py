"""The backup passphrase: its policy, the verifier that refuses a mistyped one before anything
is written, changing it (old backups keep needing the old one), Unicode normalisation, and
the file format's key check."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from salon_desktop.backup import format as backup_format
from salon_desktop.backup import verify as backup_verify
from salon_desktop.backup.errors import WrongBackupPassphrase, WrongPassphrase
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import ValidationError
from salon_desktop.services.backups import VERIFIER_KEY
from salon_desktop.storage import settings_repo
from tests.backup_helpers import (
    OTHER_PASSPHRASE,
    PASSPHRASE,
    db_of,
    ready,
    stick,
    use_fast_kdf,
)
from tests.conftest import SALON_NAME


@pytest.fixture(autouse=True)
def _fast(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if not request.node.get_closest_marker("real_kdf"):
        use_fast_kdf(monkeypatch)


@pytest.mark.parametrize(("passphrase", "words"), [
    ("lühike-2026", "at least 12 characters"),
    ("password1234", "common password"),
    (f"{SALON_NAME} kevad 2026", "salon's name"),
])
def test_weak_passphrases_are_refused(app_context: AppContext, passphrase: str,
                                      words: str) -> None:
    backups = app_context.services.backups
    hint = backups.passphrase_hint(passphrase)
    assert hint is not None
    with pytest.raises(ValidationError) as caught:
        backups.set_passphrase(passphrase)
    assert caught.value.field == "passphrase"
    assert words in caught.value.user_message()
    assert not backups.passphrase_is_set()


def test_the_verifier_is_all_that_is_stored(app_context: AppContext) -> None:
    backups = app_context.services.backups
    assert backups.passphrase_hint(PASSPHRASE) is None
    backups.set_passphrase(PASSPHRASE)
    stored = settings_repo.get(db_of(app_context), VERIFIER_KEY)
    assert stored is not None and stored.startswith("$argon2id$")
    assert PASSPHRASE not in stored
    assert "backup_passphrase_verifier" not in app_context.services.settings.all()
    backups.set_passphrase(OTHER_PASSPHRASE)
    actions = [r[0] for r in db_of(app_context).query(
        "SELECT detail FROM audit_log WHERE action = 'backup.passphrase' ORDER BY id")]
    assert actions == ["set", "changed"]


def test_changing_the_passphrase_affects_new_backups_only(app_context: AppContext,
                                                          tmp_path: Path) -> None:
    ready(app_context, clients=5)
    backups = app_context.services.backups
    folder = stick(tmp_path)
    old = backups.create_backup(folder, PASSPHRASE).path
    backups.set_passphrase(OTHER_PASSPHRASE)
    with pytest.raises(WrongBackupPassphrase):
        backups.create_backup(folder, PASSPHRASE)
    app_context.clock.advance(5)  # type: ignore[attr-defined]
    new = backups.create_backup(folder, OTHER_PASSPHRASE).path
    assert backups.verify_backup(old, PASSPHRASE).fully_verified
    assert backups.verify_backup(new, OTHER_PASSPHRASE).fully_verified
    with pytest.raises(WrongPassphrase) as caught:
        backups.verify_backup(old, OTHER_PASSPHRASE)
    assert "passphrase that was set when it was made" in caught.value.user_message()
    with pytest.raises(WrongPassphrase):
        backups.inspect_backup(new, PASSPHRASE)


def test_a_composed_and_a_decomposed_passphrase_are_the_same(app_context: AppContext,
                                                            tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", PASSPHRASE)
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert composed != decomposed
    ready(app_context, clients=1)
    path = app_context.services.backups.create_backup(stick(tmp_path), decomposed).path
    assert app_context.services.backups.inspect_backup(path, composed).count("clients") == 3


def test_the_clear_salt_carries_version_and_key_check_only(tmp_path: Path) -> None:
    bkey = backup_format.new_key(PASSPHRASE)
    assert len(bkey.salt) == 16 and bkey.salt[0] == backup_format.FORMAT_VERSION
    again = backup_format.new_key(PASSPHRASE)
    assert again.salt != bkey.salt and again.key != bkey.key
    path = tmp_path / "x.sdbak"
    path.write_bytes(bkey.salt + b"\0" * 100)
    assert backup_verify.unlock(path, PASSPHRASE).key == bkey.key
    with pytest.raises(WrongPassphrase):
        backup_verify.unlock(path, OTHER_PASSPHRASE)


@pytest.mark.real_kdf
def test_shipped_kdf_parameters() -> None:
    """The real parameters (other tests swap them for cheap ones): argon2id, 128 MiB."""
    spec = backup_format.SPECS[1]
    assert (spec.time_cost, spec.memory_cost, spec.parallelism) == (3, 131072, 4)
    assert (spec.page_size, spec.hmac_algorithm) == (65536, "HMAC_SHA256")
