"""The look: Fusion, one calm accent colour, readable fonts.

Fusion looks the same on every OS, so a screenshot in the manual matches every reception PC.
Every colour pair used for text was checked against WCAG AA (4.5:1); the ratios are noted
next to the colours so a later change can keep them.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from salon_desktop.resources import resource_path

log = logging.getLogger(__name__)

ACCENT = "#2E6B6F"        # white on it 6.1:1; on WINDOW 5.5:1
ACCENT_SOFT = "#E3EEEE"   # TEXT on it 13.5:1
WINDOW = "#F5F4F2"        # TEXT on it 14.6:1
BASE = "#FFFFFF"
TEXT = "#1E2224"
MUTED = "#555D60"         # on WINDOW 6.1:1 (hints, secondary text)
DISABLED = "#707070"      # on WINDOW 4.5:1
ERROR = "#B3261E"         # on WINDOW 6.0:1
WARNING_INK = "#8A4B00"   # on WARNING_BG 6.3:1
WARNING_BG = "#FFF4E5"
MIN_POINT_SIZE = 10
MONO_FAMILY = "DejaVu Sans Mono"

_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf")

# Only a few widgets get a style sheet (by property), so the rest stays plain Fusion.
_STYLE_SHEET = f"""
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid #24585B; border-radius: 4px;
    padding: 6px 16px; font-weight: bold;
}}
QPushButton[role="primary"]:hover {{ background: #275D61; }}
QPushButton[role="primary"]:pressed {{ background: #1F4C4F; }}
QPushButton[role="primary"]:disabled {{
    background: #9DB7B9; color: #1E2224; border-color: #9DB7B9;
}}
QPushButton[role="primary"]:focus {{ border: 2px solid #1E2224; }}
QPushButton[role="link"] {{
    border: none; background: transparent; color: {ACCENT}; text-decoration: underline;
    padding: 4px;
}}
QPushButton[role="link"]:focus {{ border: 1px dotted {TEXT}; }}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="success"] {{ color: {ACCENT}; font-weight: bold; }}
QFrame[role="note"] {{
    background: {WARNING_BG}; border: 1px solid #E8CFA8; border-radius: 4px;
}}
QLabel[role="note"] {{ color: {WARNING_INK}; background: transparent; border: none; }}
QFrame[role="card"] {{ background: {BASE}; border: 1px solid #DDD9D4; border-radius: 8px; }}
QListWidget#navigation {{
    background: {WINDOW}; border: none; border-right: 1px solid #DDD9D4; outline: 0;
}}
QListWidget#navigation::item {{ padding: 9px 10px; border-radius: 4px; margin: 2px 6px; }}
QListWidget#navigation::item:hover {{ background: #ECEAE6; }}
QListWidget#navigation::item:selected {{
    background: {ACCENT_SOFT}; color: {TEXT}; border-left: 3px solid {ACCENT};
}}
QListWidget#navigation:focus {{ border-right: 1px solid {ACCENT}; }}
"""


def palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: WINDOW, QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: BASE, QPalette.ColorRole.AlternateBase: "#F0EEEB",
        QPalette.ColorRole.Text: TEXT, QPalette.ColorRole.Button: "#ECEAE6",
        QPalette.ColorRole.ButtonText: TEXT, QPalette.ColorRole.BrightText: "#FFFFFF",
        QPalette.ColorRole.Highlight: ACCENT, QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.Link: ACCENT, QPalette.ColorRole.LinkVisited: "#24585B",
        QPalette.ColorRole.ToolTipBase: "#FFFFFF", QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: DISABLED, QPalette.ColorRole.Accent: ACCENT,
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(disabled, role, QColor(DISABLED))
    pal.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#9DB7B9"))
    return pal


def register_fonts() -> None:
    """Ship DejaVu as a fallback: it has õ ä ö ü š ž and Cyrillic, and a clear monospace."""
    for name in _FONT_FILES:
        path = resource_path("fonts", name)
        if path.exists() and QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("font %s could not be registered", name)


def _needs_fallback(family: str) -> bool:
    systems = QFontDatabase.writingSystems(family)
    return QFontDatabase.WritingSystem.Cyrillic not in systems


def base_font() -> QFont:
    font = QFont(QGuiApplication.font())
    if QGuiApplication.platformName() == "offscreen" or _needs_fallback(font.family()):
        font.setFamily("DejaVu Sans")
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    return font


def mono_font(point_size: float) -> QFont:
    """The recovery key: DejaVu Sans Mono tells 5 from S and 8 from B at a glance."""
    font = QFont(MONO_FAMILY)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPointSizeF(point_size)
    return font


def scaled_font(factor: float, *, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(max(MIN_POINT_SIZE, font.pointSizeF() * factor))
    font.setBold(bold)
    return font


def apply_style(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(palette())
    register_fonts()
    app.setFont(base_font())
    app.setStyleSheet(_STYLE_SHEET)
