"""The Settings tab: a form generated from ``salon_desktop.domain.settings.SETTINGS``.

One table says each setting's type, range and label, so a capability that adds a setting gets
its field here without touching this file: a number becomes a spin box with the setting's
range, yes/no a check box, text a line edit with its length limit. The salon's details (the
data controller printed on client reports) come first. Save sends only what changed, one
``SettingsService.set`` per key on the worker (each audited); a refusal lands next to its
field and the other changes are kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.settings import SALON_DETAIL_KEYS, SETTINGS, SettingDef
from salon_desktop.i18n import N_, _
from ui.admin.fields import FieldGrid, same_height, section_note
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, primary_button

Value = int | bool | str
NAME_REQUIRED = N_("Please enter the salon's name.")
_WIDE = 1_000_000  # a number setting without a declared range
CAPTION_WIDTH = 260


def _field_for(definition: SettingDef) -> QWidget:
    if definition.kind is bool:
        return QCheckBox()
    if definition.kind is int:
        spin = QSpinBox()
        spin.setRange(definition.minimum if definition.minimum is not None else -_WIDE,
                      definition.maximum if definition.maximum is not None else _WIDE)
        spin.setMinimumWidth(90)
        spin.setMaximumWidth(120)  # a number, not a sentence
        return spin
    edit = QLineEdit()
    edit.setMaxLength(definition.max_length)
    return edit


class SettingsTab(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.loaded = False
        self._saving = False
        self._stored: dict[str, Value] = {}
        self.fields: dict[str, QWidget] = {}
        self.salon_grid = FieldGrid(self.texts)
        self.rules_grid = FieldGrid(self.texts)
        for key, definition in SETTINGS.items():
            grid = self.salon_grid if key in SALON_DETAIL_KEYS else self.rules_grid
            field = _field_for(definition)
            if isinstance(field, QCheckBox):
                self.texts.bind(field.setText, definition.label)
                grid.add(key, None, field, full_width=True)
            else:
                grid.add(key, definition.label, field)
            self.fields[key] = field
            _on_change(field, self._sync_buttons)

        for grid in (self.salon_grid, self.rules_grid):  # both groups' fields line up
            grid.layout.setColumnMinimumWidth(0, CAPTION_WIDTH)
            for caption in grid.captions.values():
                caption.setMaximumWidth(CAPTION_WIDTH)  # a long caption wraps instead

        self.save_button = primary_button()
        self.save_button.setObjectName("save_settings")
        self.undo_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(lambda: self._fill(self._stored))
        self.texts.bind(self.save_button.setText, N_("Save settings"))
        self.texts.bind(self.undo_button.setText, N_("Undo changes"))
        self.error = ErrorLabel()
        self.error.setObjectName("settings_error")

        content = QWidget()
        content.setMaximumWidth(900)  # lines a person can read; not the whole 1366 px
        column = QVBoxLayout(content)
        column.addWidget(self._group(N_("The salon (data controller)"), self.salon_grid,
                                     N_("Printed on clients' data reports and on the recovery "
                                        "sheet as the controller of their personal data.")))
        column.addWidget(self._group(N_("Security and working rules"), self.rules_grid))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        same_height(self.save_button, self.undo_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._sync_buttons()

    def _group(self, title: str, grid: FieldGrid, note: str | None = None) -> QGroupBox:
        box = QGroupBox()
        self.texts.bind(box.setTitle, title)
        column = QVBoxLayout(box)
        if note:
            column.addWidget(section_note(self.texts, note))
        column.addLayout(grid.layout)
        return box

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Value]:
        found: dict[str, Value] = {}
        for key, field in self.fields.items():
            if isinstance(field, QCheckBox):
                found[key] = field.isChecked()
            elif isinstance(field, QSpinBox):
                found[key] = field.value()
            elif isinstance(field, QLineEdit):
                found[key] = field.text().strip()
        return found

    def changes(self) -> dict[str, Value]:
        return {key: value for key, value in self.values().items()
                if self.loaded and value != self._stored.get(key)}

    def _fill(self, values: dict[str, Value]) -> None:
        for key, value in values.items():
            field = self.fields.get(key)
            if isinstance(field, QCheckBox):
                field.setChecked(bool(value))
            elif isinstance(field, QSpinBox):
                field.setValue(int(value))
            elif isinstance(field, QLineEdit):
                field.setText(str(value))
        self._clear_errors()
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        dirty = bool(self._stored) and bool(self.changes())
        self.save_button.setEnabled(dirty and not self._saving)
        self.undo_button.setEnabled(dirty and not self._saving)

    def _clear_errors(self) -> None:
        self.salon_grid.clear()
        self.rules_grid.clear()
        self.error.clear_error()

    # -- loading and saving --------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.reload()

    def reload(self) -> None:
        settings = self.env.ctx.services.settings
        self.env.worker.run(settings.all, self._loaded, self.error.show_error, owner=self)

    def _loaded(self, values: dict[str, Value]) -> None:
        self._stored = dict(values)
        self._fill(values)

    def save(self) -> None:
        changes = self.changes()
        if self._saving or not changes:
            return
        self._clear_errors()
        if "salon_name" in changes and not str(changes["salon_name"]):
            self.salon_grid.show_error(ValidationError("salon_name", NAME_REQUIRED))
            return
        self._saving = True
        self._sync_buttons()
        settings = self.env.ctx.services.settings

        def job() -> tuple[dict[str, Value], dict[str, ValidationError]]:
            saved: dict[str, Value] = {}
            refused: dict[str, ValidationError] = {}
            for key, value in changes.items():
                try:
                    saved[key] = settings.set(key, value)
                except ValidationError as error:  # next to its field; the rest is saved
                    refused[key] = error
            return saved, refused

        self.env.worker.run(job, lambda result: self._saved(*result), self._failed,
                            owner=self)

    def _saved(self, saved: dict[str, Value], refused: dict[str, ValidationError]) -> None:
        self._saving = False
        self._stored.update(saved)
        for key, error in refused.items():
            grid = self.salon_grid if key in SALON_DETAIL_KEYS else self.rules_grid
            if not grid.show_error(error):
                self.error.show_error(error)
        if "idle_lock_minutes" in saved:  # the new delay applies at once
            from ui.lock.manager import idle_delay_changed

            idle_delay_changed(saved["idle_lock_minutes"])
        if "salon_name" in saved:
            window = self.window()
            if isinstance(window, QMainWindow):  # the title names the salon
                window.setWindowTitle(f"Salon Desktop — {saved['salon_name']}")
        if saved and not refused:
            self.env.show_status(_("Settings saved."))
        self._sync_buttons()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.error.show_error(error)
        self._sync_buttons()

    def retranslate(self) -> None:
        self.texts.apply()
        self.salon_grid.retranslate()
        self.rules_grid.retranslate()
        self.error.retranslate()


def _on_change(field: QWidget, callback: Callable[[], None]) -> None:
    if isinstance(field, QCheckBox):
        field.toggled.connect(lambda _on: callback())
    elif isinstance(field, QSpinBox):
        field.valueChanged.connect(lambda _value: callback())
    elif isinstance(field, QLineEdit):
        field.textChanged.connect(lambda _text: callback())
