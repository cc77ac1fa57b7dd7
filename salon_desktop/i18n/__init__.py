"""One translation system for the UI, the headless commands and the PDFs.

gettext catalogs (``.po``) under ``resources/translations/<lang>/LC_MESSAGES/*.po``, read with
Babel; every ``.po`` file of a language is merged, so each feature area keeps its own file.
English is the source language: a missing English entry falls back to the msgid.
"""

from salon_desktop.i18n.catalog import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    Translator,
    _,
    current_language,
    get_translator,
    ngettext,
    normalize_language,
    set_language,
    system_language,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "Translator",
    "_",
    "current_language",
    "get_translator",
    "ngettext",
    "normalize_language",
    "set_language",
    "system_language",
]
