"""Every column of the Trainings list readable at 1366x705 in ky/ru/en, at headquarters with
"All communities" and in an office (issue 16, problem 9: in Kyrgyz at headquarters the Phase
column was cut, 277 of 344 px). Only the free-text Title may be elided (whole in a tooltip)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from strive_desktop.domain.enums import Phase
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.models.trainings import phase_label
from strive_desktop.services import installation, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

PLACES = ("nookat", "bazar-korgon", "kara-buura")


def _fill(store: Store, places: tuple[str, ...]) -> None:
    known = {c.id for c in installation.list_communities(store)}
    phases = list(Phase)
    for i in range(12):
        cid = community_id(places[i % len(places)])
        assert cid in known
        day = dt.date(2026, 1, 5) + dt.timedelta(days=9 * i)
        trainings.create_training(store, trainings.TrainingInput(
            cid, phases[i % len(phases)].value, f"Жергиликтүү алдын алуу планын иштеп чыгуу боюнча семинар {i + 1}",
            "Айыл өкмөтү", sessions=[trainings.SessionInput(day, 4), trainings.SessionInput(day + dt.timedelta(1), 4)]))


def _columns_read_whole(qtbot, store: Store, lang: str, hq: bool) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 705)
    win.show()
    qtbot.waitExposed(win)
    if hq:
        win.community_combo.setCurrentIndex(0)  # All communities
    page = win.show_page("trainings")
    page.wait_for_list()  # the first opening reads on the window's worker
    for _ in range(5):
        QApplication.processEvents()
    table, m = page.table, page.list_model
    assert ("community" in m.columns) is hq
    cells, head = table.fontMetrics(), table.horizontalHeader().fontMetrics()
    assert table.viewport().width() + table.verticalHeader().width() <= 1366
    for c, name in enumerate(m.columns):
        width = table.columnWidth(c)
        header = str(m.headerData(c, Qt.Orientation.Horizontal))
        assert head.horizontalAdvance(header) + 12 <= width, (lang, name, header, width)
        if name == "title":  # free text: elided, whole in a tooltip; it keeps a readable width
            assert width >= 160
            continue
        texts = [str(m.index(r, c).data()) for r in range(m.rowCount())]
        if name == "phase":  # every phase, not only those listed now: the column does not jump
            texts += [phase_label(p.value) for p in Phase]
        for text in texts:
            assert cells.horizontalAdvance(text) + 12 <= width, (lang, name, text, width)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_every_column_is_readable_at_headquarters_with_all_communities(qtbot, language, hq_store, lang):
    language(lang)
    _fill(hq_store, PLACES)
    _columns_read_whole(qtbot, hq_store, lang, hq=True)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_every_column_is_readable_in_an_office(qtbot, language, store, lang):
    language(lang)
    _fill(store, ("nookat",))
    _columns_read_whole(qtbot, store, lang, hq=False)
