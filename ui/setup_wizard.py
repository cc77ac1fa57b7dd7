"""The first-run set-up: language → salon → manager → recovery sheet → type the key back.

The vault is created only when the manager's account is valid (page 3 is the commit page:
no way back to change details that are already stored). Creating and setting up run as one
job on the worker; if setting up fails right after creating, the new, empty vault is removed
again, so a second try starts clean (as ``salon-desktop admin init`` does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from salon_desktop.domain.settings import SalonDetails
from salon_desktop.i18n import N_, _
from ui.icons import icon
from ui.language import switch_language
from ui.recovery_pages import ConfirmKeyPage, SheetPage
from ui.widgets import TextBinder
from ui.wizard_pages import LanguagePage, ManagerPage, SalonPage
from ui.worker import Worker

if TYPE_CHECKING:
    from salon_desktop.context import AppContext

LEAVE_QUESTION = N_("The salon is created, but its recovery key has not been checked yet. It "
                    "is shown only during this set-up. Leave anyway?")


@dataclass(frozen=True)
class CreatedSalon:
    """What the rest of the wizard and the sign-in window need; no secret in here."""

    salon_name: str
    username: str
    vault_id: str
    created_at: datetime


class SetupWizard(QWizard):
    LANGUAGE, SALON, MANAGER, SHEET, CONFIRM = range(5)

    def __init__(self, ctx: AppContext, worker: Worker, *, prefs_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.prefs_dir = ctx, worker, prefs_dir
        self.created: CreatedSalon | None = None
        self.recovery_key = ""  # held only while the wizard is open
        self.texts = TextBinder()
        self.setWindowIcon(icon("app"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon("app").pixmap(QSize(48, 48)))
        self.setMinimumSize(760, 580)

        self.language_page = LanguagePage()
        self.salon_page = SalonPage()
        self.manager_page = ManagerPage()
        self.sheet_page = SheetPage()
        self.confirm_page = ConfirmKeyPage()
        for page_id, page in ((self.LANGUAGE, self.language_page),
                              (self.SALON, self.salon_page),
                              (self.MANAGER, self.manager_page),
                              (self.SHEET, self.sheet_page),
                              (self.CONFIRM, self.confirm_page)):
            self.setPage(page_id, page)

        self.texts.bind(self.setWindowTitle, N_("Salon Desktop — set-up"))
        buttons = ((QWizard.WizardButton.BackButton, N_("Back")),
                   (QWizard.WizardButton.NextButton, N_("Next")),
                   (QWizard.WizardButton.CommitButton, N_("Create the salon")),
                   (QWizard.WizardButton.FinishButton, N_("Finish")),
                   (QWizard.WizardButton.CancelButton, N_("Cancel")))
        for which, msgid in buttons:
            self.texts.bind(lambda text, w=which: self.setButtonText(w, text), msgid)

    # -- creating the vault -------------------------------------------------------------
    def create_salon(self, details: SalonDetails, username: str, display_name: str,
                     password: str, *, on_failed: Callable[[BaseException], None]) -> None:
        ctx = self.ctx
        self._lock_navigation(True)

        def job() -> tuple[str, CreatedSalon]:
            key = ctx.create_salon(details, username, display_name, password)
            assert ctx.vault is not None
            created_at = datetime.fromisoformat(ctx.vault.sidecar.created_at)
            return key, CreatedSalon(details.name, username.strip(), ctx.vault.vault_id,
                                     created_at)

        def failed(error: BaseException) -> None:
            self._lock_navigation(False)
            on_failed(error)

        self.worker.run(job, self._created, failed, owner=self)

    def _created(self, result: tuple[str, CreatedSalon]) -> None:
        self.recovery_key, self.created = result
        self._lock_navigation(False)
        self.manager_page.created()
        self.next()

    def _lock_navigation(self, locked: bool) -> None:
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not locked)

    # -- language -----------------------------------------------------------------------
    def change_language(self, code: str) -> None:
        switch_language(code, self.prefs_dir)
        if not self.isVisible():  # switch_language re-translates visible windows only
            self.retranslate()

    def retranslate(self) -> None:
        self.texts.apply()
        for page_id in self.pageIds():
            self.page(page_id).retranslate()  # type: ignore[attr-defined]

    # -- leaving ------------------------------------------------------------------------
    def reject(self) -> None:
        if self.worker.busy and self.created is None:
            return  # the vault is being created; leaving now would leave it half done
        if self.created is not None and not self.confirm_page.matches and \
                not self.confirm_leave():
            return
        super().reject()

    def confirm_leave(self) -> bool:
        """Ask before leaving with the recovery key not yet confirmed; True means leave.

        ``exec()`` only hides the box once answered, so it would stay a child of the wizard
        for as long as the wizard lives: the answer is read into a plain bool first, then the
        box is deleted (later, once the call that opened it has returned)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Salon Desktop", _(LEAVE_QUESTION),
                          parent=self)
        leave = box.addButton(_("Leave"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(_("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.exec()
        leaving = box.clickedButton() is leave
        box.deleteLater()
        return leaving

    def done(self, result: int) -> None:
        super().done(result)
        self.recovery_key = ""
        self.sheet_page.forget_key()
        self.confirm_page.key_edit.clear()
