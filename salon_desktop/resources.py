"""Locate the shipped resources (fonts, icons, translations, word lists).

They live in the top-level ``resources/`` folder of the source tree; a PyInstaller bundle
carries them under ``sys._MEIPASS/resources``. One lookup keeps both cases in one place.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
