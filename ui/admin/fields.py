"""Form building blocks shared by the admin dialogs, the settings tab and the password dialog.

A form is a grid of caption | field, with the field's hint and error under the field, so a
``ValidationError`` from the core lands next to the field it names (``error.field``) and
nothing typed is lost. ``ProblemList`` shows a password's unmet rules as the person types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_, _
from ui.widgets import ErrorLabel, TextBinder, label

if TYPE_CHECKING:
    from salon_desktop.security.password_policy import PasswordProblem

PASSWORD_OK = N_("This password meets every rule.")
#: Tables of the admin tabs: cells and headers get the same room, so columns read as columns.
TABLE_STYLE = ("QTableView::item { padding: 0 8px; } "
               "QHeaderView::section { padding: 4px 8px; background: #ECEAE6; border: none; "
               "border-right: 1px solid #D6D2CC; border-bottom: 1px solid #D6D2CC; "
               "font-weight: bold; }")


def same_height(*buttons: QWidget) -> None:
    """Buttons in one row as tall as the tallest (the primary one has more padding)."""
    for button in buttons:
        policy = button.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        button.setSizePolicy(policy)


class GrowingDialog(QDialog):
    """A dialog that grows when a hint or an error appears under a field.

    Word-wrapped labels only know their height for a given width, which a top-level window
    does not ask for, so Qt would squeeze the new lines into the old height (overlapping
    text) instead of making room. This asks again after every layout change.
    """

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self.fit_height)
        return super().event(event)

    def fit_height(self) -> None:
        layout = self.layout()
        if layout is None:
            return
        needed = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)


class FieldGrid:
    """Caption | field on a QGridLayout (a QFormLayout centres the caption on the whole
    cell, so it would drift down when an error appears under the field)."""

    def __init__(self, texts: TextBinder, parent: QWidget | None = None) -> None:
        self.texts = texts
        self.layout = QGridLayout(parent) if parent is not None else QGridLayout()
        self.layout.setVerticalSpacing(8)
        self.layout.setHorizontalSpacing(12)
        self.layout.setColumnStretch(1, 1)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.captions: dict[str, QLabel] = {}

    def add(self, key: str, caption_msgid: str | None, field: QWidget, *,
            below: tuple[QWidget, ...] = (), beside: tuple[QWidget, ...] = (),
            full_width: bool = False) -> ErrorLabel:
        """One row. ``beside`` sits right of the field (a "Suggest" button), ``below`` between
        the field and its error (a live hint). A check box brings its own caption; with
        ``full_width`` it starts under the captions (a long sentence cannot wrap in it)."""
        field.setObjectName(key)
        error = ErrorLabel()
        error.setObjectName(f"{key}_error")
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        if beside:
            row_box = QHBoxLayout()
            row_box.setSpacing(6)
            row_box.addWidget(field, 1)
            for widget in beside:
                row_box.addWidget(widget)
            column.addLayout(row_box)
        else:
            column.addWidget(field)
        for widget in (*below, error):
            column.addWidget(widget)
        row = self.layout.rowCount()
        if caption_msgid is not None:
            caption = QLabel()
            caption.setBuddy(field)
            caption.setWordWrap(True)
            caption.setMinimumHeight(field.sizeHint().height())
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.texts.bind(caption.setText, caption_msgid)
            self.layout.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            self.captions[key] = caption
        if full_width:
            self.layout.addWidget(cell, row, 0, 1, 2)
        else:
            self.layout.addWidget(cell, row, 1)
        _clear_on_change(field, error)
        self.fields[key], self.errors[key] = field, error
        return error

    def add_full_width(self, widget: QWidget) -> None:
        self.layout.addWidget(widget, self.layout.rowCount(), 0, 1, 2)

    def finish(self) -> None:
        """Keep the rows at the top."""
        self.layout.setRowStretch(self.layout.rowCount(), 1)

    def show_error(self, error: BaseException) -> bool:
        """Put a ``ValidationError`` next to its field; False when no field of this form
        matches (the caller shows it in its general error line)."""
        field = getattr(error, "field", None)
        if not isinstance(error, ValidationError) or field not in self.errors:
            return False
        self.errors[field].show_error(error)
        self.fields[field].setFocus()
        return True

    def clear(self) -> None:
        for error in self.errors.values():
            error.clear_error()

    def retranslate(self) -> None:
        for error in self.errors.values():
            error.retranslate()


def _clear_on_change(field: QWidget, error: ErrorLabel) -> None:
    """Changing a field again takes its error away; the other fields keep theirs."""
    if isinstance(field, QLineEdit):
        field.textEdited.connect(lambda _text: error.clear_error())
    elif isinstance(field, QComboBox):
        field.currentIndexChanged.connect(lambda _index: error.clear_error())
    elif isinstance(field, QCheckBox):
        field.toggled.connect(lambda _on: error.clear_error())
    elif isinstance(field, QAbstractSpinBox):
        field.editingFinished.connect(error.clear_error)


class ProblemList(QLabel):
    """The password rules not met yet, one per line, re-translated on a language switch.

    Shows nothing while the field is empty (no wall of red before anyone typed), the unmet
    rules as a calm hint while typing, and a short confirmation once every rule is met.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("password_hint")
        self._problems: list[PasswordProblem] | None = None
        self.hide()

    @property
    def problems(self) -> list[PasswordProblem] | None:
        return self._problems

    def show_problems(self, problems: list[PasswordProblem] | None) -> None:
        """``None`` hides the hint (empty field)."""
        self._problems = problems
        self.retranslate()

    def retranslate(self) -> None:
        problems = self._problems
        if problems is None:
            self.clear()
            self.hide()
            return
        if problems:
            self.setProperty("role", "hint")
            self.setText("\n".join(f"• {_(p.msgid).format(**p.params)}" for p in problems))
        else:
            self.setProperty("role", "success")
            self.setText(f"✓ {_(PASSWORD_OK)}")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleDescription(self.text())
        self.show()


def section_note(texts: TextBinder, msgid: str) -> QLabel:
    """A muted explanation line under a heading."""
    widget = label("hint")
    texts.bind(widget.setText, msgid)
    return widget
