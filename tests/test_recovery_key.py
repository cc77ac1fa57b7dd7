"""The recovery key: what a person types from the printed sheet on the worst day.

The promises checked here are the ones the sign-in screen relies on: any case, spaces or
dashes are accepted; a typo is reported by the group it is in (so the person re-reads five
characters, not thirty); a key of the wrong length says so; groups typed in the wrong order
are caught before the slow argon2id unwrap, instead of ending as "belongs to another salon".
"""

from __future__ import annotations

import itertools
import random
import re

import pytest

from salon_desktop.i18n import get_translator
from salon_desktop.security import recovery_key
from salon_desktop.security.errors import RecoveryKeyMalformed, RecoveryKeyTypo

ALPHABET = recovery_key.ALPHABET
PRINTED = re.compile(r"^[23456789A-HJ-NP-Z]{5}(-[23456789A-HJ-NP-Z]{5}){5}$")


def _first_bad_group(text: str) -> int | None:
    try:
        recovery_key.normalize(text)
    except RecoveryKeyTypo as typo:
        return typo.group
    return None


def _seeded_key(rng: random.Random) -> str:
    """A valid key from seeded data, found through the public API only.

    For each group, the check character is the one for which ``normalize`` no longer blames
    that group (later groups are still placeholders, so it blames a later one). Seeded keys
    keep the tests deterministic; ``generate()`` keys are random by design.
    """
    groups: list[str] = []
    filler = ["22222"] * recovery_key.GROUPS
    for position in range(1, recovery_key.GROUPS + 1):
        data = "".join(rng.choice(ALPHABET) for _ in range(recovery_key.DATA_PER_GROUP))
        for check in ALPHABET:
            candidate = [*groups, data + check, *filler[position:]]
            bad = _first_bad_group("-".join(candidate))
            if bad is None or bad > position:
                groups.append(data + check)
                break
        else:  # pragma: no cover - every group has exactly one valid check character
            raise AssertionError(f"no check character found for group {position}")
    key = "-".join(groups)
    assert recovery_key.normalize(key) == key
    return key


@pytest.fixture(scope="module")
def keys() -> list[str]:
    rng = random.Random(20261125)
    return [_seeded_key(rng) for _ in range(40)]


def test_generated_keys_have_the_printed_form() -> None:
    for _ in range(50):
        key = recovery_key.generate()
        assert PRINTED.match(key), key
        assert recovery_key.normalize(key) == key


def test_generated_keys_differ() -> None:
    assert len({recovery_key.generate() for _ in range(200)}) == 200


@pytest.mark.parametrize("variant", [
    lambda k: k.lower(),
    lambda k: k.replace("-", " "),
    lambda k: k.replace("-", ""),
    lambda k: k.lower().replace("-", "  "),
    lambda k: f"  {k}\n",
    lambda k: " ".join(k.replace("-", "")),  # one space between every character
    lambda k: k.replace("-", "–"),  # en dash, as word processors "correct" it
], ids=["lower", "spaces", "compact", "lower-double-spaces", "padded", "spaced-out", "en-dash"])
def test_normalize_accepts_what_people_type(variant, keys: list[str]) -> None:
    for key in [*keys[:10], recovery_key.generate()]:
        assert recovery_key.normalize(variant(key)) == key


def test_secret_bytes_ignore_the_typed_form(keys: list[str]) -> None:
    key = keys[0]
    typed = recovery_key.normalize(key.lower().replace("-", " "))
    assert recovery_key.secret_bytes(typed) == recovery_key.secret_bytes(key)
    assert len(recovery_key.secret_bytes(key)) == recovery_key.GROUPS * recovery_key.DATA_PER_GROUP


@pytest.mark.parametrize("text", [
    "",
    "ABCDE",
    "A4S7A-Y9A3Y-EQW2W-A6E4Q-VNB68",  # a group left out
    "A4S7A-Y9A3Y-EQW2W-A6E4Q-VNB68-7FG2C-22222",  # a group too many
    "A4S7A-Y9A3Y-EQW2W-A6E4Q-VNB68-7FG2",  # one character short
])
def test_wrong_length_is_malformed(text: str) -> None:
    with pytest.raises(RecoveryKeyMalformed) as raised:
        recovery_key.normalize(text)
    assert "6" in str(raised.value) and "5" in str(raised.value)


def test_wrong_length_counts_characters_not_separators(keys: list[str]) -> None:
    with pytest.raises(RecoveryKeyMalformed):
        recovery_key.normalize(keys[0][:-1] + "-")


def test_character_outside_the_alphabet_is_a_typo_in_its_group(keys: list[str]) -> None:
    """0/O and 1/I are not in the alphabet (look-alikes); typing one blames its group."""
    key = keys[0]
    for group in range(1, recovery_key.GROUPS + 1):
        index = (group - 1) * (recovery_key.GROUP_SIZE + 1) + 1
        for wrong in "0O1I":
            typed = key[:index] + wrong + key[index + 1:]
            assert _first_bad_group(typed) == group, (typed, wrong)


def test_typo_in_a_check_character_is_reported_by_its_group(keys: list[str]) -> None:
    for key in keys:
        for group in range(1, recovery_key.GROUPS + 1):
            index = (group - 1) * (recovery_key.GROUP_SIZE + 1) + recovery_key.DATA_PER_GROUP
            for wrong in ALPHABET.replace(key[index], ""):
                typed = key[:index] + wrong + key[index + 1:]
                assert _first_bad_group(typed) == group


def test_detected_typos_always_name_the_right_group(keys: list[str]) -> None:
    """Whatever a single wrong character does, it never blames another group."""
    for key in keys[:10]:
        for index, char in enumerate(key):
            if char == "-":
                continue
            group = index // (recovery_key.GROUP_SIZE + 1) + 1
            for wrong in ALPHABET.replace(char, ""):
                typed = key[:index] + wrong + key[index + 1:]
                assert _first_bad_group(typed) in (None, group)


def test_every_single_character_typo_is_reported_by_its_group(keys: list[str]) -> None:
    missed = []
    for key in keys:
        for index, char in enumerate(key):
            if char == "-":
                continue
            group = index // (recovery_key.GROUP_SIZE + 1) + 1
            for wrong in ALPHABET.replace(char, ""):
                typed = key[:index] + wrong + key[index + 1:]
                if _first_bad_group(typed) != group:
                    missed.append((typed, group))
    assert not missed, f"{len(missed)} single-character typos not reported, e.g. {missed[:3]}"


def test_neighbouring_characters_swapped_are_reported(keys: list[str]) -> None:
    missed = []
    for key in keys:
        for index in range(len(key) - 1):
            a, b = key[index], key[index + 1]
            if "-" in (a, b) or a == b:
                continue  # a separator, or no change
            typed = key[:index] + b + a + key[index + 2:]
            if _first_bad_group(typed) != index // (recovery_key.GROUP_SIZE + 1) + 1:
                missed.append(typed)
    assert not missed, f"{len(missed)} swapped neighbours not reported, e.g. {missed[:3]}"


def test_swapping_two_groups_is_detected(keys: list[str]) -> None:
    """The check character depends on the group's position, so a group typed in the wrong
    place fails there (the check over GF(32) catches every such swap)."""
    for key in keys:
        groups = key.split("-")
        for first, second in itertools.combinations(range(recovery_key.GROUPS), 2):
            if groups[first] == groups[second]:
                continue
            swapped = list(groups)
            swapped[first], swapped[second] = swapped[second], swapped[first]
            with pytest.raises(RecoveryKeyTypo) as raised:
                recovery_key.normalize("-".join(swapped))
            assert raised.value.group in (first + 1, second + 1)


def test_typo_message_names_the_group_in_every_language() -> None:
    error = RecoveryKeyTypo(4)
    assert error.group == 4
    for language in ("et", "ru", "en"):
        assert "4" in error.user_message(get_translator(language))
