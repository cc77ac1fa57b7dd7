"""Run a vault scenario against a real Secret Service (gnome-keyring); used by
tests/test_secret_service.py.

Meant to run inside ``dbus-run-session`` with a fresh HOME and XDG_RUNTIME_DIR, so the only
keyring it can reach is the throw-away one it starts itself::

    dbus-run-session -- python tests/secret_service_probe.py SCENARIO DATA_DIR

It starts ``gnome-keyring-daemon --unlock --components=secrets`` (the keyring password on its
stdin), exports what the daemon prints, waits until the service answers, runs SCENARIO with
the app's default key store (``OsKeyStore()`` → ``keyring.get_keyring()``) and prints one line
``PROBE_RESULT {json}``. Exit status 0 when the scenario ran to its end, 1 otherwise (the JSON
then holds ``error``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SALON_NAME = "Salong Õnnelik"
ADMIN_USER = "juhataja"
ADMIN_PASSWORD = "Kevad-2026-Tulp"
KEYRING_PASSWORD = b"probe-keyring-password"
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"


def start_keyring_daemon() -> dict[str, str]:
    """Start an unlocked gnome-keyring on this D-Bus session; returns the variables it set."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        raise RuntimeError("no D-Bus session: run me inside dbus-run-session")
    # --unlock reads the login keyring's password from stdin (creating that keyring in the
    # fresh HOME); the daemon forks and its parent exits once it is serving.
    done = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input=KEYRING_PASSWORD, capture_output=True, timeout=30, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"gnome-keyring-daemon failed ({done.returncode}): "
                           f"{done.stderr.decode(errors='replace').strip()}")
    exported: dict[str, str] = {}
    for line in done.stdout.decode(errors="replace").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name.isidentifier():
            os.environ[name] = value
            exported[name] = value
    wait_for_secret_service()
    return exported


def wait_for_secret_service(timeout: float = 15.0) -> None:
    import secretstorage

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            connection = secretstorage.dbus_init()
            try:
                if secretstorage.check_service_availability(connection):
                    collection = secretstorage.get_default_collection(connection)
                    if not collection.is_locked():
                        return
                    last = RuntimeError("the default collection is locked")
            finally:
                connection.close()
        except Exception as exc:  # not up yet: D-Bus errors of various types
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"the Secret Service did not come up: {last!r}")


def _new_context(data_dir: Path):  # type: ignore[no-untyped-def]
    from salon_desktop.context import AppContext

    return AppContext(data_dir, source="cli", workstation="probe")  # default: OsKeyStore()


def _files_hold(data_dir: Path, needle: bytes) -> list[str]:
    return sorted(p.name for p in data_dir.rglob("*") if p.is_file() and needle in p.read_bytes())


def _create(data_dir: Path, result: dict[str, object]) -> str:
    from salon_desktop.domain.settings import SalonDetails

    ctx = _new_context(data_dir)
    try:
        recovery = ctx.create()
        result["backend_at_create"] = ctx.keystore.describe()
        ctx.services.setup.set_up(SalonDetails(SALON_NAME), ADMIN_USER, "Mari", ADMIN_PASSWORD)
        assert ctx.vault is not None
        result["vault_id"] = ctx.vault.vault_id
    finally:
        ctx.close()
    return recovery


def _open_and_sign_in(data_dir: Path, result: dict[str, object], prefix: str) -> None:
    ctx = _new_context(data_dir)
    try:
        ctx.open()
        result[f"{prefix}_backend"] = ctx.keystore.describe()
        session = ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
        result[f"{prefix}_user"] = session.username
        result[f"{prefix}_salon_name"] = ctx.services.settings.salon_details().name
    finally:
        ctx.close()


def scenario_roundtrip(data_dir: Path) -> dict[str, object]:
    """Create and set up a vault, close it, reopen it in a new context and sign in."""
    import keyring

    result: dict[str, object] = {}
    _create(data_dir, result)
    vault_id = str(result["vault_id"])
    stored = keyring.get_password("salon-desktop", vault_id)
    result["key_in_keyring"] = stored is not None
    # The key lives in the keyring only: no file of the vault holds it in the clear.
    result["files_holding_key"] = _files_hold(data_dir, stored.encode()) if stored else []
    _open_and_sign_in(data_dir, result, "reopen")
    return result


def scenario_recover(data_dir: Path) -> dict[str, object]:
    """Lose the keyring entry, see opening fail with KeyMissing, recover, reopen."""
    import keyring

    from salon_desktop.security.errors import KeyMissing

    result: dict[str, object] = {}
    recovery = _create(data_dir, result)
    vault_id = str(result["vault_id"])
    keyring.delete_password("salon-desktop", vault_id)
    result["key_after_delete"] = keyring.get_password("salon-desktop", vault_id)
    ctx = _new_context(data_dir)
    try:
        ctx.open()
        result["open_without_key"] = "opened"
    except KeyMissing:
        result["open_without_key"] = "KeyMissing"
    except Exception as exc:
        result["open_without_key"] = type(exc).__name__
    finally:
        ctx.close()
    recovered = _new_context(data_dir).recover(recovery)
    result["recovered_vault_id"] = recovered
    result["key_after_recover"] = keyring.get_password("salon-desktop", vault_id) is not None
    _open_and_sign_in(data_dir, result, "after_recover")
    return result


SCENARIOS: dict[str, Callable[[Path], dict[str, object]]] = {
    "roundtrip": scenario_roundtrip,
    "recover": scenario_recover,
}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in SCENARIOS:
        print(f"usage: secret_service_probe.py {{{'|'.join(SCENARIOS)}}} DATA_DIR",
              file=sys.stderr)
        return 2
    scenario, data_dir = SCENARIOS[argv[0]], Path(argv[1])
    result: dict[str, object] = {"scenario": argv[0]}
    status = 0
    try:
        result["daemon_env"] = sorted(start_keyring_daemon())
        import keyring

        result["default_backend"] = "{0.__module__}.{0.__name__}".format(
            type(keyring.get_keyring()))
        result.update(scenario(data_dir))
    except BaseException as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
        status = 1
    print("PROBE_RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
