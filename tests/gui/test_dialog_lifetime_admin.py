"""Per-action dialogs do not outlive their use: Administration (staff, backups) and the
record of processing. Why, and the other sections, in test_dialog_lifetime.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from tests.backup_helpers import PASSPHRASE, use_fast_kdf
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.gui.dialog_lifetime_support import assert_gone
from tests.gui.test_privacy_consents import WAIT
from tests.gui.test_reports_client import open_reports  # noqa: F401  (the fixture)
from tests.gui.test_reports_record import open_record
from ui.admin.add_staff import AddStaffDialog
from ui.admin.role_dialog import RoleDialog
from ui.admin.staff_page import StaffTab
from ui.admin.temp_password import ResetPasswordDialog, TemporaryPasswordDialog
from ui.backup import jobs
from ui.backup.passphrase import AskPassphraseDialog, SetPassphraseDialog
from ui.backup.tab import BackupsTab
from ui.lock.shield import put_away_windows
from ui.pages import PageEnv
from ui.reports.record_dialogs import MeasureDialog, RecipientDialog
from ui.worker import Worker

L = Qt.MouseButton.LeftButton
MEASURE = "The desk drawer with the appointment book is locked at night."




@pytest.fixture
def staff_tab(qtbot: QtBot, set_up_context: AppContext, worker: Worker) -> Iterator[StaffTab]:
    """The Staff tab for the signed-in manager, its list loaded."""
    ctx = set_up_context
    ctx.open()
    session = ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    tab = StaffTab(PageEnv(ctx, worker, session, lambda _message: None))
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=WAIT)
    yield tab
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT)


def hand_over(qtbot: QtBot, dialog: TemporaryPasswordDialog) -> None:
    """Suggest a temporary password, save it, and close the page that shows it."""
    qtbot.mouseClick(dialog.suggest_button, L)
    qtbot.waitUntil(lambda: len(dialog.password.text()) == 19, timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.hint.problems == [], timeout=WAIT)
    qtbot.mouseClick(dialog.submit_button, L)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=WAIT)
    qtbot.mouseClick(dialog.close_button, L)


def test_staff_dialogs_are_deleted(qtbot: QtBot, staff_tab: StaffTab) -> None:
    tab = staff_tab
    added = tab.add_member()                                      # a stylist added
    qtbot.keyClicks(added.username, "anna")
    qtbot.keyClicks(added.display_name, "Anna Kask")
    hand_over(qtbot, added)
    assert_gone(qtbot, AddStaffDialog)
    qtbot.waitUntil(lambda: tab.select_username("anna"), timeout=WAIT)
    tab.add_member().reject()                                     # cancelled
    assert_gone(qtbot, AddStaffDialog)

    role = tab.change_role()                                      # a new role
    assert role is not None
    role.role.set_role(Role.RECEPTION)
    qtbot.mouseClick(role.save_button, L)
    qtbot.waitUntil(lambda: getattr(tab.selected(), "role", None) is Role.RECEPTION,
                    timeout=WAIT)
    assert_gone(qtbot, RoleDialog)
    cancelled_role = tab.change_role()                            # cancelled
    assert cancelled_role is not None
    cancelled_role.reject()
    assert_gone(qtbot, RoleDialog)

    saving = tab.change_role()                # Esc while saving: kept until the answer
    assert saving is not None
    saving.role.set_role(Role.STYLIST)
    saving.save()
    saving.reject()
    assert saving.isVisible()
    qtbot.waitUntil(lambda: getattr(tab.selected(), "role", None) is Role.STYLIST,
                    timeout=WAIT)
    assert_gone(qtbot, RoleDialog)

    reset = tab.reset_password()                                  # a password reset
    assert reset is not None
    hand_over(qtbot, reset)
    assert_gone(qtbot, ResetPasswordDialog)
    cancelled_reset = tab.reset_password()                        # cancelled
    assert cancelled_reset is not None
    cancelled_reset.reject()
    assert_gone(qtbot, ResetPasswordDialog)

    again = tab.add_member()                                      # the tab still works
    assert again.isVisible() and again.username.text() == ""
    again.reject()
    assert_gone(qtbot, AddStaffDialog, RoleDialog, ResetPasswordDialog)


# -- privacy: the requests register ----------------------------------------------------------
@pytest.fixture
def backups_tab(qtbot: QtBot, set_up_context: AppContext, worker: Worker,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[BackupsTab]:
    """The Backups tab for the manager, no passphrase set yet."""
    use_fast_kdf(monkeypatch)
    ctx = set_up_context
    ctx.open()
    session = ctx.services.auth.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    tab = BackupsTab(PageEnv(ctx, worker, session, lambda _message: None))
    qtbot.addWidget(tab)
    tab.resize(1100, 560)
    tab.show()
    qtbot.waitUntil(lambda: tab.passphrase_set is False, timeout=WAIT)
    yield tab
    jobs.cancel_and_wait()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT)


def test_backup_passphrase_dialogs_are_deleted(qtbot: QtBot, backups_tab: BackupsTab,
                                               tmp_path: Path) -> None:
    tab, actions = backups_tab, backups_tab.actions
    chosen = actions.set_passphrase()                             # the passphrase set
    chosen.first.setText(PASSPHRASE)
    chosen.again.setText(PASSPHRASE)
    chosen.action_button.click()
    qtbot.waitUntil(lambda: tab.passphrase_set is True, timeout=WAIT)
    assert actions.dialog is None
    assert_gone(qtbot, SetPassphraseDialog)
    cancelled = actions.set_passphrase()                          # changing it, cancelled
    cancelled.first.setText("Punane rebane magab metsas")
    cancelled.reject()
    assert_gone(qtbot, SetPassphraseDialog)

    stick = tmp_path / "stick"
    stick.mkdir()
    tab.picker.set_folder(stick)
    qtbot.waitUntil(lambda: tab.picker.destination() == stick and not tab.env.worker.busy,
                    timeout=WAIT)
    asked = actions.back_up()                                     # asked, cancelled
    assert asked is not None
    asked.passphrase.setText(PASSPHRASE)
    asked.reject()
    assert_gone(qtbot, AskPassphraseDialog)
    assert jobs.current() is None and list(stick.iterdir()) == []  # nothing started
    asked = actions.back_up()                                     # asked, answered
    assert asked is not None
    asked.passphrase.setText(PASSPHRASE)
    asked.action_button.click()
    qtbot.waitUntil(lambda: jobs.current() is None and tab.table.rowCount() == 1
                    and not tab.env.worker.busy, timeout=30_000)
    assert_gone(qtbot, AskPassphraseDialog)

    again = actions.back_up()                                     # the tab still works
    assert again is not None and again.isVisible() and again.passphrase.text() == ""
    again.reject()
    assert_gone(qtbot, AskPassphraseDialog, SetPassphraseDialog)


# -- reports: the record of processing -------------------------------------------------------
def test_record_dialogs_are_deleted(qtbot: QtBot, open_reports: Callable[..., object],  # noqa: F811
                                    ) -> None:
    desk, panel = open_record(qtbot, open_reports)  # type: ignore[arg-type]
    count = panel.measures.rowCount()

    added = panel.add_measure()                                   # saved
    assert isinstance(added, MeasureDialog)
    added.text.setPlainText(MEASURE)
    qtbot.mouseClick(added.save_button, L)
    qtbot.waitUntil(lambda: panel.measures.rowCount() == count + 1, timeout=WAIT)
    assert panel.dialog is None
    assert_gone(qtbot, MeasureDialog)
    cancelled = panel.add_measure()                               # cancelled
    assert isinstance(cancelled, MeasureDialog)
    cancelled.text.setPlainText(MEASURE)
    cancelled.reject()
    assert_gone(qtbot, MeasureDialog)

    saving = panel.add_measure()              # Esc while saving: kept until the answer
    assert isinstance(saving, MeasureDialog)
    saving.text.setPlainText(MEASURE)
    saving.save()
    saving.reject()
    assert saving.isVisible()
    qtbot.waitUntil(lambda: panel.measures.rowCount() == count + 2, timeout=WAIT)
    assert_gone(qtbot, MeasureDialog)

    locked = panel.add_measure()              # the lock while saving: hidden, then gone
    assert isinstance(locked, MeasureDialog)
    locked.text.setPlainText(MEASURE)
    locked.save()
    assert put_away_windows(keep=(desk.page,)) == 1
    assert not shiboken6.isValid(locked) or not locked.isVisible()
    qtbot.waitUntil(lambda: panel.measures.rowCount() == count + 3, timeout=WAIT)
    assert_gone(qtbot, MeasureDialog)

    panel.sections.setCurrentIndex(2)
    panel.add_recipient().reject()                                # a recipient, cancelled
    assert_gone(qtbot, RecipientDialog)

    again = panel.add_measure()                                   # the panel still works
    assert again.isVisible() and again.text.toPlainText() == ""
    again.reject()
    assert_gone(qtbot, MeasureDialog, RecipientDialog)


# -- recovering access (sign-in window) ------------------------------------------------------
