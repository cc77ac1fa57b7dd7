"""The Administration section's and the password dialog's screenshots (called by
``tools/screenshots.py``).

Opens the salon the wizard made (after the appointment book's shots filled it), with a fixed
clock that moves a few minutes between actions so the audit log reads like a morning at the
desk: staff added, one deactivated, a failed sign-in, settings changed. Then shoots the Staff
tab, the Add staff dialog (hint, suggested password, the password shown once), the Audit log
with its entries and a verification banner, Settings, and the password dialog in both modes.
Names are invented. Alone (a new salon, without the appointment book's staff), for a quick look:
``python -m tools.admin_screens [--lang et ru] [--out DIR]``.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.errors import AuthenticationFailed
from salon_desktop.domain.roles import Role
from salon_desktop.services.base import Session
from tools.screens_common import (
    MANAGER,
    PASSWORD,
    Shooter,
    Wait,
    close_window,
    finish,
    manager_salon,
    open_section,
    run_alone,
)
from ui.admin.page import AdminPage
from ui.main_window import MainWindow
from ui.password_dialog import ChangePasswordDialog
from ui.worker import Worker

START = datetime(2026, 11, 25, 11, 50, tzinfo=UTC)  # after the appointment book's shots


def _fill(ctx: AppContext, clock: FakeClock) -> None:
    """A morning's worth of entries, minutes apart."""
    s = ctx.services
    s.staff.create("maria.r", "Мария Романова", Role.RECEPTION, "Kevad-Tuul-2026")
    clock.advance(240)
    olga = s.staff.create("olga.v", "Olga Vaher", Role.STYLIST, "Meri-Laine-2026")
    clock.advance(180)
    s.staff.deactivate(olga.id)
    clock.advance(300)
    with contextlib.suppress(AuthenticationFailed):
        s.auth.sign_in("kati.k", "vale-parool")
    clock.advance(420)
    s.settings.set("idle_lock_minutes", 3)
    s.settings.set("salon_phone", "+372 5555 0101")
    clock.advance(90)


def admin_screens(shoot: Shooter, folder: Path, keyring: Any, wait: Wait) -> None:
    clock = FakeClock(START)
    ctx = manager_salon(folder, keyring, clock)
    _fill(ctx, clock)
    session = ctx.services.auth.sign_in(MANAGER, PASSWORD)  # the failed attempt was nobody's
    worker = Worker()
    main, page = open_section(ctx, worker, session, "administration", AdminPage)
    assert page.staff and page.audit and page.settings
    staff = page.staff
    wait(lambda: staff.model.rowCount() > 0 and not worker.busy)
    staff.select_username("maria.r")
    shoot.shot(main, "admin-staff")

    dialog = staff.add_member()
    dialog.username.setText("liisa.t")
    dialog.display_name.setText("Liisa Tamm")
    dialog.password.setText("liisa")
    wait(lambda: dialog.hint.isVisible() and not worker.busy)
    shoot.shot(dialog, "admin-add-staff-hint")
    dialog.suggest()
    wait(lambda: dialog.hint.problems == [] and not worker.busy)
    shoot.shot(dialog, "admin-add-staff")
    dialog.submit()
    wait(lambda: dialog.pages.currentIndex() == 1)
    shoot.shot(dialog, "admin-add-staff-done")
    dialog.accept()
    wait(lambda: not worker.busy)

    staff.select_username(MANAGER)
    role = staff.change_role()
    assert role is not None
    role.role.set_role(Role.STYLIST)
    role.save()
    wait(lambda: role.error.isVisible())
    shoot.shot(role, "admin-change-role-last-manager")
    role.reject()

    audit = page.audit
    page.show_tab(audit)
    wait(lambda: audit.model.rowCount() > 0 and not worker.busy)
    shoot.shot(main, "admin-audit-log")
    audit.verify()
    wait(lambda: audit.banner.ok is not None and not worker.busy)
    shoot.shot(main, "admin-audit-log-verified")

    settings = page.settings
    page.show_tab(settings)
    wait(lambda: bool(settings.values()["salon_name"]) and not worker.busy)
    shoot.shot(main, "admin-settings")

    _password_screens(shoot, ctx, worker, main, wait)
    _tampered(shoot, ctx, worker, main, page, wait)
    close_window(main)
    finish(ctx, worker)


def _password_screens(shoot: Shooter, ctx: AppContext, worker: Worker, main: MainWindow,
                      wait: Wait) -> None:
    dialog = main.change_password()
    assert isinstance(dialog, ChangePasswordDialog)
    dialog.old.setText("vale-parool")
    dialog.new.setText("Talv-Lumi-2027")
    dialog.repeat.setText("Talv-Lumi-2027")
    dialog.submit()
    wait(lambda: dialog.grid.errors["old_password"].isVisible() and not worker.busy)
    dialog.new.setText("mari")
    shoot.shot(dialog, "password-dialog")
    dialog.reject()
    QCoreApplication.processEvents()

    stylist = Session(99, "liisa.t", "Liisa Tamm", Role.STYLIST, must_change_password=True)
    forced = ChangePasswordDialog(ctx, worker, stylist, forced=True)
    forced.show()
    wait(lambda: not worker.busy)
    forced.new.setText("liisa-2026")
    shoot.shot(forced, "password-forced")
    forced.hide()
    forced.deleteLater()


def _tampered(shoot: Shooter, ctx: AppContext, worker: Worker, main: MainWindow,
              page: AdminPage, wait: Wait) -> None:
    """Last, since it breaks the chain: an entry edited behind the app's back."""
    assert ctx.vault is not None and page.audit is not None
    wait(lambda: not worker.busy)
    ctx.vault.db.execute("DROP TRIGGER audit_log_no_update")
    ctx.vault.db.execute("UPDATE audit_log SET detail = 'role=admin' WHERE id = ("
                         "SELECT max(id) - 8 FROM audit_log)")
    page.show_tab(page.audit)
    page.audit.verify()
    wait(lambda: page.audit.banner.ok is False and not worker.busy)
    shoot.shot(main, "admin-audit-log-broken")


if __name__ == "__main__":
    run_alone("admin_screens", admin_screens)
