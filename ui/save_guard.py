"""One save on the worker at a time, and a dialog that waits for its answer.

Per-action dialogs are deleted once closed; the worker then drops the answer of a save still
running (the page would not reload, the list would not learn of the change). So Cancel/Esc do
nothing while a save is on the worker, and a second Save cannot start (tests:
tests/gui/test_dialog_lifetime*.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.worker import Worker


class SavesOnWorker:
    """Mixin for a QDialog, listed before it: ``class RoleDialog(SavesOnWorker, QDialog)``."""

    _saving = False

    def run_save(self, worker: Worker, job: Callable[[], Any],
                 saved: Callable[[Any], None], failed: Callable[[BaseException], None],
                 button: QWidget) -> None:
        """Run ``job``; ``button`` (Save/OK) is disabled until the answer comes back."""
        self._saving = True
        button.setEnabled(False)

        def done(result: Any) -> None:
            self._saving = False
            saved(result)

        def broke(error: BaseException) -> None:
            self._saving = False
            button.setEnabled(True)
            failed(error)

        worker.run(job, done, broke, owner=self)  # type: ignore[arg-type]

    def reject(self) -> None:
        if not self._saving:
            super().reject()  # type: ignore[misc]
