"""The recovery key: what a person types when the keyring entry is gone.

Six groups of five characters from an alphabet without look-alikes (no 0/O, 1/I). Each group
is four data characters and one check character computed from the group's position and data,
so a typo (or two swapped groups) is reported as "group N", not as a generic failure.
24 data characters × 5 bits = 120 bits, stretched further by argon2id when unwrapping.
"""

from __future__ import annotations

import secrets

from salon_desktop.security.errors import RecoveryKeyMalformed, RecoveryKeyTypo

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUPS = 6
DATA_PER_GROUP = 4
GROUP_SIZE = DATA_PER_GROUP + 1


def _gf32_tables() -> tuple[list[int], dict[int, int]]:
    exp = [0] * 62
    value = 1
    for i in range(31):
        exp[i] = exp[i + 31] = value
        value <<= 1
        if value & 32:
            value ^= 0b100101  # x^5 + x^2 + 1, primitive over GF(2)
    return exp, {exp[i]: i for i in range(31)}


_EXP, _LOG = _gf32_tables()


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


def _check_char(position: int, data: str) -> str:
    """A linear check over GF(32): every single-character substitution, every swap of
    neighbours (the check character included) and every swap of two groups changes it, so a
    typo is always reported by its group instead of failing later as "another salon's key"."""
    total = _EXP[position + 9]  # a distinct non-zero constant per group position
    for index, char in enumerate(data):
        total ^= _mul(_EXP[index + 1], ALPHABET.index(char))
    return ALPHABET[total]


def generate() -> str:
    """A new recovery key in its printed form, e.g. ``7KQ2M-…`` (groups joined by '-')."""
    groups = []
    for position in range(1, GROUPS + 1):
        data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_PER_GROUP))
        groups.append(data + _check_char(position, data))
    return "-".join(groups)


def normalize(text: str) -> str:
    """Parse what a person typed: any case, spaces or dashes; returns the canonical form.

    Raises ``RecoveryKeyMalformed`` for the wrong length and ``RecoveryKeyTypo`` naming the
    first group (1-based) whose check character does not match.
    """
    compact = "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-–—_.")
    if len(compact) != GROUPS * GROUP_SIZE:
        raise RecoveryKeyMalformed(groups=GROUPS, size=GROUP_SIZE)
    groups = [compact[i:i + GROUP_SIZE] for i in range(0, len(compact), GROUP_SIZE)]
    for position, group in enumerate(groups, start=1):
        data, check = group[:DATA_PER_GROUP], group[DATA_PER_GROUP]
        if any(ch not in ALPHABET for ch in group) or _check_char(position, data) != check:
            raise RecoveryKeyTypo(position)
    return "-".join(groups)


def secret_bytes(canonical: str) -> bytes:
    """The bytes fed to the KDF: the data characters only (check characters add nothing)."""
    groups = canonical.split("-")
    return "".join(g[:DATA_PER_GROUP] for g in groups).encode("ascii")
