"""The destination list: which mounted volumes are offered, which look removable, and how a
drive reads ("KINGSTON (14,2 GB vaba, vfat, eemaldatav) — /media/mari/KINGSTON")."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from salon_desktop.i18n import set_language
from ui.backup import destination, drives
from ui.backup.destination import DestinationPicker, drive_text
from ui.backup.drives import Drive
from ui.backup.formatting import count_rows, size_text


@pytest.mark.parametrize(("root", "is_root", "removable"), [
    ("/", True, False),
    ("/media/mari/KINGSTON", False, True),
    ("/run/media/mari/USB", False, True),
    ("/Volumes/BACKUP", False, True),
    ("/home", False, False),
])
def test_removable_looking_drives(root: str, is_root: bool, removable: bool,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drives.sys, "platform", "linux")
    assert drives.looks_removable(root, is_root=is_root) is removable


def test_windows_drive_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drives.sys, "platform", "win32")
    monkeypatch.setenv("SYSTEMDRIVE", "C:")
    assert not drives.looks_removable("C:/", is_root=False)
    assert drives.looks_removable("E:/", is_root=False)


@pytest.mark.parametrize(("root", "fs", "offered"), [
    ("/", "ext4", True), ("/media/mari/STICK", "vfat", True), ("/boot/efi", "vfat", False),
    ("/snap/core/1", "squashfs", False), ("/run/user/1000", "tmpfs", False),
    ("/home", "ext4", True), ("/run/media/mari/X", "exfat", True),
])
def test_system_and_pseudo_file_systems_are_not_offered(root: str, fs: str,
                                                        offered: bool) -> None:
    assert drives._offered(root, fs, is_root=root == "/") is offered


def test_drive_text_and_sizes_per_language() -> None:
    stick = Drive("KINGSTON", Path("/media/mari/KINGSTON"), int(14.2 * 1024**3), "vfat",
                  removable=True, read_only=False, is_system=False)
    assert drive_text(stick) == ("KINGSTON (14.2 GB free, vfat, removable) — "
                                 "/media/mari/KINGSTON")
    set_language("et")
    assert drive_text(stick) == ("KINGSTON (14,2 GB vaba, vfat, eemaldatav) — "
                                 "/media/mari/KINGSTON")
    set_language("ru")
    assert size_text(262 * 1024**2) == "262 МБ"
    rows = dict(count_rows({"clients": 5, "visits": 7, "clients_fts_data": 99, "breaks": 2}))
    assert rows["Клиенты"] == 5 and rows["Прочие данные"] == 2


def test_picker_prefers_a_removable_drive_and_keeps_chosen_folders(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = [Drive("", Path("/"), 10**11, "ext4", False, False, True),
             Drive("STICK", Path("/media/mari/STICK"), 10**10, "vfat", True, False, False)]
    monkeypatch.setattr(destination, "list_drives", lambda: list(found))
    picker = DestinationPicker()
    qtbot.addWidget(picker)
    assert picker.destination() == Path("/media/mari/STICK")
    chosen: list[object] = []
    picker.changed.connect(chosen.append)
    monkeypatch.setattr(destination, "ask_folder", lambda _parent: str(tmp_path))
    picker.folder_button.click()
    assert picker.destination() == tmp_path and chosen == [tmp_path]
    assert picker.combo.count() == 3 and picker.combo.currentText().startswith("Folder ")
    found.pop()  # the stick was pulled: the folder stays chosen
    picker.refresh()
    assert picker.destination() == tmp_path and picker.combo.count() == 2
