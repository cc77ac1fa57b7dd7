"""The fonts every PDF of the app uses: the DejaVu families shipped in ``resources/fonts``.

reportlab's built-in Type 1 fonts (Helvetica, Courier, …) have no Cyrillic glyphs and print
Russian names as black boxes, and they are not embedded, so the look depends on the viewer.
The DejaVu TrueType fonts cover Estonian (õ ä ö ü š ž) and Cyrillic and are embedded
(subset) in each PDF. Report code calls ``register_fonts()`` and then uses only the names
below — never a built-in font name.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_
from salon_desktop.resources import resource_path

FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_MONO = "DejaVuSansMono"

# reportlab font name → file in resources/fonts.
_FILES: dict[str, str] = {
    FONT_REGULAR: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_MONO: "DejaVuSansMono.ttf",
}

_lock = threading.Lock()
_registered = False


class ReportFontsMissing(SalonError):
    """A shipped font file is missing or unreadable: a broken installation, not user data."""

    msgid = N_("A font file of Salon Desktop is missing or damaged ({name}), so the PDF "
               "could not be made.")
    way_out = N_("Way out: reinstall Salon Desktop. No data was changed.")


def register_fonts() -> None:
    """Register the DejaVu fonts with reportlab once per process; safe to call from any thread.

    Also maps the bold/italic variants so ``<b>`` in a platypus ``Paragraph`` set in
    ``FONT_REGULAR`` switches to ``FONT_BOLD`` instead of falling back to a built-in font.
    (No italic or bold-mono files are shipped; those variants map to the upright/regular face.)
    Raises ``ReportFontsMissing`` when a font file cannot be read.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        fonts = []
        for name, filename in _FILES.items():
            path = resource_path("fonts", filename)
            try:
                fonts.append(TTFont(name, str(path)))
            except (OSError, TTFError):
                raise ReportFontsMissing(name=filename) from None
        for font in fonts:
            pdfmetrics.registerFont(font)
        for family, bold in ((FONT_REGULAR, FONT_BOLD), (FONT_MONO, FONT_MONO)):
            addMapping(family, 0, 0, family)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, family)
            addMapping(family, 1, 1, bold)
        _registered = True
