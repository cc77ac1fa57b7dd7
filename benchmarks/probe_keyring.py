"""A keyring backend for ``gui_probe.py``: the vault's keyring entries, given on its stdin.

Why: the benchmark's vault keeps its key (and its rollback anchor) in an in-memory keyring of
the parent process (``tests.memory_keyring``), which a fresh probe process cannot see, and a
benchmark must not write throw-away keys into the developer's real keyring. The probe names
this class in ``PYTHON_KEYRING_BACKEND``; keyring loads it when the app first asks for the key
— on the worker, where the real Secret Service lookup happens — and the class is built only
then (PEP 562 ``__getattr__``), so importing this module does not import ``keyring`` on the
GUI thread and the cold-start figure stays the app's own. Writes (the rollback anchor moves
on sign-out) stay in memory and end with the process.
"""

from __future__ import annotations

from typing import Any

#: entries of the ``salon-desktop`` service: entry name (vault id, ``<id>.anchor``) → secret
ENTRIES: dict[str, str] = {}
SERVICE = "salon-desktop"
BACKEND_NAME = "probe_keyring.ProbeKeyring"


def __getattr__(name: str) -> Any:
    if name != "ProbeKeyring":
        raise AttributeError(name)
    from keyring.backend import KeyringBackend

    class ProbeKeyring(KeyringBackend):
        """``ENTRIES`` as a keyring of the one service."""

        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return ENTRIES.get(username) if service == SERVICE else None

        def set_password(self, service: str, username: str, password: str) -> None:
            if service == SERVICE:
                ENTRIES[username] = password

        def delete_password(self, service: str, username: str) -> None:
            if service == SERVICE:
                ENTRIES.pop(username, None)

    globals()["ProbeKeyring"] = ProbeKeyring
    return ProbeKeyring
