"""The client data report (GDPR Art. 15) read back as the client and a PDF viewer see it:
every data item, the processing history and the inspectorate's contacts, in each language,
for an Estonian and a Cyrillic name, in embedded DejaVu fonts, the client's name and
"page x of y" on every page, no black boxes."""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.consents import Purpose
from salon_desktop.domain.data_copy import history_label
from salon_desktop.domain.errors import PermissionDenied
from salon_desktop.domain.roles import Role
from salon_desktop.domain.validation import format_phone
from salon_desktop.i18n import get_translator
from salon_desktop.reports.recovery_sheet import ReportNotSaved
from salon_desktop.storage import erasure
from tests.clients_helpers import make_salon, new_client
from tests.rights_helpers import flat, page_count, pdf_text, rich_client

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm")),
    reason="poppler-utils not installed")

TITLES = {"et": "Isikuandmete väljavõte", "ru": "Выписка персональных данных",
          "en": "Client data report"}
PAGE_WORD = {"et": "Lehekülg", "ru": "Страница", "en": "Page"}
BIRTH = {("et", "et"): "14.03.1985", ("et", "ru"): "14.03.1985", ("et", "en"): "14/03/1985",
         ("ru", "et"): "31.12.1979", ("ru", "ru"): "31.12.1979", ("ru", "en"): "31/12/1979"}
HISTORY = ("client.create", "consent.give", "consent.withdraw", "client.health_update",
           "client.patch_test_add", "visit.record", "appointment.book", "client.view",
           "request.receive")
AKI = ("Andmekaitse Inspektsioon", "Tatari 39, 10134 Tallinn", "info@aki.ee",
       "+372 627 4135", "www.aki.ee")


@pytest.mark.parametrize("person", ["et", "ru"])
@pytest.mark.parametrize("language", ["et", "ru", "en"])
def test_report_holds_every_item_in_every_language(app_context: AppContext, tmp_path: Path,
                                                   person: str, language: str) -> None:
    salon = make_salon(app_context)
    client = rich_client(salon, person)
    pdf = tmp_path / "report.pdf"
    app_context.services.data_subject.save_access_report(client.id, pdf, language=language)
    text = flat(pdf_text(pdf))
    v = client.values
    expected = [TITLES[language], client.full_name, format_phone(v["phone"]), v["email"],
                v["address"], BIRTH[(person, language)], v["preferences"], v["notes"],
                v["allergies"], v["contra"], v["product"], v["formula"], v["visit_notes"],
                v["booking_notes"], "Värvimine", "Lõikus", "Liis", "Salong Õnnelik",
                "12345678", *AKI]
    missing = [item for item in expected if item not in text]
    assert missing == []
    # The consent the client gave, in the exact wording shown (the client's language).
    wording = app_context.services.consents.current_wording(Purpose.EMAIL, person).text
    assert flat(wording)[:60] in text
    t = get_translator(language)
    labels = [t.gettext(history_label(action)) for action in HISTORY]
    assert [label for label in labels if label not in text] == []
    assert t.gettext("Manager") in text  # the role, not the name
    assert "Mari Juhataja" not in text
    assert "■" not in text and "\ufffd" not in text


def test_every_page_names_the_client_and_counts_pages(app_context: AppContext,
                                                      tmp_path: Path) -> None:
    salon = make_salon(app_context)
    client = rich_client(salon, "ru")
    pdf = tmp_path / "report.pdf"
    app_context.services.data_subject.save_access_report(client.id, pdf, language="ru")
    pages = page_count(pdf)
    assert pages >= 3
    for page in range(1, pages + 1):
        text = flat(pdf_text(pdf, page))
        assert client.full_name in text, page
        assert f"{PAGE_WORD['ru']} {page} из {pages}" in text, page
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all("DejaVu" in f and " yes " in f for f in fonts), fonts
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert client.values["last"] not in info  # metadata names no one
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 1000


def test_a_client_with_little_data_gets_a_calm_report(app_context: AppContext,
                                                      tmp_path: Path) -> None:
    client_id = new_client(app_context, "Mari", "Maasikas")
    pdf = tmp_path / "r.pdf"
    app_context.services.data_subject.save_access_report(client_id, pdf)
    text = flat(pdf_text(pdf))
    for line in ("Me ei hoia teie kohta terviseandmeid.", "Külastusi pole kirja pandud.",
                 "Broneeringuid pole kirja pandud.", "Nõusolekuid pole kirja pandud.",
                 "Tere, Mari!", "Kliendikaart loodi"):
        assert line in text


def test_reception_prints_stylist_may_not_and_each_copy_is_audited(
        app_context: AppContext, tmp_path: Path) -> None:
    salon = make_salon(app_context)
    client = rich_client(salon, "et")
    salon.act_as(Role.RECEPTION)
    pdf = app_context.services.data_subject.access_report_pdf(client.id, output="print")
    assert pdf.startswith(b"%PDF")
    salon.act_as(Role.STYLIST)
    with pytest.raises(PermissionDenied):
        app_context.services.data_subject.access_report_pdf(client.id)
    salon.act_as(Role.ADMIN)
    entries = [e for e in app_context.services.audit.entries() if e.action == "report.print"]
    assert [(e.staff_role, e.record_id, e.detail) for e in entries] == [
        ("reception", str(client.id), "output=print; language=et")]
    assert client.values["last"] not in repr(entries)


def test_written_only_where_chosen_and_never_half(app_context: AppContext,
                                                  tmp_path: Path) -> None:
    client_id = new_client(app_context, "Õie", "Šmidt")
    folder = tmp_path / "chosen"
    folder.mkdir()
    app_context.services.data_subject.save_access_report(client_id, folder / "õie.pdf")
    assert [p.name for p in folder.iterdir()] == ["õie.pdf"]
    before = len(app_context.services.audit.entries())
    with pytest.raises(ReportNotSaved):
        app_context.services.data_subject.save_access_report(client_id,
                                                             tmp_path / "gone" / "x.pdf")
    assert len(app_context.services.audit.entries()) == before + 0  # nothing audited


def test_history_starts_with_this_client_when_an_id_is_reused(app_context: AppContext,
                                                             tmp_path: Path) -> None:
    db = app_context.services.ctx.db
    first = new_client(app_context, "Esimene", "Klient")
    app_context.services.clients.get_card(first)
    app_context.services.clients.get_card(first)
    erasure.erase_client(db, first, now=app_context.clock.now(), by_staff=None)
    app_context.clock.advance(60)
    second = new_client(app_context, "Teine", "Klient")
    assert second == first  # SQLite reuses the freed id
    copy = app_context.services.data_subject._copy(second, None)
    assert [h.action for h in copy.history] == ["client.create"]


def _line_words(pdf: Path, page: int, top: float, bottom: float) -> list[tuple[float, float]]:
    """(xMin, xMax) of the words whose top lies between ``top`` and ``bottom`` points."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf),
                          "-"], check=True, capture_output=True, text=True,
                         encoding="utf-8").stdout
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', out)
    return sorted((float(x0), float(x1)) for x0, y0, x1 in words if top <= float(y0) <= bottom)


def test_a_long_name_neither_hides_the_page_number_nor_leaves_the_page(
        app_context: AppContext, tmp_path: Path) -> None:
    """A double-barrelled name within the limits (here 78 characters) must not be printed
    over "Page x of y" at the foot, nor over the salon's name at the head, nor past the
    right margin."""
    client_id = new_client(app_context, "Aleksandra-Marianne-Õnnela-Jõgeva",
                           "Šmidt-Zuzeklaas-Ämblik-Põldmäe-Щукина-Жукова", language="ru")
    pdf = tmp_path / "r.pdf"
    app_context.services.data_subject.save_access_report(client_id, pdf)
    right_margin = 595.28 - 56.69 + 0.5
    for page in range(1, page_count(pdf) + 1):
        for top, bottom in ((780.0, 842.0), (0.0, 50.0)):  # the foot, the head
            words = _line_words(pdf, page, top, bottom)
            assert all(x1 <= right_margin for _x0, x1 in words), (page, top, words)
            overlaps = [(a, b) for a, b in pairwise(words)
                        if b[0] < a[1] - 0.1]
            assert overlaps == [], (page, top)
    assert f"{PAGE_WORD['ru']} 2 из" in flat(pdf_text(pdf, 2))
