"""Where to save a file: the one save dialog of the privacy section.

A module of its own, called as ``files.ask_save_path(...)``, so tests and the screenshot
tool replace one function and answer for the person (no native dialog offscreen). The dialog
is Qt's own, which adds nothing to the system's recent-files lists (``ui/printing.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from ui import printing


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


def ask_save_path(parent: QWidget, title: str, suggested_name: str, file_filter: str) -> str:
    """The save dialog; "" when cancelled. Tests replace this function."""
    return printing.ask_save_path(parent, title, _documents() / suggested_name, file_filter)


def with_suffix(chosen: str, suffix: str) -> Path:
    """The chosen path, with ``suffix`` added when the person typed a bare name."""
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
