"""Adding and editing a security measure or a recipient of the record of processing.

Small forms, one service call each; the core decides what is valid and names the field, so
its error lands next to that field and the dialog stays open with what was typed. What can
be changed is what the core lets change: a seeded measure keeps its catalog text (it is
translated into every language; the salon adds its own measures instead), a measure's
physical / technical kind is set when it is added, a recipient's kind likewise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.processing_record import (
    RECIPIENT_LABELS,
    RECIPIENT_RECEIVES,
    Recipient,
    RecipientKind,
    SecurityMeasure,
)
from salon_desktop.i18n import N_, _
from ui.admin.fields import FieldGrid, GrowingDialog
from ui.save_guard import SavesOnWorker
from ui.widgets import ErrorLabel, TextBinder, heading, label

if TYPE_CHECKING:
    from ui.pages import PageEnv

ADD_MEASURE, EDIT_MEASURE = N_("Add a security measure"), N_("Edit the security measure")
MEASURE_EXPLAIN = N_("Describe what the salon does to keep client data safe, in a sentence "
                     "a visitor from the inspectorate would understand.")
MEASURE, HOLDER = N_("Measure"), N_("Who holds the key or is responsible")
PHYSICAL = N_("A physical measure (a lock, a key, where things are kept)")
FIXED_TEXT = N_("The salon's standard measure: its text is kept in every language.")
ADD_RECIPIENT, EDIT_RECIPIENT = N_("Add a recipient"), N_("Edit the recipient")
RECIPIENT_EXPLAIN = N_("Who receives client data from the salon. Name the company so the "
                       "client data report can tell the client.")
KIND, NAME, RECEIVES = N_("Recipient"), N_("Company or person"), N_("What they receive")
RECEIVES_HINT = N_("Leave empty for the usual text shown in grey.")
IN_USE = N_("In use")
SAVE, CANCEL = N_("Save"), N_("Cancel")


def _text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(edit.fontMetrics().height() * lines + 16)
    return edit


class _RecordDialog(SavesOnWorker, GrowingDialog):
    """Title, explanation, a field grid, a general error line, Save and Cancel."""

    saved = Signal()

    def __init__(self, env: PageEnv, title: str, explain: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.setMinimumWidth(560)
        self.grid = FieldGrid(self.texts)
        self.error = ErrorLabel()
        self.save_button = QPushButton()
        self.save_button.setObjectName("record_save")
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        cancel = QPushButton()
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        title_label, explain_label = heading(1.2), label("hint")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title_label)
        layout.addWidget(explain_label)
        layout.addLayout(self.grid.layout)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        for setter, msgid in ((self.setWindowTitle, title), (title_label.setText, title),
                              (explain_label.setText, explain),
                              (self.save_button.setText, SAVE), (cancel.setText, CANCEL)):
            self.texts.bind(setter, msgid)

    def add_text(self, key: str, caption: str, edit: QPlainTextEdit,
                 below: tuple[QWidget, ...] = ()) -> None:
        error = self.grid.add(key, caption, edit, below=below)
        edit.textChanged.connect(error.clear_error)  # FieldGrid knows line edits only
        # FieldGrid makes a caption as tall as its field's size hint, centred: right for a
        # line, but a text box hints far taller than it is — so the caption goes to its top
        shown = self.grid.captions[key]
        shown.setMinimumHeight(0)
        shown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        shown.setContentsMargins(0, 4, 0, 0)

    def job(self) -> Callable[[], object]:
        raise NotImplementedError

    def save(self) -> None:
        if self._saving:
            return
        self.error.clear_error()
        self.grid.clear()
        self.run_save(self.env.worker, self.job(), self._saved, self._failed, self.save_button)

    def _saved(self, _result: object) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not self.grid.show_error(error):
            self.error.show_error(error)

    def retranslate(self) -> None:
        self.texts.apply()
        self.grid.retranslate()
        self.error.retranslate()


class MeasureDialog(_RecordDialog):
    def __init__(self, env: PageEnv, measure: SecurityMeasure | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, ADD_MEASURE if measure is None else EDIT_MEASURE,
                         MEASURE_EXPLAIN, parent)
        self.setObjectName("measure_dialog")
        self.measure = measure
        self.text = _text_edit(3)
        self.fixed = measure is not None and measure.key is not None
        if self.fixed and measure is not None:
            shown = label()
            shown.setText(measure.text)
            self.grid.add("text", MEASURE, shown, below=(self._fixed_hint(),))
            self.text.setParent(self)
            self.text.hide()  # not editable: kept only so ``job`` reads one widget
        else:
            self.text.setPlainText(measure.text if measure is not None else "")
            self.add_text("text", MEASURE, self.text)
        self.holder = QLineEdit(measure.holder if measure is not None else "")
        self.grid.add("holder", HOLDER, self.holder)
        self.physical, self.active = QCheckBox(self), QCheckBox(self)
        if measure is None:  # the kind is set when adding; switching off when editing
            self.active.hide()
            self.grid.add("physical", None, self.physical)
            self.texts.bind(self.physical.setText, PHYSICAL)
        else:
            self.physical.hide()
            self.active.setChecked(measure.active)
            self.grid.add("active", None, self.active)
            self.texts.bind(self.active.setText, IN_USE)
        self.grid.finish()

    def _fixed_hint(self) -> QWidget:
        hint = label("hint")
        self.texts.bind(hint.setText, FIXED_TEXT)
        return hint

    def job(self) -> Callable[[], object]:
        service = self.env.ctx.services.processing_record
        text, holder = self.text.toPlainText(), self.holder.text()
        if self.measure is None:
            physical = self.physical.isChecked()
            return lambda: service.add_measure(text, holder=holder, physical=physical)
        measure_id, active = self.measure.id, self.active.isChecked()
        kept = None if self.fixed else text  # None: the catalog text, in every language
        return lambda: service.update_measure(measure_id, text=kept, holder=holder,
                                              active=active)


class RecipientDialog(_RecordDialog):
    def __init__(self, env: PageEnv, recipient: Recipient | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, ADD_RECIPIENT if recipient is None else EDIT_RECIPIENT,
                         RECIPIENT_EXPLAIN, parent)
        self.setObjectName("recipient_dialog")
        self.recipient = recipient
        self.kind = QComboBox()
        for kind in RecipientKind:
            self.kind.addItem("", kind.value)
        if recipient is not None:
            self.kind.setCurrentIndex(self.kind.findData(recipient.kind.value))
            self.kind.setEnabled(False)  # the kind is fixed once added
        self.kind.currentIndexChanged.connect(lambda _i: self.retranslate())
        self.grid.add("kind", KIND, self.kind)
        self.name = QLineEdit(recipient.name if recipient is not None else "")
        self.grid.add("name", NAME, self.name)
        self.note = _text_edit(3)
        if recipient is not None and recipient.receives != self._usual():
            self.note.setPlainText(recipient.receives)  # the salon's own words
        hint = label("hint")
        self.texts.bind(hint.setText, RECEIVES_HINT)
        self.add_text("note", RECEIVES, self.note, below=(hint,))
        self.active = QCheckBox(self)
        self.active.setChecked(recipient is None or recipient.active)
        self.active.setVisible(recipient is not None)
        if recipient is not None:
            self.grid.add("active", None, self.active)
            self.texts.bind(self.active.setText, IN_USE)
        self.grid.finish()
        self.retranslate()

    def chosen_kind(self) -> RecipientKind:
        return RecipientKind(self.kind.currentData())

    def _usual(self) -> str:
        return _(RECIPIENT_RECEIVES[self.chosen_kind()])

    def retranslate(self) -> None:
        super().retranslate()
        for row in range(self.kind.count()):
            self.kind.setItemText(row, _(RECIPIENT_LABELS[RecipientKind(self.kind.itemData(row))]))
        self.note.setPlaceholderText(self._usual())

    def job(self) -> Callable[[], object]:
        service = self.env.ctx.services.processing_record
        name, note = self.name.text(), self.note.toPlainText().strip() or None
        if self.recipient is None:
            kind = self.chosen_kind()
            return lambda: service.add_recipient(kind, name, note)
        recipient_id, active = self.recipient.id, self.active.isChecked()
        return lambda: service.update_recipient(recipient_id, name=name, note=note,
                                                active=active)
