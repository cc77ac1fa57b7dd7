"""The record of processing (Art. 30) and security measures (Art. 32): seeded with salon
defaults, kept by the manager, printed as one PDF, and the source of the purposes, recipients
and retention every client data report shows. Also migration 7, which holds it."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from salon_desktop.context import AppContext
from salon_desktop.domain.errors import PermissionDenied
from salon_desktop.domain.processing_record import ACTIVITY_KEYS, MEASURES, RecipientKind
from salon_desktop.domain.roles import Role
from salon_desktop.storage.database import Database
from salon_desktop.storage.migrations import migrate
from tests.clients_helpers import make_salon, new_client
from tests.rights_helpers import flat, pdf_text

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="poppler-utils not installed")


def test_seeded_with_salon_defaults_in_each_language(app_context: AppContext) -> None:
    service = app_context.services.processing_record
    record = service.record("et")
    assert [a.key for a in record.activities] == list(ACTIVITY_KEYS)
    clients = record.activities[0]
    assert clients.retention.startswith("Kuni 3 aasta möödumiseni")
    assert "raamatupidamise seadus" in record.activities[4].legal_basis
    assert "7 aastat" in record.activities[4].retention
    physical = [m for m in record.measures if m.physical]
    assert [m.key for m in physical] == [k for k, _t, p in MEASURES if p]
    assert "lukustatud kapis" in physical[0].text and physical[0].last_checked is None
    assert {r.kind for r in record.recipients} >= {RecipientKind.ACCOUNTANT, RecipientKind.SMS}
    assert service.record("ru").activities[0].purpose.startswith("Ведение вашей карточки")


@needs_poppler
def test_the_salons_own_words_reach_the_client_report(app_context: AppContext,
                                                      tmp_path: Path) -> None:
    services = app_context.services
    service = services.processing_record
    service.set_activity_text("marketing", "purpose", "et", "Uudiskiri kord kuus")
    accountant = next(r for r in service.record().recipients
                      if r.kind is RecipientKind.ACCOUNTANT)
    service.update_recipient(accountant.id, name="Raamatupidamine Kask OÜ")
    sms = next(r for r in service.record().recipients if r.kind is RecipientKind.SMS)
    service.update_recipient(sms.id, name="", active=False)
    services.settings.set("retention_inactive_years", 4)
    client_id = new_client(app_context, "Õie", "Šmidt")
    services.data_subject.save_access_report(client_id, tmp_path / "r.pdf")
    text = flat(pdf_text(tmp_path / "r.pdf"))
    assert "Uudiskiri kord kuus" in text and "Raamatupidamine Kask OÜ" in text
    assert "SMS-teenuse pakkuja" not in text
    assert "Kuni 4 aasta möödumiseni" in text
    service.set_activity_text("marketing", "purpose", "et", None)  # back to the default
    assert service.record("et").activities[3].purpose.startswith("Pakkumiste, uudiste")


@needs_poppler
def test_measures_are_checked_and_printed(app_context: AppContext, tmp_path: Path) -> None:
    service = app_context.services.processing_record
    key_measure = next(m for m in service.record().measures if m.key == "cabinet_key")
    service.update_measure(key_measure.id, holder="Mari (juhataja) ja Kati")
    service.mark_measure_checked(key_measure.id, date(2026, 11, 20))
    extra = service.add_measure("Uks lukustatakse õhtul", holder="Kati", physical=True)
    service.mark_activity_reviewed("clients")
    pdf = service.save_pdf(tmp_path / "register.pdf", "et")
    text = flat(pdf_text(pdf))
    for line in ("Isikuandmete töötlemise toimingute register", "Mari (juhataja) ja Kati",
                 "20.11.2026", "Uks lukustatakse õhtul", "pole kontrollitud",
                 "lukustatud kapis", "Füüsilised meetmed", "Raamatupidaja"):
        assert line in text, line
    assert "■" not in text
    assert extra in [m.id for m in service.record().measures]
    entries = {e.action for e in app_context.services.audit.entries()}
    assert {"processing_record.measure_checked", "processing_record.print"} <= entries


def test_reading_is_for_all_changing_for_the_manager(app_context: AppContext) -> None:
    salon = make_salon(app_context)
    salon.act_as(Role.RECEPTION)
    service = app_context.services.processing_record
    assert service.record("en").activities
    with pytest.raises(PermissionDenied):
        service.set_activity_text("clients", "purpose", "en", "x")
    with pytest.raises(PermissionDenied):
        service.mark_measure_checked(1)


def test_migration_7_upgrades_a_version_6_database(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "v6.db", os.urandom(32), create=True)
    try:
        migrate(db, target=6)
        with db.transaction():
            db.execute("INSERT INTO staff (id, username, display_name, role, password_hash, "
                       "must_change_password, active, created_at) VALUES (1, 'm', 'M', "
                       "'admin', 'x', 0, 1, 'x')")
            db.execute("INSERT INTO clients (id, first_name, last_name, created_at, "
                       "updated_at) VALUES (1, 'Mari', 'Maasikas', 'x', 'x')")
            db.execute("INSERT INTO catalogue (id, name, duration_minutes, price_cents, "
                       "created_at) VALUES (1, 'Lõikus', 45, 3500, 'x')")
            db.execute("INSERT INTO visits (id, client_id, stylist_id, started_at, "
                       "price_cents, notes, colour_formula, created_at) VALUES "
                       "(7, 1, 1, '2026-11-05T10:00', 3500, 'n', 'f', 'x')")
            db.execute("INSERT INTO visit_services VALUES (7, 0, 1, 'Lõikus', 3500)")
        assert migrate(db) == [7]
        row = db.query_one("SELECT * FROM visits WHERE id = 7")
        assert row is not None
        assert (row["client_id"], row["notes"], row["colour_formula"], row["anon_ref"]) == (
            1, "n", "f", None)
        assert db.scalar("SELECT count(*) FROM visit_services WHERE visit_id = 7") == 1
        indexes = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE "
                                          "type = 'index' AND tbl_name = 'visits'")}
        assert {"visits_by_client", "visits_by_stylist", "visits_anonymised"} <= indexes
        fks = [r["table"] for r in db.query("PRAGMA foreign_key_list(visit_services)")]
        assert fks.count("visits") == 1
        assert db.query("PRAGMA foreign_key_check") == [] and db.integrity_problems() == []
        assert db.scalar("SELECT count(*) FROM processing_activities") == len(ACTIVITY_KEYS)
        assert db.scalar("SELECT count(*) FROM security_measures") == len(MEASURES)
        with db.transaction():  # a visit may now outlive its client, but not be nobody's
            db.execute("UPDATE visits SET client_id = NULL, anon_ref = 'anon-1' WHERE id = 7")
        with pytest.raises(Exception, match="CHECK"), db.transaction():
            db.execute("UPDATE visits SET anon_ref = NULL WHERE id = 7")
    finally:
        db.close()
