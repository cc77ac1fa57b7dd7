"""``salon-desktop admin init | selftest | recover`` against the contract in shared/cli.md."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.security.keystore import OsKeyStore
from tests.memory_keyring import MemoryKeyring

PASSWORD = "Kevad-2026-Tulp"


def run(argv: list[str], stdin: str, keystore: OsKeyStore,
        clock: FakeClock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err,
                context_factory=lambda d: AppContext(d, keystore=keystore, clock=clock,
                                                     source="cli"))
    return code, out.getvalue(), err.getvalue()


def test_init_selftest_recover(tmp_path: Path, clock: FakeClock) -> None:
    ring = MemoryKeyring()
    keystore = OsKeyStore(ring)
    data = str(tmp_path / "vault")
    sheet = tmp_path / "sheet.pdf"
    code, out, err = run(["--data-dir", data, "init", "--salon-name", "Salong Õnnelik",
                          "--admin-user", "mari", "--recovery-sheet", str(sheet)],
                         PASSWORD + "\n", keystore, clock)
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("RECOVERY KEY: ")]
    assert len(lines) == 1
    recovery = lines[0].removeprefix("RECOVERY KEY: ")
    assert sheet.read_bytes().startswith(b"%PDF")

    code, out, err = run(["selftest", "--data-dir", data], "", keystore, clock)
    assert (code, out.strip()) == (0, "OK"), err

    ring.entries.clear()
    code, out, err = run(["selftest", "--data-dir", data, "--lang", "et"], "", keystore, clock)
    assert code == 1
    assert "võtmehoidjas" in err or "taastevõti" in err.lower()

    code, out, err = run(["recover", "--data-dir", data], recovery + "\n", keystore, clock)
    assert code == 0, err
    code, out, err = run(["--data-dir", data, "selftest"], "", keystore, clock)
    assert (code, out.strip()) == (0, "OK"), err


def test_init_refuses_existing_vault_and_weak_input(tmp_path: Path, clock: FakeClock) -> None:
    keystore = OsKeyStore(MemoryKeyring())
    data = str(tmp_path / "vault")
    args = ["--data-dir", data, "init", "--salon-name", "Salong", "--admin-user", "mari"]
    code, out, err = run(args, "short\n", keystore, clock)
    assert code == 1 and "RECOVERY KEY" not in out
    assert not Path(data).exists() or not any(Path(data).iterdir())
    assert run(args, PASSWORD + "\n", keystore, clock)[0] == 0
    code, out, err = run(args, PASSWORD + "\n", keystore, clock)
    assert code == 1 and "already" in err


def test_missing_secret_and_usage(tmp_path: Path, clock: FakeClock) -> None:
    keystore = OsKeyStore(MemoryKeyring())
    data = str(tmp_path / "vault")
    code, _, err = run(["--data-dir", data, "init", "--salon-name", "S", "--admin-user", "m"],
                       "", keystore, clock)
    assert code == 1 and "standard input" in err
    assert run(["no-such-command"], "", keystore, clock)[0] == 2
    code, _, err = run(["selftest", "--data-dir", data], "", keystore, clock)
    assert code == 1


def test_version_and_console_entry() -> None:
    result = subprocess.run([sys.executable, "-m", "ui.launcher", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("Salon Desktop ")
