"""Per-computer preferences that must be readable before the vault opens (the UI language of
the sign-in screen). Never personal data: this file is not encrypted."""

from __future__ import annotations

import json
from pathlib import Path

from salon_desktop.i18n import normalize_language

PREFS_NAME = "prefs.json"


def read_language(folder: Path) -> str | None:
    try:
        data = json.loads((folder / PREFS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # A hand-edited or damaged file must not stop the app before its first window.
    value = data.get("language") if isinstance(data, dict) else None
    return normalize_language(value) if isinstance(value, str) else None


def write_language(folder: Path, language: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PREFS_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data["language"] = normalize_language(language) or "en"
    tmp = path.with_name(PREFS_NAME + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
