"""The part every table model of the program shares, so each model says only what is its own
(its columns and the words and colours of its cells).

- Column headers are ``N_()`` msgids, translated each time the view asks: nothing translated
  is stored, so a language switch needs only ``retranslate()`` (which tells the view to ask
  again) and no model has to be rebuilt.
- Rows are replaced as a whole by ``set_rows()`` (a model reset): every table here shows what
  a service returned a moment ago, and a reset is what lets a view drop a selection that
  would otherwise point at a row of the old list.
- Most models have fixed columns (the class's ``columns``). A model whose columns depend on
  what it shows (the marketing list: the contact the purpose needs) changes them per instance
  with ``set_columns()``, a reset too: the cells and column widths a view kept belong to the
  old columns.
- ``RowRole`` gives the row object behind a cell, for the page's actions.

Kept free of widgets, so a model is tested on its own, as Vorta tests its models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from salon_desktop.i18n import _

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

#: the row object behind a cell (the member, the audit entry, the request…)
RowRole = Qt.ItemDataRole.UserRole


class TableModel(QAbstractTableModel, Generic[Row]):
    """Rows of one kind under translated column headers; subclasses set ``columns`` and
    implement ``text`` (and ``role_data`` for tooltips, colours and the like)."""

    #: the column headers as untranslated msgids (wrapped in ``N_()`` where defined); an
    #: instance's own ``columns`` (``set_columns``) shadow the class's
    columns: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[Row, ...] = ()

    # -- contents --------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show ``rows`` instead of what was shown (a reset: views drop their selection)."""
        self.beginResetModel()
        self.rows = tuple(rows)
        self.endResetModel()

    def set_columns(self, columns: Sequence[str], rows: Iterable[Row] | None = None) -> None:
        """Show ``columns`` (msgids) from now on, for this model only, and ``rows`` instead of
        what was shown when given (else the rows stay): one reset for both, so a view never
        sees new rows under old headers or the reverse."""
        self.beginResetModel()
        self.columns = tuple(columns)
        if rows is not None:
            self.rows = tuple(rows)
        self.endResetModel()

    def item(self, row: int) -> Row | None:
        """The row object of ``row``, or None outside the table."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def retranslate(self) -> None:
        """Make the view ask again for headers and cells after a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, self.columnCount() - 1))

    # -- what subclasses say ---------------------------------------------------------------
    def text(self, item: Row, column: int) -> str:
        """The words of one cell (``DisplayRole``)."""
        raise NotImplementedError

    def role_data(self, item: Row, column: int, role: int) -> object:
        """Any other role of one cell (tooltip, colours); None when the cell has none."""
        return None

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return _(self.columns[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, index.column())
        if role == RowRole:
            return item
        return self.role_data(item, index.column(), role)
