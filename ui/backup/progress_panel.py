"""Progress of the backup job in the tab: what it is doing, how far, Cancel, and the outcome.

The bar moves forward only (the core maps its phases onto 0–1000). A cancelled backup is
not an error: it says calmly that nothing was kept. Failures show the core's message with
its way out, in the tab itself, where the manager is looking.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from salon_desktop.backup.errors import BackupCancelled
from salon_desktop.i18n import N_, _
from ui.backup import jobs
from ui.widgets import ErrorLabel, TextBinder, label

MAKE_PHASES = ((300, N_("Copying the salon's data…")), (700, N_("Writing to the drive…")),
               (1001, N_("Checking what was written…")))
VERIFY_PHASE = N_("Checking the backup…")


class JobPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = TextBinder()
        self.phase = label()
        self.phase.setObjectName("backup_phase")
        self.bar = QProgressBar()
        self.bar.setObjectName("backup_progress")
        self.bar.setRange(0, 1000)
        self.bar.setFormat("%p %")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel_backup")
        self.cancel_button.clicked.connect(self.cancel)
        self.texts.bind(self.cancel_button.setText, N_("Cancel"))
        self.outcome = label("success")
        self.outcome.setObjectName("backup_outcome")
        self.error = ErrorLabel()
        self.error.setObjectName("backup_error")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.phase)
        layout.addLayout(row)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        self.job: jobs.BackgroundJob | None = None
        self._phase_msgid = ""
        self._outcome: tuple[str, dict[str, object]] | None = None
        for widget in (self.phase, self.bar, self.cancel_button, self.outcome):
            widget.hide()

    def attach(self, job: jobs.BackgroundJob) -> None:
        """Show ``job``'s progress (also a job started by an earlier tab, still running)."""
        self.job = job
        self.clear()
        for widget in (self.phase, self.bar, self.cancel_button):
            widget.show()
        self.cancel_button.setEnabled(not job.cancel_requested)
        job.progressed.connect(self._progressed)
        job.done.connect(self._ended)
        job.failed.connect(self._failed)
        self._progressed(*job.last_progress)

    def clear(self) -> None:
        self._outcome = None
        self.outcome.hide()
        self.error.clear_error()

    def _progressed(self, done: int, total: int) -> None:
        value = done * 1000 // max(total, 1)
        self.bar.setValue(value)
        kind = self.job.kind if self.job is not None else jobs.MAKE
        self._phase_msgid = (VERIFY_PHASE if kind == jobs.VERIFY else
                             next(msgid for limit, msgid in MAKE_PHASES if value < limit))
        self.phase.setText(_(self._phase_msgid))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def _ended(self, _result: object) -> None:
        self.job = None
        self.bar.setValue(self.bar.maximum())
        self.phase.hide()
        self.cancel_button.hide()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        for widget in (self.phase, self.bar, self.cancel_button):
            widget.hide()
        if isinstance(error, BackupCancelled):
            self.show_outcome(N_("Cancelled: nothing of this backup was kept. Earlier backups "
                                 "were not touched."), role="hint")
        else:
            self.error.show_error(error)

    def show_outcome(self, msgid: str, *, role: str = "success", **params: object) -> None:
        self._outcome = (msgid, params)
        self.outcome.setProperty("role", role)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.outcome.show()
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.apply()
        self.error.retranslate()
        if self.job is not None and self._phase_msgid:
            self.phase.setText(_(self._phase_msgid))
        if self._outcome is not None:
            msgid, params = self._outcome
            self.outcome.setText(_(msgid).format(**params))
