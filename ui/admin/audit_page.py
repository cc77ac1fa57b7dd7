"""The Audit log tab (toimingute logi / журнал действий): filter, read, export, verify.

Filters apply as they change (after a short pause, so typing a client number runs one query,
not five). Everything runs on the worker; answers to an older filter are dropped. "Verify
integrity" walks the whole hash chain and says in plain words whether the log is intact or
which entry is the first one at fault, and selects that entry when it is in the table.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.staff import StaffMember
from salon_desktop.i18n import N_, _, current_language, ngettext
from salon_desktop.services.audit_view import AuditFilter, AuditRecord, describe_verification
from ui.admin.audit_filters import ActionCombo, DateRange
from ui.admin.audit_model import AuditColumn, AuditTableModel
from ui.admin.banner import ResultBanner
from ui.admin.fields import TABLE_STYLE
from ui.pages import PageEnv
from ui.widgets import ErrorLabel, TextBinder, label

FILTER_DELAY_MS = 300
MAX_WORDY = 240  # px
EVERYONE = N_("Everyone")
LIMITED = N_("Showing the newest {limit} entries. Narrow the filter to see older ones; "
             "“Export to CSV…” writes them all.")


def ask_csv_path(parent: QWidget, suggested: str) -> str:
    """The save dialog (a module function, so tests and screenshots replace it)."""
    path, _filter = QFileDialog.getSaveFileName(parent, _("Export the audit log"), suggested,
                                                _("CSV files (*.csv)"))
    return path


class AuditTab(QWidget):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.texts = TextBinder()
        self.loaded = False
        self._ticket = 0
        self._names: dict[int, str] = {}
        self._shown_limit: int | None = None
        self._select_id: int | None = None  # an entry to select once the table is loaded
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.reload)

        self.staff_combo = QComboBox()
        self.staff_combo.setObjectName("staff_filter")
        self.staff_combo.addItem(_(EVERYONE), None)
        self.client_edit = QLineEdit()
        self.client_edit.setObjectName("client_filter")
        self.client_edit.setValidator(QRegularExpressionValidator(
            QRegularExpression("[0-9]{0,12}"), self.client_edit))
        self.client_edit.setMaximumWidth(140)
        self.action_combo = ActionCombo()
        self.dates = DateRange()
        for signal in (self.staff_combo.currentIndexChanged, self.client_edit.textChanged,
                       self.action_combo.currentIndexChanged, self.dates.changed):
            signal.connect(self.schedule_reload)

        self.export_button = QPushButton()
        self.verify_button = QPushButton()
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button.clicked.connect(self.verify)
        self.count_label = label("hint", word_wrap=False)
        self.count_label.setObjectName("audit_count")
        self.limit_label = label("hint")
        self.limit_label.hide()
        self.banner = ResultBanner()
        self.error = ErrorLabel()
        self.error.setObjectName("audit_error")
        self.model = AuditTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("audit_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setStyleSheet(TABLE_STYLE)
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)
        header.setStretchLastSection(True)
        self.texts.bind(self.export_button.setText, N_("Export to CSV…"))
        self.texts.bind(self.verify_button.setText, N_("Verify integrity"))
        self.texts.bind(self.verify_button.setToolTip,
                        N_("Check that no entry of the audit log was changed, removed, "
                           "reordered or added outside the app."))
        self.texts.bind(self.client_edit.setPlaceholderText, N_("any"))
        self._build_layout()

    def _build_layout(self) -> None:
        filters = QGridLayout()
        filters.setHorizontalSpacing(10)
        filters.setVerticalSpacing(2)
        columns = ((N_("&Staff member"), self.staff_combo, 2),
                   (N_("&Client number"), self.client_edit, 0),
                   (N_("&Action"), self.action_combo, 3),
                   (N_("&From"), self.dates.since, 0), (N_("&To"), self.dates.until, 0))
        for column, (msgid, widget, stretch) in enumerate(columns):
            caption = QLabel()
            caption.setBuddy(widget)
            self.texts.bind(caption.setText, msgid)
            filters.addWidget(caption, 0, column)
            filters.addWidget(widget, 1, column)
            filters.setColumnStretch(column, stretch)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.verify_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.error)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.view, 1)

    # -- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            today = self.env.ctx.clock.now().astimezone().date()
            self.dates.set_range(today - timedelta(days=6), today)
            self._load_staff()
            self.reload()

    def _load_staff(self) -> None:
        staff = self.env.ctx.services.staff
        self.env.worker.run(staff.members, self._staff_loaded, self.error.show_error,
                            owner=self)

    def _staff_loaded(self, members: list[StaffMember]) -> None:
        self._names = {m.id: m.display_name for m in members}
        chosen = self.staff_combo.currentData()
        self.staff_combo.blockSignals(True)
        for member in members:
            self.staff_combo.addItem(f"{member.display_name} ({member.username})", member.id)
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(chosen)))
        self.staff_combo.blockSignals(False)
        self.model.set_staff_names(self._names)

    def schedule_reload(self) -> None:
        if self.loaded:
            self._timer.start()

    def current_filter(self) -> AuditFilter:
        client = self.client_edit.text().strip()
        since, until = self.dates.range()
        return AuditFilter(staff_id=self.staff_combo.currentData(),
                           client_id=int(client) if client else None,
                           action=self.action_combo.currentData() or None,
                           since=since, until=until)

    def reload(self) -> None:
        self._timer.stop()
        self._ticket += 1
        ticket, flt, audit = self._ticket, self.current_filter(), self.env.ctx.services.audit
        self.env.worker.run(lambda: (audit.entries(flt), audit.actions()),
                            lambda found: self._loaded(ticket, flt, *found),
                            self.error.show_error, owner=self)

    def _loaded(self, ticket: int, flt: AuditFilter, records: list[AuditRecord],
                actions: list[str]) -> None:
        if ticket != self._ticket:
            return  # the filter changed meanwhile; a newer answer is on its way
        self.error.clear_error()
        self.action_combo.set_actions(actions)
        self.model.set_records(records, self._names)
        self._fit_columns()
        self._shown_limit = flt.limit if flt.limit and len(records) >= flt.limit else None
        self._update_counts()
        if self._select_id is not None:
            self.select_entry(self._select_id)
            self._select_id = None

    def _fit_columns(self) -> None:
        """Every column as wide as its contents, so no action is cut; the record and field
        names at most ``MAX_WORDY`` (their tooltips hold the rest). Where the window is
        narrow (Russian at 1366 px) the table scrolls sideways instead of cutting words."""
        self.view.resizeColumnsToContents()
        for column in (AuditColumn.RECORD, AuditColumn.FIELDS):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), MAX_WORDY))

    def select_entry(self, entry_id: int) -> bool:
        for row in range(self.model.rowCount()):
            record = self.model.record(row)
            if record is not None and record.id == entry_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, AuditColumn.TIME))
                return True
        return False

    def _update_counts(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(ngettext("{count} entry", "{count} entries", count).format(
            count=count))
        limit = self._shown_limit
        self.limit_label.setVisible(limit is not None)
        if limit is not None:
            self.limit_label.setText(_(LIMITED).format(limit=limit))

    # -- export and verify ---------------------------------------------------------------
    def export_csv(self) -> None:
        today = self.env.ctx.clock.now().astimezone().date()
        suggested = str(Path.home() / f"{_('audit-log')}-{today.isoformat()}.csv")
        chosen = ask_csv_path(self, suggested)
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".csv") else Path(f"{chosen}.csv")
        flt, audit = self.current_filter(), self.env.ctx.services.audit
        self.export_button.setEnabled(False)
        self.error.clear_error()
        self.env.worker.run(lambda: audit.export_csv(flt, path),
                            lambda count: self._exported(count, path), self._export_failed,
                            owner=self)

    def _exported(self, count: int, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.env.show_status(ngettext("{count} entry exported to {name}.",
                                      "{count} entries exported to {name}.", count).format(
            count=count, name=path.name))
        self.reload()  # the export is itself an entry

    def _export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.error.show_error(error)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.banner.clear_result()
        audit = self.env.ctx.services.audit
        self.env.worker.run(audit.verify, self._verified, self._verify_failed, owner=self)

    def _verified(self, result: object) -> None:
        self.verify_button.setEnabled(True)
        msgid, params = describe_verification(result)  # type: ignore[arg-type]
        self.banner.show_result(bool(getattr(result, "ok", False)), msgid, params)
        self._select_id = getattr(result, "first_broken_id", None)
        self.reload()  # the check is itself an entry; the broken one is selected after

    def _verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.error.show_error(error)

    def retranslate(self) -> None:
        self.texts.apply()
        self.staff_combo.setItemText(0, _(EVERYONE))
        self.action_combo.retranslate()
        self.dates.retranslate(current_language())
        self.model.retranslate()
        self.banner.retranslate()
        self.error.retranslate()
        self._update_counts()
