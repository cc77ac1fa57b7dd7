"""An older database put back: the open-failure window lets a manager keep it (signed in,
audited) or nothing opens; a wrong password is refused next to the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.domain.roles import Role
from salon_desktop.security.rollback import RollbackSuspected
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.test_rollback import _copy_aside, _put_back, _write
from ui.open_failed import OpenFailedWindow
from ui.worker import Worker


def test_a_manager_keeps_the_older_data(qtbot: QtBot, worker: Worker, clock: FakeClock,
                                        app_context: AppContext, tmp_path: Path) -> None:
    ctx = app_context
    _write(ctx, 2, "old")
    _copy_aside(ctx.data_dir, tmp_path / "older")
    _write(ctx, 3, "new")
    ctx.close()
    _put_back(tmp_path / "older", ctx.data_dir)
    with pytest.raises(RollbackSuspected) as caught:
        ctx.open()

    window = OpenFailedWindow(ctx, worker, caught.value)
    qtbot.addWidget(window)
    window.show()
    form = window.rollback
    assert form is not None and not window.recover_button.isVisible()
    qtbot.keyClicks(form.username, ADMIN_USER)
    qtbot.keyClicks(form.password, "Vale-Parool-1")
    form.accept_button.click()
    qtbot.waitUntil(form.error.isVisible)
    assert form.error.text() == "Wrong username or password."
    assert form.password.text() == ""  # never kept in the widget

    clock.advance(5)  # past the growing delay after that failure
    qtbot.keyClicks(form.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(window.rollback_accepted, timeout=10_000) as signal:
        form.accept_button.click()
    session = signal.args[0]
    assert session.role is Role.ADMIN
    actions = [row["action"] for row in ctx.vault.db.query(  # type: ignore[union-attr]
        "SELECT action FROM audit_log ORDER BY id DESC LIMIT 3")]
    assert "vault.rollback_accepted" in actions
