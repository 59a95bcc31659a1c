"""The Sync page, offscreen: export to the outbox, import off the GUI thread, the delivery
folder, accepting an installation and reversing a conflict."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.sync import SyncPage
from strive_desktop.services import installation, rosters
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, keys, labels
from strive_desktop.sync.status import DELIVERY_KEY

from ...conftest import person, ship
from ..conftest import choose_files  # type: ignore[import-not-found]


def _read(qtbot, page: SyncPage) -> SyncPage:  # type: ignore[no-untyped-def]
    """Refresh the page as the main window does when it is shown; its lists come from the
    worker thread, "Reading…" shows meanwhile."""
    page.refresh()
    assert page.busy.isVisibleTo(page)
    qtbot.waitUntil(lambda: not page.busy.isVisibleTo(page), timeout=10000)
    return page


def _page(qtbot, store: Store) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(AppContext(store, "en"))
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    return _read(qtbot, page)


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
    qtbot.waitUntil(lambda: _cells(page.outbox)[0][4] == "copied to the delivery folder", timeout=10000)


def test_hq_accepts_imports_in_the_background_and_reverses_a_conflict(qtbot, store: Store, hq_store: Store,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path, monkeypatch) -> None:
    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path))
    pid = person(store, "Нурлан Өмүров")
    first = export.export_changes(store)
    page = _page(qtbot, hq_store)
    page.run_import([first.path])
    qtbot.waitUntil(lambda: "not been accepted" in page.results.toPlainText(), timeout=10000)
    qtbot.waitUntil(lambda: _cells(page.peers) != [], timeout=10000)  # read again after the import
    assert _cells(page.peers)[0][3] == "waiting for acceptance (1 package)"
    page.peers.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.accept_selected()
    qtbot.waitUntil(lambda: "1 added" in page.results.toPlainText(), timeout=10000)
    qtbot.waitUntil(lambda: _cells(page.peers)[0][3] == "accepted", timeout=10000)

    def edit(st: Store, notes: str) -> None:
        rosters.update_person(st, pid, dataclasses.replace(rosters.get_person(st, pid).to_input(), notes=notes))

    edit(hq_store, "штабдан")
    edit(store, "кеңседен")
    second = export.export_changes(store)
    page.run_import([second.path])
    qtbot.waitUntil(lambda: "1 conflicts" in page.results.toPlainText(), timeout=10000)
    qtbot.waitUntil(lambda: page.tabs.tabText(2) == "Conflicts (1)", timeout=10000)
    row = _cells(page.conflicts)[0]
    assert row[:3] == ["Нурлан Өмүров", "Notes", "штабдан"] and row[4] == "кеңседен"  # headquarters' edit kept
    page.conflicts.selectRow(0)
    page.reverse_selected()
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0, timeout=10000)
    assert page.tabs.tabText(2) == "Conflicts"
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
    from PySide6.QtWidgets import QInputDialog

    field, _hq = linked
    person(field, "Бермет Шамшиева")
    page = _page(qtbot, field)
    page.export(None)
    qtbot.waitUntil(lambda: ".strive: " in page.results.toPlainText(), timeout=10000)
    qtbot.waitUntil(lambda: page.pending_label.text() == "Everything has been exported.", timeout=10000)
    n = page.outbox.rowCount()
    usb = tmp_path / "usb"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("2-2", True))
    choose_files(monkeypatch, str(usb))
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

    from ...conftest import link, ship
    from ...sync.test_malicious_office import edit, forge, put, state

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


def _conflict_at_hq(field: Store, hq: Store) -> None:
    """Both offices change the same person's phone and notes; the field's package reaches HQ."""
    pid = person(field, "Айгүл Өмүрбекова", phone="0700111111")
    ship(field, hq)

    def edit(st: Store, phone: str, notes: str) -> None:
        inp = rosters.get_person(st, pid).to_input()
        rosters.update_person(st, pid, dataclasses.replace(inp, phone=phone, notes=notes))

    edit(hq, "0700222222", "штабдан")
    edit(field, "0700333333", "кеңседен")
    results = ship(field, hq)
    assert results[0].conflicts == 2, results[0]


def _rows(qtbot, store: Store, lang: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    page = SyncPage(AppContext(store, lang))
    qtbot.addWidget(page)
    _read(qtbot, page)
    t = page.conflicts
    rows = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    return {r[1]: r for r in rows}


def test_a_phone_conflict_shows_the_field_name_and_formatted_numbers(qtbot, linked) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    _conflict_at_hq(field, hq)
    rows = _rows(qtbot, hq, "en")
    assert set(rows) == {"Phone", "Notes"}
    assert rows["Phone"][0] == "Айгүл Өмүрбекова"
    assert {rows["Phone"][2], rows["Phone"][4]} == {"+996 700 33 33 33", "+996 700 22 22 22"}
    assert {rows["Notes"][2], rows["Notes"][4]} == {"кеңседен", "штабдан"}


@pytest.mark.parametrize(("lang", "phone", "notes"), [("ru", "Телефон", "Заметки"),
                                                      ("ky", "Телефон", "Эскертүүлөр")])


def test_the_field_names_are_in_the_interface_language(qtbot, linked, language, lang, phone, notes) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    _conflict_at_hq(field, hq)
    language(lang)
    if QCoreApplication.translate("strive", "Notes") == "Notes":
        pytest.skip("the translations of the field names are not in the .qm files yet")
    rows = _rows(qtbot, hq, lang)
    assert set(rows) == {phone, notes}
    assert "+996 700 22 22 22" in rows[phone]


def test_values_read_as_people_write_them() -> None:
    assert labels.value_text("people", "phone", "+996555068833") == "+996 555 06 88 33"
    assert labels.value_text("people", "consent_date", "2021-05-01", lang="ru") == "01.05.2021"
    assert labels.value_text("people", "consent_date", "2021-05-01", lang="ky") == "01.05.2021"
    assert labels.value_text("people", "consent_date", "2021-05-01") == "May 1, 2021"
    assert labels.value_text("people", "created_at", "2021-05-01T09:30:00", lang="ru") == "01.05.2021 09:30"
    assert labels.value_text("attendance", "present", True) == "yes"
    assert labels.value_text("attendance", "present", False) == "no"
    assert labels.value_text("people", "sector", "local_self_government") == "Local self-government"
    assert labels.value_text("local_plans", "status", "submitted") == "Submitted"
    assert labels.value_text("training_sessions", "hours", 6.0) == "6"
    assert labels.value_text("people", "notes", "2021-05-01 келди") == "2021-05-01 келди"
    assert labels.value_text("people", "notes", None) == ""
    fake = {"yes": "ооба", "Phone": "Телефон", "People": "Адамдар"}.get
    assert labels.value_text("attendance", "walk_in", True, lambda _c, s: fake(s, s)) == "ооба"
    assert labels.field_label("people", "phone", lambda _c, s: fake(s, s)) == "Телефон"
    assert labels.table_label("people", lambda _c, s: fake(s, s)) == "Адамдар"
    assert labels.table_label("people") == "People" and labels.table_label("new_table") == "new_table"


def test_every_synced_table_and_column_has_a_label() -> None:
    from strive_desktop.sync.merge import NOT_FIELDS, TABLES

    assert set(TABLES) <= set(labels.TABLE_LABELS)
    missing = {(t, c) for t, info in TABLES.items() for c in info.cols
               if c not in NOT_FIELDS and c not in labels.FIELD_LABELS}
    assert not missing


def test_no_delivery_folder_shows_nothing(qtbot, window):
    qtbot.wait(3500)
    assert window.delivery_status.isHidden()


def test_unreachable_delivery_folder_is_shown_soon_after_start(qtbot, store, tmp_path):
    from strive_desktop.gui.context import AppContext

    installation.set_setting(store, DELIVERY_KEY, str(tmp_path / "share-offline"))
    win = MainWindow(store.folder.root, AppContext(store, "en"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.delivery_status.isVisible(), timeout=10_000)
    assert "not reachable" in win.delivery_status.text()
    assert "0 packages waiting" in win.delivery_status.text()

    (tmp_path / "share-offline").mkdir()
    from strive_desktop.gui.pages.sync import delivery_watcher

    delivery_watcher(win.ctx).check()
    qtbot.waitUntil(lambda: "reached" in win.delivery_status.text(), timeout=10_000)
    assert win.delivery_status.toolTip() == str(tmp_path / "share-offline")


def _sync_page(qtbot, store: Store) -> SyncPage:  # type: ignore[no-untyped-def]
    return _page(qtbot, store)


def test_field_office_without_the_hq_key_is_told_why_export_is_greyed_out(
        qtbot, store: Store, hq_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _sync_page(qtbot, store)
    assert not page.export_button.isVisible() and not page.export_outbox_button.isVisible()
    assert page.key_hint.isVisible()
    assert page.key_hint_label.text().startswith("<b>This office cannot send to headquarters yet.</b>")
    assert page.key_hint_button.isVisible() and page.key_hint_button.isEnabled()

    key_file = keys.export_hq_key(hq_store, tmp_path)
    choose_files(monkeypatch, str(key_file))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    page.key_hint_button.click()

    assert shown and keys.load_identity(hq_store).fingerprint in shown[0]
    qtbot.waitUntil(lambda: not page.key_hint.isVisible(), timeout=10000)
    assert page.export_button.isVisible() and page.export_outbox_button.isVisible()
    assert page.export_button.isEnabled() and page.export_outbox_button.isEnabled()
    assert page.key_button.isVisible() and page.key_button.text() == "Replace the &headquarters key…"


def test_headquarters_never_sees_the_key_hint(qtbot, hq_store: Store) -> None:
    page = _sync_page(qtbot, hq_store)
    assert not page.key_hint.isVisible()
    assert page.export_button.isEnabled()


PHRASE = "correct horse battery"


def test_sync_page_inbox_says_where_packages_went(qtbot, linked: tuple[Store, Store]) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    person(field, "Айбек Сооронбаев")
    pkg = export.export_changes(field).path
    shutil.copy(pkg, hq.folder.inbox / pkg.name)
    page = SyncPage(AppContext(hq, "en"))
    qtbot.addWidget(page)
    page.import_inbox()
    qtbot.waitUntil(lambda: "moved to" in page.results.toPlainText(), timeout=10000)
    assert str(hq.folder.inbox / "imported") in page.results.toPlainText()


def test_back_up_keys_asks_twice_and_refuses_a_mismatch(qtbot, store: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:

    page = SyncPage(AppContext(store, "en"))
    qtbot.addWidget(page)
    assert page.backup_button.text() == "&Back up keys…"
    target = tmp_path / "keys.backup"
    choose_files(monkeypatch, str(target))
    answers = iter([(PHRASE, True), ("correct horse batery", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    page.backup_keys()
    assert not target.exists() and warned and "differ" in warned[0]
    answers = iter([(PHRASE, True), (PHRASE, True)])
    page.backup_keys()
    assert target.exists()
    assert "written" in page.results.toPlainText()


def test_the_page_is_read_once_on_first_show_off_the_gui_thread(qtbot, linked: tuple[Store, Store],  # type: ignore[no-untyped-def]
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from strive_desktop.gui.pages import sync as sync_page

    field, _hq = linked
    person(field, "Айгүл Ормонова")
    reads: list[str] = []
    real = sync_page.read_state

    def counted(store: Store, lang: str):  # type: ignore[no-untyped-def]
        reads.append(threading.current_thread().name)
        return real(store, lang)

    monkeypatch.setattr(sync_page, "read_state", counted)
    win = MainWindow(field.folder.root, AppContext(field, "en"))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.show()
    page = win.show_page("sync")
    assert isinstance(page, SyncPage)
    assert page.busy.isVisible() and page.busy.text() == "Reading…"
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=10000)
    assert "1 change not yet exported" in page.pending_label.text()
    assert _cells(page.outbox)[0][1] == "Bishkek HQ"  # the link package
    assert page.export_button.isEnabled() and page.import_button.isEnabled()
    assert len(reads) == 1 and reads[0] != threading.main_thread().name


def test_an_older_answer_never_replaces_a_newer_one(qtbot, linked: tuple[Store, Store],  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    field, _hq = linked
    page = _page(qtbot, field)
    assert page.pending_label.text() == "Everything has been exported."
    shown: list[str] = []
    monkeypatch.setattr(page, "show_state", lambda st: (shown.append(st.unexported), SyncPage.show_state(page, st)))
    page.refresh()  # its answer: nothing to send
    person(field, "Айгүл Ормонова")
    page.refresh()  # asked after the change: one change to send
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=10000)
    page.ctx.ops.wait_all()
    assert shown == [1]  # the first answer, out of date, was never shown
    assert "1 change not yet exported" in page.pending_label.text()


def test_import_results_and_gaps_are_shown_in_russian(qtbot, language, linked: tuple[Store, Store]) -> None:  # type: ignore[no-untyped-def]
    """An import's result lines (ImportResult.summary) and the Installations tab's gaps
    (PeerStatus.gap_texts) come from the sync layer as messages, shown in the interface language."""
    field, hq = linked
    person(field, "Жылдыз Садыкова")
    lost = export.export_changes(field)
    person(field, "Бактыгүл Осмонова")
    later = export.export_changes(field)
    language("ru")
    page = SyncPage(AppContext(hq, "ru"))
    qtbot.addWidget(page)
    page.show()
    _read(qtbot, page)
    page.run_import([later.path, later.path])
    qtbot.waitUntil(lambda: "уже импортирован" in page.results.toPlainText(), timeout=10000)
    assert page.results.toPlainText().splitlines() == [
        f"{later.path.name} от Nookat office: добавлено 1, обновлено 0, без изменений 0, конфликтов 0, "
        "отложено 0, ждут родительских записей 0.",
        f"{later.path.name}: уже импортирован, ничего не изменилось."]

    def gaps() -> list[str]:
        return [r[-1] for r in _cells(page.peers) if r[0] == "Nookat office"]

    qtbot.waitUntil(lambda: gaps() != [""], timeout=10000)  # read again after the import
    assert gaps() == [f"нет изменения {lost.first} от Nookat office"]
