"""Headquarters writes an office's recovery file from the Sync page's installations list and
sees its one-time code once (gui/dialogs/recovery.py, docs/recovery.md)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages.sync import SyncPage
from strive_desktop.services import installation
from strive_desktop.storage.db import Store
from strive_desktop.storage.recovery import open_recovery_file, read_recovery_file

from ..conftest import choose_files  # type: ignore[import-not-found]


def _page(qtbot, store: Store) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(AppContext(store, "en"))
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    page.refresh()
    page.wait_for_state()  # the lists, read on the worker thread, are shown
    return page


def test_hq_writes_the_recovery_file_of_the_selected_office(qtbot, linked: tuple[Store, Store], tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    office, hq = linked
    office_id = installation.get_installation(office).id
    assert _page(qtbot, office).recovery_button.isHidden()  # a field office writes none
    page = _page(qtbot, hq)
    assert not page.recovery_button.isHidden() and page.recovery_button.isEnabled()
    target = tmp_path / "nookat.striverecovery"
    choose_files(monkeypatch, target)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0)
    page.peers.selectRow(0)
    page.recovery_file_selected()
    assert len(shown) == 1
    text, code = shown[0]
    assert "Nookat office" in text and str(target) in text and "by phone only" in text
    rf = read_recovery_file(target.read_bytes())
    assert rf.installation_id == office_id and json.loads(target.read_text("utf-8"))["name"] == "Nookat office"
    assert open_recovery_file(rf, code) == office.key
    assert code not in target.read_text("utf-8")
