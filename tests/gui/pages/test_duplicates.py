"""Headquarters' review of people entered twice: side by side, Merge, Keep apart, Undo."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.duplicates import SamePeoplePage
from strive_desktop.services import people_merge, rosters, stats
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def _two_offices(store) -> dict[str, str]:  # type: ignore[no-untyped-def]
    g1 = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")
    g2 = rosters.create_group(store, KOCHKOR, "Кочкор консультативдик тобу")
    ids = {}
    for name, sex, year, cid, gid, phone in (
            ("Асанов Айбек", "m", 1985, NOOKAT, g1, "0700112233"), ("Aibek Asanov", "m", 1985, KOCHKOR, g2, None),
            ("Токтогулова Жылдыз", "f", 1990, NOOKAT, g1, None), ("Jyldyz Toktogulova", "f", 1990, KOCHKOR, g2, None),
            ("Үсөн Мамытов", "m", 1979, NOOKAT, g1, None), ("Усен Мамытов", "m", 1979, KOCHKOR, g2, None),
            ("Чолпон Исакова", "f", 1995, NOOKAT, g1, None), ("Шолпон Исакова", "f", 1995, KOCHKOR, g2, None)):
        res = rosters.add_person(store, rosters.PersonInput(name, sex, "youth", cid, year, phone=phone),
                                 group_id=gid, allow_duplicate=True)
        ids[name] = res.person_id
    return ids


def test_review_merge_keep_apart_and_undo(qtbot, hq_ctx, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = hq_ctx.store
    ids = _two_offices(store)
    page = SamePeoplePage(hq_ctx)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: not page.searching, timeout=20000)
    assert page.table.rowCount() == 3  # Чолпон / Шолпон are two women
    names = {page.table.item(r, 1).text().split(",")[0] for r in range(3)} | \
        {page.table.item(r, 2).text().split(",")[0] for r in range(3)}
    assert "Чолпон Исакова" not in names and "Шолпон Исакова" not in names
    page.table.selectRow(0)
    pair = page.selected()
    assert pair is not None
    column = {page.compare.item(r, 0).text() for r in range(7)} | {page.compare.item(r, 1).text() for r in range(7)}
    assert {"Nookat", "Kochkor", "Ноокат консультативдик тобу", "Кочкор консультативдик тобу"} <= column
    assert page.why.text().startswith("Why: ")
    page.resize(1366, 768)
    page.show()
    assert page.grab().save(str(tmp_path / "same_people_review.png"))  # docs/screenshots/same-people-review.png is a copy

    assert stats.summary(store).members == 8
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.keep_a.setChecked(True)
    page.merge_button.click()
    assert stats.summary(store).members == 7
    assert page.table.rowCount() == 2 and page.undo_button.isEnabled()
    qtbot.waitUntil(lambda: not page.searching, timeout=20000)
    assert page.table.rowCount() == 2
    page.undo_button.click()
    assert stats.summary(store).members == 8
    qtbot.waitUntil(lambda: not page.searching, timeout=20000)
    assert page.table.rowCount() == 2  # undone, and that pair is kept apart from now on
    page.table.selectRow(0)
    page.apart_button.click()
    assert page.table.rowCount() == 1  # at once
    qtbot.waitUntil(lambda: not page.searching, timeout=20000)
    assert page.table.rowCount() == 1
    assert ids


def test_the_page_is_for_headquarters_only(qtbot, hq_ctx, ctx) -> None:  # type: ignore[no-untyped-def]
    hq = MainWindow(hq_ctx.store.folder.root, hq_ctx)
    qtbot.addWidget(hq, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    assert "same_people" in [s.key for s in hq.specs]
    field = MainWindow(ctx.store.folder.root, ctx)
    qtbot.addWidget(field, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    assert "same_people" not in [s.key for s in field.specs]


def _record_threads(monkeypatch) -> list[threading.Thread]:  # type: ignore[no-untyped-def]
    threads: list[threading.Thread] = []
    search = people_merge.review_pairs

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return search(*args, **kwargs)

    monkeypatch.setattr(people_merge, "review_pairs", recorded)
    return threads


def test_the_search_runs_off_the_gui_thread_and_merge_updates_the_lists(
        qtbot, hq_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ids = _two_offices(hq_ctx.store)
    threads = _record_threads(monkeypatch)
    win = MainWindow(hq_ctx.store.folder.root, hq_ctx)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    page = win.show_page("same_people")
    assert isinstance(page, SamePeoplePage)
    # Opening the page does not search on the GUI thread: it says it is looking, Merge waits.
    assert page.searching and not page.merge_button.isEnabled()
    assert page.stack.currentWidget() is page.empty and page.empty.text() == "Looking for the same people…"
    qtbot.waitUntil(lambda: not page.searching, timeout=20000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert page.table.rowCount() == 3 and page.merge_button.isEnabled()
    assert not page.busy.isVisibleTo(page)

    pair = page.selected()
    assert pair is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.keep_a.setChecked(True)
    page.merge_button.click()
    shown = {(page.pairs[r].a.id, page.pairs[r].b.id) for r in range(page.table.rowCount())}
    assert (pair.a.id, pair.b.id) not in shown and page.table.rowCount() == 2  # gone at once
    assert page.searching and not page.merge_button.isEnabled()  # the full list follows
    assert page.busy.isVisibleTo(page) and page.busy.text() == "Looking for the same people…"
    qtbot.waitUntil(lambda: not page.searching, timeout=20000)
    assert page.table.rowCount() == 2
    assert all(t is not threading.main_thread() for t in threads)

    people = win.show_page("people")
    qtbot.waitUntil(lambda: not people.loading, timeout=20000)  # type: ignore[union-attr]
    listed = {people.model.id_at(r) for r in range(people.model.rowCount())}  # type: ignore[union-attr]
    assert pair.b.id not in listed and pair.a.id in listed
    assert len(listed) == 7 and set(ids.values()) - {pair.b.id} == listed


def test_requests_during_a_search_are_coalesced_and_the_newest_wins(
        qtbot, hq_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _two_offices(hq_ctx.store)
    gate = threading.Event()
    started: list[int] = []
    search = people_merge.review_pairs

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(1)
        gate.wait(10)
        return search(*args, **kwargs)

    monkeypatch.setattr(people_merge, "review_pairs", slow)
    page = SamePeoplePage(hq_ctx)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: len(started) == 1)
    page.refresh()
    page.refresh()  # both wait for the running search, then one more search runs
    gate.set()
    qtbot.waitUntil(lambda: not page.searching, timeout=20000)
    assert len(started) == 2
    assert page.table.rowCount() == 3


def test_closing_the_window_while_it_searches_neither_crashes_nor_warns(
        qtbot, hq_ctx, monkeypatch, recwarn, caplog) -> None:  # type: ignore[no-untyped-def]
    _two_offices(hq_ctx.store)
    gate = threading.Event()
    search = people_merge.review_pairs
    running: list[threading.Thread] = []

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        running.append(threading.current_thread())
        gate.wait(10)
        return search(*args, **kwargs)

    monkeypatch.setattr(people_merge, "review_pairs", slow)
    win = MainWindow(hq_ctx.store.folder.root, hq_ctx)
    win._closing_ok = True
    win.show()
    page = win.show_page("same_people")
    qtbot.waitUntil(lambda: bool(running))
    assert isinstance(page, SamePeoplePage) and page.searching
    win.close()
    win.deleteLater()
    qtbot.wait(50)
    gate.set()
    running[0].join(10)
    qtbot.wait(100)  # the late result reaches no page
    assert not running[0].is_alive()
    assert not [w for w in recwarn if "thread" in str(w.message).lower()]
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR", "CRITICAL")]
