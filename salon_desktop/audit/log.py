"""Writing and verifying the audit chain.

Each entry stores the previous entry's hash and a SHA-256 over its own content including its
id, so an edited, deleted, reordered or inserted entry breaks the chain at that point; the
head row (count, last id, last hash) catches entries dropped from the end. Entries are written
inside the caller's transaction, so a change and its audit entry commit or vanish together.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from salon_desktop.storage.database import Database

GENESIS = "0" * 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_control(text: str) -> str:
    """Control and bidi characters are written as ``\\uXXXX`` so a log line cannot lie."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    role: str | None
    workstation: str
    source: str  # "gui" or "cli"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: str
    staff_id: int | None
    staff_role: str | None
    workstation: str
    source: str
    action: str
    record_type: str | None
    record_id: str | None
    fields: str | None
    detail: str | None
    prev_hash: str
    hash: str


_COLUMNS = ("id", "ts", "staff_id", "staff_role", "workstation", "source", "action",
            "record_type", "record_id", "fields", "detail")


def entry_hash(prev_hash: str, values: dict[str, object]) -> str:
    content = json.dumps([values[c] for c in _COLUMNS], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}|{content}".encode()).hexdigest()


def append(db: Database, actor: Actor, action: str, *, now: datetime,
           record_type: str | None = None, record_id: object = None,
           fields: Iterable[str] = (), detail: str | None = None) -> int:
    """Append one entry; field *names* only, never values."""
    with db.transaction():
        head = db.query_one("SELECT count, last_id, last_hash FROM audit_head WHERE id = 1")
        prev_hash = head["last_hash"] if head else GENESIS
        count = head["count"] if head else 0
        new_id = (head["last_id"] if head else 0) + 1
        field_names = sorted({escape_control(str(f)) for f in fields})
        values: dict[str, object] = {
            "id": new_id,
            "ts": now.isoformat(timespec="microseconds"),
            "staff_id": actor.staff_id,
            "staff_role": actor.role,
            "workstation": escape_control(actor.workstation),
            "source": actor.source,
            "action": escape_control(action),
            "record_type": record_type,
            "record_id": None if record_id is None else escape_control(str(record_id)),
            "fields": ",".join(field_names) if field_names else None,
            "detail": None if detail is None else escape_control(detail),
        }
        digest = entry_hash(prev_hash, values)
        db.execute(
            f"INSERT INTO audit_log ({', '.join(_COLUMNS)}, prev_hash, hash) "
            f"VALUES ({', '.join('?' * len(_COLUMNS))}, ?, ?)",
            [*(values[c] for c in _COLUMNS), prev_hash, digest],
        )
        db.execute(
            "INSERT INTO audit_head (id, count, last_id, last_hash) VALUES (1, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET count = excluded.count, last_id = excluded.last_id, "
            "last_hash = excluded.last_hash",
            (count + 1, new_id, digest),
        )
        return new_id


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_broken_id: int | None = None
    reason: str = ""
    #: What broke, for a translated message: "out_of_order", "not_following", "changed",
    #: "inserted", "tail_missing", "not_in_head" or "head_missing" ("" when ok).
    kind: str = ""


_REASONS = {
    "out_of_order": "entry {n} is missing or out of order",
    "not_following": "entry {n} does not follow the entry before it",
    "changed": "entry {n} was changed",
    "inserted": "entry {n} was inserted",
    "tail_missing": "entries from {n} on are missing",
    "not_in_head": "entry {n} was added outside the app",
    "head_missing": "the log's head record is missing",
}


def _broken(count: int, entry: int, kind: str) -> VerifyResult:
    return VerifyResult(False, count, entry, _REASONS[kind].format(n=entry), kind)


def _diagnose(stored_prev: str, stored_hash: str, values: dict[str, object],
              position: int) -> tuple[int, str]:
    """Entry ``position`` does not link to the one before it: name the entry at fault.

    If the entry still matches its own hash, it is intact and the one before it was replaced
    (edited and re-hashed); if it matches under the id one lower, an entry was inserted before
    it and the rest renumbered; under the id one higher, one was deleted before it.
    """
    if position > 1 and entry_hash(stored_prev, values) == stored_hash:
        return position - 1, "changed"
    if position > 1 and entry_hash(stored_prev, {**values, "id": position - 1}) == stored_hash:
        return position - 1, "inserted"
    if entry_hash(stored_prev, {**values, "id": position + 1}) == stored_hash:
        return position, "out_of_order"
    return position, "not_following"


def verify(db: Database) -> VerifyResult:
    """Walk the chain; report the first entry that does not fit.

    Entries must be numbered 1, 2, 3 … without gaps, each must carry the previous entry's
    hash and hash to its own stored value; then the head record (written with every entry)
    must agree on how many entries there are and which hash is last, which catches entries
    dropped from the end and entries appended, or the last one replaced, outside the app.
    """
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    with db.lock:
        head = db.query_one("SELECT count, last_id, last_hash FROM audit_head WHERE id = 1")
        head_count = head["count"] if head else 0
        hash_at_head = GENESIS if head_count == 0 else None
        cursor = db.raw.execute(
            f"SELECT {', '.join(_COLUMNS)}, prev_hash, hash FROM audit_log ORDER BY rowid")
        for row in cursor:
            values = {c: row[c] for c in _COLUMNS}
            if row["id"] != expected_id:
                return _broken(count, expected_id, "out_of_order")
            if row["prev_hash"] != prev_hash:
                entry, kind = _diagnose(row["prev_hash"], row["hash"], values, expected_id)
                return _broken(count, entry, kind)
            if entry_hash(prev_hash, values) != row["hash"]:
                return _broken(count, row["id"], "changed")
            prev_hash = row["hash"]
            expected_id += 1
            count += 1
            if count == head_count:
                hash_at_head = prev_hash
    if head is None:
        if count:
            return _broken(count, 1, "head_missing")
        return VerifyResult(True, 0)
    if count < head_count:
        return _broken(count, count + 1, "tail_missing")
    if hash_at_head != head["last_hash"]:
        return _broken(count, head_count, "changed")
    if count > head_count:
        return _broken(count, head_count + 1, "not_in_head")
    return VerifyResult(True, count)
