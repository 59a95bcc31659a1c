"""The Sync page, offscreen: export to the outbox, import off the GUI thread, the delivery
folder, accepting an installation and reversing a conflict."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages.sync import SyncPage
from strive_desktop.services import rosters
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, keys

from .conftest import person


def _page(qtbot, store: Store) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(AppContext(store, "en"))
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    return page


def _cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_field_exports_to_the_outbox_and_the_delivery_folder(qtbot, linked: tuple[Store, Store],  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    field, _hq = linked
    person(field, "Айгүл Ормонова")
    page = _page(qtbot, field)
    qtbot.waitUntil(lambda: "No delivery folder" in page.delivery_state.text(), timeout=10000)
    assert "1 change not yet exported" in page.pending_label.text()
    assert keys.load_identity(field).fingerprint in page.identity.text()
    page.export(None)  # written in a worker thread: the window does not wait for it
    assert "1 change not yet exported" in page.pending_label.text()  # back before the package is done
    qtbot.waitUntil(lambda: page.pending_label.text() == "Everything has been exported.", timeout=10000)
    rows = _cells(page.outbox)
    assert rows[0][1] == "Bishkek HQ" and rows[0][4] == "in the outbox"
    share = tmp_path / "share"
    share.mkdir()
    page.delivery_edit.setText(str(share))
    page._delivery_edited()
    qtbot.waitUntil(lambda: "Reachable" in page.delivery_state.text(), timeout=10000)
    assert len(list(share.glob("*.strive"))) == 2  # the link package and the new one
    assert _cells(page.outbox)[0][4] == "copied to the delivery folder"


def test_hq_accepts_imports_in_the_background_and_reverses_a_conflict(qtbot, store: Store, hq_store: Store,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path, monkeypatch) -> None:
    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path))
    pid = person(store, "Нурлан Өмүров")
    first = export.export_changes(store)
    page = _page(qtbot, hq_store)
    page.run_import([first.path])
    qtbot.waitUntil(lambda: "not been accepted" in page.results.toPlainText(), timeout=10000)
    assert _cells(page.peers)[0][3] == "waiting for acceptance (1 package)"
    page.peers.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.accept_selected()
    qtbot.waitUntil(lambda: "1 added" in page.results.toPlainText(), timeout=10000)
    assert _cells(page.peers)[0][3] == "accepted"

    def edit(st: Store, notes: str) -> None:
        rosters.update_person(st, pid, dataclasses.replace(rosters.get_person(st, pid).to_input(), notes=notes))

    edit(hq_store, "штабдан")
    edit(store, "кеңседен")
    second = export.export_changes(store)
    page.run_import([second.path])
    qtbot.waitUntil(lambda: "1 conflicts" in page.results.toPlainText(), timeout=10000)
    assert page.tabs.tabText(2) == "Conflicts (1)"
    row = _cells(page.conflicts)[0]
    assert row[:3] == ["Нурлан Өмүров", "Notes", "штабдан"] and row[4] == "кеңседен"  # headquarters' edit kept
    page.conflicts.selectRow(0)
    page.reverse_selected()
    assert page.conflicts.rowCount() == 0
    assert rosters.get_person(hq_store, pid).notes == "кеңседен"


def test_a_damaged_file_shows_a_clear_reason(qtbot, linked: tuple[Store, Store], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _field, hq = linked
    bad = tmp_path / "photo.strive"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a package")
    page = _page(qtbot, hq)
    page.run_import([bad])
    qtbot.waitUntil(lambda: bool(page.results.toPlainText()), timeout=10000)
    assert page.results.toPlainText() == "photo.strive is not a STRIVE sync package."


@pytest.fixture(autouse=True)
def _no_timer_surprises(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("strive_desktop.gui.pages.sync.DELIVERY_CHECK_MS", 3_600_000)


def test_field_re_exports_a_range_headquarters_reports_missing(qtbot, linked: tuple[Store, Store],  # type: ignore[no-untyped-def]
                                                               tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    field, _hq = linked
    person(field, "Бермет Шамшиева")
    page = _page(qtbot, field)
    page.export(None)
    qtbot.waitUntil(lambda: ".strive: " in page.results.toPlainText(), timeout=10000)
    n = page.outbox.rowCount()
    usb = tmp_path / "usb"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("2-2", True))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    page.reexport()
    qtbot.waitUntil(lambda: page.outbox.rowCount() == n + 1, timeout=10000)
    assert _cells(page.outbox)[0][2] == "2–2"
    assert len(list(usb.glob("*-000002-000002*.strive"))) == 1
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("70-51", True))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    page.reexport()
    assert shown == ["A range is two change numbers like 51-70, not 70-51."]
    assert page.tabs.tabText(3) == "Set aside"


def test_set_aside_records_of_a_forging_office_show_their_reason_in_kyrgyz(  # type: ignore[no-untyped-def]
        qtbot, language, store: Store, hq_store: Store, kochkor_store: Store, tmp_path: Path) -> None:
    from strive_desktop.services import installation

    from .conftest import link, ship
    from .test_malicious_office import edit, forge, put, state

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    link(store, hq_store, tmp_path / "a")
    link(kochkor_store, hq_store, tmp_path / "b")
    victim = person(store, "Айгүл Ормонова")
    ship(store, hq_store)
    kochkor = keys.load_identity(kochkor_store).installation_id
    n = installation.get_installation(kochkor_store).counter + 1
    rec = edit(state(hq_store, "people", victim), victim, kochkor, n, {"full_name": "Жасалма Ат"})
    res = put(hq_store, forge(kochkor_store, hq_store, {"people": [rec]}), tmp_path)
    assert res.set_aside == 1
    language("ky")
    page = _page(qtbot, hq_store)
    page.resize(1366, 768)
    page.tabs.setCurrentIndex(page.aside_tab)
    qtbot.waitUntil(lambda: page.aside.rowCount() == 1, timeout=10000)
    assert _cells(page.aside)[0][-1] == "ал жөнөтүүчүнүкү эмес, башка жамаатка таандык"
    assert rosters.get_person(hq_store, victim).full_name == "Айгүл Ормонова"
    assert page.grab().save(str(tmp_path / "sync-aside-ky.png"))
