"""The long-report speed-ups in ``reports/pdf_layout.py`` must not change a pixel: plain-text
cells look like the Paragraphs they replace, a long table in chunks looks like one table with
its header repeated on every page, and a cell paragraph that remembers its line breaks breaks
them as a fresh one does. (The timing itself is benchmarks/bench_app.py's job.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from salon_desktop.reports import pdf_layout
from salon_desktop.reports.fonts import register_fonts
from salon_desktop.reports.pdf_layout import (
    PAD,
    WIDTH,
    CellParagraph,
    build_pdf,
    cell,
    data_table,
    styles,
)
from tests.rights_helpers import page_count, pdf_text

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdftoppm")),
    reason="poppler-utils not installed")

@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()  # before the first Paragraph is parsed, as the reports do


_W = WIDTH - 2 * PAD
WIDTHS = [34 * mm, _W - 102 * mm, 42 * mm, 26 * mm]
SERVICES = ["Lõikus ja föönitamine", "Juuksejuurte värvimine", "Kulmude ja ripsmete värvimine",
            "Окрашивание корней & тонирование <премиум>",
            "Pikkade juuste pesu, lõikus, föönisoeng ja viimistlus koos hoolduskuuriga"]


def rows(count: int) -> tuple[list[list[object]], list[int]]:
    """A visits table as the report builds it: some records with a notes row under them,
    some service lines too long for their column (they must wrap), escaped markup."""
    st = styles()
    table: list[list[object]] = [[Paragraph(h, st["cell_head"])
                                  for h in ("Date", "Services", "Stylist", "Price")]]
    spans = []
    for n in range(count):
        services = "<br/>".join(pdf_layout.text(SERVICES[(n + k) % len(SERVICES)])
                                for k in range(1 + n % 2))
        table.append([f"{1 + n % 28:02d}.03.2024 10:{n % 60:02d}", services,
                      pdf_layout.text(["Anna", "Kati", "Сергей Ёлкин"][n % 3]),
                      f"{40 + n % 50},00\xa0€"])
        if n % 3:
            spans.append(len(table))
            table.append([CellParagraph(f"<b>Notes:</b> visit {n} — "
                                        + "soovib järgmine kord lühemat " * (1 + n % 4),
                                        st["cell_muted"]), "", "", ""])
    return table, spans


def render(path: Path, count: int) -> Path:
    table, spans = rows(count)
    story = [Paragraph("Visits", styles()["h1"]),
             data_table(table, WIDTHS, spans=spans, right=(3,))]
    path.write_bytes(build_pdf(story, lambda canv, page, pages: None, title="t",
                               language="en"))
    return path


def pixels(pdf: Path, folder: Path) -> list[bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "100", "-gray", str(pdf), str(folder / "p")],
                   check=True)
    return [p.read_bytes() for p in sorted(folder.glob("p-*.pgm"))]


def differing_pages(a: list[bytes], b: list[bytes]) -> list[int]:
    """Pages on which some pixel differs by more than 16 of 255 grey steps: a glyph placed a
    hundredth of a point apart anti-aliases a few steps differently (measured: 4 at most),
    a missing 0.4 pt rule changes its pixels by ~20 and a moved glyph by far more."""
    assert len(a) == len(b)
    return [page for page, (x, y) in enumerate(zip(a, b, strict=True), start=1)
            if len(x) != len(y) or any(abs(p - q) > 16 for p, q in zip(x, y, strict=True))]


def test_plain_cells_are_plain_only_when_they_fit() -> None:
    st = styles()["cell"]
    assert cell("12.03.2024 10:00", st, 34 * mm) == "12.03.2024 10:00"
    assert cell("Lõikus<br/>Värvimine", st, 60 * mm) == "Lõikus\nVärvimine"
    assert cell("  Tom &amp; Jerry   &lt;3 ", st, 60 * mm) == "Tom & Jerry <3"
    assert cell("45,00\xa0€", st, 26 * mm) == "45,00\xa0€"  # a no-break space stays
    for markup in ("<b>Notes:</b> x", "a&nbsp;b", "word " * 40):
        assert isinstance(cell(markup, st, 60 * mm), CellParagraph), markup


def test_plain_cells_look_like_paragraphs(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    fast = pixels(render(tmp_path / "fast.pdf", 40), tmp_path / "fast")
    monkeypatch.setattr(pdf_layout, "cell", lambda markup, style, width:
                        CellParagraph(markup, style))
    slow = pixels(render(tmp_path / "slow.pdf", 40), tmp_path / "slow")
    assert len(fast) >= 2
    assert differing_pages(fast, slow) == []


def test_a_long_table_in_chunks_looks_like_one_table(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    chunked_pdf = render(tmp_path / "chunked.pdf", 150)
    chunked = pixels(chunked_pdf, tmp_path / "chunked")
    monkeypatch.setattr(pdf_layout, "CHUNK_ROWS", 10_000)  # one reportlab Table
    single = pixels(render(tmp_path / "single.pdf", 150), tmp_path / "single")
    assert len(chunked) >= 5
    assert differing_pages(chunked, single) == []
    text = pdf_text(chunked_pdf)
    assert all(f"visit {n} —" in text for n in range(150) if n % 3)
    for page in range(1, page_count(chunked_pdf) + 1):  # the header on every page
        assert "Date" in pdf_text(chunked_pdf, page), page


def test_a_remembered_wrap_is_the_wrap() -> None:
    st = styles()["cell_muted"]
    markup = "<b>Colour formula:</b> 7/1 + 6% 30 vol " * 6
    remembered = CellParagraph(markup, st)
    for width in (120.0, 300.0, 120.0, 120.0):
        fresh = Paragraph(markup, st)
        assert remembered.wrap(width, 10) == fresh.wrap(width, 10_000)
        assert len(remembered.blPara.lines) == len(fresh.blPara.lines)
