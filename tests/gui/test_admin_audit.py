"""The audit log viewer: filters (action group, exact action, staff member, client number),
the CSV export (read back as Excel would, UTF-8 with BOM and ';'), and "Verify integrity"
before and after an entry is tampered with behind the app's back."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.admin_helpers import admin_page, on_worker
from tests.gui.helpers import signed_in_main
from ui.admin import audit_page
from ui.admin.audit_model import AuditColumn
from ui.admin.audit_page import AuditTab
from ui.controller import AppController

L = Qt.MouseButton.LeftButton


def actions_shown(tab: AuditTab) -> list[str]:
    return [record.action for row in range(tab.model.rowCount())
            if (record := tab.model.record(row)) is not None]


def test_filter_export_and_verify(qtbot: QtBot, set_up_context: AppContext, tmp_path: Path,
                                  make_controller: Callable[..., AppController],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    services, worker = set_up_context.services, controller.worker
    on_worker(qtbot, worker, lambda: services.staff.create("anna", "Anna Kask", Role.STYLIST,
                                                           "Roosa-Kamm-2027"))
    on_worker(qtbot, worker, lambda: services.settings.set("idle_lock_minutes", 5))
    page = admin_page(main)
    tab = page.audit
    assert tab is not None
    page.show_tab(tab)
    qtbot.waitUntil(lambda: "settings.change" in actions_shown(tab))
    assert tab.count_label.text() == f"{tab.model.rowCount()} entries"

    # A group of actions by its prefix, then one action exactly.
    assert tab.action_combo.choose("auth.")
    assert tab.action_combo.currentText() == "Sign-in, sign-out and lock: all"
    qtbot.waitUntil(lambda: set(actions_shown(tab)) == {"auth.sign_in"})
    assert tab.action_combo.choose("staff.create")
    assert tab.action_combo.currentText().strip() == "Staff member added"
    qtbot.waitUntil(lambda: actions_shown(tab) == ["staff.create"])
    staff_cell = tab.model.index(0, AuditColumn.STAFF)
    assert tab.model.data(staff_cell) == "Mari Juhataja"  # the name, not the username

    # Export what the filter shows; the file name gets its .csv.
    monkeypatch.setattr(audit_page, "ask_csv_path", lambda _parent, _name: str(
        tmp_path / "audit"))
    qtbot.mouseClick(tab.export_button, L)
    target = tmp_path / "audit.csv"
    qtbot.waitUntil(lambda: main.statusBar().currentMessage() != "")
    assert main.statusBar().currentMessage() == "1 entry exported to audit.csv."
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][0] == "Entry" and rows[0][6] == "Action"
    assert [row[6] for row in rows[1:]] == ["staff.create"]
    assert rows[1][2] == ADMIN_USER

    # Nothing matches a client nobody has; all actions again for the integrity check.
    qtbot.keyClicks(tab.client_edit, "42x")
    assert tab.client_edit.text() == "42"  # digits only
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    assert tab.count_label.text() == "0 entries"
    tab.client_edit.clear()
    assert tab.action_combo.choose(None)
    qtbot.waitUntil(lambda: "audit.export" in actions_shown(tab))

    qtbot.mouseClick(tab.verify_button, L)
    qtbot.waitUntil(lambda: tab.banner.ok is not None)
    assert tab.banner.ok is True
    assert tab.banner.text_label.text().startswith("✓ The audit log is intact (")

    def tamper() -> None:
        db = set_up_context.vault.db  # type: ignore[union-attr]
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("UPDATE audit_log SET detail = 'role=admin' WHERE id = 2")

    on_worker(qtbot, worker, tamper)
    qtbot.mouseClick(tab.verify_button, L)
    qtbot.waitUntil(lambda: tab.banner.ok is False)
    assert tab.banner.text_label.text() == "⚠ Entry 2 was changed after it was written."
    qtbot.waitUntil(lambda: bool(tab.view.selectionModel().selectedRows()))
    selected = tab.view.selectionModel().selectedRows()[0].row()
    assert tab.model.record(selected).id == 2  # type: ignore[union-attr]
    main.change_language("et")
    assert tab.banner.text_label.text() == "⚠ Kirjet 2 on pärast kirjutamist muudetud."
    assert tab.verify_button.text() == "Kontrolli terviklust"


def test_staff_filter(qtbot: QtBot, set_up_context: AppContext,
                      make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(set_up_context)
    controller.start()
    main = signed_in_main(qtbot, controller, ADMIN_USER, ADMIN_PASSWORD)
    tab = admin_page(main).audit
    assert tab is not None
    admin_page(main).show_tab(tab)
    qtbot.waitUntil(lambda: tab.staff_combo.count() == 3)  # everyone + two members
    assert tab.staff_combo.itemText(0) == "Everyone"
    kati = next(row for row in range(3) if "(kati)" in tab.staff_combo.itemText(row))
    tab.staff_combo.setCurrentIndex(kati)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)  # Kati has not signed in yet
    tab.staff_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
