"""Set-up wizard pages 1–3: language, the salon's details, the first manager account.

Validation is the core's (``validate_setup``): the wizard only places each error next to the
field it names. Nothing is created before page 3 is complete and valid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.settings import SETTINGS, SalonDetails
from salon_desktop.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from ui.style import scaled_font
from ui.widgets import ErrorLabel, TextBinder, busy_bar, label

if TYPE_CHECKING:
    from ui.setup_wizard import SetupWizard

PASSWORDS_DIFFER = N_("The two passwords are not the same.")


class WizardPage(QWizardPage):
    """A page that re-translates itself and reaches its wizard with the right type."""

    def __init__(self) -> None:
        super().__init__()
        self.texts = TextBinder()

    def setup_wizard(self) -> SetupWizard:
        return cast("SetupWizard", self.wizard())

    def retranslate(self) -> None:
        self.texts.apply()
        for error in self.findChildren(ErrorLabel):
            error.retranslate()


class _Form:
    """Caption | field with its hint and error below, on a grid (a QFormLayout centres the
    caption on the whole cell, so it would drift down when an error appears)."""

    def __init__(self, page: WizardPage) -> None:
        self.page = page
        self.layout = QGridLayout(page)
        self.layout.setVerticalSpacing(8)
        self.layout.setColumnStretch(1, 1)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}

    def add(self, key: str, msgid: str, *, password: bool = False,
            hint: QLabel | None = None) -> QLineEdit:
        caption, edit, error = QLabel(), QLineEdit(), ErrorLabel()
        edit.setObjectName(key)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        caption.setBuddy(edit)
        self.page.texts.bind(caption.setText, msgid)
        # Field, hint and error in one cell: a hidden error then takes no row spacing.
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in (edit, hint, error):
            if widget is not None:
                column.addWidget(widget)
        caption.setMinimumHeight(edit.sizeHint().height())
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row = self.layout.rowCount()
        self.layout.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        self.layout.addWidget(cell, row, 1)
        # Typing in the field again takes its error away; the other fields keep theirs.
        edit.textEdited.connect(lambda _text, e=error: e.clear_error())
        self.edits[key], self.errors[key] = edit, error
        return edit

    def add_below(self, widget: QWidget, *, full_width: bool = False) -> None:
        row = self.layout.rowCount()
        if full_width:
            self.layout.addWidget(widget, row, 0, 1, 2)
        else:
            self.layout.addWidget(widget, row, 1)

    def finish(self) -> None:
        """Keep the rows at the top of the page."""
        self.layout.setRowStretch(self.layout.rowCount(), 1)

    def show(self, field: str, error: BaseException) -> bool:
        """Put ``error`` next to ``field``; False when this form has no such field."""
        if field not in self.errors:
            return False
        self.errors[field].show_error(error)
        self.edits[field].setFocus()
        return True

    def clear(self) -> None:
        for error in self.errors.values():
            error.clear_error()


class LanguagePage(WizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.texts.bind(self.setTitle, N_("Welcome to Salon Desktop"))
        self.texts.bind(self.setSubTitle, N_("Choose the language of the program."))
        intro = label()
        self.texts.bind(intro.setText,
                        N_("This short set-up creates the salon's encrypted data on this "
                           "computer. Each staff member can change the language later."))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(12)
        for code in LANGUAGES:
            button = QRadioButton(LANGUAGE_NAMES[code])
            button.setObjectName(f"language_{code}")
            button.setFont(scaled_font(1.2))
            button.setChecked(code == current_language())
            button.toggled.connect(lambda on, c=code: on and self._chosen(c))
            self.group.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)

    def _chosen(self, code: str) -> None:
        if code != current_language():
            self.setup_wizard().change_language(code)


class SalonPage(WizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.texts.bind(self.setTitle, N_("The salon"))
        self.texts.bind(self.setSubTitle,
                        N_("The data controller shown on client reports and on the recovery "
                           "sheet."))
        self.form = _Form(self)
        for key in ("salon_name", "salon_registry_code", "salon_address", "salon_email",
                    "salon_phone"):
            edit = self.form.add(key, SETTINGS[key].label)
            edit.setMaxLength(SETTINGS[key].max_length)
        self.required = label("hint")
        self.texts.bind(self.required.setText,
                        N_("Only the name is required; the rest can be added later."))
        self.form.add_below(self.required)
        self.form.finish()

    def details(self) -> SalonDetails:
        e = self.form.edits
        return SalonDetails(e["salon_name"].text().strip(),
                            e["salon_registry_code"].text().strip(),
                            e["salon_address"].text().strip(), e["salon_email"].text().strip(),
                            e["salon_phone"].text().strip())

    def validatePage(self) -> bool:
        from salon_desktop.services.setup import validate_setup

        self.form.clear()
        try:
            # Placeholder account: only errors about the salon's own fields count here.
            validate_setup(self.details(), "", "")
        except ValidationError as error:
            if self.form.show(error.field, error):
                return False
        return True


class ManagerPage(WizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.setCommitPage(True)
        self.texts.bind(self.setTitle, N_("The manager's account"))
        self.texts.bind(self.setSubTitle,
                        N_("The first account belongs to the salon's manager, who adds the "
                           "other staff members later."))
        self.form = _Form(self)
        self.form.add("username", N_("&Username"))
        self.form.add("display_name", N_("&Name shown in the program"))
        self.password_hint = label("hint")
        self.form.add("password", N_("&Password"), password=True, hint=self.password_hint)
        self.form.add("password_again", N_("Password &again"), password=True)
        self.general_error = ErrorLabel()
        self.progress = QWidget()
        progress_layout = QVBoxLayout(self.progress)
        progress_layout.setContentsMargins(0, 8, 0, 0)
        self.progress_label = label("hint")
        self.texts.bind(self.progress_label.setText,
                        N_("Creating the salon's encrypted data…"))
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(busy_bar())
        self.progress.hide()
        for key in ("username", "password"):
            self.form.edits[key].textChanged.connect(self.update_password_hint)
        self.form.add_below(self.general_error, full_width=True)
        self.form.add_below(self.progress, full_width=True)
        self.form.finish()
        self.retranslate()

    def isComplete(self) -> bool:
        return not self.busy

    def initializePage(self) -> None:
        self.update_password_hint()  # the salon's name is known now

    def retranslate(self) -> None:
        super().retranslate()
        self.update_password_hint()

    def update_password_hint(self) -> None:
        """The policy's rules not met yet, live as the person types (the core's words)."""
        from salon_desktop.security.password_policy import password_hint

        edits = self.form.edits
        salon = self.setup_wizard().salon_page.details().name if self.wizard() else ""
        unmet = password_hint(edits["password"].text(), username=edits["username"].text(),
                              salon_name=salon,
                              min_length=int(SETTINGS["min_password_length"].default))
        self.password_hint.setText("\n".join(f"• {_(p.msgid).format(**p.params)}"
                                             for p in unmet))
        self.password_hint.setVisible(bool(unmet))

    def validatePage(self) -> bool:
        wizard = self.setup_wizard()
        if wizard.created is not None:
            return True
        if self.busy:
            return False
        self.form.clear()
        self.general_error.clear_error()
        edits = self.form.edits
        username, password = edits["username"].text(), edits["password"].text()
        details = wizard.salon_page.details()
        from salon_desktop.services.setup import validate_setup

        try:
            validate_setup(details, username, password)
        except ValidationError as error:
            if not self.form.show(error.field, error):
                self.general_error.show_error(error)
            return False
        if edits["password_again"].text() != password:
            self.form.show("password_again", ValidationError("password_again",
                                                             PASSWORDS_DIFFER))
            return False
        self._set_busy(True)
        wizard.create_salon(details, username, edits["display_name"].text(), password,
                            on_failed=self._failed)
        return False

    def created(self) -> None:
        """The salon exists: forget the passwords typed here."""
        self._set_busy(False)
        for key in ("password", "password_again"):
            self.form.edits[key].clear()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        field = getattr(error, "field", None)
        if not (isinstance(field, str) and self.form.show(field, error)):
            self.general_error.show_error(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for edit in self.form.edits.values():
            edit.setEnabled(not busy)
        self.completeChanged.emit()
