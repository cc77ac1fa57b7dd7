"""A read-only table whose rows are as tall as their word-wrapped sentences.

The record of processing is sentences, not codes, so its cells wrap. Qt sizes rows only when
asked, and its estimate ignores the cell padding of the shared table style (``TABLE_STYLE``),
which cuts the last line off with "…". So the delegate measures the text at the real width
inside the padding, and the rows are measured again whenever the columns change width — a
hidden tab's table included, once it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.admin.fields import TABLE_STYLE

PADDING = 8      # TABLE_STYLE's "padding: 0 8px"
TEXT_MARGIN = 4  # Fusion's own margin around an item's text
ROW_SPACE = 8    # a little air between wrapped rows


class _Wrapping(QStyledItemDelegate):
    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        width = self.table.columnWidth(index.column()) - 2 * (PADDING + TEXT_MARGIN)
        needed = option.fontMetrics.boundingRect(
            QRect(0, 0, max(width, 20), 100_000), int(Qt.TextFlag.TextWordWrap), str(text))
        return QSize(hint.width(), max(hint.height(), needed.height() + ROW_SPACE))


class WrapTable(QTableView):
    def __init__(self, name: str, model: QAbstractItemModel, wide: tuple[int, ...],
                 parent: QWidget | None = None) -> None:
        """``wide``: the columns holding sentences, which share the width; the others fit
        their contents."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setItemDelegate(_Wrapping(self))
        self.setStyleSheet(TABLE_STYLE)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if column in wide else
                                        QHeaderView.ResizeMode.ResizeToContents)
        self._fit = QTimer(self)
        self._fit.setSingleShot(True)
        self._fit.timeout.connect(self.resizeRowsToContents)
        header.sectionResized.connect(lambda *_a: self._fit.start(0))
        model.modelReset.connect(lambda: self._fit.start(0))
        model.dataChanged.connect(lambda *_a: self._fit.start(0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit.start(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit.start(0)
