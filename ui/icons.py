"""SVG icons from ``resources/icons``: sharp on high-DPI screens, no image build step."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from salon_desktop.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; an empty icon if the file is missing."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
