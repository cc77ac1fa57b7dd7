"""Consents at a glance: e-mail ✔  SMS ✖  birthday ✔  health ✔ — one click each way.

Withdrawing must be as easy as giving (GDPR Art. 7(3)), so each purpose is one button that
records the opposite of what stands, "in person at the desk". A mis-click is corrected by
the next click; the ledger keeps both, which is what it is for. Roles that may only see
whether the health consent stands (stylists) get a plain line, no buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from salon_desktop.domain.consents import PURPOSE_LABELS, ConsentState, Purpose
from salon_desktop.i18n import N_, _

SHORT_LABELS: dict[Purpose, str] = {
    Purpose.EMAIL: N_("e-mail"),
    Purpose.SMS: N_("SMS"),
    Purpose.BIRTHDAY: N_("birthday"),
    Purpose.HEALTH: N_("health data"),
    Purpose.PHOTOS: N_("photos"),
}
GIVE_TIP = N_("{purpose}: not given. Click to record that the client gives this consent "
              "now, in person at the desk.")
WITHDRAW_TIP = N_("{purpose}: given. Click to record that the client withdraws this consent "
                  "now, in person at the desk.")


def mark(stands: bool) -> str:
    return "✔" if stands else "✖"


class ConsentsRow(QWidget):
    #: (purpose, give) — True to record a consent, False to record a withdrawal
    toggle_requested = Signal(object, bool)

    def __init__(self, state: ConsentState, *, can_write: bool, show_health: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.buttons: dict[Purpose, QToolButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for purpose_state in state.purposes:
            purpose = purpose_state.purpose
            if purpose is Purpose.HEALTH and not show_health:
                continue
            text = f"{_(SHORT_LABELS[purpose])} {mark(purpose_state.stands)}"
            if can_write and state.detailed:
                button = QToolButton()
                button.setObjectName(f"consent_{purpose.value}")
                button.setText(text)
                tip = WITHDRAW_TIP if purpose_state.stands else GIVE_TIP
                button.setToolTip(_(tip).format(purpose=_(PURPOSE_LABELS[purpose])))
                button.clicked.connect(
                    lambda _c=False, p=purpose, s=purpose_state.stands:
                    self._clicked(p, not s))
                self.buttons[purpose] = button
                row.addWidget(button)
            else:
                shown = QLabel(text)
                shown.setObjectName(f"consent_{purpose.value}")
                shown.setToolTip(_(PURPOSE_LABELS[purpose]))
                row.addWidget(shown)
        row.addStretch(1)

    def _clicked(self, purpose: Purpose, give: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)  # until the ledger answered and the row is rebuilt
        self.toggle_requested.emit(purpose, give)
