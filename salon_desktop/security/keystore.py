"""The database key in the OS keyring (service ``salon-desktop``, entry = the vault id).

Only real OS keyrings qualify. The ``fail`` and ``null`` backends, an empty chain, and the
plaintext/"encrypted file" backends of ``keyrings.alt`` are refused: storing the key there would
turn "encrypted at rest" into a file next to the database. There is never a silent fallback.

Beside the key, a second entry (``<vault id>.anchor``) holds the rollback anchor
(``security/rollback.py``): how far the audit chain had come the last time this computer
used the vault. It is a separate entry so that updating it can never damage the key entry,
which is written once and then only read.
"""

from __future__ import annotations

import binascii
from typing import Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from salon_desktop.security.errors import (
    KeyGarbled,
    KeyringInsecure,
    KeyringLocked,
    KeyringUnavailable,
)

SERVICE = "salon-desktop"
ANCHOR_SUFFIX = ".anchor"
_UNUSABLE_MODULES = ("keyring.backends.fail", "keyring.backends.null")
_INSECURE_MODULE_PREFIXES = ("keyrings.alt", "keyrings.cryptfile", "keyring_insecure")


class KeyStore(Protocol):
    def get(self, vault_id: str) -> bytes | None: ...

    def put(self, vault_id: str, key: bytes) -> None: ...

    def delete(self, vault_id: str) -> None: ...

    def describe(self) -> str: ...

    def get_anchor(self, vault_id: str) -> str | None: ...

    def put_anchor(self, vault_id: str, text: str) -> None: ...


def _leaf_backends(backend: KeyringBackend) -> list[KeyringBackend]:
    children = getattr(backend, "backends", None)
    if children is None:
        return [backend]
    leaves: list[KeyringBackend] = []
    for child in children:
        leaves.extend(_leaf_backends(child))
    return leaves


def check_backend(backend: KeyringBackend) -> None:
    """Raise unless every backend that could receive the key is a real OS keyring."""
    leaves = _leaf_backends(backend)
    usable = [b for b in leaves if type(b).__module__ not in _UNUSABLE_MODULES]
    if not usable:
        raise KeyringUnavailable()
    for leaf in usable:
        module = type(leaf).__module__
        if module.startswith(_INSECURE_MODULE_PREFIXES):
            raise KeyringInsecure(backend=f"{module}.{type(leaf).__name__}")


class OsKeyStore:
    """The real keyring. ``backend`` is injectable so tests can plug in one of their own."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        if self._backend is None:
            self._backend = keyring.get_keyring()
        return self._backend

    def describe(self) -> str:
        b = self.backend
        return f"{type(b).__module__}.{type(b).__name__}"

    def _call(self, fn, *args):  # type: ignore[no-untyped-def]
        check_backend(self.backend)
        try:
            return fn(*args)
        except keyring.errors.KeyringLocked:
            raise KeyringLocked() from None
        except (keyring.errors.NoKeyringError, keyring.errors.InitError):
            raise KeyringUnavailable() from None
        except keyring.errors.PasswordDeleteError:
            return None
        except keyring.errors.KeyringError as exc:
            if "locked" in str(exc).lower():
                raise KeyringLocked() from None
            raise KeyringUnavailable() from None
        except Exception as exc:  # D-Bus errors and friends surface as arbitrary types
            if "locked" in str(exc).lower() or "dismissed" in str(exc).lower():
                raise KeyringLocked() from None
            raise KeyringUnavailable() from None

    def get(self, vault_id: str) -> bytes | None:
        value = self._call(self.backend.get_password, SERVICE, vault_id)
        if value is None:
            return None
        try:
            key = binascii.unhexlify(value.strip())
        except (binascii.Error, ValueError, AttributeError):
            raise KeyGarbled() from None
        if len(key) != 32:
            raise KeyGarbled()
        return key

    def put(self, vault_id: str, key: bytes) -> None:
        self._call(self.backend.set_password, SERVICE, vault_id, key.hex())

    def delete(self, vault_id: str) -> None:
        """Remove the key and the rollback anchor (the vault itself is going away)."""
        self._call(self.backend.delete_password, SERVICE, vault_id)
        self._call(self.backend.delete_password, SERVICE, vault_id + ANCHOR_SUFFIX)

    # -- the rollback anchor (security/rollback.py parses and judges the text) -------------
    def get_anchor(self, vault_id: str) -> str | None:
        value = self._call(self.backend.get_password, SERVICE, vault_id + ANCHOR_SUFFIX)
        return value if isinstance(value, str) else None

    def put_anchor(self, vault_id: str, text: str) -> None:
        self._call(self.backend.set_password, SERVICE, vault_id + ANCHOR_SUFFIX, text)
