"""The vault's self-test: cipher and SQLite integrity, schema version, audit chain.

Reads no personal data (only page MACs, structure and the audit chain), so it needs no sign-in
and can run from a scheduled job or an installer check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from salon_desktop.audit.log import verify
from salon_desktop.i18n import N_
from salon_desktop.storage.database import DbError
from salon_desktop.storage.migrations import LATEST_VERSION
from salon_desktop.vault import Vault


@dataclass(frozen=True)
class Problem:
    msgid: str
    params: dict[str, object] = field(default_factory=dict)


def run_selftest(vault: Vault) -> list[Problem]:
    db = vault.db
    problems: list[Problem] = []
    try:
        cipher = db.cipher_integrity_problems()
        if cipher:
            problems.append(Problem(N_("Encrypted pages failed their integrity check "
                                       "({count} problems)."), {"count": len(cipher)}))
        structure = db.integrity_problems()
        if structure:
            problems.append(Problem(N_("The database structure is damaged ({count} problems)."),
                                    {"count": len(structure)}))
        version = db.user_version()
        if version != LATEST_VERSION:
            problems.append(Problem(N_("The database schema is at version {found}, expected "
                                       "{expected}."),
                                    {"found": version, "expected": LATEST_VERSION}))
        chain = verify(db)
        if not chain.ok:
            problems.append(Problem(N_("The audit log is broken at entry {entry}."),
                                    {"entry": chain.first_broken_id}))
    except DbError:
        problems.append(Problem(N_("The database could not be read to the end.")))
    return problems
