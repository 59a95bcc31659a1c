"""Tests of fair_columns."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.gui.context import AppContext
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
# -- numbers in service messages ----------------------------------------------------------------
@pytest.fixture
def half_attended(store) -> str:  # type: ignore[no-untyped-def]
    """Two members, one session of 6 hours; one present, one absent (the rule asks for 4.8 h)."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    ids = rosters.bulk_add_people(store, [
        rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT, 1980),
        rosters.PersonInput("Ташиев Эрлан", "m", "youth", NOOKAT, 1999),
    ], group_id=gid)
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Зордук-зомбулук экстремизминин негиздери", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    session = trainings.get_training(store, tid).sessions[0]
    trainings.record_bulk(store, [(session.id, pid, i == 0) for i, pid in enumerate(ids)])
    return tid
# -- list columns at the minimum window width ----------------------------------------------------
def _main_window(qtbot, ctx: AppContext, width: int):  # type: ignore[no-untyped-def]
    from strive_desktop.gui.main_window import MainWindow

    win = MainWindow(ctx.store.folder.root, ctx)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(width, 600 if width < 1366 else 768)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_titles_keep_a_fair_share_at_the_minimum_width(tmp_path, qtbot, store, half_attended, language, lang) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from strive_desktop.gui.models.trainings import phase_label
    from strive_desktop.services import plans

    plans.create_plan(store, NOOKAT, plans.PlanDraft(
        "Ноокат айыл өкмөтүнүн зордук-зомбулук экстремизминин алдын алуу планы",
        dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    language(lang)
    win = _main_window(qtbot, AppContext(store, lang), 960)
    page = win.show_page("trainings")
    page.wait_for_list()  # the first opening reads on the window's worker
    qtbot.wait(30)
    t, m = page.table, page.list_model
    title, phase = m.columns.index("title"), m.columns.index("phase")
    avail = t.viewport().width()
    assert t.columnWidth(title) >= 0.3 * avail
    assert t.columnWidth(title) >= t.columnWidth(phase)
    # the phase, cut short, is shown whole when the mouse rests on it
    full = phase_label("basics_ve")
    if t.fontMetrics().horizontalAdvance(full) + 12 > t.columnWidth(phase):
        rect = t.visualRect(m.index(0, phase))
        pos = rect.center()
        QApplication.sendEvent(t.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, t.viewport().mapToGlobal(pos)))
        assert QToolTip.text() == full
        QToolTip.hideText()
    win.grab().save(str(tmp_path / f"trainings-960-{lang}.png"))

    page = win.show_page("plans")
    qtbot.wait(30)
    lst = page.list
    # Title the widest column (it showed "Но…" with every other column at its header's width)
    assert lst.columnWidth(0) >= 0.25 * lst.viewport().width()
    assert lst.columnWidth(0) >= 180
    assert lst.columnWidth(0) > max(lst.columnWidth(c) for c in range(1, lst.columnCount()))
    assert lst.horizontalScrollBar().maximum() == 0
    assert lst.horizontalHeaderItem(5 if lst.columnCount() == 8 else 6).toolTip()
    win.grab().save(str(tmp_path / f"plans-960-{lang}.png"))


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_lists_at_1366_keep_their_measured_widths(qtbot, store, half_attended, language, lang) -> None:  # type: ignore[no-untyped-def]
    from strive_desktop.gui.models.trainings import phase_label

    language(lang)
    win = _main_window(qtbot, AppContext(store, lang), 1366)
    page = win.show_page("trainings")
    page.wait_for_list()  # the first opening reads on the window's worker
    qtbot.wait(30)
    t, m = page.table, page.list_model
    phase = m.columns.index("phase")
    fm = t.fontMetrics()
    from strive_desktop.domain.enums import Phase

    assert all(fm.horizontalAdvance(phase_label(p.value)) + 12 <= t.columnWidth(phase) for p in Phase)
