"""``vault.json``: the vault id and the database key wrapped by the recovery key.

Nothing here is secret on its own: the key is encrypted with AES-256-GCM under a key derived
from the recovery key with argon2id, with the vault id as associated data. A key-check value
(HMAC of a fixed label under the database key) tells "the keyring holds another vault's key"
apart from "the database file is damaged". A checksum over the whole file detects damage to
the sidecar itself at open time, before anyone needs it in an emergency.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from salon_desktop.security.errors import RecoveryKeyWrong, SidecarDamaged

FORMAT = "salon-desktop-vault"
VERSION = 1
# argon2id for a high-entropy secret typed rarely: strong but quick enough (~0.3 s).
KDF_PARAMS = {"time_cost": 3, "memory_cost": 65536, "parallelism": 2}


def key_check_value(db_key: bytes) -> str:
    return hmac.new(db_key, b"salon-desktop key check v1", hashlib.sha256).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_wrapping_key(secret: bytes, salt: bytes, params: dict[str, int]) -> bytes:
    return hash_secret_raw(secret, salt, time_cost=params["time_cost"],
                           memory_cost=params["memory_cost"], parallelism=params["parallelism"],
                           hash_len=32, type=Type.ID)


@dataclass(frozen=True)
class Sidecar:
    vault_id: str
    created_at: str
    key_check: str
    kdf: dict[str, int]
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    @classmethod
    def create(cls, vault_id: str, created_at: str, db_key: bytes,
               recovery_secret: bytes) -> Sidecar:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        kek = derive_wrapping_key(recovery_secret, salt, KDF_PARAMS)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, vault_id.encode())
        return cls(vault_id, created_at, key_check_value(db_key), dict(KDF_PARAMS), salt,
                   nonce, wrapped)

    def unwrap(self, recovery_secret: bytes) -> bytes:
        kek = derive_wrapping_key(recovery_secret, self.salt, self.kdf)
        try:
            key = AESGCM(kek).decrypt(self.nonce, self.wrapped_key, self.vault_id.encode())
        except InvalidTag:
            raise RecoveryKeyWrong(vault_id=self.vault_id) from None
        if key_check_value(key) != self.key_check:
            raise SidecarDamaged()
        return key

    def matches(self, db_key: bytes) -> bool:
        return hmac.compare_digest(key_check_value(db_key), self.key_check)

    # -- file format -------------------------------------------------------------------------
    def _body(self) -> dict[str, object]:
        return {
            "format": FORMAT, "version": VERSION, "vault_id": self.vault_id,
            "created_at": self.created_at, "key_check": self.key_check,
            "recovery": {"kdf": "argon2id", **self.kdf, "salt": _b64(self.salt),
                         "nonce": _b64(self.nonce), "wrapped_key": _b64(self.wrapped_key)},
        }

    def to_json(self) -> str:
        body = self._body()
        body["checksum"] = _checksum(body)
        return json.dumps(body, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Sidecar:
        try:
            body = json.loads(text)
            checksum = body.pop("checksum")
            if body.get("format") != FORMAT or body.get("version") != VERSION:
                raise ValueError("format")
            if not hmac.compare_digest(_checksum(body), checksum):
                raise ValueError("checksum")
            rec = body["recovery"]
            if rec["kdf"] != "argon2id":
                raise ValueError("kdf")
            return cls(
                vault_id=str(body["vault_id"]), created_at=str(body["created_at"]),
                key_check=str(body["key_check"]),
                kdf={k: int(rec[k]) for k in ("time_cost", "memory_cost", "parallelism")},
                salt=_unb64(rec["salt"]), nonce=_unb64(rec["nonce"]),
                wrapped_key=_unb64(rec["wrapped_key"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SidecarDamaged() from None

    @classmethod
    def read(cls, path: Path) -> Sidecar:
        try:
            return cls.from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            raise SidecarDamaged() from None

    def write(self, path: Path) -> None:
        write_atomically(path, self.to_json().encode("utf-8"))


def _checksum(body: dict[str, object]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename, fsync the folder: never half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
