"""The Trainings page on a maximised laptop window, 1366x705 (issue 16, problem 9): the list
uses the height (not 6 rows of 36) and the Phase column is whole, in Kyrgyz, Russian, English."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from strive_desktop.domain.enums import Phase
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.models.trainings import phase_label
from strive_desktop.services import trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def thirty_six(store: Store) -> Store:
    phases = list(Phase)
    for i in range(36):
        day = dt.date(2026, 1, 5) + dt.timedelta(days=7 * i)
        trainings.create_training(store, trainings.TrainingInput(
            NOOKAT, phases[i % len(phases)].value, f"Жергиликтүү алдын алуу планы {i + 1}", "Ноокат",
            sessions=[trainings.SessionInput(day, 5)]))
    return store


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_list_uses_the_height_and_phase_is_whole(qtbot, language, thirty_six, lang):
    language(lang)
    win = MainWindow(thirty_six.folder.root, AppContext(thirty_six, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 705)
    win.show()
    qtbot.waitExposed(win)
    page = win.show_page("trainings")
    for _ in range(5):
        QApplication.processEvents()
    table = page.table
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 9, rows
    # ...and the attendance sheet below keeps room for its rows.
    assert page.sheet_view.viewport().height() >= 4 * page.sheet_view.verticalHeader().defaultSectionSize()
    phase = page.list_model.columns.index("phase")
    widest = max(table.fontMetrics().horizontalAdvance(phase_label(p.value)) for p in Phase)
    assert table.columnWidth(phase) >= widest + 8
    title = page.list_model.columns.index("title")
    assert table.columnWidth(title) >= 0.2 * table.viewport().width()
