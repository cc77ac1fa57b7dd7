"""The encrypted SQLite connection.

One connection per process, guarded by a lock: the GUI runs all database work on one worker
thread, the CLI on its main thread. Transactions are explicit (``isolation_level=None``) so a
service can put its change and the audit entry into one ``BEGIN IMMEDIATE … COMMIT``.

The one exception is ``snapshot_reader``: a short-lived second connection for reading the
whole database at once (a backup's snapshot, seconds at salon-chain scale), so the worker's
connection stays free and the reception can search and book meanwhile. In WAL mode a
reader never blocks the writer and sees every committed transaction, WAL included.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

PAGE_SIZE = 4096  # SQLCipher 4 default; a vault file is always a whole number of pages
DbError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError
Row = sqlcipher3.Row


class KeyRejected(Exception):
    """The file does not decrypt with this key (wrong key, or page 1 damaged)."""


class Database:
    def __init__(self, conn: sqlcipher3.Connection, path: Path | None,
                 key: bytes | None = None) -> None:
        self._conn = conn
        self.path = path
        self._key = key  # for snapshot_reader only; SQLCipher holds it in memory anyway
        self.lock = threading.RLock()
        # Held while a snapshot_reader is open: a checkpoint waits for it (see checkpoint).
        self._snapshot = threading.Lock()
        self._depth = 0

    @classmethod
    def open(cls, path: Path | str, key: bytes, *, create: bool = False) -> Database:
        """Open (or, only when ``create``, create) an encrypted database and prove the key.

        Opening never creates a file by accident: without ``create`` the URI is ``mode=rw``.
        """
        if len(key) != 32:
            raise ValueError("the database key must be 32 bytes")
        target = ":memory:" if str(path) == ":memory:" else Path(path)
        if target == ":memory:":
            conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
        else:
            mode = "rwc" if create else "rw"
            uri = f"{Path(target).resolve().as_uri()}?mode={mode}"
            conn = sqlcipher3.connect(uri, uri=True, isolation_level=None,
                                      check_same_thread=False, timeout=10)
        conn.row_factory = sqlcipher3.Row
        try:
            apply_key(conn, key)
            prove_key(conn)
            for pragma in (
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = FULL",
                "PRAGMA temp_store = MEMORY",
                "PRAGMA foreign_keys = ON",
                "PRAGMA secure_delete = ON",
                "PRAGMA busy_timeout = 10000",
            ):
                conn.execute(pragma).fetchall()
        except BaseException:
            conn.close()
            raise
        return cls(conn, None if target == ":memory:" else Path(target), key)

    # -- queries -----------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlcipher3.Cursor:
        with self.lock:
            return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlcipher3.Cursor:
        with self.lock:
            return self._conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        with self.lock:
            return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        with self.lock:
            return self._conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All-or-nothing; nested calls join the outer transaction."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._depth = 0
                self._conn.execute("COMMIT")

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @property
    def raw(self) -> sqlcipher3.Connection:
        """The underlying connection, for migrations, backups and integrity checks."""
        return self._conn

    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def cipher_integrity_problems(self) -> list[str]:
        with self.lock:
            return [str(r[0]) for r in self._conn.execute("PRAGMA cipher_integrity_check")]

    def integrity_problems(self) -> list[str]:
        with self.lock:
            rows = [str(r[0]) for r in self._conn.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def checkpoint(self) -> None:
        # A snapshot's read transaction stops a TRUNCATE checkpoint, which then gives up
        # after busy_timeout with pages still in the WAL (an erasure's old page images in
        # the file): wait for this process's snapshot to end first, without the lock.
        with self._snapshot, self.lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @contextmanager
    def snapshot_reader(self) -> Iterator[sqlcipher3.Connection]:
        """A second connection to the same file, closed on exit (see the module docstring).

        It writes nothing to this database; foreign keys are off (a new connection's
        default), so it can copy rows table by table. An in-memory database has no second
        connection: the caller gets this one, held under the lock, as before.
        """
        if self.path is None or self._key is None:
            with self.lock:
                yield self._conn
            return
        uri = f"{self.path.resolve().as_uri()}?mode=rw"
        with self._snapshot:
            conn = sqlcipher3.connect(uri, uri=True, isolation_level=None,
                                      check_same_thread=False, timeout=10)
            try:
                apply_key(conn, self._key)
                prove_key(conn)
                conn.execute("PRAGMA temp_store = MEMORY").fetchall()
                conn.execute("PRAGMA busy_timeout = 10000").fetchall()
                yield conn
            finally:
                conn.close()

    def close(self) -> None:
        with self.lock:
            self._conn.close()


def apply_key(conn: sqlcipher3.Connection, key: bytes) -> None:
    # A raw 32-byte key: SQLCipher skips its PBKDF2 so opening costs no key derivation.
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")


def prove_key(conn: sqlcipher3.Connection) -> None:
    """PRAGMA key never fails; the first real read does. Do it now, explicitly."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        raise KeyRejected(str(exc)) from None


def split_statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit early)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlcipher3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
