"""Every purpose of one client at a glance, with Give and Withdraw side by side.

Withdrawing must never be harder than giving (GDPR Art. 7(3)), so the two buttons are the
same size, in the same row, and neither asks "are you sure?". A mis-click is corrected by
the next click; the ledger keeps both, which is what it is for. The rows are built once and
updated in place, so keyboard focus stays in the grid after a click.

The purpose's name carries the current wording in the client's language as a tooltip: what
the client is agreeing to is what gets recorded, so reception can read it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from salon_desktop.domain.consents import (
    METHOD_LABELS,
    PURPOSE_LABELS,
    Action,
    LegalBasis,
    Method,
    Purpose,
    PurposeState,
    Wording,
)
from salon_desktop.i18n import N_, _
from ui.privacy.texts import on_day, state_text, when
from ui.widgets import TextBinder, label

GIVE = N_("Give")
WITHDRAW = N_("Withdraw")
GIVE_TIP = N_("Record that the client gives this consent now.")
GIVE_AGAIN_TIP = N_("The wording has changed since the client agreed. Record the consent "
                    "to the current wording now.")
EXCEPTION_TIP = N_("Messages are sent under the existing-customer exception. Record the "
                   "client's consent now if the client gives it.")
STANDS_TIP = N_("This consent stands, with the current wording.")
MESSAGE_TIP = N_("A consent cannot be given by replying to a message. Choose how the client "
                 "gave it.")
WITHDRAW_TIP = N_("Record that the client withdraws this consent now. It takes effect at "
                  "once.")
SAY_NO_TIP = N_("Nothing was recorded yet. Record that the client says no.")
WORDING_TIP = N_("Wording version {version}:")
HEADERS = (N_("Purpose"), N_("Now"), N_("Recorded"))


@dataclass
class _Row:
    name: QLabel
    state: QLabel
    recorded: QLabel
    give: QPushButton
    withdraw: QPushButton


class PurposeGrid(QFrame):
    #: (purpose, give) — True to record a consent, False to record a withdrawal
    requested = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.texts = TextBinder()
        self.rows: dict[Purpose, _Row] = {}
        self.states: dict[Purpose, PurposeState] = {}
        self.wordings: dict[Purpose, Wording] = {}
        self.method = Method.DESK
        self.can_write = True
        self.busy = False
        self._return_focus: Purpose | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for column, msgid in enumerate(HEADERS):
            header = label("hint", word_wrap=False)
            self.texts.bind(header.setText, msgid)
            grid.addWidget(header, 0, column)
        for number, purpose in enumerate(Purpose, start=1):
            row = _Row(label(), label(word_wrap=False), label("hint"),
                       QPushButton(), QPushButton())
            row.give.setObjectName(f"give_{purpose.value}")
            row.withdraw.setObjectName(f"withdraw_{purpose.value}")
            row.state.setObjectName(f"state_{purpose.value}")
            row.give.clicked.connect(lambda _c=False, p=purpose: self._clicked(p, True))
            row.withdraw.clicked.connect(lambda _c=False, p=purpose: self._clicked(p, False))
            for column, widget in enumerate((row.name, row.state, row.recorded, row.give,
                                             row.withdraw)):
                grid.addWidget(widget, number, column,
                               alignment=Qt.AlignmentFlag.AlignVCenter)
            self.rows[purpose] = row
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(2, 5)
        self.retranslate()

    # -- showing ---------------------------------------------------------------------------
    def show_states(self, states: dict[Purpose, PurposeState],
                    wordings: dict[Purpose, Wording], *, can_write: bool) -> None:
        """Show these purposes (others hidden) with the wordings the client would see."""
        self.states, self.wordings, self.can_write = states, wordings, can_write
        self.busy = False
        self.retranslate()

    def set_method(self, method: Method) -> None:
        self.method = method
        self._sync_buttons()

    def retranslate(self) -> None:
        self.texts.apply()
        width = 0
        for purpose, row in self.rows.items():
            row.name.setText(_(PURPOSE_LABELS[purpose]))
            row.give.setText(_(GIVE))
            row.withdraw.setText(_(WITHDRAW))
            width = max(width, row.give.sizeHint().width(), row.withdraw.sizeHint().width())
            state = self.states.get(purpose)
            visible = state is not None
            for widget in (row.name, row.state, row.recorded, row.give, row.withdraw):
                widget.setVisible(visible)
            if state is None:
                continue
            row.state.setText(state_text(state))
            row.recorded.setText(" · ".join(part for part in (
                on_day(state.recorded_at),
                _(METHOD_LABELS[state.method]) if state.method else "",
                state.recorded_by or "") if part))
            row.recorded.setToolTip(when(state.recorded_at))
            wording = self.wordings.get(purpose)
            row.name.setToolTip(
                f"{_(WORDING_TIP).format(version=wording.version)}\n{wording.text}"
                if wording else "")
        for row in self.rows.values():  # withdrawing is never the smaller button
            row.give.setFixedWidth(width)
            row.withdraw.setFixedWidth(width)
        self._sync_buttons()

    def _give_is_new(self, purpose: Purpose, state: PurposeState) -> bool:
        """Giving records something: nothing stands, or what stands is the exception or an
        older wording than the one the client would be shown now."""
        if not state.stands or state.legal_basis is not LegalBasis.CONSENT:
            return True
        wording = self.wordings.get(purpose)
        return wording is not None and (wording.language, wording.version) != (
            state.wording_language, state.wording_version)

    @staticmethod
    def _give_tip(state: PurposeState, new: bool, by_message: bool) -> str:
        if by_message:
            return MESSAGE_TIP
        if not state.stands:
            return GIVE_TIP
        if state.legal_basis is not LegalBasis.CONSENT:
            return EXCEPTION_TIP
        return GIVE_AGAIN_TIP if new else STANDS_TIP

    def _sync_buttons(self) -> None:
        for purpose, row in self.rows.items():
            state = self.states.get(purpose)
            if state is None:
                continue
            by_message, new = self.method is Method.MESSAGE, self._give_is_new(purpose, state)
            row.give.setEnabled(self.can_write and not self.busy and not by_message and new)
            row.give.setToolTip(_(self._give_tip(state, new, by_message)))
            row.withdraw.setEnabled(self.can_write and not self.busy
                                    and state.action is not Action.WITHDRAWN)
            row.withdraw.setToolTip(_(SAY_NO_TIP) if state.action is None else _(WITHDRAW_TIP))
        back = self.rows.get(self._return_focus) if self._return_focus and not self.busy \
            else None
        if back is not None and (back.give.isEnabled() or back.withdraw.isEnabled()):
            # the clicked button was disabled while the ledger answered: keep the keyboard
            # in this row, on the button that now makes sense
            self._return_focus = None
            (back.give if back.give.isEnabled() else back.withdraw).setFocus()

    def _clicked(self, purpose: Purpose, give: bool) -> None:
        self._return_focus = purpose
        self.set_busy(True)  # until the ledger answered
        self.requested.emit(purpose, give)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._sync_buttons()
