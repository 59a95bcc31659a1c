"""Settings' backup and restore on an encrypted data folder (gui/pages/settings.py with
services/backups.py), and the automatic backups at start and on close (gui/app.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.app import close_backup
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow, start_auto_backup
from strive_desktop.services import accounts, backups, installation, rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.vault import Vault

PW = "first-pass-1"
NOOKAT = community_id("nookat")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    folder = DataFolder(tmp_path / "office").ensure()
    key = Vault(folder).create("Aida", PW)
    st = open_store(folder.root, key=key, account="Aida")
    installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Aida")
    yield st
    st.close()


def _person(store: Store, name: str) -> None:
    rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="youth", community_id=NOOKAT),
                       allow_duplicate=True)


def _names(store: Store) -> set[str]:
    return set(load_people_index(store).full_names)


def test_back_up_and_restore_an_encrypted_folder_from_settings(qtbot, office: Store, tmp_path: Path,
                                                                monkeypatch) -> None:
    win = MainWindow(office.folder.root, AppContext(office, "en"))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    assert accounts.current(office) is not None  # the window logged the account in
    page = win.show_page("settings")
    _person(office, "Асанова Гүлнара")
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    out = tmp_path / "usb" / "копия.strivebak"
    out.parent.mkdir()
    page.backup_to(out)
    qtbot.waitUntil(lambda: "Backup written" in page.backup_label.text(), timeout=20_000)
    assert backups.is_backup_file(out) and "Асанова".encode() not in out.read_bytes()
    _person(office, "Өмүров Бакыт")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    page.restart = lambda: pytest.fail("no restart after a refused restore")
    assert page.restore_from(out, password="not-it") is False
    assert warned == ["Wrong name or password."]
    assert "Өмүров Бакыт" in _names(page.ctx.store)  # reopened, nothing lost
    restarted: list[bool] = []
    page.restart = lambda: restarted.append(True)
    assert page.restore_from(out, password=PW) is True and restarted == [True]
    folder = DataFolder(office.folder.root)
    with open_store(folder.root, key=Vault(folder).unlock("Aida", PW), account="Aida") as again:
        assert "Асанова Гүлнара" in _names(again) and "Өмүров Бакыт" not in _names(again)


def test_the_days_backup_at_start_and_none_more_on_close(qtbot, office: Store) -> None:
    accounts.login(office, "Aida")
    start_auto_backup(office)
    for t in threading.enumerate():
        if t.name == "strive-backup":
            t.join(30)
    made = backups.automatic_backups(office.folder)
    assert len(made) == 1
    backups.verify(made[0].path, office.key)
    close_backup(office)  # on close the same day: none more
    assert len(backups.automatic_backups(office.folder)) == 1
    made[0].path.unlink()
    close_backup(office)  # none today yet (e.g. the start's failed): one on close
    assert len(backups.automatic_backups(office.folder)) == 1
