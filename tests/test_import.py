"""Importing clients from CSV: BOM, ';' or ',', headers in three languages, a mapping step, a
preview, rejected rows with reasons, and nothing half-imported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import PermissionDenied, ValidationError
from salon_desktop.domain.roles import Role
from salon_desktop.i18n import get_translator
from salon_desktop.services.client_import import (
    ImportFileEmpty,
    ImportFileMalformed,
    ImportFileNotOpened,
    ImportFileUnreadable,
)
from tests.clients_helpers import make_salon, new_client

EXCEL_ET = (
    "Eesnimi;Perekonnanimi;Telefon;E-post;Sünnikuupäev;Keel;Märkused\r\n"
    "Õie;Šmidt;5123 4567;oie@example.com;1984-03-12;et;Tundlik peanahk\r\n"
    "Ольга;Иванова;+372 5234 5678;olga@example.com;12.05.1990;vene;\"Любит; кофе\"\r\n"
    "Алёна;Фёдорова;;;;ru;\r\n"
    ";Tamm;5345 6789;;;et;\r\n"                          # row 5: no first name
    "Jüri;Mägi;5456 7890;juri@@example.com;;et;\r\n"     # row 6: bad e-mail
    "\r\n"
    "Kati;Kask;;kati@example.com;1975-11-02;EST;\r\n"
)


def write(tmp_path: Path, text: str, encoding: str = "utf-8-sig", name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_excel_file_with_bom_semicolons_and_cyrillic(app_context: AppContext,
                                                     tmp_path: Path) -> None:
    path = write(tmp_path, EXCEL_ET)
    importer = app_context.services.client_import
    preview = importer.preview(path)
    assert preview.delimiter == ";" and preview.row_count == 6
    assert preview.columns[0] == "Eesnimi"  # the BOM is gone
    assert preview.suggested_mapping == {0: "first_name", 1: "last_name", 2: "phone",
                                         3: "email", 4: "birth_date", 5: "language",
                                         6: "notes"}
    assert preview.rows[1][6] == "Любит; кофе"
    report = importer.import_rows(path, preview.suggested_mapping)
    assert report.imported == 4
    assert [(r.row_number, r.field) for r in report.rejected] == [(5, "first_name"),
                                                                   (6, "email")]
    message = report.rejected[1].message(get_translator("et"))
    assert message.startswith("E-post") and "juri@@" not in message
    clients = app_context.services.clients
    assert clients.search("").total == 4
    olga = clients.search("оль").items[0]
    assert (olga.phone, olga.language) == ("+37252345678", "ru")
    assert clients.reveal(olga.id, "birth_date") == date(1990, 5, 12)
    assert clients.search("kask").items[0].language == "et"


def test_comma_file_english_and_russian_headers(app_context: AppContext,
                                                tmp_path: Path) -> None:
    english = write(tmp_path, "first_name,last_name,phone,email\nMari,Tamm,51234567,\n",
                    encoding="utf-8", name="en.csv")
    russian = write(tmp_path, "Имя,Фамилия,Телефон,Эл. почта,Дата рождения,Язык,Заметки\n"
                              "Ирина,Попова,52345678,irina@example.com,1970-01-31,ru,\n",
                    encoding="utf-8", name="ru.csv")
    importer = app_context.services.client_import
    for path in (english, russian):
        preview = importer.preview(path)
        assert preview.delimiter == ","
        assert importer.import_rows(path, preview.suggested_mapping).imported == 1
    assert app_context.services.clients.search("").total == 2


def test_mapping_chosen_by_hand_and_duplicates(app_context: AppContext,
                                               tmp_path: Path) -> None:
    new_client(app_context, "Mari", "Tamm", phone="+372 5123 4567")
    path = write(tmp_path, "A;B;C\nTamm;Mari;51234567\nSepp;Jüri;5234 5678\n"
                           "Sepp;Jaan;+372 5234 5678\n")
    importer = app_context.services.client_import
    assert importer.preview(path).suggested_mapping == {}
    with pytest.raises(ValidationError):
        importer.import_rows(path, {0: "last_name"})
    with pytest.raises(ValidationError):
        importer.import_rows(path, {0: "last_name", 1: "first_name", 2: "last_name"})
    report = importer.import_rows(path, {0: "last_name", 1: "first_name", 2: "phone"})
    assert report.imported == 1
    assert [(r.row_number, r.field) for r in report.rejected] == [(2, "phone"), (4, "phone")]


def test_nothing_half_imported(app_context: AppContext, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "first_name;last_name\nMari;Tamm\nJüri;Mägi\n")
    from salon_desktop.storage import clients_repo

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(clients_repo, "insert_many", broken)
    importer = app_context.services.client_import
    with pytest.raises(RuntimeError):
        importer.import_rows(path, {0: "first_name", 1: "last_name"})
    monkeypatch.undo()
    assert app_context.services.clients.search("").total == 0
    assert app_context.vault is not None
    assert app_context.vault.db.scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'client.import'") == 0


def test_unreadable_files_and_roles(app_context: AppContext, tmp_path: Path) -> None:
    importer = app_context.services.client_import
    latin = write(tmp_path, "Eesnimi;Perekonnanimi\nÕie;Šmidt\n", encoding="cp1257")
    with pytest.raises(ImportFileUnreadable) as caught:
        importer.preview(latin)
    assert "CSV UTF-8" in caught.value.user_message(get_translator("en"))
    with pytest.raises(ImportFileEmpty):
        importer.preview(write(tmp_path, "\n\n", name="empty.csv"))
    salon = make_salon(app_context)
    salon.act_as(Role.STYLIST)
    with pytest.raises(PermissionDenied):
        importer.preview(write(tmp_path, EXCEL_ET, name="s.csv"))
    salon.act_as(Role.RECEPTION)
    assert importer.preview(write(tmp_path, EXCEL_ET, name="r.csv")).row_count == 6


@pytest.mark.parametrize("text", [
    "first_name;last_name;notes\nA;B;" + "x" * 200_000 + "\nC;D;ok\n",  # over csv's field limit
    "first_name;last_name\n\"Ann;Kask\nEve;Tamm\n",  # a quote never closed: would eat the rest
], ids=["huge-field", "unclosed-quote"])
def test_malformed_csv_is_a_clear_error_and_imports_nothing(
        app_context: AppContext, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    importer = app_context.services.client_import
    before = app_context.services.clients.search("", with_total=True).total
    with pytest.raises(ImportFileMalformed) as raised:
        importer.preview(path)
    assert "2" in raised.value.user_message(get_translator("en"))
    with pytest.raises(ImportFileMalformed):
        importer.import_rows(path, {0: "first_name", 1: "last_name"})
    assert app_context.services.clients.search("", with_total=True).total == before
    assert "x" * 50 not in str(raised.value)


def test_old_mac_line_endings(app_context: AppContext, tmp_path: Path) -> None:
    path = write(tmp_path, "first_name,last_name\rZed,Crane\rAmy,Reed\r", encoding="utf-8")
    importer = app_context.services.client_import
    preview = importer.preview(path)
    assert preview.suggested_mapping == {0: "first_name", 1: "last_name"}
    assert importer.import_rows(path, preview.suggested_mapping).imported == 2


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_a_file_that_cannot_be_opened_is_not_called_an_encoding_problem(
        app_context: AppContext, tmp_path: Path, what: str) -> None:
    path = tmp_path / "missing.csv" if what == "missing" else tmp_path
    with pytest.raises(ImportFileNotOpened) as raised:
        app_context.services.client_import.preview(path)
    assert "UTF-8" not in raised.value.user_message()
    assert "could not be opened" in raised.value.user_message()
