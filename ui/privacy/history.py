"""The full consent history of one client, newest first, exactly as the ledger holds it.

Each line says what was given or withdrawn (and the basis, when it is the existing-customer
exception rather than consent), when, how and by whom, and which wording the client was shown
(language and version; the exact text as the cell's tooltip). Purposes get their short names
so the line fits next to the client list even in Russian; the full name is the tooltip.
The ledger is append-only, so this table has nothing to edit: a mistake is corrected by
recording the next event in the grid above.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from salon_desktop.domain.consents import (
    METHOD_LABELS,
    PURPOSE_LABELS,
    Action,
    ConsentEvent,
    LegalBasis,
)
from salon_desktop.i18n import N_, _
from ui.privacy.texts import (
    SHORT_BASIS,
    SHORT_PURPOSES,
    STATE_GIVEN,
    STATE_WITHDRAWN,
    language_word,
    when,
)

COLUMNS = (N_("When"), N_("Purpose"), N_("What"), N_("How"), N_("Recorded by"),
           N_("Wording"))
HOW = 3
WORDING_CELL = N_("{language}, version {version}")
NO_WORDING = N_("not recorded")
NO_WORDING_TIP = N_("This consent was recorded before wordings were kept, so the text shown "
                    "to the client is not known.")


class HistoryTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setObjectName("consent_history")
        self.events: tuple[ConsentEvent, ...] = ()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)  # a long method wraps rather than hiding the columns after it
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HOW, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.setMinimumHeight(150)
        self.retranslate()

    def show_events(self, events: Sequence[ConsentEvent]) -> None:
        self.events = tuple(events)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.setRowCount(len(self.events))
        for row, event in enumerate(self.events):
            if event.wording_version is not None:
                wording = _(WORDING_CELL).format(language=language_word(event.wording_language),
                                                 version=event.wording_version)
            else:
                wording = _(NO_WORDING) if event.action is Action.GIVEN else ""
            what = _(STATE_GIVEN if event.action is Action.GIVEN else STATE_WITHDRAWN)
            if event.legal_basis is not LegalBasis.CONSENT:  # the exception is not a consent
                what += f" ({_(SHORT_BASIS[event.legal_basis])})"
            cells = (when(event.recorded_at), _(SHORT_PURPOSES[event.purpose]), what,
                     _(METHOD_LABELS[event.method]), event.recorded_by or "", wording)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setToolTip(_(PURPOSE_LABELS[event.purpose]))
                self.setItem(row, column, item)
            tip = event.wording_text or (_(NO_WORDING_TIP) if wording == _(NO_WORDING)
                                         else "")
            wording_item = self.item(row, len(COLUMNS) - 1)
            assert wording_item is not None
            wording_item.setToolTip(tip)
