"""Caption | field, with the field's error right below it — for the client and visit forms.

The services name the bad field in ``ValidationError.field`` (``ValidationFailed`` carries
one per field), so a form only has to place each error under the widget of that name. What
was typed is never touched: the person fixes the one field and saves again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.validation import ValidationFailed
from ui.widgets import ErrorLabel, TextBinder


def field_errors(error: BaseException) -> list[BaseException]:
    """Every error inside ``error``: one per field for ``ValidationFailed``."""
    if isinstance(error, ValidationFailed):
        return list(error.errors)
    return [error]


class FormGrid:
    def __init__(self, texts: TextBinder) -> None:
        self.texts = texts
        self.layout = QGridLayout()
        self.layout.setVerticalSpacing(6)
        self.layout.setHorizontalSpacing(12)
        self.layout.setColumnStretch(1, 1)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.captions: dict[str, QLabel] = {}

    def add(self, key: str, msgid: str, widget: QWidget, *,
            hint: QLabel | None = None) -> QWidget:
        caption, error = QLabel(), ErrorLabel()
        error.setObjectName(f"{key}_error")
        widget.setObjectName(key)
        caption.setBuddy(widget)
        self.texts.bind(caption.setText, msgid)
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for part in (widget, hint, error):
            if part is not None:
                column.addWidget(part)
        caption.setMinimumHeight(QLineEdit().sizeHint().height())
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row = self.layout.rowCount()
        self.layout.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        self.layout.addWidget(cell, row, 1)
        self._clear_on_edit(widget, error)
        self.widgets[key], self.errors[key], self.captions[key] = widget, error, caption
        return widget

    @staticmethod
    def _clear_on_edit(widget: QWidget, error: ErrorLabel) -> None:
        """Changing a field takes its own error away; the other fields keep theirs."""
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t: error.clear_error())
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(error.clear_error)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _i: error.clear_error())
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(lambda _d: error.clear_error())
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(lambda _i: error.clear_error())

    def show_errors(self, error: BaseException) -> list[BaseException]:
        """Place each error under its field; returns those without a field here."""
        self.clear()
        others: list[BaseException] = []
        first: QWidget | None = None
        for each in field_errors(error):
            field = each.field if isinstance(each, ValidationError) else ""
            if field in self.errors:
                self.errors[field].show_error(each)
                first = first or self.widgets[field]
            else:
                others.append(each)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return others

    def clear(self) -> None:
        for error in self.errors.values():
            error.clear_error()

    def retranslate(self) -> None:
        for error in self.errors.values():
            error.retranslate()
