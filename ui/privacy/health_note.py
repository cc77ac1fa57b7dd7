"""After the health consent is withdrawn: offer to erase the health data, and say why.

GDPR Art. 9 allows keeping allergies and patch tests only while the explicit consent stands.
The ledger stops their use at once, but the data is still stored until someone erases it —
so the panel offers the step right away, to whoever recorded the withdrawal (the service
allows it to CONSENT_WRITE and refuses while the consent stands). Erasing cannot be undone,
so the button asks once; the consent history itself stays (it is the proof).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMessageBox, QPushButton, QWidget

from salon_desktop.i18n import N_, _
from ui.widgets import TextBinder, label

EXPLAIN = N_("The consent to keep health data is withdrawn, but this client's allergies, "
             "contraindications or patch tests are still stored. Without the consent they "
             "may not be kept: erase them now. The consent history stays.")
ERASE = N_("Erase health data")
CONFIRM = N_("Erase the allergies, contraindications and patch tests of {client}? This "
             "cannot be undone. If the client agrees again later, they are entered anew.")


class HealthEraseNote(QFrame):
    erase_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("health_erase_note")
        self.setProperty("role", "note")
        self.texts = TextBinder()
        self.client_name = ""
        self.confirm_box: QMessageBox | None = None
        text = label("note")
        self.button = QPushButton()
        self.button.setObjectName("erase_health_data")
        self.button.clicked.connect(self.ask)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.addWidget(text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.texts.bind(text.setText, EXPLAIN)
        self.texts.bind(self.button.setText, ERASE)
        self.hide()

    def retranslate(self) -> None:
        self.texts.apply()

    def ask(self) -> QMessageBox:
        """One question, Cancel the default (a slip of Enter must not erase anything)."""
        box = QMessageBox(QMessageBox.Icon.Warning, _(ERASE),
                          _(CONFIRM).format(client=self.client_name),
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(_(ERASE), QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            self.confirm_box = None
            if button is yes:
                self.erase_confirmed.emit()

        box.buttonClicked.connect(clicked)
        self.confirm_box = box
        box.open()
        return box
