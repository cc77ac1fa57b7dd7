"""Rollback detection: noticing that an older copy of the database was put back.

An older copy of ``salon.db`` is a valid, correctly encrypted database — every other check
passes — yet it silently undoes bookings, consents, withdrawals and erasures made since
(an erased client would be back). The audit chain only ever grows, so how far it has come
is a monotonic "generation" of the data. This computer remembers, in the keyring beside the
database key (entry ``<vault id>.anchor``, see ``keystore.py``), the chain's length and last
hash the last time it used the vault: the **anchor**. On opening, the database must have at
least that many entries, and entry number ``count`` must carry the remembered hash;
otherwise the database is behind (an older copy) or diverged (an older copy worked on since,
or another database of the same vault) and ``RollbackSuspected`` is raised for a manager to
decide (``AppContext.accept_rollback``).

Writing the keyring on every commit would cost a D-Bus round trip per change, so the anchor
is moved at opening (after the check), at a clean close, after a restore, after an accepted
rollback and whenever the app calls ``AppContext.anchor_now`` (on lock and sign-out). A copy
taken after the last anchor and put back before the next one is not detected: the window is
one working session at most.

This module is pure logic and parsing (no SQL import: the security layer sits beside
storage); the database is read through the small ``ChainReader`` protocol.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from salon_desktop.i18n import N_
from salon_desktop.security.errors import VaultError

FORMAT_VERSION = 1
GENESIS = "0" * 64
Kind = Literal["behind", "diverged"]


class AnchorUnreadable(ValueError):
    """The anchor entry exists but is not one we wrote (damaged or edited)."""


@dataclass(frozen=True)
class Anchor:
    """How far the audit chain had come when this computer last used the vault."""

    count: int          # number of audit entries
    last_hash: str      # hash of entry ``count`` (GENESIS when there are none)
    recorded_at: str    # ISO time the anchor was written (shown to the manager)

    def to_text(self) -> str:
        return json.dumps({"v": FORMAT_VERSION, "count": self.count, "hash": self.last_hash,
                           "at": self.recorded_at}, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> Anchor:
        """Parse what ``to_text`` wrote; anything else raises ``AnchorUnreadable``."""
        try:
            body = json.loads(text)
            if not isinstance(body, dict) or body.get("v") != FORMAT_VERSION:
                raise ValueError("format")
            count, last_hash, at = body["count"], body["hash"], body["at"]
            if (not isinstance(count, int) or isinstance(count, bool) or count < 0
                    or not isinstance(last_hash, str) or len(last_hash) != 64
                    or any(c not in "0123456789abcdef" for c in last_hash)
                    or not isinstance(at, str)):
                raise ValueError("fields")
        except (ValueError, KeyError, TypeError) as exc:
            raise AnchorUnreadable(str(exc)) from None
        return cls(count, last_hash, at)


@dataclass(frozen=True)
class ChainPosition:
    """Where the database's audit chain stands (from its head record)."""

    count: int
    last_hash: str
    last_at: str | None  # time of the newest entry, for the manager's decision


class ChainReader(Protocol):
    """The part of ``storage.database.Database`` this module needs."""

    def query_one(self, sql: str, params: Any = ...) -> Any: ...


def chain_position(db: ChainReader) -> ChainPosition:
    head = db.query_one("SELECT count, last_id, last_hash FROM audit_head WHERE id = 1")
    if head is None:
        return ChainPosition(0, GENESIS, None)
    last = db.query_one("SELECT ts FROM audit_log WHERE id = ?", (head["last_id"],))
    return ChainPosition(int(head["count"]), str(head["last_hash"]),
                         None if last is None else str(last["ts"]))


def hash_of_entry(db: ChainReader, entry_id: int) -> str | None:
    row = db.query_one("SELECT hash FROM audit_log WHERE id = ?", (entry_id,))
    return None if row is None else str(row["hash"])


class RollbackSuspected(VaultError):
    """The database is older than (or not a continuation of) the one this computer last
    used. Raised by ``AppContext.open`` with the vault closed again and no data changed.
    Params are counts only; ``anchored_at`` and ``database_last_change`` (ISO times) are
    there for the dialog that asks the manager."""

    msgid = N_("The salon's database is older than the one this computer used last: its "
               "log has {found} entries, but this computer had already seen {expected}. "
               "Changes made since then are missing from it.")
    way_out = N_("Way out: if an older copy was put back on purpose, a manager can accept "
                 "it with their password (the missing changes stay lost; the decision is "
                 "recorded). Otherwise put the newer database file back, or accept it and "
                 "then restore the newest backup (Administration → Backups). Until then the "
                 "app does not open the data.")

    def __init__(self, kind: Kind, expected: int, found: int, *, anchored_at: str = "",
                 database_last_change: str | None = None) -> None:
        self.kind: Kind = kind
        self.expected = expected
        self.found = found
        self.anchored_at = anchored_at
        self.database_last_change = database_last_change
        msgid = None if kind == "behind" else DIVERGED
        super().__init__(msgid, expected=expected, found=found)

    def detail(self) -> str:
        """The audit entry's detail when a manager accepts: counts only."""
        return f"kind={self.kind}; expected={self.expected}; found={self.found}"


DIVERGED = N_("The salon's database does not continue from the one this computer used "
              "last: entry {expected} of its log is not the one this computer saw. An older "
              "copy may have been put back and worked on since.")


def judge(anchor: Anchor | None, position: ChainPosition,
          db: ChainReader) -> RollbackSuspected | None:
    """The suspicion, or None when the database continues from the anchor (or there is no
    anchor yet: first use on this computer, an upgrade, or a recovered keyring)."""
    if anchor is None or anchor.count == 0:
        return None
    if position.count < anchor.count:
        kind: Kind = "behind"
    elif position.count == anchor.count:
        if position.last_hash == anchor.last_hash:
            return None
        kind = "diverged"
    elif hash_of_entry(db, anchor.count) == anchor.last_hash:
        return None
    else:
        kind = "diverged"
    return RollbackSuspected(kind, anchor.count, position.count,
                             anchored_at=anchor.recorded_at,
                             database_last_change=position.last_at)
