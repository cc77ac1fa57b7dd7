"""The database key in a REAL Secret Service, and the keyrings that are refused.

The Secret Service tests run ``tests/secret_service_probe.py`` inside ``dbus-run-session`` with a
fresh HOME and XDG_RUNTIME_DIR: the probe starts its own unlocked gnome-keyring, so the user's
keyring is never touched. Without dbus-run-session or gnome-keyring-daemon they are skipped on a
developer's machine and fail in CI (``CI`` set), where .ci/run installs both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import keyring.backends.fail
import pytest

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.security.errors import KeyringInsecure, KeyringUnavailable
from salon_desktop.security.keystore import OsKeyStore
from tests.memory_keyring import MemoryKeyring
from tests.secret_service_probe import SALON_NAME, SECRET_SERVICE_BACKEND

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "secret_service_probe.py"
PROBE_TIMEOUT = 60
TOOLS = ("dbus-run-session", "gnome-keyring-daemon")
# Variables that could point the probe at the user's own session, keyring or display.
_INHERITED_SESSION_VARS = ("DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK",
                           "PYTHON_KEYRING_BACKEND", "DISPLAY", "WAYLAND_DISPLAY",
                           "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                           "XDG_DATA_DIRS", "XDG_CONFIG_DIRS")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _need_secret_service() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the Secret Service is the Linux keyring")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        reason = (f"{', '.join(missing)} not found; install the Debian packages dbus and "
                  "gnome-keyring to run the real Secret Service tests")
        if _in_ci():
            pytest.fail(f"CI must run the real Secret Service tests: {reason}")
        pytest.skip(reason)


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


@pytest.fixture
def run_probe(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run one probe scenario in its own D-Bus session and keyring; returns its JSON result."""
    _need_secret_service()

    def run(scenario: str) -> dict[str, object]:
        home = _private_dir(tmp_path / "home")
        runtime = _private_dir(tmp_path / "run")
        env = {k: v for k, v in os.environ.items() if k not in _INHERITED_SESSION_VARS}
        env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
                   PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT),
                                                            env.get("PYTHONPATH")])))
        data_dir = tmp_path / "data"
        try:
            done = subprocess.run(
                ["dbus-run-session", "--", sys.executable, str(PROBE), scenario,
                 str(data_dir)],
                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                timeout=PROBE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            pytest.fail(f"the probe did not finish in {PROBE_TIMEOUT} s; "
                        f"stderr: {exc.stderr!r}")
        lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE_RESULT ")]
        assert lines, (f"no result from the probe (exit {done.returncode})\n"
                       f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")
        result = json.loads(lines[-1].removeprefix("PROBE_RESULT "))
        assert "error" not in result, f"{result['error']}\nstderr:\n{done.stderr}"
        assert done.returncode == 0, done.stderr
        return result

    return run


@pytest.mark.secret_service
def test_vault_key_round_trips_through_the_real_secret_service(run_probe) -> None:
    result = run_probe("roundtrip")
    assert result["default_backend"] == SECRET_SERVICE_BACKEND
    assert result["backend_at_create"] == SECRET_SERVICE_BACKEND
    assert result["reopen_backend"] == SECRET_SERVICE_BACKEND
    assert result["key_in_keyring"] is True
    assert result["files_holding_key"] == []
    assert result["reopen_user"] == "juhataja"
    assert result["reopen_salon_name"] == SALON_NAME


@pytest.mark.secret_service
def test_lost_keyring_entry_is_key_missing_and_the_recovery_key_restores_it(run_probe) -> None:
    result = run_probe("recover")
    assert result["backend_at_create"] == SECRET_SERVICE_BACKEND
    assert result["key_after_delete"] is None
    assert result["open_without_key"] == "KeyMissing"
    assert result["recovered_vault_id"] == result["vault_id"]
    assert result["key_after_recover"] is True
    assert result["after_recover_backend"] == SECRET_SERVICE_BACKEND
    assert result["after_recover_user"] == "juhataja"
    assert result["after_recover_salon_name"] == SALON_NAME


# -- keyrings that must never receive the key (no D-Bus needed) ---------------------------------

class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring without installing keyrings.alt."""

    __module__ = "keyrings.alt.file"


def _leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_fail_backend_is_keyring_unavailable_and_creates_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ctx = AppContext(data_dir, keystore=OsKeyStore(keyring.backends.fail.Keyring()),
                     clock=FakeClock())
    with pytest.raises(KeyringUnavailable):
        ctx.create()
    assert _leftovers(data_dir) == []
    assert not ctx.vault_exists()


def test_plaintext_keyring_is_refused_as_insecure_and_creates_nothing(tmp_path: Path) -> None:
    backend = PlaintextFileKeyring()
    data_dir = tmp_path / "data"
    ctx = AppContext(data_dir, keystore=OsKeyStore(backend), clock=FakeClock())
    with pytest.raises(KeyringInsecure) as caught:
        ctx.create()
    assert "keyrings.alt.file.PlaintextFileKeyring" in caught.value.user_message()
    assert backend.entries == {}
    assert _leftovers(data_dir) == []
