"""A scripted day at the desk with unmistakable marker values, and a scanner that looks for
those markers in bytes (tests/test_no_plaintext_leaks.py, tests/test_app_log.py).

Every marker has an ASCII core of 8+ characters ("Zqx…"): encrypted bytes could match a
short string by chance (3 bytes: once in 16 MB), never one of 8+. Each is searched in
UTF-8, UTF-16 (LE and BE), NFC and NFD, and case-folded (for the search index's folded
names), so a leak in any of the usual forms is found.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from salon_desktop.cli.main import main as cli_main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.appointments import AppointmentDraft
from salon_desktop.domain.clients import ClientDraft, PatchTestDraft, PatchTestResult
from salon_desktop.domain.roles import Role
from salon_desktop.domain.visits import VisitDraft
from salon_desktop.security.keystore import OsKeyStore
from tests.backup_helpers import PASSPHRASE, use_fast_kdf
from tests.clients_helpers import add_catalogue, make_salon
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER

# One client in Estonian, one in Russian; values a report, an export, a log line, a temp
# file or a search index would carry.
PEOPLE = [
    {"first": "Zqxfirst-Õie", "last": "Zqxlast-Šmidt", "phone": "+372 5551 2399",
     "email": "zqxmail.oie@example.com", "address": "Zqxaddress Põllu 7, Tõrva",
     "birth_date": "1984-02-29", "preferences": "Zqxprefer kohv ilma suhkruta",
     "notes": "Zqxnotes eelistab hommikut", "allergies": "Zqxallergy PPD-allergia",
     "contra": "Zqxcontra raseduse ajal", "product": "Zqxproduct Koleston 7/1",
     "formula": "Zqxformula 7/1 + 6%", "visit_notes": "Zqxvisitnote juuksed kuivad",
     "booking_notes": "Zqxbooking toob fotod", "language": "et"},
    {"first": "Zqxfirstru-Ольга", "last": "Zqxlastru-Щеглова", "phone": "+372 5559 8877",
     "email": "zqxmail.olga@example.com", "address": "Zqxaddressru ул. Ленина 5",
     "birth_date": "1979-12-31", "preferences": "Zqxpreferru чай с лимоном",
     "notes": "Zqxnotesru вечер", "allergies": "Zqxallergyru никель",
     "contra": "Zqxcontraru кожа", "product": "Zqxproductru Estel 8/0",
     "formula": "Zqxformularu 8/0 + 3%", "visit_notes": "Zqxvisitnoteru концы",
     "booking_notes": "Zqxbookingru с дочерью", "language": "ru"},
]
PHONE_DIGITS = ["55512399", "55598877"]


def marker_strings() -> list[str]:
    values = [v for person in PEOPLE for k, v in person.items()
              if k not in ("language", "birth_date")]
    return values + PHONE_DIGITS


def needles() -> dict[bytes, str]:
    """Byte patterns → the marker they reveal."""
    found: dict[bytes, str] = {}
    for marker in marker_strings():
        forms = {marker, unicodedata.normalize("NFD", marker), marker.casefold(),
                 unicodedata.normalize("NFD", marker.casefold())}
        core = marker.split()[0].split("-")[0].split(".")[0]
        if len(core) >= 8:
            forms |= {core, core.casefold()}
        for form in forms:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                found[form.encode(encoding)] = marker
    return found


def scan(paths: list[Path]) -> dict[str, set[str]]:
    """Which markers appear in which file (case-insensitive for ASCII)."""
    patterns = needles()
    lowered = {p.lower(): m for p, m in patterns.items()}
    hits: dict[str, set[str]] = {}
    for path in paths:
        try:
            blob = path.read_bytes()
        except OSError:
            continue
        lower = blob.lower()
        for pattern, marker in lowered.items():
            if pattern in lower:
                hits.setdefault(str(path), set()).add(marker)
    return hits


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


@dataclass
class SessionResult:
    client_ids: list[int]
    exported: Path
    stick: Path
    cli_outputs: list[str] = field(default_factory=list)


def run_cli(keystore: OsKeyStore, clock: FakeClock, data_dir: Path,
            *argv: str, stdin: str = ADMIN_PASSWORD + "\n") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli_main(["--data-dir", str(data_dir), *argv], stdin=io.StringIO(stdin),
                    stdout=out, stderr=err,
                    context_factory=lambda d: AppContext(d, keystore=keystore,
                                                         clock=clock, source="cli"))
    return code, out.getvalue(), err.getvalue()


def scripted_session(ctx: AppContext, tmp_path: Path, monkeypatch: object,
                     while_open: Callable[[], None] | None = None) -> SessionResult:
    """The day: clients registered with everything (through the services, by reception and
    the manager), their cards viewed by every role, masked fields revealed, searched, a
    report and an export saved to a folder the user chose, a consent form printed, a backup
    made, verified and restored, one client erased; then the same report and export through
    the command line, and a command that fails. ``while_open`` is called before the vault
    is closed, while the WAL still holds the latest commits. Leaves the vault closed."""
    use_fast_kdf(monkeypatch)
    exported = tmp_path / "exported"
    exported.mkdir()
    stick = tmp_path / "stick"
    stick.mkdir()
    salon = make_salon(ctx)
    catalogue = add_catalogue(ctx)
    services = ctx.services
    ids = []
    for n, p in enumerate(PEOPLE):
        salon.act_as(Role.RECEPTION)
        created = services.clients.create(ClientDraft(
            p["first"], p["last"], phone=p["phone"], email=p["email"],
            birth_date=p["birth_date"], address=p["address"], language=p["language"],
            preferences=p["preferences"], notes=p["notes"],
            favourite_stylist_id=salon.staff["liis"]), force=True)
        assert created.client_id is not None
        client = created.client_id
        ids.append(client)
        services.consents.give(client, "health", "paper")
        services.consents.give(client, "email", "desk")
        salon.act_as(Role.ADMIN)
        services.client_health.set_health(client, p["allergies"], p["contra"])
        services.client_health.add_patch_test(client, PatchTestDraft(
            p["product"], datetime(2026, 11, 2, 10, 0), PatchTestResult.NEGATIVE,
            tested_by_id=salon.staff["liis"]))
        services.visits.record(VisitDraft(client, datetime(2026, 11, 5, 10 + n, 0),
                                          salon.staff["liis"], (catalogue["colour"],),
                                          colour_formula=p["formula"],
                                          notes=p["visit_notes"]))
        services.appointments.book(AppointmentDraft(client, salon.staff["liis"],
                                                    catalogue["cut"],
                                                    datetime(2026, 11, 27, 10 + n, 0),
                                                    notes=p["booking_notes"]))
        for role in (Role.STYLIST, Role.RECEPTION, Role.ADMIN):
            salon.act_as(role)
            services.clients.get_card(client)
            services.clients.search(p["last"])
        services.clients.reveal(client, "birth_date")
        services.clients.reveal(client, "health")
        services.clients.search(p["phone"])
        services.clients.update(client, {"notes": p["notes"] + " (muudetud)"})
        services.data_subject.access_report_pdf(client)  # the preview: memory only
        services.data_subject.save_access_report(client, exported / f"report-{n}.pdf")
        services.data_subject.export_json(client, exported / f"export-{n}.json")
        services.consents.consent_form(client, exported / f"consent-{n}.pdf")
    services.marketing.export_csv("email", exported / "email-list.csv")
    services.audit.export_csv(None, exported / "audit.csv")
    services.backups.set_passphrase(PASSPHRASE)
    backup = services.backups.create_backup(stick, PASSPHRASE).path
    services.backups.verify_backup(backup, PASSPHRASE)
    ctx.restore_backup(backup, PASSPHRASE)
    services = ctx.services
    services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    services.erasure.erase(ids[1])
    salon.act_as(Role.RECEPTION)
    services.clients.update(ids[0], {"preferences": PEOPLE[0]["preferences"] + " (uus)"})
    if while_open is not None:
        while_open()
    data_dir = ctx.data_dir
    keystore = ctx.keystore
    assert isinstance(keystore, OsKeyStore) and isinstance(ctx.clock, FakeClock)
    ctx.close()
    result = SessionResult(ids, exported, stick)
    for argv in (("report", str(ids[0]), "--out", str(exported / "cli-report.pdf")),
                 ("export", str(ids[0]), "--out", str(exported / "cli-export.json")),
                 ("clients", "--search", "Zqxlast")):
        code, out, err = run_cli(keystore, ctx.clock, data_dir, "--user", ADMIN_USER, *argv)
        assert code == 0, err
        result.cli_outputs.append(out)
    code, _out, err = run_cli(keystore, ctx.clock, data_dir, "--user", ADMIN_USER,
                              "report", "999999", "--out", str(exported / "nobody.pdf"))
    assert code == 1 and err
    return result
