"""The guard itself: a window left open by a test is found (and would fail that test)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.conftest import leftover_widgets


def test_a_leaked_window_is_found() -> None:
    before = list(QApplication.topLevelWidgets())
    leaked = QWidget()
    leaked.setObjectName("leaked")
    leaked.show()
    try:
        assert leaked in leftover_widgets(before)
    finally:
        leaked.close()
        leaked.deleteLater()
        del leaked
    assert leftover_widgets(before) == []


def test_a_parented_dialog_is_not_a_leftover() -> None:
    before = list(QApplication.topLevelWidgets())
    parent = QWidget()
    child = QWidget(parent)
    assert child not in leftover_widgets(before)
    parent.deleteLater()
    del parent, child
    assert leftover_widgets(before) == []
