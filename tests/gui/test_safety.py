"""Settings > Restore from a backup refuses another installation's database, in plain words."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.services import installation, maintenance, rosters
from strive_desktop.storage.seed import community_id


def test_restore_of_another_installations_backup_is_refused_in_the_window(
        qtbot, ctx, store, hq_store, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    rosters.add_person(store, rosters.PersonInput("Асанова Гүлнара", "f", "youth",
                                                  community_id("nookat"), 1990))
    own_id = installation.get_installation(store).id
    hq_backup = maintenance.backup(hq_store.folder, tmp_path / "hq.sqlite3", hq_store.cipher_key)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: warned.append(text))
    page.restart = lambda: pytest.fail("no restart after a refused restore")

    assert page.restore_from(hq_backup) is False

    assert warned and "another installation" in warned[0]
    assert "--other-installation" not in warned[0]  # no command-line advice in the window
    assert installation.get_installation(ctx.store).id == own_id
