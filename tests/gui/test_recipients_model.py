"""The marketing list's model on its own, without a view: its columns follow the purpose
(the same contact the CSV export writes), in one reset with the recipients, and clearing
drops the recipients but keeps the purpose's columns."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.domain.consents import Purpose, Recipient
from salon_desktop.i18n import set_language
from ui.privacy.recipients_model import RecipientsModel
from ui.table_model import RowRole

H = Qt.Orientation.Horizontal
OIE = Recipient(1, "Õie", "Šmidt", "et", email="oie@example.test", phone="+372 5555 0001",
                birthday=date(2025, 3, 4))
OLGA = Recipient(2, "Ольга", "Иванова", "ru", email=None, phone="+372 5555 0002")


def headers(model: RecipientsModel) -> list[str | None]:
    return [model.headerData(column, H) for column in range(model.columnCount())]


def cells(model: RecipientsModel, row: int) -> list[object]:
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


def test_columns_follow_the_purpose(qtbot: QtBot) -> None:
    model = RecipientsModel()
    assert model.purpose is Purpose.EMAIL and model.rowCount() == 0
    assert headers(model) == ["Name", "Language", "E-mail"]
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.show(Purpose.SMS, [OIE, OLGA])
    assert model.purpose is Purpose.SMS and model.recipients == (OIE, OLGA)
    assert headers(model) == ["Name", "Language", "Phone"]
    assert cells(model, 1) == ["Иванова, Ольга", "Русский", "+372 5555 0002"]
    assert model.data(model.index(0, 0), RowRole) is OIE

    model.show(Purpose.BIRTHDAY, [OIE, OLGA])
    assert headers(model) == ["Birthday", "Name", "Language", "E-mail", "Phone"]
    birthday = cells(model, 0)[0]
    assert isinstance(birthday, str) and birthday  # the translator's date, not empty
    assert cells(model, 1) == ["", "Иванова, Ольга", "Русский", "", "+372 5555 0002"]

    with qtbot.waitSignal(model.modelReset):
        model.clear()  # a hidden tab: the contacts go, the list's columns stay
    assert model.rowCount() == 0 and model.recipients == ()
    assert model.purpose is Purpose.BIRTHDAY and model.columnCount() == 5
    set_language("et")
    model.retranslate()
    assert headers(model)[1] == "Nimi"
    assert RecipientsModel().columnCount() == 3  # another list starts with its own columns
