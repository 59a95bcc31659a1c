"""The plan editor at 1366x705 (a maximised laptop window): messages do not move the layout,
dates accept typing, Tab skips the read-only Total, autosave is prompt (issue 16: 1, 4, 5, 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.models.activities import COLUMNS
from strive_desktop.services import plans
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def _type(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def plan_id(store: Store) -> str:
    acts = [plans.ActivityInput("Мектептерде маалымат сааттары", "Жаштар иштери боюнча адис", "Мектептер",
                                dt.date(2027, 2, 1), dt.date(2027, 3, 28), 20000, 5000, 0)]
    draft = plans.PlanDraft("Ноокат: жергиликтүү план 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            context="Жаштардын жумушсуздугу.", objectives="1. Маалымдуулук.", activities=acts)
    return plans.create_plan(store, NOOKAT, draft)


def _window(qtbot, store: Store, lang: str) -> MainWindow:
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 705)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)  # focus changes are seen
    return win


def _top(w: QWidget, win: QWidget) -> int:
    return w.mapTo(win, QPoint(0, 0)).y()


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_a_message_does_not_move_the_editor(qtbot, language, store, plan_id, lang):
    language(lang)
    win = _window(qtbot, store, lang)
    page = win.show_page("plans")
    page.autosave.setInterval(60000)
    QApplication.processEvents()
    watched = [page.tabs, page.section_edits["context"], page.section_edits["objectives"]]
    before = [(_top(w, win), w.height()) for w in watched]
    page.end_edit.setDate(QDate(2026, 6, 30))  # before the start: the period's message appears
    page.title_edit.setText("")
    page._edited()
    QApplication.processEvents()
    assert page.period_error.isVisible() and page.title_error.isVisible()
    assert page.save_state.text()
    after = [(_top(w, win), w.height()) for w in watched]
    assert after == before
    # The message is whole: its line fits in the label.
    for label in (page.period_error, page.title_error):
        fm = label.fontMetrics()
        assert label.height() >= fm.height()
        assert label.width() >= fm.horizontalAdvance(label.text())
    # A failed autosave says so without widening the state and wrapping the toolbar.
    page._save(interactive=False)
    QApplication.processEvents()
    assert page.save_state.text().startswith(page.tr("Not saved"))
    assert [(_top(w, win), w.height()) for w in watched] == before
    page._dirty = False


def test_an_activity_after_the_plan_period_is_refused_with_a_message(qtbot, store, plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.tabs.setCurrentIndex(1)
    end = page.model.index(0, COLUMNS.index("end"))
    assert page.model.setData(end, "30.06.2029")
    assert page.activity_errors.isVisible()
    assert page.activity_errors.text() == "Activity 1 ends after the plan period."
    assert page.model.data(end, Qt.ItemDataRole.BackgroundRole) is not None
    assert plans.get_plan(store, plan_id).draft.activities[0].end == dt.date(2027, 3, 28)
    page._dirty = False


# -- 4. dates accept typing -------------------------------------------------------------------------

def test_typing_a_year_into_the_new_plan_start_date_sets_the_year(qtbot, ctx):
    dlg = NewPlanDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.start.setDate(QDate(2026, 1, 1))
    dlg.start.setFocus()
    dlg.start.setCurrentSection(dlg.start.Section.DaySection)  # where Tab puts the cursor
    qtbot.keyClicks(dlg.start, "2027")
    assert dlg.start.date() == QDate(2027, 1, 1)
    dlg.end.setFocus()
    dlg.end.setDate(QDate(2026, 12, 31))
    dlg.end.setCurrentSection(dlg.end.Section.MonthSection)
    qtbot.keyClicks(dlg.end, "2027")
    assert dlg.end.date() == QDate(2027, 12, 31)


def test_a_whole_date_typed_with_dots_is_taken(qtbot, ctx):
    dlg = NewPlanDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.start.setFocus()
    dlg.start.setSelectedSection(dlg.start.Section.DaySection)  # as Tab leaves it
    qtbot.keyClicks(dlg.start, "15.03.2028")
    assert dlg.start.date() == QDate(2028, 3, 15)


def test_typing_a_year_into_the_plan_period_sets_it(qtbot, store, plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.end_edit.setFocus()
    page.end_edit.setCurrentSection(page.end_edit.Section.DaySection)
    qtbot.keyClicks(page.end_edit, "2028")
    assert page.end_edit.date() == QDate(2028, 12, 31)
    assert page.has_unsaved()
    page._dirty = False


# -- 5. Tab skips the read-only Total ---------------------------------------------------------------

def _open(page, row: int, column: str) -> QWidget:
    index = page.model.index(row, COLUMNS.index(column))
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert editor is not None
    return editor


def test_tab_from_the_last_budget_goes_past_the_total_and_keeps_what_is_typed(qtbot, store, plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.tabs.setCurrentIndex(1)
    editor = _open(page, 0, "budget_other")
    editor.selectAll()
    _type(editor, "1 500")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == COLUMNS.index("indicator"), timeout=2000)
    indicator = page.table.currentIndex()
    qtbot.waitUntil(lambda: page.table.indexWidget(indicator) is not None, timeout=2000)
    nxt = page.table.indexWidget(indicator)
    _type(nxt, "Катышуучулардын саны")
    qtbot.keyClick(nxt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.activity(0).indicator == "Катышуучулардын саны", timeout=2000)
    assert page.model.activity(0).budget_other == 1500
    # And back: Shift+Tab from the indicator goes to Other, not to the Total.
    editor = _open(page, 0, "indicator")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == COLUMNS.index("budget_other"), timeout=2000)
    page._dirty = False


# -- 13. autosave is prompt ------------------------------------------------------------------------

def test_a_pause_of_a_second_saves(qtbot, store, plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    assert page.autosave.interval() <= 1000
    edit = page.section_edits["context"]
    edit.setFocus()
    edit.selectAll()
    _type(edit, "Чек ара аймагы")
    assert page.has_unsaved()
    qtbot.waitUntil(lambda: not page.has_unsaved(), timeout=1500)
    assert plans.get_plan(store, plan_id).draft.context == "Чек ара аймагы"


def test_leaving_the_editor_saves_at_once(qtbot, store, plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.autosave.setInterval(60000)  # only the focus change may save
    edit = page.section_edits["objectives"]
    edit.setFocus()
    edit.selectAll()
    _type(edit, "2. Аялдардын катышуусу.")
    page.list.setFocus()  # the list of plans, outside the editor
    assert not page.has_unsaved()
    assert plans.get_plan(store, plan_id).draft.objectives == "2. Аялдардын катышуусу."
    # Moving between the editor's own fields waits for the pause.
    edit.setFocus()
    _type(edit, " 3.")
    page.section_edits["context"].setFocus()
    assert page.has_unsaved()
    page._dirty = False
