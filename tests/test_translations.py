"""Estonian and Russian are complete from the first screen: a missing string fails here."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from salon_desktop.i18n import catalog as i18n
from tools.i18n_check import TRANSLATED, catalog_entries, extracted, missing

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_is_complete(language: str) -> None:
    gaps = missing(language)
    assert gaps == [], f"{language} lacks {len(gaps)} messages, e.g. {gaps[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language: str) -> None:
    entries = catalog_entries(language)
    wrong = []
    for msgid in extracted():
        value = entries.get(msgid)
        translations = list(value) if isinstance(value, tuple | list) else [value]
        for text in translations:
            if text and set(_PLACEHOLDER.findall(msgid)) != set(_PLACEHOLDER.findall(text)):
                wrong.append((msgid, text))
    assert wrong == []


def test_translator_uses_catalog_and_formats() -> None:
    et = i18n.get_translator("et")
    ru = i18n.get_translator("ru")
    assert et.gettext("Wrong username or password.") != "Wrong username or password."
    assert ru.gettext("Wrong username or password.") != "Wrong username or password."
    assert et.date(date(2026, 11, 25)) == "25.11.2026"
    assert ru.date(date(2026, 11, 25)) == "25.11.2026"
    assert et.money(45) == "45,00\xa0€"
    assert i18n.get_translator("en").gettext("Unknown text") == "Unknown text"


def test_damaged_catalog_falls_back_to_english(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = i18n.translations_dir()
    copy = tmp_path / "translations"
    shutil.copytree(source, copy)
    core = copy / "et" / "LC_MESSAGES" / "core.po"
    core.write_bytes(b'msgid "broken\n\x00\xff garbage "unterminated')
    monkeypatch.setattr(i18n, "translations_dir", lambda: copy)
    i18n.reload_catalogs()
    try:
        et = i18n.get_translator("et")
        assert "core.po" in et.problems
        assert et.gettext("Wrong username or password.") == "Wrong username or password."
    finally:
        monkeypatch.undo()
        i18n.reload_catalogs()
