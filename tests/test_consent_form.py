"""The printable consent form, read back as a person and a PDF viewer see it: each purpose's
wording exactly, in the client's language, in embedded fonts, on one page, with drawn boxes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.consents import Purpose
from salon_desktop.domain.settings import SalonDetails
from salon_desktop.reports.consent_form import render_consent_form
from salon_desktop.reports.recovery_sheet import ReportNotSaved
from tests.consent_helpers import add_client

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm")),
    reason="poppler-utils not installed")

CASES = [
    # language, client, title, a translated label, the date line
    ("et", ("Õie", "Šmidt"), "Nõusolekuvorm", "Kliendi allkiri", "25.11.2026"),
    ("ru", ("Ольга", "Иванова"), "Форма согласия", "Подпись клиента", "25.11.2026"),
    ("en", ("Mary", "O'Neill & Co"), "Consent form", "Client's signature", "25/11/2026"),
]


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("language", "name", "title", "label", "printed"), CASES,
                         ids=[c[0] for c in CASES])
def test_form_holds_every_wording_in_the_clients_language(
        app_context: AppContext, tmp_path: Path, language: str, name: tuple[str, str],
        title: str, label: str, printed: str) -> None:
    client_id = add_client(app_context, *name, language=language)
    consents = app_context.services.consents
    pdf = tmp_path / f"form-{language}.pdf"
    form = consents.consent_form(client_id, pdf)
    flat = _flat(_run("pdftotext", "-layout", pdf, "-"))
    for purpose in Purpose:
        wording = consents.current_wording(purpose, language).text
        assert _flat(wording) in flat, purpose
        assert form.versions[purpose] == 1
    for text in (title, label, f"{name[0]} {name[1]}", "Salong Õnnelik", "12345678", printed):
        assert text in flat
    assert "■" not in flat and "☐" not in flat  # boxes are drawn, not glyphs
    assert re.search(r"^Pages:\s+1$", _run("pdfinfo", pdf), re.MULTILINE)
    fonts = _run("pdffonts", pdf).splitlines()[2:]
    assert fonts and all("DejaVu" in f and " yes " in f for f in fonts), fonts
    info = _run("pdfinfo", pdf)
    assert name[1] not in info  # metadata names no one
    _run("pdftoppm", "-r", "50", "-png", pdf, tmp_path / f"page-{language}")
    assert (tmp_path / f"page-{language}-1.png").stat().st_size > 5000


def test_an_edited_wording_prints_its_new_version(app_context: AppContext,
                                                  tmp_path: Path) -> None:
    client_id = add_client(app_context, "Kati", "Tamm")
    consents = app_context.services.consents
    consents.edit_wording(Purpose.PHOTOS, "et", "Luban teha fotosid enne ja pärast.")
    form = consents.consent_form(client_id, tmp_path / "f.pdf")
    assert form.versions[Purpose.PHOTOS] == 2
    flat = _flat(_run("pdftotext", tmp_path / "f.pdf", "-"))
    assert "Luban teha fotosid enne ja pärast." in flat
    assert "Sõnastuse versioon 2" in flat


def test_no_health_box_when_the_salon_keeps_no_health_data(app_context: AppContext,
                                                           tmp_path: Path) -> None:
    app_context.services.settings.set("store_health_data", False)
    client_id = add_client(app_context, "Kati", "Tamm")
    form = app_context.services.consents.consent_form(client_id, tmp_path / "f.pdf")
    assert Purpose.HEALTH not in form.versions
    assert "Terviseandmed" not in _run("pdftotext", tmp_path / "f.pdf", "-")


def test_a_failed_write_leaves_no_file(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "form.pdf"
    with pytest.raises(ReportNotSaved):
        render_consent_form(tmp_path / "missing" / "form.pdf", salon=SalonDetails("S"),
                            client_name="X", language="et", wordings={Purpose.EMAIL: "Tekst"})
    monkeypatch.setattr("os.replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(ReportNotSaved):
        render_consent_form(target, salon=SalonDetails("S"), client_name="X", language="et",
                            wordings={Purpose.EMAIL: "Tekst"})
    assert list(tmp_path.iterdir()) == []
