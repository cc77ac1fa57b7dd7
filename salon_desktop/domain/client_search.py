"""Turning what reception types into the search box into an FTS5 query, and name likeness.

The index (migration 3) has a ``name`` and a ``contact`` column, tokenised by unicode61 with
``remove_diacritics 2``, so 'oie' finds Õie and 'smidt' finds Šmidt; ``ё`` is folded to
``е`` on both sides. Every word becomes a quoted phrase ("оль"*), so nothing typed is read
as FTS5 syntax. Input that is only a phone number (digits, spaces, +, -, brackets)
becomes one digit prefix, so '5123 4567', '+372 5123 4567' and '37251234567' all match.
A role that may not see contact data searches the ``name`` column only.
"""

from __future__ import annotations

import re
import unicodedata

_PHONE_INPUT = re.compile(r"[\d\s\-()./+]+")
_MIN_PHONE_DIGITS = 3


def fold_yo(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def build_tiers(text: str, *, include_contact: bool) -> list[str] | None:
    """The FTS5 MATCH expressions for ``text``, best tier first; ``None`` when blank (list
    everyone), ``[]`` when it can match no client this role may find.

    Tiers, disjoint: every word is a whole name word ('mari' → Mari); every word starts a
    name word (Marika); the rest (e-mail). Within a tier the list is alphabetical. A phone
    number is one tier. bm25 is not used: on names its signal is nil (each word occurs
    once) and it costs a microsecond per match, which a one-letter prefix makes 15 ms.
    """
    text = fold_yo(unicodedata.normalize("NFC", _drop_unstorable(text))).strip()
    if not text:
        return None
    if _PHONE_INPUT.fullmatch(text):
        # Any script's digits (a phone pasted as ５１２３ or ٥١٢٣ is stored in ASCII).
        digits = "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())
        if text.startswith("00"):
            digits = digits[2:]
        if len(digits) >= _MIN_PHONE_DIGITS:
            return [f'contact : "{digits}"*'] if include_contact else []
    words = [w.replace('"', '""') for w in text.split() if any(ch.isalnum() for ch in w)]
    if not words:
        return []
    exact = " AND ".join(f'name : "{w}"' for w in words)
    name_prefix = " AND ".join(f'name : "{w}"*' for w in words)
    tiers = [exact, f"({name_prefix}) NOT ({exact})"]
    if include_contact:
        any_prefix = " AND ".join(f'"{w}"*' for w in words)
        tiers.append(f"({any_prefix}) NOT ({name_prefix})")
    return tiers


def _drop_unstorable(text: str) -> str:
    """Control characters and lone surrogates become spaces: no stored name or contact holds
    them (validation refuses them), and passed on they break the query — SQLite reads a NUL
    as the end of the FTS5 expression ("unterminated string") and cannot encode a lone
    surrogate at all. Found by tests/test_hostile_input_text.py."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)


def fold_name(text: str) -> str:
    """Case, accents and ё folded away: 'Šmidt Õie' → 'smidt oie'."""
    decomposed = unicodedata.normalize("NFKD", fold_yo(text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("-", " ").split())


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def names_similar(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Very similar: after folding, at most one typo per four letters, in either order
    (spreadsheets swap first and last names)."""
    a = fold_name(f"{first_a} {last_a}")
    candidates = (fold_name(f"{first_b} {last_b}"), fold_name(f"{last_b} {first_b}"))
    allowed = max(1, len(a) // 4)
    return any(edit_distance(a, b, allowed) <= allowed for b in candidates)


def sort_name(first_name: str, last_name: str) -> str:
    """The list's order: last name, then first name, case and accents folded."""
    return fold_name(f"{last_name} {first_name}")
