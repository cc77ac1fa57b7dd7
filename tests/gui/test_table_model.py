"""The shared table model base on its own, without a view (as Vorta tests its models): headers
follow the language, ``set_rows`` resets, and each role reaches the cell the subclass says."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from salon_desktop.i18n import N_, _, set_language
from ui.table_model import RowRole, TableModel

H = Qt.Orientation.Horizontal
D = Qt.ItemDataRole.DisplayRole


@dataclass(frozen=True)
class Person:
    name: str
    active: bool


class PeopleModel(TableModel[Person]):
    """The least a model has to say: its columns and its cells' words (and one tooltip)."""

    columns = (N_("Name"), N_("Role"), N_("Status"))

    def text(self, item: Person, column: int) -> str:
        return (item.name, "", _("Yes") if item.active else _("No"))[column]

    def role_data(self, item: Person, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"tip {item.name}"
        return None


OIE, OLGA = Person("Õie Šmidt", True), Person("Ольга Иванова", False)


def headers(model: TableModel[Person]) -> list[str | None]:
    return [model.headerData(column, H) for column in range(model.columnCount())]


def test_headers_follow_the_language(qtbot: QtBot) -> None:
    model = PeopleModel()
    assert headers(model) == ["Name", "Role", "Status"]
    model.set_rows([OIE])
    with qtbot.waitSignal(model.headerDataChanged) as header_signal, \
            qtbot.waitSignal(model.dataChanged) as data_signal:
        set_language("et")
        model.retranslate()
    assert header_signal.args == [H, 0, 2]
    first, last = data_signal.args[:2]
    assert (first.row(), first.column(), last.row(), last.column()) == (0, 0, 0, 2)
    assert headers(model) == ["Nimi", "Roll", "Olek"]
    assert model.data(model.index(0, 2)) == "Jah"
    set_language("ru")
    model.retranslate()
    assert headers(model) == ["Имя", "Роль", "Статус"]
    assert model.data(model.index(0, 2)) == "Да"
    # only horizontal display headers, only existing columns
    assert model.headerData(3, H) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(0, H, Qt.ItemDataRole.ToolTipRole) is None


def test_set_rows_resets_and_counts(qtbot: QtBot) -> None:
    model = PeopleModel()
    assert (model.rowCount(), model.columnCount()) == (0, 3)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(iter([OIE, OLGA]))  # any iterable; kept as a tuple
    assert model.rows == (OIE, OLGA)
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    parent = model.index(0, 0)  # a table: no row has children
    assert (model.rowCount(parent), model.columnCount(parent)) == (0, 0)
    assert model.item(1) is OLGA and model.item(2) is None and model.item(-1) is None
    with qtbot.waitSignal(model.modelReset):
        model.set_rows([])
    assert model.rowCount() == 0
    with qtbot.assertNotEmitted(model.dataChanged):
        model.retranslate()  # nothing to repaint but the headers


def test_data_roles(qtbot: QtBot) -> None:
    model = PeopleModel()
    model.set_rows([OIE, OLGA])
    assert [model.data(model.index(1, c), D) for c in range(3)] == ["Ольга Иванова", "", "No"]
    assert model.data(model.index(0, 0)) == "Õie Šmidt"  # DisplayRole by default
    assert model.data(model.index(1, 1), RowRole) is OLGA
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "tip Õie Šmidt"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(5, 0)) is None  # outside the table
    assert model.data(QModelIndex()) is None


def test_set_columns_is_per_instance_and_resets(qtbot: QtBot) -> None:
    """A model whose columns follow what it shows (the marketing list per purpose) changes
    them for itself only, in one reset with the rows, and they follow the language too."""
    model, other = PeopleModel(), PeopleModel()
    model.set_rows([OIE, OLGA])
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_columns([N_("Name"), N_("Status")])  # the rows stay
    assert model.rows == (OIE, OLGA) and model.columnCount() == 2
    assert headers(model) == ["Name", "Status"]
    assert PeopleModel.columns == (N_("Name"), N_("Role"), N_("Status"))
    assert headers(other) == ["Name", "Role", "Status"]  # the class's columns are untouched
    with qtbot.waitSignal(model.modelReset):
        model.set_columns((N_("Name"),), [OLGA])  # both at once
    assert model.rows == (OLGA,) and (model.rowCount(), model.columnCount()) == (1, 1)
    assert model.headerData(1, H) is None
    with qtbot.waitSignal(model.headerDataChanged) as header_signal:
        set_language("et")
        model.retranslate()
    assert header_signal.args == [H, 0, 0]
    assert headers(model) == ["Nimi"]
