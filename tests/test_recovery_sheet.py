"""The recovery sheet PDF, read back the way a person (and a PDF viewer) sees it.

Text is extracted with poppler's ``pdftotext`` and fonts listed with ``pdffonts``: what
matters is that Estonian and Cyrillic survive as real text in embedded fonts (no black
boxes, no viewer-dependent fallback), that the key and its group numbers are on the page,
and that a failed write never leaves a half-written PDF holding the key.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import SimpleDocTemplate

from salon_desktop.reports import fonts
from salon_desktop.reports.recovery_sheet import ReportNotSaved, render_recovery_sheet
from salon_desktop.security import recovery_key
from salon_desktop.security.errors import RecoveryKeyMalformed, RecoveryKeyTypo

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) not installed")

VAULT_ID = "3f2b8c1e-9a4d-4e6b-8f0a-1c2d3e4f5a6b"
CREATED = datetime(2026, 11, 25, 12, 30)
CYRILLIC_SALON = "Салон красоты «Жемчужина» & Ко"

CASES = [
    # language, salon name, title, the sign-in button, created date
    ("et", "Salong Õnnelik", "Taastevõtme leht", "Taasta ligipääs", "25.11.2026"),
    ("ru", CYRILLIC_SALON, "Лист ключа восстановления", "Восстановить доступ", "25.11.2026"),
    ("en", "Salong Õnnelik", "Recovery sheet", "Recover access", "25/11/2026"),
]


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def _render(path: Path, *, language: str, salon_name: str = "Salong Õnnelik",
            key: str | None = None, created_at: datetime = CREATED) -> str:
    key = key or recovery_key.generate()
    render_recovery_sheet(path, salon_name=salon_name, vault_id=VAULT_ID,
                          created_at=created_at, recovery_key=key, language=language)
    return key


def _pages(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)$", _run("pdfinfo", path), re.MULTILINE)
    assert match
    return int(match.group(1))


def _flat(text: str) -> str:
    """Extracted text with line breaks and runs of spaces collapsed (wrapping is layout)."""
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("language", "salon", "title", "button", "created"), CASES,
                         ids=[case[0] for case in CASES])
def test_sheet_text_is_complete_and_exact(tmp_path: Path, language: str, salon: str,
                                          title: str, button: str, created: str) -> None:
    pdf = tmp_path / "sheet.pdf"
    key = _render(pdf, language=language, salon_name=salon)
    text = _run("pdftotext", "-layout", pdf, "-")
    flat = _flat(text)

    assert title in flat
    assert salon in flat  # õ, «», & and Cyrillic exactly as given
    assert VAULT_ID in flat
    assert created in flat
    assert button in flat
    assert "salon-desktop admin recover" in flat
    for group in key.split("-"):
        assert group in flat
    # The groups in order on one line, and the numbers 1–6 on the line under them.
    lines = text.splitlines()
    key_line = next(i for i, line in enumerate(lines) if key.split("-")[0] in line)
    assert re.search(r"\s*-\s*".join(key.split("-")), lines[key_line])
    assert re.search(r"\b1\s+2\s+3\s+4\s+5\s+6\b", lines[key_line + 1])
    assert "■" not in text and "\ufffd" not in text


@pytest.mark.parametrize("language", ["et", "ru", "en"])
def test_sheet_is_one_page_with_embedded_dejavu_fonts_only(tmp_path: Path,
                                                           language: str) -> None:
    pdf = tmp_path / "sheet.pdf"
    _render(pdf, language=language, salon_name=CYRILLIC_SALON)
    assert _pages(pdf) == 1
    rows = _run("pdffonts", pdf).splitlines()[2:]
    assert rows, "no fonts listed"
    names = set()
    for row in rows:
        columns = row.split()
        names.add(re.sub(r"^[A-Z]{6}\+", "", columns[0]))
        emb = columns[-5]  # name type encoding emb sub uni object ID
        assert emb == "yes", row
    assert names == {fonts.FONT_REGULAR, fonts.FONT_BOLD, fonts.FONT_MONO}
    assert all(name.startswith("DejaVu") for name in names)


def test_metadata_holds_no_personal_data(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    key = _render(pdf, language="et", salon_name="Salong Õnnelik")
    info = _run("pdfinfo", pdf)
    assert re.search(r"^Title:\s+Taastevõtme leht$", info, re.MULTILINE)
    assert "Õnnelik" not in info and VAULT_ID not in info
    assert not any(group in info for group in key.split("-"))


def test_long_salon_name_still_fits_on_one_page(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    name = "Ilusalong ja spaa " + "Päikeseloojang " * 12
    _render(pdf, language="ru", salon_name=name.strip())
    assert _pages(pdf) == 1
    assert _flat(name.strip()) in _flat(_run("pdftotext", pdf, "-"))


def test_utc_timestamp_is_printed_as_the_local_date(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    moment = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    _render(pdf, language="et", created_at=moment)
    expected = moment.astimezone().strftime("%d.%m.%Y")
    assert expected in _run("pdftotext", pdf, "-")


def test_key_is_printed_in_canonical_form(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    key = recovery_key.generate()
    _render(pdf, language="en", key=key.lower().replace("-", " "))
    text = _run("pdftotext", "-layout", pdf, "-")
    assert re.search(r"\s*-\s*".join(key.split("-")), text)


def _with_typo_in_group_two(key: str) -> str:
    """The key with group 2's check character changed (always detected)."""
    index = 6 + 4
    wrong = "2" if key[index] != "2" else "3"
    return key[:index] + wrong + key[index + 1:]


@pytest.mark.parametrize(("make_bad", "error"), [
    (lambda key: key[:11], RecoveryKeyMalformed),
    (_with_typo_in_group_two, RecoveryKeyTypo),
], ids=["too-short", "typo"])
def test_invalid_key_is_refused_before_anything_is_written(tmp_path: Path, make_bad,
                                                           error: type[Exception]) -> None:
    """A sheet with a wrong key would look fine and fail on the one day it is needed."""
    pdf = tmp_path / "sheet.pdf"
    with pytest.raises(error):
        _render(pdf, language="en", key=make_bad(recovery_key.generate()))
    assert list(tmp_path.iterdir()) == []


def test_write_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    first = _render(pdf, language="en")
    second = _render(pdf, language="en")  # replaces the first
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
    text = _run("pdftotext", pdf, "-")
    assert second.split("-")[0] in text and first.split("-")[0] not in text


def test_failed_build_keeps_the_old_file_and_removes_the_temp(tmp_path: Path,
                                                              monkeypatch) -> None:
    pdf = tmp_path / "sheet.pdf"
    key = _render(pdf, language="en")
    before = pdf.read_bytes()

    def broken_build(self: SimpleDocTemplate, *args: object, **kwargs: object) -> None:
        Path(self.filename).write_bytes(b"%PDF-1.4 half written")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SimpleDocTemplate, "build", broken_build)
    with pytest.raises(ReportNotSaved):
        _render(pdf, language="en", key=key)
    assert pdf.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_missing_folder_is_a_report_error_without_the_path(tmp_path: Path) -> None:
    pdf = tmp_path / "Mari Tamm" / "sheet.pdf"
    with pytest.raises(ReportNotSaved) as raised:
        _render(pdf, language="et")
    assert "Mari" not in str(raised.value)
    assert raised.value.user_message()  # translated text with a way out


def test_font_registration_is_idempotent_and_thread_safe() -> None:
    errors: list[BaseException] = []

    def register() -> None:
        try:
            fonts.register_fonts()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fonts.register_fonts()
    assert not errors
    for name in (fonts.FONT_REGULAR, fonts.FONT_BOLD, fonts.FONT_MONO):
        assert pdfmetrics.getFont(name).face.name  # a real TrueType face, not a stand-in
