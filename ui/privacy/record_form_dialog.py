"""After printing: tick what the client ticked on the signed paper form.

Nothing is pre-ticked (GDPR Art. 7(2), Art. 9: each consent separate and explicit), and an
unticked box records nothing — not ticking is not a "no". The wordings recorded are the
versions the printed form showed, even if someone edited a wording meanwhile
(``ConsentService.record_form``), so the dialog shows those versions too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.consents import PURPOSE_LABELS, PrintedForm, Purpose
from salon_desktop.i18n import N_, _
from ui.widgets import TextBinder, heading, label, note

TITLE = N_("Record what the client ticked")
INTRO = N_("Tick exactly the boxes the client ticked and signed on the paper form of "
           "{client}. A box left empty records nothing: it is not a “no”.")
VERSION = N_("{purpose} (wording version {version})")
RECORD = N_("Record the ticked consents")
LATER = N_("Not signed yet")
OPEN_PDF = N_("Open the form to print it")
LATER_NOTE = N_("Not signed yet? Keep the paper: “Record signed form…” stays available for "
                "this client until you sign out.")


def open_file(path: Path) -> None:
    """Printing goes through the PDF viewer (PySide6-Essentials has no QtPdf to print);
    a module function so tests do not start a viewer."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class RecordFormDialog(QDialog):
    def __init__(self, form: PrintedForm, client_name: str, pdf_path: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_form_dialog")
        self.form = form
        self.texts = TextBinder()
        self.boxes: dict[Purpose, QCheckBox] = {}
        title = heading(1.2)
        intro = label()
        later = label()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        self.open_button = QPushButton()
        self.open_button.setProperty("role", "link")
        self.open_button.setVisible(pdf_path is not None)
        if pdf_path is not None:
            self.open_button.clicked.connect(lambda: open_file(pdf_path))
        layout.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(intro)
        for purpose in Purpose:
            if purpose in form.versions:
                box = QCheckBox()
                box.setObjectName(f"ticked_{purpose.value}")
                self.boxes[purpose] = box
                layout.addWidget(box)
        layout.addWidget(note(later))
        self.buttons = QDialogButtonBox()
        self.record_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.texts.bind(self.setWindowTitle, TITLE)
        self.texts.bind(title.setText, TITLE)
        self.texts.bind(intro.setText, INTRO, client=client_name)
        self.texts.bind(later.setText, LATER_NOTE)
        self.texts.bind(self.open_button.setText, OPEN_PDF)
        self.texts.bind(self.record_button.setText, RECORD)
        self.texts.bind(self.later_button.setText, LATER)
        self.retranslate()
        self.setMinimumWidth(520)

    def ticked(self) -> list[Purpose]:
        return [purpose for purpose, box in self.boxes.items() if box.isChecked()]

    def retranslate(self) -> None:
        self.texts.apply()
        for purpose, box in self.boxes.items():
            box.setText(_(VERSION).format(purpose=_(PURPOSE_LABELS[purpose]),
                                          version=self.form.versions[purpose]))
