"""Staff password policy: what a new password must be, and why it is refused.

The rules follow NIST SP 800-63B rather than "complexity theatre": length matters most, so a
passphrase of 15+ characters needs nothing else, while a shorter password (8+, or the
manager's higher minimum) needs upper- and lower-case letters and a digit. Whatever its shape,
a password is refused when it is one of the ~10,000 most common passwords or a salon word
(``resources/wordlists``) after the usual disguises are taken off (case, leetspeak, accents,
digits and punctuation around it), or when it contains the username or the salon's name —
the first things an attacker at the desk would try. Any Unicode is allowed, and pasting.

``first_problem`` gives the first rule that fails (for the error next to the field);
``password_hint`` gives every rule not met yet (for the live hint under the field). Both
return msgids with named parameters, translated where they are shown.
"""

from __future__ import annotations

import re
import secrets
import threading
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from salon_desktop.i18n import N_
from salon_desktop.resources import resource_path

MAX_LENGTH = 1024           # argon2 hashes any length; this only stops absurd input
PASSPHRASE_LENGTH = 15      # a passphrase this long needs no character mix
DEFAULT_MIN_LENGTH = 8
_MIN_CONTAINED = 3          # shorter usernames are only refused as the whole password
_MIN_NAME_WORD = 4          # salon-name words shorter than this ("OÜ", "ja") are ignored
WORDLISTS = ("common-passwords.txt", "salon-words.txt")


class Rule(StrEnum):
    MAX_LENGTH = "max_length"
    BLOCKLIST = "blocklist"
    USERNAME = "username"
    SALON_NAME = "salon_name"
    MIN_LENGTH = "min_length"
    MIX = "mix"


@dataclass(frozen=True)
class PasswordProblem:
    """One rule a password breaks: a msgid and its named parameters (never the password)."""

    rule: Rule
    msgid: str
    params: dict[str, object] = field(default_factory=dict)


_MESSAGES: dict[Rule, str] = {
    Rule.MAX_LENGTH: N_("Use at most {max_length} characters."),
    Rule.BLOCKLIST: N_("This is a common password or a salon word; choose something less "
                       "guessable."),
    Rule.USERNAME: N_("The password must not contain the username."),
    Rule.SALON_NAME: N_("The password must not contain the salon's name."),
    Rule.MIN_LENGTH: N_("Use at least {min_length} characters."),
    Rule.MIX: N_("Use upper- and lower-case letters and a digit, or a passphrase of at least "
                 "{passphrase_length} characters."),
}
# The live hint lists unmet rules in the order a person fixes them while typing.
_HINT_ORDER = (Rule.MIN_LENGTH, Rule.MIX, Rule.BLOCKLIST, Rule.USERNAME, Rule.SALON_NAME,
               Rule.MAX_LENGTH)
# The error names the rule whose fix helps: "salon" is refused as a salon word, not as too
# short, so nobody is led to "salon123".
_ERROR_ORDER = (Rule.MAX_LENGTH, Rule.BLOCKLIST, Rule.USERNAME, Rule.SALON_NAME,
                Rule.MIN_LENGTH, Rule.MIX)

# -- normalising away the usual disguises -----------------------------------------------------
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_LEET_COMMON = str.maketrans({"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                              "$": "s", "+": "t"})
_SEPARATORS = re.compile(r"[\s\W_]+")


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def variants(text: str) -> set[str]:
    """The forms a password (or list word) is compared in: as typed (case-folded), stripped
    of digits and punctuation at both ends, with leetspeak undone (1 as i and as l), and each
    of those without accents. Empty forms are dropped."""
    base = unicodedata.normalize("NFKC", text).casefold().strip()
    stripped = _EDGES.sub("", base)
    forms = {base, stripped}
    for form in (base, stripped):
        unleet = form.translate(_LEET_COMMON)
        forms.add(unleet)
        forms.add(unleet.replace("1", "i"))
        forms.add(unleet.replace("1", "l"))
        forms.add(_EDGES.sub("", unleet))
    forms |= {_fold_accents(f) for f in forms}
    return {f for f in forms if f}


class _Blocklist:
    """The shipped word lists, loaded once on first use (about 20 ms), then shared."""

    def __init__(self) -> None:
        self._words: frozenset[str] | None = None
        self._lock = threading.Lock()

    def words(self) -> frozenset[str]:
        with self._lock:
            if self._words is None:
                found: set[str] = set()
                for name in WORDLISTS:
                    path = resource_path("wordlists", name)
                    for line in path.read_text(encoding="utf-8").splitlines():
                        entry = line.strip()
                        if entry and not entry.startswith("#"):
                            found |= variants(entry)
                self._words = frozenset(found)
            return self._words


BLOCKLIST = _Blocklist()


def is_blocked(password: str) -> bool:
    return bool(password.strip()) and not variants(password).isdisjoint(BLOCKLIST.words())


def _squashed(text: str) -> set[str]:
    """Forms for "contains" checks: variants with spaces and punctuation removed too."""
    forms = variants(text)
    return forms | {_SEPARATORS.sub("", f) for f in forms}


def _contains_any(password: str, needles: set[str]) -> bool:
    haystacks = _squashed(password)
    return any(needle in hay for needle in needles for hay in haystacks)


def _username_needles(username: str) -> set[str]:
    name = unicodedata.normalize("NFKC", username).casefold().strip()
    if len(name) < _MIN_CONTAINED:
        return set()
    parts = {p for p in re.split(r"[._\-\s]+", name) if len(p) >= _MIN_NAME_WORD}
    return {name, _fold_accents(name)} | parts | {_fold_accents(p) for p in parts}


def _salon_needles(salon_name: str) -> set[str]:
    name = unicodedata.normalize("NFKC", salon_name).casefold()
    words = {w for w in re.split(r"[\W_]+", name) if len(w) >= _MIN_NAME_WORD}
    whole = _SEPARATORS.sub("", name)
    needles = words | ({whole} if len(whole) >= _MIN_NAME_WORD else set())
    return needles | {_fold_accents(n) for n in needles}


def _has_mix(password: str) -> bool:
    return (any(c.isupper() for c in password) and any(c.islower() for c in password)
            and any(c.isdigit() for c in password))


def problems(password: str, *, username: str = "", salon_name: str = "",
             min_length: int = DEFAULT_MIN_LENGTH) -> list[PasswordProblem]:
    """Every rule the password breaks, in the live hint's order."""
    min_length = max(min_length, DEFAULT_MIN_LENGTH)
    passphrase_length = max(PASSPHRASE_LENGTH, min_length)
    length = len(password)
    broken: dict[Rule, dict[str, object]] = {}
    if length < min_length:
        broken[Rule.MIN_LENGTH] = {"min_length": min_length}
    if length < passphrase_length and not _has_mix(password):
        broken[Rule.MIX] = {"passphrase_length": passphrase_length}
    if length > MAX_LENGTH:
        broken[Rule.MAX_LENGTH] = {"max_length": MAX_LENGTH}
    elif password:
        if is_blocked(password):
            broken[Rule.BLOCKLIST] = {}
        if _contains_any(password, _username_needles(username)):
            broken[Rule.USERNAME] = {}
        if _contains_any(password, _salon_needles(salon_name)):
            broken[Rule.SALON_NAME] = {}
    return [PasswordProblem(rule, _MESSAGES[rule], broken[rule])
            for rule in _HINT_ORDER if rule in broken]


def password_hint(password: str, *, username: str = "", salon_name: str = "",
                  min_length: int = DEFAULT_MIN_LENGTH) -> list[PasswordProblem]:
    """The rules not met yet, for the hint under the field as the person types (empty when
    the password is acceptable). Fast enough for every keystroke once the lists are loaded."""
    return problems(password, username=username, salon_name=salon_name,
                    min_length=min_length)


def first_problem(password: str, *, username: str = "", salon_name: str = "",
                  min_length: int = DEFAULT_MIN_LENGTH) -> PasswordProblem | None:
    """The one rule to name in an error, or ``None`` when the password is acceptable."""
    found = {p.rule: p for p in problems(password, username=username, salon_name=salon_name,
                                         min_length=min_length)}
    return next((found[rule] for rule in _ERROR_ORDER if rule in found), None)


_TEMP_ALPHABET_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_TEMP_ALPHABET_LOWER = "abcdefghijkmnpqrstuvwxyz"
_TEMP_DIGITS = "23456789"


def generate_temporary_password(groups: int = 4) -> str:
    """A random temporary password for the manager to hand over, e.g. ``Kq7m-Rt3x-Wp9z-Hb4c``:
    no look-alike characters (0/O, 1/l/I), every group upper + lower + digit, so it always
    passes the policy and reads aloud easily. It must be changed at the first sign-in."""
    chunks = []
    for _ in range(groups):
        chars = [secrets.choice(_TEMP_ALPHABET_UPPER), secrets.choice(_TEMP_ALPHABET_LOWER),
                 secrets.choice(_TEMP_DIGITS), secrets.choice(_TEMP_ALPHABET_LOWER)]
        chunks.append("".join(chars))
    return "-".join(chunks)
