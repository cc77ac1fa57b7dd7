"""The lock screen shows the salon's name and a sign-in form, nothing else, in Estonian,
Russian and English; the draft banner tells the time only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from salon_desktop.services.drafts import Draft
from ui.language import apply_language
from ui.lock.banner import DraftBanner, saved_time
from ui.lock.screen import LockWindow
from ui.worker import Worker

SALON = "Salong Õnnelik"
EXPECTED = {
    "en": ("Locked. Sign in to continue.", "Unlock", "Switch user", "Sign in"),
    "et": ("Lukustatud. Jätkamiseks logi sisse.", "Ava lukk", "Vaheta kasutajat",
           "Logi sisse"),
    "ru": ("Заблокировано. Войдите, чтобы продолжить.", "Разблокировать",
           "Сменить пользователя", "Войти"),
}


def _visible_texts(screen: LockWindow) -> list[str]:
    widgets = [*screen.findChildren(QLabel), *screen.findChildren(QAbstractButton),
               *screen.findChildren(QLineEdit)]
    return [w.text() for w in widgets if w.isVisible() and w.text()]


@pytest.mark.parametrize("language", list(EXPECTED))
def test_only_the_salon_and_the_form(qtbot: QtBot, worker: Worker, language: str) -> None:
    apply_language(language)
    screen = LockWindow(None, worker, salon_name=SALON,  # type: ignore[arg-type]
                        locked_username="juhataja")
    qtbot.addWidget(screen)
    screen.show()
    prompt, unlock, switch, sign_in = EXPECTED[language]
    texts = _visible_texts(screen)
    assert texts[0] == SALON and prompt in texts and unlock in texts and switch in texts
    assert len(texts) == 7  # + the two field labels, and the name in its field
    assert "juhataja" in texts and screen.windowTitle() == "Salon Desktop"
    if language != "en":
        assert not set(texts) & {*EXPECTED["en"], "&Username", "&Password"}
    screen.switch_user()
    assert sign_in in _visible_texts(screen) and switch not in _visible_texts(screen)
    assert screen.username.text() == "" and screen.focusWidget() is screen.username


def test_the_banner_tells_the_time_not_the_text(qtbot: QtBot) -> None:
    banner = DraftBanner()
    qtbot.addWidget(banner)
    saved = datetime.now(UTC).replace(microsecond=0)
    banner.show_draft(Draft(1, "client", "client:1", saved))
    local = saved.astimezone().strftime("%H:%M")
    assert banner.text.text() == f"You have unsaved work from {local}."
    apply_language("et")
    banner.retranslate()
    assert banner.text.text() == f"Sul on salvestamata tööd seisuga {local}."
    assert banner.restore_button.text() == "Taasta"


def test_an_older_draft_shows_its_date() -> None:
    apply_language("et")
    moment = datetime(2026, 11, 24, 16, 5, tzinfo=UTC)
    today = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    local = moment.astimezone()
    assert saved_time(moment, today) == local.strftime("%d.%m.%Y %H:%M")
    assert saved_time(today, today) == today.astimezone().strftime("%H:%M")
