"""The backup file format (version 1): one SQLCipher database, nothing in front of it.

SQLCipher cannot open a file with a foreign prefix, so instead of a container the backup *is*
the database; verifying and restoring open it where it lies, with no extraction. What must be
readable before the passphrase is known lives in the 16-byte salt SQLCipher keeps in clear at
the start of the file:

    byte 0        format version (0x01)
    bytes 1-11    random
    bytes 12-15   key check: HMAC-SHA256(key, label)[:4]

The key is argon2id(passphrase, bytes 0-11) with the version's fixed parameters, used as a
raw SQLCipher key with the whole 16 bytes as its salt (``x'<key><salt>'``). The key check
tells a wrong passphrase from a damaged file without trying to decrypt; it confirms a guess
no faster than decrypting page 1 would, since argon2id dominates either way.

The header (format, vault id, salon name, created-at, app version, schema version, KDF and
cipher settings, row counts per table) is a one-row table inside the encrypted database, so it
is authenticated like the data and shown once the passphrase is entered. It holds no personal
data. Version 1 uses 64 KiB pages and HMAC-SHA256 rather than SQLCipher's 4 KiB/HMAC-SHA512
default: 16× fewer per-page cipher and MAC set-ups and a MAC CPUs compute in hardware, which
cuts writing a backup by 40 % and checking its pages by 75 % (docs/backups.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlcipher3
from argon2.low_level import Type, hash_secret_raw

from salon_desktop.backup.errors import BackupDamaged, NotABackup, Reason, WrongPassphrase

FORMAT_NAME = "salon-desktop-backup"
FORMAT_VERSION = 1
SUFFIX = ".sdbak"
HEADER_TABLE = "salon_backup_header"
SALT_LENGTH = 16
_KDF_SALT_LENGTH = 12
_CHECK_LABEL = b"salon-desktop backup key check v1"


@dataclass(frozen=True)
class FormatSpec:
    """Everything needed to open a backup of one format version, fixed per version."""

    version: int
    time_cost: int
    memory_cost: int  # KiB
    parallelism: int
    page_size: int
    hmac_algorithm: str
    kdf_algorithm: str  # SQLCipher's HMAC-key derivation (2 rounds for a raw key)

    def kdf(self) -> dict[str, object]:
        return {"algorithm": "argon2id", "time_cost": self.time_cost,
                "memory_cost": self.memory_cost, "parallelism": self.parallelism}

    def cipher(self) -> dict[str, object]:
        return {"page_size": self.page_size, "hmac_algorithm": self.hmac_algorithm,
                "kdf_algorithm": self.kdf_algorithm}


# argon2id at 128 MiB, 3 passes: about half a second on a reception PC, and a human-chosen
# passphrase deserves more than the recovery key's 64 MiB.
SPECS: dict[int, FormatSpec] = {
    1: FormatSpec(1, time_cost=3, memory_cost=131072, parallelism=4, page_size=65536,
                  hmac_algorithm="HMAC_SHA256", kdf_algorithm="PBKDF2_HMAC_SHA512"),
}


def current_spec() -> FormatSpec:
    return SPECS[FORMAT_VERSION]


@dataclass(frozen=True)
class BackupKey:
    """The derived key and the salt it belongs to (the file's first 16 bytes)."""

    key: bytes
    salt: bytes
    spec: FormatSpec

    def pragma_value(self) -> str:
        return f"x'{self.key.hex()}{self.salt.hex()}'"


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC, so "õ" typed as one character or as o + tilde is the same passphrase."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, kdf_salt: bytes, spec: FormatSpec) -> bytes:
    return hash_secret_raw(normalize_passphrase(passphrase), kdf_salt,
                           time_cost=spec.time_cost, memory_cost=spec.memory_cost,
                           parallelism=spec.parallelism, hash_len=32, type=Type.ID)


def _check(key: bytes, kdf_salt: bytes) -> bytes:
    return hmac.new(key, _CHECK_LABEL + kdf_salt, hashlib.sha256).digest()[:4]


def new_key(passphrase: str, spec: FormatSpec | None = None) -> BackupKey:
    spec = spec or current_spec()
    kdf_salt = bytes([spec.version]) + secrets.token_bytes(_KDF_SALT_LENGTH - 1)
    key = _derive(passphrase, kdf_salt, spec)
    return BackupKey(key, kdf_salt + _check(key, kdf_salt), spec)


def read_salt(path: Path) -> bytes:
    """The file's clear 16 bytes; raises NotABackup for anything that is not ours."""
    with path.open("rb") as handle:
        salt = handle.read(SALT_LENGTH)
    if len(salt) < SALT_LENGTH or salt[0] not in SPECS:
        raise NotABackup()
    return salt


def key_for_file(path: Path, passphrase: str) -> BackupKey:
    salt = read_salt(path)
    spec = SPECS[salt[0]]
    kdf_salt = salt[:_KDF_SALT_LENGTH]
    key = _derive(passphrase, kdf_salt, spec)
    if not hmac.compare_digest(_check(key, kdf_salt), salt[_KDF_SALT_LENGTH:]):
        raise WrongPassphrase()
    return BackupKey(key, salt, spec)


def cipher_pragmas(spec: FormatSpec, schema: str = "main") -> list[str]:
    """Settings that must be in force before the first page is read or written."""
    return [f"PRAGMA {schema}.cipher_page_size = {spec.page_size:d}",
            f"PRAGMA {schema}.cipher_hmac_algorithm = {spec.hmac_algorithm}",
            f"PRAGMA {schema}.cipher_kdf_algorithm = {spec.kdf_algorithm}"]


def open_backup(path: Path, bkey: BackupKey, *, query_only: bool = True
                ) -> sqlcipher3.Connection:
    """Open a backup read-only (never creates a file, never writes one) and prove the key.

    The key check already matched, so a failure here means the file is damaged. A restore
    passes ``query_only=False`` to write into a database it attaches (the backup stays
    read-only: ``mode=ro``).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None,
                                  check_same_thread=False)
    except sqlcipher3.Error:
        raise BackupDamaged(reason=Reason.UNREADABLE) from None
    conn.row_factory = sqlcipher3.Row
    try:
        conn.execute(f"PRAGMA key = \"{bkey.pragma_value()}\"")
        for pragma in cipher_pragmas(bkey.spec):
            conn.execute(pragma)
        if query_only:
            conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.Error:
        conn.close()
        raise BackupDamaged(reason=Reason.FIRST_PAGE) from None
    return conn


def data_tables(conn: sqlcipher3.Connection, schema: str = "main") -> list[str]:
    """Tables that hold rows (virtual tables' shadow tables included, the header not)."""
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND rootpage > 0 "
        f"AND name NOT LIKE 'sqlite_%' AND name <> '{HEADER_TABLE}' ORDER BY name")]


def table_counts(conn: sqlcipher3.Connection, schema: str = "main") -> dict[str, int]:
    return {name: int(conn.execute(
        f'SELECT count(*) FROM {schema}."{name.replace(chr(34), chr(34) * 2)}"').fetchone()[0])
        for name in data_tables(conn, schema)}


@dataclass(frozen=True)
class BackupHeader:
    vault_id: str
    salon_name: str
    created_at: str  # ISO 8601, UTC
    app_version: str
    schema_version: int
    counts: dict[str, int]
    kdf: dict[str, object] = field(default_factory=lambda: current_spec().kdf())
    cipher: dict[str, object] = field(default_factory=lambda: current_spec().cipher())
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> BackupHeader:
        try:
            body = json.loads(text)
            header = cls(vault_id=str(body["vault_id"]), salon_name=str(body["salon_name"]),
                         created_at=str(body["created_at"]),
                         app_version=str(body["app_version"]),
                         schema_version=int(body["schema_version"]),
                         counts={str(k): int(v) for k, v in body["counts"].items()},
                         kdf=dict(body["kdf"]), cipher=dict(body["cipher"]),
                         format=str(body["format"]), format_version=int(body["format_version"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise BackupDamaged(reason=Reason.HEADER) from None
        if header.format != FORMAT_NAME:
            raise NotABackup()
        return header


def header_table_sql(schema: str) -> str:
    return (f"CREATE TABLE {schema}.{HEADER_TABLE} "
            "(id INTEGER PRIMARY KEY CHECK (id = 1), header TEXT NOT NULL)")


def read_header(conn: sqlcipher3.Connection) -> BackupHeader:
    try:
        row = conn.execute(f"SELECT header FROM {HEADER_TABLE} WHERE id = 1").fetchone()
    except sqlcipher3.Error:
        raise BackupDamaged(reason=Reason.HEADER) from None
    if row is None:
        raise BackupDamaged(reason=Reason.HEADER)
    return BackupHeader.from_json(str(row[0]))
