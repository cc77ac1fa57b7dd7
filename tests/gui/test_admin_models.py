"""The Administration table models on their own, without a view (as Vorta tests its
models): what each cell says, in which language, and which member or entry is behind a row."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from salon_desktop.domain.roles import Role
from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import set_language
from salon_desktop.services.audit_view import AuditRecord
from ui.admin.audit_labels import action_text, group_text, record_text
from ui.admin.audit_model import AuditColumn, AuditTableModel, RecordRole
from ui.admin.staff_model import MemberRole, StaffColumn, StaffTableModel
from ui.style import DISABLED

CREATED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
MARI = StaffMember(1, "mari", "Mari Mägi", Role.ADMIN, True, False, CREATED)
ANNA = StaffMember(3, "anna", "Anna Kask", Role.STYLIST, True, True, CREATED)
OLGA = StaffMember(4, "olga", "Ольга Иванова", Role.RECEPTION, False, False, CREATED)
D = Qt.ItemDataRole.DisplayRole


def texts(model: StaffTableModel | AuditTableModel, row: int) -> list[str]:
    return [model.data(model.index(row, column), D) for column in range(model.columnCount())]


def test_staff_model_shows_each_member(qtbot: QtBot) -> None:
    model = StaffTableModel()
    model.set_members([MARI, ANNA, OLGA])
    assert (model.rowCount(), model.columnCount()) == (3, len(StaffColumn))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Name", "Username", "Role", "Active", "Must change password"]
    assert texts(model, 0) == ["Mari Mägi", "mari", "Manager", "Yes", ""]
    assert texts(model, 1) == ["Anna Kask", "anna", "Stylist", "Yes", "Yes"]
    assert texts(model, 2) == ["Ольга Иванова", "olga", "Reception", "No", ""]
    assert model.data(model.index(1, 0), MemberRole) is ANNA
    assert model.data(model.index(1, StaffColumn.MUST_CHANGE),
                      Qt.ItemDataRole.ToolTipRole).startswith("Temporary password")
    grey = model.data(model.index(2, 0), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(grey, QColor) and grey == QColor(DISABLED)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.row_of(4) == 2 and model.row_of(99) == -1
    assert model.member(3) is None and model.data(model.index(5, 0), D) is None


def test_staff_model_speaks_the_current_language(qtbot: QtBot) -> None:
    model = StaffTableModel()
    model.set_members([MARI, ANNA])
    with qtbot.waitSignal(model.headerDataChanged):
        set_language("et")
        model.retranslate()
    assert model.headerData(StaffColumn.ROLE, Qt.Orientation.Horizontal) == "Roll"
    assert texts(model, 0)[2:4] == ["Juhataja", "Jah"]
    assert texts(model, 1)[2] == "Meister"
    set_language("ru")
    assert texts(model, 0)[2] == "Руководитель"
    assert texts(model, 1)[2] == "Мастер"


def _record(entry: int, action: str, *, staff_id: int | None = 1, role: str | None = "admin",
            record_type: str | None = None, record_id: str | None = None,
            fields: tuple[str, ...] = (), detail: str | None = None) -> AuditRecord:
    return AuditRecord(id=entry, ts=datetime(2026, 11, 25, 9, 0, 5, tzinfo=UTC),
                       staff_id=staff_id, staff_username="mari" if staff_id else None,
                       staff_role=role, workstation="vastuvõtt", source="gui", action=action,
                       record_type=record_type, record_id=record_id, fields=fields,
                       detail=detail)


def test_audit_model_shows_entries_in_words(qtbot: QtBot) -> None:
    model = AuditTableModel()
    records = [
        _record(3, "staff.role_change", record_type="staff", record_id="4", fields=("role",),
                detail="stylist->reception"),
        _record(2, "auth.sign_in_failed", staff_id=None, role=None, record_type="staff"),
        _record(1, "client.update", record_type="client", record_id="42",
                fields=("email", "phone")),
        _record(4, "something.new"),
    ]
    model.set_records(records, {1: "Mari Mägi"})
    assert model.columnCount() == len(AuditColumn)
    local = records[0].ts.astimezone()
    first = texts(model, 0)
    assert first[0] == local.strftime("%d/%m/%Y %H:%M:%S")  # en_GB
    assert first[1:] == ["Mari Mägi", "Manager", "vastuvõtt", "Role changed", "Staff member 4",
                         "role"]
    assert texts(model, 1)[1:3] == ["—", ""]  # a failed sign-in is nobody's
    assert texts(model, 2)[4:] == ["Client details changed", "Client 42", "email, phone"]
    assert texts(model, 3)[4] == "something.new"  # an unnamed action shows its code
    tooltip = model.data(model.index(0, AuditColumn.ACTION), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Code: staff.role_change\nDetail: stylist->reception"
    assert model.data(model.index(2, 0), RecordRole) is records[2]
    model.set_staff_names({1: "Mari"})
    assert texts(model, 0)[1] == "Mari"

    set_language("et")
    model.retranslate()
    first = texts(model, 0)
    assert first[0] == local.strftime("%d.%m.%Y %H:%M:%S")
    assert first[2] == "Juhataja"
    assert model.headerData(AuditColumn.ACTION, Qt.Orientation.Horizontal) == "Toiming"


def test_audit_words(qtbot: QtBot) -> None:
    assert action_text("auth.sign_in") == "Signed in"
    assert action_text("client.view", "Client card opened") == "Client card opened"
    assert action_text("client.view", "Other processing") == "Client card opened"
    assert group_text("auth") == "Sign-in, sign-out and lock: all"
    assert group_text("future") == "future.*: all"
    assert record_text("setting", "min_password_length") == "Setting: Minimum password length"
    assert record_text("audit_log", None) == "Audit log"
    assert record_text("backup", "7") == "backup 7"  # a type nobody named yet, as stored
    assert record_text(None, None) == ""
    set_language("ru")
    assert action_text("staff.create") != "Staff member added"
