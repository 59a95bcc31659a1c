"""The plan editor's autosave on a worker thread (gui/ops submit): what is typed is saved, in
order, without duplicate rows, and closing right after typing keeps it."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.services import plans
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def plan_id(store: Store) -> str:
    draft = plans.PlanDraft("Ноокат 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            context="Жаштардын жумушсуздугу.", objectives="1. Маалымдуулук.",
                            activities=[plans.ActivityInput("Маалымат сааттары", "Жаштар иштери боюнча адис",
                                                            "Мектептер", dt.date(2027, 2, 1),
                                                            dt.date(2027, 3, 28), 20000, 5000, 0)])
    return plans.create_plan(store, NOOKAT, draft)


@pytest.fixture
def page(qtbot, ctx: AppContext, plan_id: str) -> PlansPage:
    p = PlansPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    p.autosave.setInterval(60000)  # the tests fire the autosave themselves
    return p


def _type(widget: QWidget, text: str) -> None:
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def _end(widget) -> None:  # noqa: ANN001
    widget.moveCursor(widget.textCursor().MoveOperation.End)


def test_the_autosave_runs_off_the_gui_thread_and_says_saved(qtbot, page: PlansPage, plan_id, store,
                                                               monkeypatch):
    threads: list[threading.Thread] = []
    save = plans.save_draft

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread())
        return save(*args, **kwargs)

    monkeypatch.setattr(plans, "save_draft", spy)
    edit = page.section_edits["context"]
    _end(edit)
    _type(edit, " Чек ара аймагы.")
    assert page.save_state.text() == "Unsaved changes"
    page.autosave.timeout.emit()  # the pause in typing
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved"), timeout=10000)
    assert threads and threads[0] is not threading.main_thread()
    assert plans.get_plan(store, plan_id).draft.context == "Жаштардын жумушсуздугу. Чек ара аймагы."
    assert not page.has_unsaved()


def test_typing_during_a_save_is_saved_after_it(qtbot, page: PlansPage, plan_id, store):
    edit = page.section_edits["objectives"]
    _end(edit)
    _type(edit, "\n2. Аялдар.")
    page.autosave.timeout.emit()  # first save running...
    _type(edit, "\n3. Жаштар.")
    page.autosave.timeout.emit()  # ...the second waits for it
    qtbot.waitUntil(lambda: not page.has_unsaved() and page.save_state.text().startswith("Saved"),
                    timeout=10000)
    assert plans.get_plan(store, plan_id).draft.objectives == "1. Маалымдуулук.\n2. Аялдар.\n3. Жаштар."


def test_a_new_row_saved_twice_in_a_row_is_added_once(qtbot, page: PlansPage, plan_id, store):
    page.tabs.setCurrentIndex(1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.add_activity()
    editor = page.table.indexWidget(page.model.index(1, 0))
    _type(editor, "Ата-энелер үчүн тренинг")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    page.autosave.timeout.emit()
    page.section_edits["context"].setPlainText("Жаңы талдоо.")
    page.autosave.timeout.emit()  # before the first save has given the row its id back
    qtbot.waitUntil(lambda: not page.has_unsaved(), timeout=10000)
    saved = plans.get_plan(store, plan_id).draft
    assert [a.title for a in saved.activities] == ["Маалымат сааттары", "Ата-энелер үчүн тренинг"]
    assert saved.context == "Жаңы талдоо."


def test_closing_the_window_right_after_the_autosave_keeps_the_text(qtbot, window, plan_id, store):
    window.show_page("plans")
    page = window.pages["plans"]
    page.autosave.setInterval(60000)
    edit = page.section_edits["vulnerable_groups"]
    _type(edit, "Жумушсуз жаштар")
    page.autosave.timeout.emit()  # the save is on its way when the window is closed
    assert window.close()  # no question: nothing is left unsaved once the save is in
    assert plans.get_plan(store, plan_id).draft.vulnerable_groups == "Жумушсуз жаштар"


def test_a_refused_background_save_keeps_the_text_and_says_why(qtbot, page: PlansPage, plan_id, store):
    plans.delete_plan(store, plan_id)  # behind the page's back: the save is refused
    edit = page.section_edits["context"]
    _end(edit)
    _type(edit, " Кошумча.")
    page.autosave.timeout.emit()
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Not saved"), timeout=10000)
    assert page.has_unsaved()  # still in the editor, to be saved once it can be
    assert "plan was not found" in page.save_state.toolTip()
