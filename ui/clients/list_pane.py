"""The left pane: the search box, the client list and the empty states.

Search runs as you type (``SearchController``): on the next turn of the event loop after a
keystroke, so keys that arrive together (a paste, auto-repeat) make one query. No longer
150 ms after the last key: a query takes ~3 ms (p95 ~30 ms at 100,000 clients), the worker
skips a queued query that a newer one overtook and the model's generation counter drops any
answer that arrives late, so waiting only made every answer 150 ms slower
(docs/performance.md). Enter or a double-click opens a card;
merely moving the selection does not (opening a card is audited, and scrolling past
clients must not read them all).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.i18n import N_, _, ngettext
from ui.clients.list_model import ClientListModel
from ui.icons import icon
from ui.widgets import TextBinder, heading, label

DEBOUNCE_MS = 0
PLACEHOLDER_CONTACT = N_("search name / phone / e-mail")
PLACEHOLDER_NAME = N_("search by name")


class SearchController(QObject):
    """Debounces a line edit into ``model.set_query``: one query per pause in typing."""

    def __init__(self, edit: QLineEdit, model: ClientListModel,
                 delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(edit)
        self.edit, self.model = edit, model
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.run_now)
        edit.textChanged.connect(lambda _text: self.timer.start())

    def run_now(self) -> None:
        self.timer.stop()
        text = self.edit.text().strip()
        if text != self.model.text or self.model.total is None:
            self.model.set_query(text)

    def cancel(self) -> None:
        self.timer.stop()


class _SearchEdit(QLineEdit):
    """Down moves into the list, Enter opens the selected (or first) client, Esc clears."""

    down = Signal()
    enter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Down:
            self.down.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
        elif key == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class ClientListPane(QWidget):
    open_requested = Signal(int)   # client id
    new_requested = Signal()
    import_requested = Signal()

    def __init__(self, model: ClientListModel, title: str, *, contact_search: bool,
                 can_create: bool, can_import: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.texts = TextBinder()
        self.title = heading(1.3)
        self.texts.bind(self.title.setText, title)
        self._open_when_loaded = False
        self.search = _SearchEdit()
        self.search.setObjectName("client_search")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.texts.bind(self.search.setPlaceholderText,
                        PLACEHOLDER_CONTACT if contact_search else PLACEHOLDER_NAME)
        self.controller = SearchController(self.search, model)
        self.search.down.connect(self._into_list)
        self.search.enter.connect(self._open_current)

        self.table = QTableView()
        self.table.setObjectName("client_list")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # constant cost per row
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)
        # The phone and language columns fit the rows on screen, not all 200 of a page:
        # measuring every row asked the model ~1,000 times per keystroke, half of the time
        # from keystroke to rows (benchmarks/gui_probe.py, docs/performance.md).
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.activated.connect(self._activated)
        model.modelReset.connect(self._fit_columns)
        model.query_loaded.connect(self._show_state)

        self.count_label = label("hint", word_wrap=False)
        self.new_button = QPushButton(icon("person"), "")
        self.new_button.setVisible(can_create)
        self.new_button.clicked.connect(self.new_requested)
        self.import_button = QPushButton()
        self.import_button.setVisible(can_import)
        self.import_button.clicked.connect(self.import_requested)
        self.texts.bind(self.new_button.setText, N_("New client"))
        self.texts.bind(self.new_button.setToolTip, N_("Register a new client (Ctrl+N)"))
        self.texts.bind(self.import_button.setText, N_("Import…"))
        self.texts.bind(self.import_button.setToolTip,
                        N_("Import clients from a spreadsheet (CSV)"))

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self._build_empty(can_create, can_import))

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

    def _build_empty(self, can_create: bool, can_import: bool) -> QWidget:
        page = QWidget()
        picture = QLabel()
        picture.setPixmap(icon("clients").pixmap(QSize(48, 48)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title = heading(1.2)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = label("hint")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new = QPushButton()
        self.empty_new.setProperty("role", "primary")
        self.empty_new.setVisible(can_create)
        self.empty_new.clicked.connect(self.new_requested)
        self.empty_import = QPushButton()
        self.empty_import.setVisible(can_import)
        self.empty_import.clicked.connect(self.import_requested)
        self.texts.bind(self.empty_new.setText, N_("New client (Ctrl+N)"))
        self.texts.bind(self.empty_import.setText, N_("Import from a spreadsheet…"))
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(picture)
        column.addWidget(self.empty_title)
        column.addWidget(self.empty_text)
        column.addSpacing(8)
        for button in (self.empty_new, self.empty_import):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            row.addStretch(1)
            column.addLayout(row)
        column.addStretch(2)
        return page

    # -- behaviour -------------------------------------------------------------------------
    @property
    def empty_state_shown(self) -> bool:
        return self.stack.currentIndex() == 1

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            mode = (QHeaderView.ResizeMode.Stretch if column == 0
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)

    def _show_state(self) -> None:
        total = self.model.total or 0
        searching = bool(self.model.text)
        self.stack.setCurrentIndex(1 if total == 0 else 0)
        self._texts_for_state(total, searching)
        if total and not self.table.currentIndex().isValid() and self.search.hasFocus():
            self.table.selectRow(0)
        if self._open_when_loaded:
            self._open_when_loaded = False
            self._open_current()

    def _texts_for_state(self, total: int, searching: bool) -> None:
        if searching:
            self.empty_title.setText(_("No client matches this search."))
            self.empty_text.setText(_("Check the spelling, or register the client as new "
                                      "with Ctrl+N."))
            self.count_label.setText(ngettext("{count} found", "{count} found", total)
                                     .format(count=total))
        else:
            self.empty_title.setText(_("No clients yet."))
            self.empty_text.setText(_("Register the first client with Ctrl+N, or import "
                                      "your client list from a spreadsheet (CSV)."))
            self.count_label.setText(ngettext("{count} client", "{count} clients", total)
                                     .format(count=total))
        self.empty_import.setVisible(self.import_button.isVisibleTo(self) and not searching)

    def _into_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _open_current(self) -> None:
        """Enter in the search box: the typed query may still be on its way, so wait for
        its answer instead of opening a client of the previous one."""
        if self.controller.timer.isActive():
            self.controller.run_now()
        if self.model.loading:
            self._open_when_loaded = True
            return
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        client_id = self.model.client_id(row)
        if client_id is not None:
            self.open_requested.emit(client_id)

    def _activated(self, index: QModelIndex) -> None:
        client_id = self.model.client_id(index.row())
        if client_id is not None:
            self.open_requested.emit(client_id)

    def retranslate(self) -> None:
        self.texts.apply()
        self.model.retranslate()
        if self.model.total is not None:
            self._texts_for_state(self.model.total, bool(self.model.text))
