"""Trainings page: taking a walk-in off the attendance sheet (Delete key or button, asked first
when they have ticks, undo bar), members refused plainly, re-adding, and the list figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.training import WalkInDialog
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
MEMBERS = ["Осмонов Нурбек", "Асанов Айбек", "Жумабаева Гүлнара"]
GUEST = "Мамытова Чолпон"
QUIET = "Үсөнова Өмүр"


def on_modal(kind: type[QWidget], action: Callable[[Any], None], tries: int = 150) -> list[str]:
    """Run ``action(dialog)`` once a modal of type *kind* shows; the list gets its text/title."""
    seen: list[str] = []

    def poll(left: int = tries) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind) and w.isVisible():
            seen.append(w.text() if isinstance(w, QMessageBox) else w.windowTitle())
            action(w)
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


def press(button: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
    return lambda box: box.button(button).click()


def _person(store, name: str, gid: str | None = None) -> str:
    inp = rosters.PersonInput(name, "f", "women", NOOKAT, 1990)
    return rosters.add_person(store, inp, group_id=gid, allow_duplicate=True).person_id


@pytest.fixture
def setup(store) -> dict[str, str]:
    """Three members; a walk-in ticked at both sessions and one with no ticks."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    ids = {n: _person(store, n, gid) for n in MEMBERS}
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6), trainings.SessionInput(dt.date(2026, 3, 3), 6)]))
    for name in (GUEST, QUIET):
        ids[name] = _person(store, name)
        trainings.add_walk_in(store, tid, ids[name])
    for sess in trainings.get_training(store, tid).sessions:
        trainings.record_attendance(store, sess.id, ids[GUEST], True)
    ids["training"] = tid
    return ids


@pytest.fixture
def page(qtbot, ctx, setup) -> TrainingsPage:
    p = TrainingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    return p


def names(page: TrainingsPage) -> list[str]:
    m = page.sheet_model
    return [m.index(r, 0).data() for r in range(m.total_row())]


def go_to(page: TrainingsPage, name: str, column: int = 2) -> None:
    m = page.sheet_model
    page.sheet_view.setCurrentIndex(m.index(names(page).index(name), column))
    page.sheet_view.setFocus()


def on_sheet(store, tid: str) -> list[str]:
    return [p.full_name for p in trainings.attendance_sheet(store, tid).participants]


def list_participants(page: TrainingsPage) -> str:
    return page.list_model.index(0, page.list_model.columns.index("participants")).data()


def test_delete_key_removes_a_walk_in_without_ticks_at_once_with_undo(qtbot, page, store, setup):
    tid = setup["training"]
    assert list_participants(page) == "5"
    go_to(page, QUIET)
    assert page.remove_walk_in_button.isEnabled()
    asked = on_modal(QMessageBox, press(QMessageBox.StandardButton.Yes), tries=10)
    qtbot.keyClick(page.sheet_view, Qt.Key.Key_Delete)
    qtbot.wait(250)
    assert asked == []  # nothing to lose: no question
    assert QUIET not in names(page) and QUIET not in on_sheet(store, tid)
    total = page.sheet_model.total_row()
    assert page.sheet_model.index(total, 0).data() == "Total: 4 participants"
    assert list_participants(page) == "4"
    assert "4 participants" in page.summary.text()
    assert page.undo_bar.isVisible() and QUIET in page.undo_bar.label.text()
    assert page.sheet_view.hasFocus()  # the keyboard stays in the sheet
    page.undo_bar.undo_button.setFocus()  # keyboard only: Tab to Undo, Space
    qtbot.keyClick(page.undo_bar.undo_button, Qt.Key.Key_Space)
    assert QUIET in on_sheet(store, tid) and QUIET in names(page)
    assert page.sheet_view.currentIndex().row() == names(page).index(QUIET)
    assert list_participants(page) == "5" and not page.undo_bar.isVisible()


def test_a_walk_in_with_ticks_is_asked_about_first(qtbot, page, store, setup):
    tid = setup["training"]
    go_to(page, GUEST)
    total = page.sheet_model.total_row()
    assert page.sheet_model.index(total, 2).data() == "1"
    asked = on_modal(QMessageBox, press(QMessageBox.StandardButton.No))
    page.remove_walk_in_button.click()
    assert len(asked) == 1 and GUEST in asked[0] and "2 sessions" in asked[0]
    assert GUEST in on_sheet(store, tid) and GUEST in names(page)  # No keeps them
    asked = on_modal(QMessageBox, press(QMessageBox.StandardButton.Yes))
    qtbot.keyClick(page.sheet_view, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert GUEST not in on_sheet(store, tid) and GUEST not in names(page)
    total = page.sheet_model.total_row()
    assert page.sheet_model.index(total, 2).data() == "0"  # the session totals follow
    page.undo_bar.undo_button.click()
    guest = {p.full_name: p for p in trainings.attendance_sheet(store, tid).participants}[GUEST]
    assert all(guest.present.values()) and guest.walk_in  # the ticks are back
    assert page.sheet_model.index(page.sheet_model.total_row(), 2).data() == "1"


def test_members_cannot_be_removed_and_are_told_why(qtbot, page, store, setup):
    tid = setup["training"]
    go_to(page, "Асанов Айбек")
    assert not page.remove_walk_in_button.isEnabled()
    told = on_modal(QMessageBox, press(QMessageBox.StandardButton.Ok))
    qtbot.keyClick(page.sheet_view, Qt.Key.Key_Delete)
    assert len(told) == 1 and "Асанов Айбек is a member of the advisory group" in told[0]
    assert "Асанов Айбек" in on_sheet(store, tid) and len(names(page)) == 5
    assert not page.undo_bar.isVisible()
    page.sheet_view.setCurrentIndex(page.sheet_model.index(page.sheet_model.total_row(), 2))
    qtbot.keyClick(page.sheet_view, Qt.Key.Key_Delete)  # the totals row: nothing happens
    assert len(names(page)) == 5


def test_re_adding_a_removed_walk_in_gives_one_row(qtbot, page, store, setup):
    tid = setup["training"]
    go_to(page, QUIET)
    page.remove_walk_in()
    assert QUIET not in names(page)

    def fill(dlg: WalkInDialog) -> None:
        dlg.full_name.setText(QUIET)
        dlg.sex.setCurrentIndex(dlg.sex.findData("f"))
        dlg.birth_year.setText("1990")
        dlg.sector.setCurrentIndex(dlg.sector.findData("women"))
        on_modal(DuplicateDialog, lambda d: d.use_button.click())
        dlg.accept()

    on_modal(WalkInDialog, fill)
    qtbot.keyClick(page.sheet_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert names(page).count(QUIET) == 1 and on_sheet(store, tid).count(QUIET) == 1
    assert page.sheet_view.currentIndex().row() == names(page).index(QUIET)
    assert len(rosters.find_duplicates(store, QUIET, 1990)) == 1  # nobody new was created


def test_list_figures_come_from_the_service_and_match_the_sheet(qtbot, page, store, setup):
    tid = setup["training"]
    go_to(page, GUEST)
    on_modal(QMessageBox, press(QMessageBox.StandardButton.Yes))
    page.remove_walk_in()
    rate_col = page.list_model.columns.index("rate")
    shown = (list_participants(page), page.list_model.index(0, rate_col).data())
    page.refresh()  # the list read back from the database, not from the sheet on screen
    assert (list_participants(page), page.list_model.index(0, rate_col).data()) == shown == ("4", "0%")
    sheet = trainings.attendance_sheet(store, tid)
    fig = trainings.training_figures(store, NOOKAT)[tid]
    assert (fig.participants, fig.completed) == (len(sheet.participants), len(sheet.completed))
