"""The Local plans page: editing, autosave, revisions and their comparison, status rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QModelIndex, QPoint, Qt, QTimer, QTranslator
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QStyle, QWidget

from strive_desktop.domain.enums import ActivityStatus
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
from strive_desktop.gui.i18n import resource_path
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.models import activities as activities_module
from strive_desktop.gui.models.activities import (
    COLUMNS,
    ActivitiesModel,
    format_som,
    parse_som,
    status_label,
)
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.services import plans
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")
NOOKAT_PLAN = "Ноокат: жергиликтүү план 2027"


def _activities() -> list[plans.ActivityInput]:
    return [
        plans.ActivityInput("Мектептерде маалымат саааттары", "Жаштар иштери боюнча адис", "Мектептер",
                            dt.date(2027, 2, 1), dt.date(2027, 3, 28), 20000, 5000, 0, "Катышуучулардын саны"),
        plans.ActivityInput("Круглый стол с религиозными лидерами", "Аксакалдар соту", "Мечит",
                            dt.date(2027, 4, 1), dt.date(2027, 5, 28), 15000, 10000, 2500),
        plans.ActivityInput("Youth sports festival", "Youth kenesh", "Sports school",
                            dt.date(2027, 6, 1), dt.date(2027, 6, 30), 40000, 25000, 5000),
    ]


@pytest.fixture
def plan_id(store: Store) -> str:
    draft = plans.PlanDraft(NOOKAT_PLAN, dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            context="Жаштардын жумушсуздугу өсүүдө.", vulnerable_groups="Мигранттардын үй-бүлөлөрү",
                            objectives="1. Маалымдуулукту жогорулатуу.", activities=_activities())
    return plans.create_plan(store, NOOKAT, draft)


def _show(qtbot, page: PlansPage) -> PlansPage:
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.refresh()
    return page


@pytest.fixture
def page(qtbot, ctx: AppContext, plan_id: str) -> Iterator[PlansPage]:
    p = _show(qtbot, PlansPage(ctx))
    p.autosave.setInterval(200)  # the real 3 s is tested once below
    yield p
    p._dirty = False  # nothing left to save while the fixtures are torn down


@pytest.fixture
def answers(monkeypatch) -> dict[str, list[str]]:
    """Answer "Yes" to every question box and record warnings instead of showing them."""
    seen: dict[str, list[str]] = {"question": [], "warning": [], "information": []}

    def question(parent, title, text, *a, **k):  # noqa: ANN001, ANN202
        seen["question"].append(text)
        return QMessageBox.StandardButton.Yes

    def record(kind):  # noqa: ANN001, ANN202
        def show(parent, title, text, *a, **k):  # noqa: ANN001, ANN202
            seen[kind].append(text)
            return QMessageBox.StandardButton.Ok
        return show

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "information", record("information"))
    return seen


def _type(widget: QWidget, text: str) -> None:
    """Type *text* into *widget* key by key (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def _edit_cell(qtbot, page: PlansPage, row: int, column: str, text: str) -> None:
    """Type into a cell the way a user does: open the editor, type, press Enter."""
    index = page.model.index(row, COLUMNS.index(column))
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    _type(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Committed (queued), or refused: then the editor stays open with the text selected.
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None or editor.hasSelectedText(), timeout=1000)


def _saved(store: Store, plan_id: str) -> plans.PlanInfo:
    return plans.get_plan(store, plan_id)


# -- list and editor ---------------------------------------------------------------------------

def test_list_shows_the_plan_with_status_and_budget_totals(page: PlansPage):
    assert page.list.rowCount() == 1
    row = [page.list.item(0, c).text() for c in range(page.list.columnCount())]
    assert row[0] == NOOKAT_PLAN
    assert "Draft" in row
    assert "Jan 1\u2009–\u2009Dec 31, 2027" in row  # Babel's English interval
    assert row[-1] == format_som(20000 + 5000 + 15000 + 10000 + 2500 + 40000 + 25000 + 5000)
    assert page.title_edit.text() == NOOKAT_PLAN
    assert page.model.rowCount() == 3
    assert page.total_labels["total"].text() == "122\u00a0500 som"
    assert page.tabs.tabText(1) == "Activities (3)"


def test_budget_is_written_and_parsed_with_thousands_separators():
    assert format_som(1234567) == "1\u00a0234\u00a0567"
    assert parse_som("12 500") == 12500
    assert parse_som("12,500") == 12500
    assert parse_som("-300") == -300
    assert parse_som("12 сом") == 12  # a currency word after the amount is fine
    assert parse_som("12 кг") is None


# -- autosave ----------------------------------------------------------------------------------

def test_edits_are_autosaved_after_a_pause(qtbot, ctx: AppContext, plan_id: str, store: Store):
    page = _show(qtbot, PlansPage(ctx))
    assert page.autosave.interval() <= 1000
    edit = page.section_edits["context"]
    edit.selectAll()
    _type(edit, "Жаңы талдоо: чек ара аймагы")
    page.tabs.setCurrentIndex(1)
    _edit_cell(qtbot, page, 0, "budget_project", "21 000")
    assert page.save_state.text() == "Unsaved changes"
    assert page.has_unsaved()
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved"), timeout=6000)
    saved = _saved(store, plan_id)
    assert saved.draft.context == "Жаңы талдоо: чек ара аймагы"
    assert saved.draft.activities[0].budget_project == 21000
    assert not page.has_unsaved()
    assert page.list.item(0, page.list.columnCount() - 1).text() == format_som(123500)


def test_typing_in_an_open_cell_is_saved_without_leaving_it(qtbot, page: PlansPage, plan_id, store):
    page.tabs.setCurrentIndex(1)
    index = page.model.index(1, COLUMNS.index("responsible"))
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    editor.selectAll()
    _type(editor, "Айыл өкмөтү")
    assert page.has_unsaved()
    qtbot.waitUntil(lambda: _saved(store, plan_id).draft.activities[1].responsible == "Айыл өкмөтү",
                    timeout=3000)


def test_ctrl_s_saves_at_once(qtbot, page: PlansPage, plan_id, store):
    page.title_edit.setFocus()
    page.title_edit.selectAll()
    _type(page.title_edit, "Ноокат 2027–2028")
    page.autosave.setInterval(60000)
    assert page.save() is True
    assert _saved(store, plan_id).title == "Ноокат 2027–2028"
    assert page.save_state.text().startswith("Saved")


def _click_when_asked(button_text: str) -> QTimer:
    """Press *button_text* in the next modal message box (the close question)."""
    timer = QTimer()

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for b in box.buttons():
                if b.text() == button_text:
                    timer.stop()
                    b.click()
                    return

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def test_closing_the_window_with_unsaved_edits_asks_and_saves(qtbot, window, plan_id, store):
    window.show_page("plans")
    page = window.pages["plans"]
    assert page.plan is not None and page.plan.id == plan_id
    page.autosave.setInterval(60000)  # only the close may save
    edit = page.section_edits["objectives"]
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    _type(edit, "\n2. Аялдардын катышуусу.")
    assert window.unsaved_pages() and window.unsaved_pages()[0][1] is page
    timer = _click_when_asked("&Save")
    assert window.close()
    timer.stop()
    assert not window.isVisible()
    assert _saved(store, plan_id).draft.objectives == "1. Маалымдуулукту жогорулатуу.\n2. Аялдардын катышуусу."


def test_choosing_another_page_saves_the_plan(qtbot, window, plan_id, store):
    window.show_page("plans")
    page = window.pages["plans"]
    page.autosave.setInterval(60000)
    edit = page.section_edits["vulnerable_groups"]
    edit.selectAll()
    _type(edit, "Жумушсуз жаштар")
    window.show_page("people")
    assert _saved(store, plan_id).draft.vulnerable_groups == "Жумушсуз жаштар"
    assert not page.has_unsaved()


# -- activities: validation, add, remove, reorder ---------------------------------------------------

def test_end_before_start_and_negative_budget_are_shown_in_the_row(qtbot, page: PlansPage, plan_id, store):
    page.tabs.setCurrentIndex(1)
    end = page.model.index(1, COLUMNS.index("end"))
    assert page.model.setData(end, "01.01.2027")  # before its start, 01.04.2027
    _edit_cell(qtbot, page, 2, "budget_local", "-500")
    assert page.activity_errors.isVisible()
    text = page.activity_errors.text()
    assert "Row 2: The end date cannot be before the start date." in text
    assert "Row 3: A budget cannot be negative." in text
    assert page.model.data(end, Qt.ItemDataRole.ToolTipRole) == "The end date cannot be before the start date."
    assert page.model.data(end, Qt.ItemDataRole.BackgroundRole) is not None
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Not saved"), timeout=3000)  # autosave refused
    assert page.has_unsaved()
    assert _saved(store, plan_id).draft.activities[2].budget_local == 25000
    _edit_cell(qtbot, page, 2, "budget_local", "500")
    page.model.setData(end, "28.05.2027")
    assert not page.activity_errors.isVisible()
    qtbot.waitUntil(lambda: not page.has_unsaved(), timeout=3000)
    assert _saved(store, plan_id).draft.activities[2].budget_local == 500


def test_letters_in_a_budget_are_refused_with_a_message(qtbot, page: PlansPage):
    page.tabs.setCurrentIndex(1)
    _edit_cell(qtbot, page, 0, "budget_other", "много")
    assert page.model.activity(0).budget_other == 0
    assert "whole number" in page.activity_errors.text()


def test_added_row_is_saved_once_it_has_a_title_and_removed_row_is_gone(qtbot, page, plan_id, store, answers):
    page.tabs.setCurrentIndex(1)
    page.table.setCurrentIndex(page.model.index(2, 0))
    page.add_activity()
    assert page.model.rowCount() == 4
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved"), timeout=3000)
    assert not page.activity_errors.isVisible()  # an empty new row is not an error...
    assert len(_saved(store, plan_id).draft.activities) == 3  # ...and not saved
    editor = page.table.indexWidget(page.model.index(3, 0))
    _type(editor, "Ата-энелер үчүн тренинг")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_saved(store, plan_id).draft.activities) == 4, timeout=3000)
    assert _saved(store, plan_id).draft.activities[3].title == "Ата-энелер үчүн тренинг"
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.remove_activity()
    assert answers["question"] and "Мектептерде" in answers["question"][0]
    assert page.save()
    titles = [a.title for a in _saved(store, plan_id).draft.activities]
    assert titles == ["Круглый стол с религиозными лидерами", "Youth sports festival", "Ата-энелер үчүн тренинг"]


def test_reordering_rows_persists(qtbot, page: PlansPage, plan_id, store):
    before = [a.id for a in _saved(store, plan_id).draft.activities]
    page.tabs.setCurrentIndex(1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert not page.up_button.isEnabled()
    page.move_activity(1)
    page.move_activity(1)  # the first row is now the last
    assert page.table.currentIndex().row() == 2
    assert not page.down_button.isEnabled()
    page.table.setCurrentIndex(page.model.index(1, 0))
    page.up_button.click()
    qtbot.waitUntil(lambda: not page.has_unsaved(), timeout=3000)
    after = [a.id for a in _saved(store, plan_id).draft.activities]
    assert after == [before[2], before[1], before[0]]


def test_delete_key_empties_a_cell(qtbot, page: PlansPage):
    page.tabs.setCurrentIndex(1)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, COLUMNS.index("partners")))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.activity(0).partners == ""
    assert page.has_unsaved()


def test_activities_model_passes_qtmodeltester(qtmodeltester):
    model = ActivitiesModel()
    model.set_activities(_activities())
    model.add_activity()
    model.move_activity(0, 1)
    model.set_errors({(1, "end"): "wrong"})
    qtmodeltester.check(model)
    model.set_activities(_activities(), read_only=True)
    qtmodeltester.check(model)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, 0), "changed")


# -- revisions ------------------------------------------------------------------------------------

def test_two_revisions_with_a_changed_budget_show_it_in_the_comparison(qtbot, page, plan_id, store):
    assert page.make_revision("Биринчи долбоор") == 1
    page.tabs.setCurrentIndex(1)
    _edit_cell(qtbot, page, 0, "budget_project", "25 000")
    assert page.make_revision("Бюджет тактоо") == 2  # saves the edit first
    assert page.revision_table.rowCount() == 2
    assert page.revision_table.item(0, 0).text() == "2"
    assert page.revision_table.item(0, 2).text() == "Gulnara"
    assert page.revision_table.item(0, 4).text() == "Бюджет тактоо"
    assert page.tabs.tabText(2) == "Revisions (2)"
    page.select_revisions(1, 2)
    assert page.selected_revisions() == [1, 2]
    assert page.compare_button.isEnabled()
    dlg = page.compare_dialog()
    qtbot.addWidget(dlg)
    assert dlg.heading.text() == "Differences between the two versions: 1"
    assert dlg.table.horizontalHeaderItem(1).text().startswith("Revision 1")
    assert dlg.table.horizontalHeaderItem(2).text().startswith("Revision 2")
    assert ("Budget: project, som", "20\u00a0000", "25\u00a0000") in dlg.highlighted()
    assert ("Budget: total, som", "25\u00a0000", "30\u00a0000") in dlg.highlighted()
    row = next(r for r in range(dlg.table.rowCount()) if dlg.table.item(r, 0).text() == "Budget: project, som")
    assert dlg.group_title(row).startswith("Activity 1: Мектептерде")
    assert dlg.table.item(row, 2).background().color().name() == "#fff0b3"
    # The unchanged sections are shown side by side too, not coloured.
    ctx_row = next(r for r in range(dlg.table.rowCount())
                   if dlg.table.item(r, 0).text() == "Context and conflict analysis")
    assert dlg.table.item(ctx_row, 1).text() == dlg.table.item(ctx_row, 2).text() == "Жаштардын жумушсуздугу өсүүдө."
    assert dlg.table.item(ctx_row, 2).background().style() == Qt.BrushStyle.NoBrush
    dlg.only_changes.setChecked(True)
    visible = [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount()) if not dlg.table.isRowHidden(r)]
    assert visible[1:] == ["Budget: project, som", "Budget: total, som"]


def test_a_revision_compared_with_the_current_text(qtbot, page, plan_id, store):
    page.make_revision("")
    page.autosave.setInterval(60000)
    page.tabs.setCurrentIndex(1)
    page.table.setCurrentIndex(page.model.index(2, 0))
    page.model.remove_activity(2)
    page.model.setData(page.model.index(0, COLUMNS.index("status")), "in_progress")
    page.select_revisions(1)
    assert page.compare_button.text() == "&Compare with the current text…"
    dlg = page.compare_dialog()
    qtbot.addWidget(dlg)
    assert dlg.table.horizontalHeaderItem(2).text() == "Current text"
    assert ("Status", "Planned", "In progress") in dlg.highlighted()
    removed = [r for r in range(dlg.table.rowCount()) if "(removed)" in dlg.table.item(r, 0).text()]
    assert len(removed) == 1 and "Youth sports festival" in dlg.table.item(removed[0], 0).text()


# -- status ---------------------------------------------------------------------------------------

def test_status_buttons_follow_the_rules(qtbot, page: PlansPage, plan_id, store, answers):
    assert page.submit_button.isEnabled()
    assert not page.approve_button.isEnabled() and not page.return_button.isEnabled()
    page.submit_button.click()
    assert _saved(store, plan_id).status == "submitted"
    assert "Submit" in answers["question"][-1]
    assert page.status_chip.text() == "Submitted"
    assert page.title_edit.isReadOnly() and page.section_edits["context"].isReadOnly()
    assert not page.model.flags(page.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not page.add_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.banner.isVisible() and "Return to draft" in page.banner.text()
    assert page.save_state.text() == "Read-only"
    assert not page.submit_button.isEnabled()
    assert page.approve_button.isEnabled() and page.return_button.isEnabled()
    assert page.revision_table.rowCount() == 1  # submitting froze a revision

    page.return_button.click()
    assert _saved(store, plan_id).status == "draft"
    assert not page.title_edit.isReadOnly() and not page.banner.isVisible()
    page.submit_button.click()
    page.approve_button.click()
    assert _saved(store, plan_id).status == "approved"
    assert page.status_chip.text() == "Approved"
    assert "approved and final" in page.banner.text()
    assert not any(b.isEnabled() for b in (page.submit_button, page.approve_button, page.return_button,
                                           page.revision_button))
    assert page.list.item(0, 1).text() in ("Approved", "Jan 1\u2009–\u2009Dec 31, 2027")
    assert "Approved" in [page.list.item(0, c).text() for c in range(page.list.columnCount())]


def test_submitting_an_empty_plan_is_refused_with_the_reasons(qtbot, ctx, store, answers):
    pid = plans.create_plan(store, NOOKAT, plans.PlanDraft("Бош план"))
    page = _show(qtbot, PlansPage(ctx))
    assert page.select_plan(pid)
    page.submit_button.click()
    assert answers["warning"] == ["Write the objectives before submitting the plan.\n"
                                  "Add at least one activity before submitting the plan."]
    assert _saved(store, pid).status == "draft"
    assert page.status_chip.text() == "Draft"
    assert page.section_errors["objectives"].text() == "Write the objectives before submitting the plan."
    assert page.activity_errors.text() == "Add at least one activity before submitting the plan."


def test_cancelling_the_submit_question_changes_nothing(qtbot, page, plan_id, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.submit_button.click()
    assert _saved(store, plan_id).status == "draft"


# -- new plan, delete, headquarters -----------------------------------------------------------------

def test_new_plan_dialog_checks_the_title_and_period(qtbot, ctx: AppContext, store: Store):
    dlg = NewPlanDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.community.isVisible()  # a field office plans for its own community
    dlg.end.setDate(dlg.start.date().addDays(-1))
    dlg.accept()
    assert dlg.title_error.isVisible() and dlg.title_error.text() == "The plan title is required."
    assert dlg.period_error.text() == "The end date cannot be before the start date."
    assert dlg.plan_id is None and not plans.list_plans(store)
    dlg.title.setText("Ноокат: жаңы план")
    dlg.end.setDate(dlg.start.date().addMonths(11))
    dlg.accept()
    assert dlg.plan_id is not None
    assert [p.title for p in plans.list_plans(store)] == ["Ноокат: жаңы план"]


def test_empty_page_offers_to_start_a_plan(qtbot, ctx: AppContext):
    page = _show(qtbot, PlansPage(ctx))
    assert page.stack.currentIndex() == 1
    assert "No local plan yet" in page.empty_label.text()
    assert page.empty_new_button.isVisible()
    assert not page.has_unsaved() and page.save()


def test_delete_only_a_draft_after_confirming(qtbot, page: PlansPage, plan_id, store, answers):
    page.delete_button.click()
    assert "Delete the plan" in answers["question"][0]
    assert plans.list_plans(store) == []
    assert page.stack.currentIndex() == 1


def test_switching_plans_saves_the_open_one(qtbot, page: PlansPage, plan_id, store):
    other = plans.create_plan(store, NOOKAT, plans.PlanDraft("Экинчи план"))
    page.refresh()
    page.autosave.setInterval(60000)
    page.title_edit.selectAll()
    _type(page.title_edit, "Биринчи план")
    assert page.select_plan(other)
    assert page.title_edit.text() == "Экинчи план"
    assert _saved(store, plan_id).title == "Биринчи план"


def test_headquarters_lists_every_community_with_its_name(qtbot, hq_ctx: AppContext, hq_store: Store):
    plans.create_plan(hq_store, NOOKAT, plans.PlanDraft("Nookat plan"))
    plans.create_plan(hq_store, KOCHKOR, plans.PlanDraft("Kochkor plan"))
    page = _show(qtbot, PlansPage(hq_ctx))
    heads = [page.list.horizontalHeaderItem(c).text() for c in range(page.list.columnCount())]
    assert heads[:2] == ["Title", "Community"]
    rows = {page.list.item(r, 0).text(): page.list.item(r, 1).text() for r in range(page.list.rowCount())}
    assert rows == {"Nookat plan": "Nookat", "Kochkor plan": "Kochkor"}


def test_clicking_revisions_keeps_the_last_two_picked(qtbot, page: PlansPage):
    for note in ("a", "b", "c"):
        page.make_revision(note)
    page.tabs.setCurrentIndex(2)
    t = page.revision_table
    assert [t.item(r, 0).text() for r in range(t.rowCount())] == ["3", "2", "1"]

    def click(row: int) -> None:
        rect = t.visualRect(t.model().index(row, 1))
        qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    click(0)
    assert page.selected_revisions() == [3]
    assert page.compare_button.text() == "&Compare with the current text…"
    click(2)
    assert page.selected_revisions() == [1, 3]
    click(1)  # a third pick drops the first one
    assert page.selected_revisions() == [1, 2]
    assert page.compare_button.isEnabled() and page.compare_button.text() == "&Compare…"
    click(1)  # clicking again unpicks
    assert page.selected_revisions() == [1]


def test_closing_and_choosing_dont_save_leaves_the_saved_plan_alone(qtbot, window, plan_id, store):
    window.show_page("plans")
    page = window.pages["plans"]
    page.autosave.setInterval(60000)
    _type(page.title_edit, " (черновик)")
    timer = _click_when_asked("&Don't save")
    assert window.close()
    timer.stop()
    assert not page.autosave.isActive()  # nothing is saved behind the user's back afterwards
    assert _saved(store, plan_id).title == NOOKAT_PLAN


def test_continuous_typing_does_not_postpone_the_save_for_ever(qtbot, page: PlansPage, plan_id, store):
    page.MAX_UNSAVED_S = 0.3
    edit = page.section_edits["context"]
    edit.selectAll()
    saved_while_typing = []
    for word in ("Биринчи", " экинчи", " үчүнчү", " төртүнчү", " бешинчи", " алтынчы", " жетинчи"):
        _type(edit, word)
        qtbot.wait(120)  # shorter than the autosave interval (200 ms here) every time
        saved_while_typing.append(_saved(store, plan_id).draft.context.startswith("Биринчи"))
    assert any(saved_while_typing[:-1])


def test_print_saves_first_then_prints_the_plan(qtbot, page: PlansPage, plan_id, store, monkeypatch):
    from strive_desktop.gui import printing

    printed = []
    monkeypatch.setattr(printing, "print_plan", lambda ctx, parent, pid: printed.append(
        (pid, _saved(store, pid).title)))
    page.autosave.setInterval(60000)
    page.title_edit.selectAll()
    _type(page.title_edit, "Басып чыгаруу үчүн")
    page.print_button.click()
    assert printed == [(plan_id, "Басып чыгаруу үчүн")]


def test_headquarters_chooses_the_community_of_a_new_plan(qtbot, hq_ctx: AppContext, hq_store: Store):
    dlg = NewPlanDialog(hq_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.community.isVisible() and dlg.community.currentIndex() == -1
    dlg.title.setText("Kochkor 2027")
    dlg.accept()
    assert dlg.community_error.text() == "Choose the community the plan belongs to."
    assert dlg.plan_id is None
    dlg.community.setCurrentIndex(dlg.community.findText("Kochkor"))
    dlg.accept()
    assert plans.get_plan(hq_store, dlg.plan_id).community_name == "Kochkor"


def test_save_as_revision_asks_for_a_note(qtbot, page: PlansPage, plan_id, store):
    from PySide6.QtWidgets import QInputDialog

    def answer() -> None:
        dlg = QApplication.activeModalWidget()
        if isinstance(dlg, QInputDialog):
            timer.stop()
            dlg.setTextValue("Кеңештен кийин")
            dlg.accept()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    page.revision_button.click()
    timer.stop()
    assert [(r.number, r.note) for r in plans.list_revisions(store, plan_id)] == [(1, "Кеңештен кийин")]
    assert page.save_state.text() == "Saved as revision 1"
    assert page.list.item(0, 3).text() == "1"


def test_a_row_can_be_typed_with_the_keyboard_alone(qtbot, page: PlansPage, plan_id, store):
    page.tabs.setCurrentIndex(1)
    page.table.setCurrentIndex(page.model.index(2, 0))
    page.add_activity()  # opens the title of the new row for typing

    def editor() -> QWidget:
        w = page.table.indexWidget(page.table.currentIndex())
        assert w is not None
        return w

    def tab() -> None:
        qtbot.keyClick(editor(), Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: page.table.indexWidget(page.table.currentIndex()) is not None, timeout=1000)

    _type(editor(), "Аялдар үчүн семинар")
    tab()
    _type(editor(), "Аялдар кеңеши")
    tab()
    _type(editor(), "Мечит")
    for _ in range(3):  # start, end, project budget
        tab()
    assert COLUMNS[page.table.currentIndex().column()] == "budget_project"
    _type(editor(), "12 000")
    qtbot.keyClick(editor(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_saved(store, plan_id).draft.activities) == 4, timeout=3000)
    new = _saved(store, plan_id).draft.activities[3]
    assert (new.title, new.responsible, new.partners, new.budget_project) == (
        "Аялдар үчүн семинар", "Аялдар кеңеши", "Мечит", 12000)
    assert new.start is None and new.end is None  # tabbing through empty dates leaves them empty


def test_a_date_chosen_in_the_cell_editor_is_kept(qtbot, page: PlansPage, plan_id, store, language):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit

    page.tabs.setCurrentIndex(1)
    index = page.model.index(0, COLUMNS.index("end"))
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QDateEdit) and editor.date() == QDate(2027, 3, 28)
    editor.setDate(QDate(2027, 4, 15))  # what picking a day in the calendar does
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _saved(store, plan_id).draft.activities[0].end == dt.date(2027, 4, 15), timeout=3000)
    assert page.model.data(index) == "Apr 15, 2027"
    language("ru")
    assert page.model.data(index) == "15.04.2027"


def test_switching_away_from_a_plan_that_cannot_be_saved_asks(qtbot, page: PlansPage, plan_id, store):
    other = plans.create_plan(store, NOOKAT, plans.PlanDraft("Экинчи план"))
    page.refresh()
    page.autosave.setInterval(60000)
    page.title_edit.clear()
    _type(page.title_edit, " ")  # a title is required: this cannot be saved
    assert page.title_error.text() == "The plan title is required."
    timer = _click_when_asked("&Stay")
    assert not page.select_plan(other)
    timer.stop()
    assert page.plan.id == plan_id and page.has_unsaved()
    assert page.plan_rows[page.list.currentRow()].id == plan_id
    timer = _click_when_asked("&Discard changes")
    assert page.select_plan(other)
    timer.stop()
    assert not page.has_unsaved()
    assert _saved(store, plan_id).title == NOOKAT_PLAN


BIN = Path(sys.executable).parent
LOCAL = COLUMNS.index("budget_local")


@pytest.fixture
def budget_plan_id(store: Store) -> str:
    draft = plans.PlanDraft("Ноокат: жергиликтүү план 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1. Маалымдуулукту жогорулатуу.",
                            activities=[plans.ActivityInput("Мектептерде маалымат сааттары", "Жаштар адиси",
                                                            budget_project=20000, budget_local=5000,
                                                            indicator="Катышуучулардын саны")])
    return plans.create_plan(store, NOOKAT, draft)


@pytest.fixture
def budget_page(qtbot, ctx: AppContext, budget_plan_id: str) -> Iterator[PlansPage]:
    p = PlansPage(ctx)
    qtbot.addWidget(p)
    p.resize(1120, 700)
    p.show()
    p.refresh()
    p.tabs.setCurrentIndex(1)
    yield p
    p._dirty = False


@pytest.fixture
def yes(monkeypatch) -> list[str]:
    """Answer Yes to every question (Submit? Approve?)."""
    asked: list[str] = []

    def question(parent, title, text, *a, **k):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def type_into_cell(qtbot, budget_page: PlansPage, row: int, column: int, text: str) -> None:
    """What a user does: open the cell's editor, type key by key, press Enter."""
    table = budget_page.table
    index = budget_page.model.index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Backspace)  # what was there goes
    for ch in text:  # QTest.keyClicks only knows ASCII
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    assert editor.text() == text
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # Committed (queued), or refused: then the editor stays open with the text selected.
    qtbot.waitUntil(lambda: table.indexWidget(index) is None or editor.hasSelectedText(), timeout=1000)


def saved_local_budget(store: Store, budget_plan_id: str) -> int:
    return plans.get_plan(store, budget_plan_id).draft.activities[0].budget_local
# -- 2. the activities table's own strings reach the translators and are used ---------------------
def _translation(ts: Path, context: str, source: str) -> str:
    for ctx in ET.parse(ts).getroot().iter("context"):
        if ctx.findtext("name") != context:
            continue
        for m in ctx.iter("message"):
            if m.findtext("source") == source:
                t = m.find("translation")
                if t is not None and t.get("type") not in ("unfinished", "obsolete") and t.text:
                    return t.text
    return ""


def _extract(tmp_path: Path) -> Path:
    ts = tmp_path / "activities.ts"
    subprocess.run([str(BIN / "pyside6-lupdate"), "-locations", "none", activities_module.__file__, "-ts",
                    str(ts)], check=True, capture_output=True)
    return ts
# -- 3. the note of the revision made on Submit / Approve ----------------------------------------
def _notes(budget_page: PlansPage) -> list[str]:
    t = budget_page.revision_table
    return [t.item(r, 4).text() for r in range(t.rowCount())]


# -- 1. a budget is saved as typed, or refused with a message -------------------------------------
@pytest.mark.parametrize(("typed", "shown", "saved"), [
    ("12 500", "12\u00a0500", 12500),
    ("12,500", "12\u00a0500", 12500),
    ("1.250.000", "1\u00a0250\u00a0000", 1250000),
    ("1 250 000", "1\u00a0250\u00a0000", 1250000),
    ("7500", "7\u00a0500", 7500),
    ("", "0", 0),
])


def test_a_budget_is_saved_as_typed(qtbot, budget_page: PlansPage, store, budget_plan_id, typed, shown, saved):
    type_into_cell(qtbot, budget_page, 0, LOCAL, typed)
    assert budget_page.model.index(0, LOCAL).data() == shown
    assert not budget_page.activity_errors.isVisible()
    assert budget_page.save()
    assert saved_local_budget(store, budget_plan_id) == saved


@pytest.mark.parametrize("typed", ["1,5", "12 500,50", "12.5", "100,00", "2.5"])
def test_a_decimal_budget_is_refused_with_a_message_not_multiplied(qtbot, budget_page: PlansPage, store, budget_plan_id,
                                                                    typed):
    """ "1,5" used to become 15 and "12 500,50" 1 250 050 som, silently."""
    type_into_cell(qtbot, budget_page, 0, LOCAL, typed)
    assert budget_page.activity_errors.isVisible()
    message = budget_page.activity_errors.text()
    assert f"“{typed}” is not a whole number of som" in message
    assert "whole som" in message
    assert budget_page.model.index(0, LOCAL).data() == "5\u00a0000"  # the amount before stays
    budget_page.save()
    assert saved_local_budget(store, budget_plan_id) == 5000


def test_letters_in_a_budget_are_refused_too(qtbot, budget_page: PlansPage, store, budget_plan_id):
    type_into_cell(qtbot, budget_page, 0, LOCAL, "12к")
    assert budget_page.activity_errors.text() == "Enter the amount in som as a whole number, e.g. 12 500."
    assert saved_local_budget(store, budget_plan_id) == 5000


def test_the_refusal_is_in_the_ui_language(qtbot, language, store, budget_plan_id):
    """The message comes from the data core (N_) and is shown through the "strive" context."""
    language("ru")
    ctx = AppContext(store, "ru")
    budget_page = PlansPage(ctx)
    qtbot.addWidget(budget_page)
    budget_page.resize(1120, 700)
    budget_page.show()
    budget_page.refresh()
    budget_page.tabs.setCurrentIndex(1)
    type_into_cell(qtbot, budget_page, 0, LOCAL, "12 500,50")
    text = budget_page.activity_errors.text()
    assert "12 500,50" in text
    ru = _translation(resource_path("translations", "strive_ru.ts"), "strive",
                      "“{amount}” is not a whole number of som. Budgets are in whole som, without tyiyn, "
                      "e.g. 12 500.")
    if ru:  # translated by the lead's update of the .ts files
        assert text == ru.format(amount="12 500,50")
    budget_page._dirty = False


def test_lupdate_finds_every_header_and_message_of_the_activities_table(qtbot, tmp_path):
    ts = _extract(tmp_path)
    found = {(c.findtext("name"), m.findtext("source")) for c in ET.parse(ts).getroot().iter("context")
             for m in c.iter("message")}
    model = ActivitiesModel()
    for label in model.header_labels():
        assert ("ActivitiesModel", label) in found, label
    assert ("ActivitiesModel", "Amounts in som") in found
    assert ("ActivitiesModel", "Enter a date as day.month.year, e.g. 15.03.2026.") in found
    assert len(model.header_labels()) == len(COLUMNS) == 11


def test_the_table_shows_what_translators_wrote(qtbot, qapp, tmp_path):
    """Extract with lupdate, translate, compile with lrelease, install: the headers change.
    (This proves the strings are looked up in the context lupdate gave them.)"""
    ts = _extract(tmp_path)
    tree = ET.parse(ts)
    for m in tree.getroot().iter("message"):
        t = m.find("translation")
        t.text = "«" + m.findtext("source") + "»"
        t.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = tmp_path / "activities.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        model = ActivitiesModel()
        assert model.headerData(0, Qt.Orientation.Horizontal) == "«Activity»"
        assert model.header_labels()[-1] == "«Status»"
        assert all(h.startswith("«") for h in model.header_labels())
        assert model.headerData(LOCAL, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "«Amounts in som»"
        seen: list[str] = []
        model.problem.connect(seen.append)
        model.set_activities([plans.ActivityInput("x")])
        assert not model.setData(model.index(0, COLUMNS.index("start")), "31.02.2027")
        assert seen == ["«Enter a date as day.month.year, e.g. 15.03.2026.»"]
    finally:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_headers_are_not_english_in_russian_and_kyrgyz(qtbot, language, lang):
    """With the shipped translations installed. Skipped only while the .ts files do not yet have
    the table's translations (they are filled by resources/translations/update.py and by hand;
    test_translations.py fails meanwhile)."""
    ts = resource_path("translations", f"strive_{lang}.ts")
    if not _translation(ts, "ActivitiesModel", "Activity"):
        pytest.skip(f"strive_{lang}.ts has no translation of the activities table yet")
    language(lang)
    labels = ActivitiesModel().header_labels()
    for source, shown in zip(("Activity", "Responsible", "Partners", "Start", "End", "Project, som",
                              "Local, som", "Other, som", "Total, som", "Indicator", "Status"), labels,
                             strict=True):
        expected = _translation(ts, "ActivitiesModel", source)
        assert expected and shown == expected, (source, shown)
        if source not in ("Indicator",):  # the same word in Russian and Kyrgyz
            assert shown != source


def test_the_automatic_revision_notes_read_as_words(qtbot, budget_page: PlansPage, store, budget_plan_id, yes):
    budget_page.make_revision("Кеңештен кийин")
    assert budget_page.change_status("submitted")
    assert budget_page.change_status("approved")
    budget_page.tabs.setCurrentIndex(2)
    assert _notes(budget_page) == ["Approved", "Submitted", "Кеңештен кийин"]
    assert "submitted" not in " ".join(_notes(budget_page))
    budget_page.select_revisions(1, 2)
    dlg = budget_page.compare_dialog()
    qtbot.addWidget(dlg)
    assert dlg.table.horizontalHeaderItem(2).text().endswith(" · Submitted")
    assert dlg.table.horizontalHeaderItem(1).text().endswith(" · Кеңештен кийин")
    # stored as before: the value is stable, the words are the UI's
    assert [r.note for r in plans.list_revisions(store, budget_plan_id)] == ["approved", "submitted", "Кеңештен кийин"]


@pytest.mark.parametrize(("lang", "submitted"), [("ru", "Отправлен"), ("ky", "Жөнөтүлгөн")])
def test_the_automatic_note_is_in_the_ui_language(qtbot, language, store, budget_plan_id, yes, lang, submitted):
    language(lang)
    budget_page = PlansPage(AppContext(store, lang))
    qtbot.addWidget(budget_page)
    budget_page.show()
    budget_page.refresh()
    assert budget_page.change_status("submitted")
    assert _notes(budget_page) == [submitted]
    assert _notes(budget_page)[0] == budget_page.revision_table.item(0, 3).text()  # the status's own word


# -- 4. the status column fits its longest label at 1366x768 -------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_every_status_and_header_fits_at_1366x768(qtbot, language, store, budget_plan_id, lang):
    language(lang)
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    budget_page = win.show_page("plans")
    assert isinstance(budget_page, PlansPage)
    budget_page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: budget_page.table.viewport().width() > 0)
    table = budget_page.table
    fm = table.fontMetrics()
    pad = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    status_col = COLUMNS.index("status")
    labels = [status_label(s.value) for s in ActivityStatus]
    if lang == "ru":
        assert "Запланировано" in labels  # the label that was cut ("Запланиро…")
    for label in labels:
        assert fm.horizontalAdvance(label) + pad <= table.columnWidth(status_col), label
    # what is drawn in the cell is the whole label, not an elided one
    idx = budget_page.model.index(0, status_col)
    shown = idx.data()
    assert fm.elidedText(shown, Qt.TextElideMode.ElideRight, table.columnWidth(status_col) - pad) == shown
    # no header is cut either (long ones go on two lines), and the title column keeps its room
    header = table.horizontalHeader()
    hfm = header.fontMetrics()
    margin = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    for c in range(len(COLUMNS)):
        text = str(budget_page.model.headerData(c, Qt.Orientation.Horizontal))
        widest = max(hfm.horizontalAdvance(line) for line in text.split("\n"))
        assert widest + margin <= header.sectionSize(c), (c, text)
    assert header.sectionSize(0) >= 150
    assert sum(header.sectionSize(c) for c in range(len(COLUMNS))) <= table.viewport().width() + 1
    budget_page._dirty = False
    win._closing_ok = True


# -- plans: returning to draft, submitting again -------------------------------------------------------
@pytest.fixture
def submitted_plan_id(store) -> str:  # type: ignore[no-untyped-def]
    draft = plans.PlanDraft("Ноокат: жергиликтүү план 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1. Маалымдуулукту жогорулатуу.",
                            activities=[plans.ActivityInput("Мектептерде маалымат сааттары", "Жаштар адиси",
                                                            budget_project=20000, budget_local=5000)])
    return plans.create_plan(store, NOOKAT, draft)


def test_submitting_again_unchanged_keeps_one_revision_a_change_makes_a_new_one(store, submitted_plan_id):
    plans.change_status(store, submitted_plan_id, "submitted")
    plans.change_status(store, submitted_plan_id, "draft")
    plans.change_status(store, submitted_plan_id, "submitted")
    assert [r.number for r in plans.list_revisions(store, submitted_plan_id)] == [1]
    plans.change_status(store, submitted_plan_id, "draft")
    draft = plans.get_plan(store, submitted_plan_id).draft
    plans.save_draft(store, submitted_plan_id, dataclasses.replace(draft, objectives="2. Жаңы максат."))
    plans.change_status(store, submitted_plan_id, "submitted")
    assert [r.number for r in plans.list_revisions(store, submitted_plan_id)] == [2, 1]
    plans.change_status(store, submitted_plan_id, "approved")  # approval is a new status: frozen too
    assert [r.status for r in plans.list_revisions(store, submitted_plan_id)] == ["approved", "submitted", "submitted"]


def test_return_to_draft_asks_first_and_no_is_the_default(qtbot, ctx, store, submitted_plan_id, monkeypatch):
    plans.change_status(store, submitted_plan_id, "submitted")
    settings_page = PlansPage(ctx)
    qtbot.addWidget(settings_page)
    settings_page.resize(1366, 768)
    settings_page.show()
    settings_page.refresh()
    assert settings_page.select_plan(submitted_plan_id)
    asked: list[tuple[str, object]] = []

    def question(parent, title, text, buttons=None, default=None):  # noqa: ANN001, ANN202
        asked.append((text, default))
        return default  # the user presses Enter: the default button

    monkeypatch.setattr(QMessageBox, "question", question)
    assert settings_page.change_status("draft") is False
    assert "draft" in asked[0][0] and asked[0][1] == QMessageBox.StandardButton.No
    assert plans.get_plan(store, submitted_plan_id).status == "submitted"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert settings_page.change_status("draft") is True
    assert plans.get_plan(store, submitted_plan_id).status == "draft"
    settings_page._dirty = False


# -- plans list at 1366, headquarters (all communities) ---------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_plans_list_headers_and_statuses_whole_at_1366(tmp_path, qtbot, language, hq_store, lang):
    from PySide6.QtWidgets import QStyle

    from strive_desktop.domain.enums import PlanStatus
    from strive_desktop.gui.context import AppContext
    from strive_desktop.gui.main_window import MainWindow
    from strive_desktop.gui.models.activities import status_label

    draft = plans.PlanDraft("Ноокат: жергиликтүү план 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1.", activities=[plans.ActivityInput("Иш-чара", budget_project=92000,
                                                                             budget_local=48000)])
    plans.create_plan(hq_store, NOOKAT, draft)
    language(lang)
    ctx = AppContext(hq_store, lang)
    win = MainWindow(hq_store.folder.root, ctx)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    assert ctx.community_id is None  # all communities: the Community column is there
    settings_page = win.show_page("plans")
    table = settings_page.list
    qtbot.waitUntil(lambda: table.viewport().width() > 0 and table.columnWidth(1) > 0)
    qtbot.wait(50)
    header = table.horizontalHeader()
    hfm = header.fontMetrics()
    margin = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    for c in range(1, table.columnCount()):
        text = table.horizontalHeaderItem(c).text()
        widest = max(hfm.horizontalAdvance(line) for line in text.split("\n"))
        assert widest + margin <= header.sectionSize(c), (lang, c, text, header.sectionSize(c))
        # drawn whole: not elided as one long line (which joins and cuts the two lines)
        drawn = hfm.elidedText(text, header.textElideMode(), header.sectionSize(c) - margin)
        assert drawn == text, (lang, text, drawn)
    assert header.height() >= 2 * hfm.lineSpacing()  # the two-line headers have the room
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    status = 3
    fm = table.fontMetrics()
    for st in PlanStatus:
        assert fm.horizontalAdvance(status_label(st.value)) + 8 <= table.columnWidth(status), (lang, st)
    assert header.sectionSize(0) >= 200, heads  # the title keeps its room
    settings_page._dirty = False
    if lang == "ky":
        win.grab().save(str(tmp_path / "sp-plans-hq-ky.png"))


@pytest.fixture
def revised_plan_id(store) -> str:
    draft = plans.PlanDraft("Ноокат: алдын алуу планы 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1. Жаштардын маалымдуулугу.",
                            activities=[plans.ActivityInput("Тегерек үстөл", budget_project=20000)])
    return plans.create_plan(store, NOOKAT, draft)


@pytest.fixture
def plans_page(qtbot, ctx, revised_plan_id) -> PlansPage:
    p = PlansPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    yield p
    p._dirty = False


def _open_budget_editor(page: PlansPage, row: int, column: str) -> tuple[QModelIndex, QLineEdit]:
    page.tabs.setCurrentIndex(1)
    index = page.model.index(row, COLUMNS.index(column))
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    return index, editor


def _type_in_editor(editor: QWidget, text: str) -> None:
    for ch in text:  # QTest.keyClicks only knows ASCII
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_a_refused_budget_keeps_the_editor_open_with_the_text_selected(qtbot, plans_page, store, revised_plan_id, key):
    page = plans_page
    index, editor = _open_budget_editor(page, 0, "budget_local")
    _type_in_editor(editor, "12 500,50")
    QTest.keyClick(editor, key)
    qtbot.wait(50)  # a commit is queued: give it the chance to close the editor
    assert page.table.indexWidget(index) is editor  # still open, nothing to type again
    assert editor.text() == "12 500,50" and editor.selectedText() == "12 500,50"
    assert page.activity_errors.isVisible()
    assert "“12 500,50” is not a whole number of som" in page.activity_errors.text()
    assert page.table.currentIndex() == index  # Tab did not move on
    _type_in_editor(editor, "12 500")  # typing replaces the selected text
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None, timeout=1000)
    assert page.model.index(0, COLUMNS.index("budget_local")).data() == "12\u00a0500"
    assert page.save()
    assert plans.get_plan(store, revised_plan_id).draft.activities[0].budget_local == 12500


def test_leaving_a_refused_budget_by_clicking_elsewhere_reopens_it(qtbot, plans_page, revised_plan_id):
    page = plans_page
    index, editor = _open_budget_editor(page, 0, "budget_project")
    _type_in_editor(editor, "1,5")
    other = page.model.index(0, COLUMNS.index("title"))
    page.table.setCurrentIndex(other)  # what a click on another cell does: commit, close
    qtbot.waitUntil(lambda: isinstance(page.table.indexWidget(index), QLineEdit), timeout=1000)
    again = page.table.indexWidget(index)
    assert again.text() == "1,5" and again.selectedText() == "1,5"
    assert page.table.currentIndex() == index
    assert "“1,5” is not a whole number of som" in page.activity_errors.text()
    assert page.model.index(0, COLUMNS.index("budget_project")).data() == "20\u00a0000"  # not 15


@pytest.mark.parametrize("typed", ["12 500 сом", "12500 som", "12 500 с", "12 500 СОМ"])
def test_a_currency_word_after_the_amount_is_accepted(qtbot, plans_page, typed):
    page = plans_page
    index, editor = _open_budget_editor(page, 0, "budget_other")
    _type_in_editor(editor, typed)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None, timeout=1000)
    assert page.model.index(0, COLUMNS.index("budget_other")).data() == "12\u00a0500"
    assert not page.activity_errors.isVisible()


def _type_keys(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def layout_plan_id(store: Store) -> str:
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


def _open(page, row: int, column: str) -> QWidget:
    index = page.model.index(row, COLUMNS.index(column))
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert editor is not None
    return editor


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_a_message_does_not_move_the_editor(qtbot, language, store, layout_plan_id, lang):
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


def test_an_activity_after_the_plan_period_is_refused_with_a_message(qtbot, store, layout_plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.tabs.setCurrentIndex(1)
    end = page.model.index(0, COLUMNS.index("end"))
    assert page.model.setData(end, "30.06.2029")
    assert page.activity_errors.isVisible()
    assert page.activity_errors.text() == "Activity 1 ends after the plan period."
    assert page.model.data(end, Qt.ItemDataRole.BackgroundRole) is not None
    assert plans.get_plan(store, layout_plan_id).draft.activities[0].end == dt.date(2027, 3, 28)
    page._dirty = False


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


def test_typing_a_year_into_the_plan_period_sets_it(qtbot, store, layout_plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.end_edit.setFocus()
    page.end_edit.setCurrentSection(page.end_edit.Section.DaySection)
    qtbot.keyClicks(page.end_edit, "2028")
    assert page.end_edit.date() == QDate(2028, 12, 31)
    assert page.has_unsaved()
    page._dirty = False


def test_tab_from_the_last_budget_goes_past_the_total_and_keeps_what_is_typed(qtbot, store, layout_plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.tabs.setCurrentIndex(1)
    editor = _open(page, 0, "budget_other")
    editor.selectAll()
    _type_keys(editor, "1 500")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == COLUMNS.index("indicator"), timeout=2000)
    indicator = page.table.currentIndex()
    qtbot.waitUntil(lambda: page.table.indexWidget(indicator) is not None, timeout=2000)
    nxt = page.table.indexWidget(indicator)
    _type_keys(nxt, "Катышуучулардын саны")
    qtbot.keyClick(nxt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.activity(0).indicator == "Катышуучулардын саны", timeout=2000)
    assert page.model.activity(0).budget_other == 1500
    # And back: Shift+Tab from the indicator goes to Other, not to the Total.
    editor = _open(page, 0, "indicator")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == COLUMNS.index("budget_other"), timeout=2000)
    page._dirty = False


def test_a_pause_of_a_second_saves(qtbot, store, layout_plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    assert page.autosave.interval() <= 1000
    edit = page.section_edits["context"]
    edit.setFocus()
    edit.selectAll()
    _type_keys(edit, "Чек ара аймагы")
    assert page.has_unsaved()
    qtbot.waitUntil(lambda: not page.has_unsaved(), timeout=1500)
    assert plans.get_plan(store, layout_plan_id).draft.context == "Чек ара аймагы"


def test_leaving_the_editor_saves_at_once(qtbot, store, layout_plan_id):
    win = _window(qtbot, store, "en")
    page = win.show_page("plans")
    page.autosave.setInterval(60000)  # only the focus change may save
    edit = page.section_edits["objectives"]
    edit.setFocus()
    edit.selectAll()
    _type_keys(edit, "2. Аялдардын катышуусу.")
    page.list.setFocus()  # the list of plans, outside the editor
    assert not page.has_unsaved()
    assert plans.get_plan(store, layout_plan_id).draft.objectives == "2. Аялдардын катышуусу."
    # Moving between the editor's own fields waits for the pause.
    edit.setFocus()
    _type_keys(edit, " 3.")
    page.section_edits["context"].setFocus()
    assert page.has_unsaved()
    page._dirty = False
