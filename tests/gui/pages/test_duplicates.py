"""Headquarters' review of people entered twice: side by side, Merge, Keep apart, Undo."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.duplicates import SamePeoplePage
from strive_desktop.services import rosters, stats
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
    page.undo_button.click()
    assert stats.summary(store).members == 8
    assert page.table.rowCount() == 2  # undone, and that pair is kept apart from now on
    page.table.selectRow(0)
    page.apart_button.click()
    assert page.table.rowCount() == 1
    assert ids


def test_the_page_is_for_headquarters_only(qtbot, hq_ctx, ctx) -> None:  # type: ignore[no-untyped-def]
    hq = MainWindow(hq_ctx.store.folder.root, hq_ctx)
    qtbot.addWidget(hq, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    assert "same_people" in [s.key for s in hq.specs]
    field = MainWindow(ctx.store.folder.root, ctx)
    qtbot.addWidget(field, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    assert "same_people" not in [s.key for s in field.specs]
