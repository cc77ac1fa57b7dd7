"""``backup --to DIR``, ``verify-backup FILE`` and ``restore FILE`` against shared/cli.md:
password, then passphrase, one per stdin line; results on stdout, messages on stderr."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.security.keystore import OsKeyStore
from tests.backup_helpers import OTHER_PASSPHRASE, PASSPHRASE, use_fast_kdf
from tests.memory_keyring import MemoryKeyring

PASSWORD = "Kevad-2026-Tulp"


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fast_kdf(monkeypatch)


def run(argv: list[str], stdin: str, keystore: OsKeyStore,
        clock: FakeClock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err,
                context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                     source="cli"))
    return code, out.getvalue(), err.getvalue()


def _salon(tmp_path: Path, keystore: OsKeyStore, clock: FakeClock) -> str:
    data = str(tmp_path / "vault")
    code, _out, err = run(["--data-dir", data, "init", "--salon-name", "Salong Õnnelik",
                           "--admin-user", "mari"], PASSWORD + "\n", keystore, clock)
    assert code == 0, err
    ctx = AppContext(Path(data), keystore=keystore, clock=clock)
    ctx.open()
    ctx.services.auth.sign_in("mari", PASSWORD)
    ctx.services.backups.set_passphrase(PASSPHRASE)
    ctx.close()
    return data


def test_backup_verify_restore(tmp_path: Path, clock: FakeClock) -> None:
    keystore = OsKeyStore(MemoryKeyring())
    data = _salon(tmp_path, keystore, clock)
    target = tmp_path / "stick"
    target.mkdir()
    secrets = f"{PASSWORD}\n{PASSPHRASE}\n"
    code, out, err = run(["backup", "--data-dir", data, "--user", "mari", "--to",
                          str(target)], secrets, keystore, clock)
    assert code == 0, err
    backup = Path(out.strip())
    assert backup.parent == target and backup.suffix == ".sdbak" and backup.exists()

    code, out, err = run(["verify-backup", str(backup), "--data-dir", data, "--user", "mari"],
                         secrets, keystore, clock)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "OK" and "salon_name\tSalong Õnnelik" in lines
    assert "count.staff\t1" in lines

    code, out, err = run(["restore", str(backup), "--data-dir", data, "--user", "mari"],
                         secrets, keystore, clock)
    assert code == 0, err
    assert "salon.db.before-restore-" in err
    assert any(p.name.startswith("salon.db.before-restore-") for p in Path(data).iterdir())

    code, out, err = run(["--lang", "et", "verify-backup", str(backup), "--data-dir", data,
                          "--user", "mari"], f"{PASSWORD}\n{OTHER_PASSPHRASE}\n", keystore,
                         clock)
    assert code == 1 and out == ""
    assert "This is not the passphrase" not in err and err.strip()

    code, _out, err = run(["backup", "--data-dir", data, "--user", "mari", "--to",
                           str(target)], f"{PASSWORD}\n", keystore, clock)
    assert code == 1 and err.strip()  # the passphrase line is missing


def test_restore_on_a_new_pc_needs_only_the_passphrase(tmp_path: Path,
                                                       clock: FakeClock) -> None:
    keystore = OsKeyStore(MemoryKeyring())
    data = _salon(tmp_path, keystore, clock)
    target = tmp_path / "stick"
    target.mkdir()
    code, out, err = run(["backup", "--data-dir", data, "--user", "mari", "--to",
                          str(target)], f"{PASSWORD}\n{PASSPHRASE}\n", keystore, clock)
    assert code == 0, err
    backup = out.strip()

    new_keystore = OsKeyStore(MemoryKeyring())
    new_data = str(tmp_path / "new-pc")
    code, out, err = run(["restore", backup, "--data-dir", new_data],
                         f"{OTHER_PASSPHRASE}\n", new_keystore, clock)
    assert code == 1 and not Path(new_data, "salon.db").exists()
    code, out, err = run(["restore", backup, "--data-dir", new_data], f"{PASSPHRASE}\n",
                         new_keystore, clock)
    assert code == 0, err
    keys = [line for line in out.splitlines() if line.startswith("RECOVERY KEY: ")]
    assert len(keys) == 1
    code, out, err = run(["selftest", "--data-dir", new_data], "", new_keystore, clock)
    assert (code, out.strip()) == (0, "OK"), err
    code, out, err = run(["backup", "--data-dir", new_data, "--user", "mari", "--to",
                          str(target)], f"{PASSWORD}\n{PASSPHRASE}\n", new_keystore, clock)
    assert code == 0, err


def test_restore_on_a_new_pc_with_user_reads_password_then_passphrase(
        tmp_path: Path, clock: FakeClock) -> None:
    """The contract's order — the staff password, then the passphrase — on a new PC too: the
    user signs in against the restored staff; a wrong password leaves the folder empty, the
    keyring without an entry and the backup untouched (a non-manager is refused the same
    way, by the restore permission check)."""
    keystore = OsKeyStore(MemoryKeyring())
    data = _salon(tmp_path, keystore, clock)
    target = tmp_path / "stick"
    target.mkdir()
    code, out, err = run(["backup", "--data-dir", data, "--user", "mari", "--to",
                          str(target)], f"{PASSWORD}\n{PASSPHRASE}\n", keystore, clock)
    assert code == 0, err
    backup = out.strip()
    before = Path(backup).read_bytes()

    ring = MemoryKeyring()
    new_keystore = OsKeyStore(ring)
    new_data = tmp_path / "new-pc"
    code, out, err = run(["restore", backup, "--data-dir", str(new_data), "--user", "mari"],
                         f"Wrong-Password-1\n{PASSPHRASE}\n", new_keystore, clock)
    assert code == 1 and "RECOVERY KEY" not in out
    assert not (new_data / "salon.db").exists() and not ring.entries
    assert Path(backup).read_bytes() == before

    code, out, err = run(["restore", backup, "--data-dir", str(new_data), "--user", "mari"],
                         f"{PASSWORD}\n{PASSPHRASE}\n", new_keystore, clock)
    assert code == 0, err
    assert sum(line.startswith("RECOVERY KEY: ") for line in out.splitlines()) == 1
    code, out, err = run(["selftest", "--data-dir", str(new_data)], "", new_keystore, clock)
    assert (code, out.strip()) == (0, "OK"), err
