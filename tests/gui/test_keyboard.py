"""Keyboard on the list pages and the training dialog: Tab leaves a list table, Enter on a row
does what a double-click does, Tab in the training dialog follows the screen, the row buttons
are enabled only with a row to act on, and no button is cut at the window's minimum width."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QWidget,
)

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.dialogs.training import TrainingDialog
from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
from strive_desktop.gui.i18n import install_translations
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.models.attendance import FIXED_LEFT
from strive_desktop.gui.pages.people import AdvisoryGroupPage, PeoplePage
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.gui.pages.vulnerable import VulnerableGroupsPage
from strive_desktop.services import plans, rosters, trainings, vulnerable
from strive_desktop.storage.seed import community_id

from .conftest import on_modal  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")
NAMES = ("Асанова Айгүл", "Бакиров Нурлан", "Өмүрбеков Үмүт")


def _show(qtbot, page: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.refresh()  # type: ignore[attr-defined]
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def group_id(store) -> str:  # type: ignore[no-untyped-def]
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    for i, name in enumerate(NAMES):
        rosters.add_person(store, rosters.PersonInput(name, "f" if i != 1 else "m", "youth", NOOKAT, 1980 + i),
                           group_id=gid)
    return gid


@pytest.fixture
def training_id(store, group_id) -> str:  # type: ignore[no-untyped-def]
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов", venue="Ноокат", trainers="Мирсайитов",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6), trainings.SessionInput(dt.date(2026, 3, 3), 6)]))


def _focus(qtbot, w: QWidget) -> None:  # type: ignore[no-untyped-def]
    w.activateWindow()
    w.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: w.hasFocus())


def _tab_leaves(qtbot, table: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Tab and Shift+Tab from a table with a current cell put the focus outside the table."""
    _focus(qtbot, table)
    table.setCurrentIndex(table.model().index(0, 0))  # type: ignore[attr-defined]
    QTest.keyClick(table, Qt.Key.Key_Tab)
    after_tab = QApplication.focusWidget()
    assert after_tab is not None and after_tab is not table
    assert table.currentIndex().column() == 0  # type: ignore[attr-defined]
    _focus(qtbot, table)
    QTest.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not table


# -- People and Advisory group -------------------------------------------------------------------

def test_people_tab_leaves_the_table_and_enter_opens_the_person(qtbot, ctx: AppContext, group_id):
    page = _show(qtbot, PeoplePage(ctx))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    _tab_leaves(qtbot, page.table)
    # Tab into the table (a row becomes current, none selected), Down, Enter: that person opens.
    _focus(qtbot, page.table)
    page.table.setCurrentIndex(page.model.index(0, 0))
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    row = page.table.currentIndex().row()
    seen: list[str] = []

    def look(dlg: PersonDialog) -> None:
        seen.append(dlg.ui.fullName.text())
        dlg.reject()

    on_modal(PersonDialog, look)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert seen == [page.model.data(page.model.index(row, 0))]
    # Enter on the numeric keypad too; and the row acted on is the selected one.
    page.table.selectionModel().clearSelection()
    page.table.setCurrentIndex(page.model.index(2, 0))
    page.table.selectionModel().select(page.model.index(2, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    on_modal(PersonDialog, look)
    QTest.keyClick(page.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert seen[-1] == page.model.data(page.model.index(2, 0))


def test_group_enter_opens_the_member_and_tab_leaves(qtbot, ctx: AppContext, group_id):
    page = _show(qtbot, AdvisoryGroupPage(ctx))
    assert page.model.rowCount() == 3
    _tab_leaves(qtbot, page.table)
    _focus(qtbot, page.table)
    page.table.selectRow(1)
    seen: list[str] = []

    def look(dlg: PersonDialog) -> None:
        seen.append(dlg.ui.fullName.text())
        dlg.reject()

    on_modal(PersonDialog, look)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert seen == [page.model.member(1).full_name]


def test_people_row_buttons_need_a_row(qtbot, ctx: AppContext, store):
    page = _show(qtbot, PeoplePage(ctx))
    row_buttons = (page.edit_button, page.history_button, page.delete_button)
    assert page.model.rowCount() == 0
    assert page.add_button.isEnabled()
    assert not any(b.isEnabled() for b in row_buttons)
    rosters.add_person(store, rosters.PersonInput("Асанова Айгүл", "f", "youth", NOOKAT, 1980))
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert all(b.isEnabled() for b in row_buttons)
    QTest.keyClicks(page.filter, "zzz")  # filtered to nobody
    assert page.model.rowCount() == 0
    assert not any(b.isEnabled() for b in row_buttons)
    page.filter.clear()
    assert all(b.isEnabled() for b in row_buttons)


def test_group_row_buttons_need_a_member(qtbot, ctx: AppContext, store):
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    page = _show(qtbot, AdvisoryGroupPage(ctx))
    row_buttons = (page.edit_button, page.move_button, page.remove_button, page.history_button)
    assert page.model.rowCount() == 0 and page.add_button.isEnabled()
    assert not any(b.isEnabled() for b in row_buttons)
    rosters.add_person(store, rosters.PersonInput("Асанова Айгүл", "f", "youth", NOOKAT, 1980), group_id=gid)
    page.refresh()
    page.table.selectRow(0)
    assert all(b.isEnabled() for b in row_buttons)
    page.remove_selected()  # the last member removed: nothing left to act on
    assert page.model.rowCount() == 0
    assert not any(b.isEnabled() for b in row_buttons)


# -- Trainings ------------------------------------------------------------------------------------

def test_trainings_list_tab_leaves_and_enter_opens_the_training(qtbot, ctx: AppContext, training_id):
    page = _show(qtbot, TrainingsPage(ctx))
    assert page.list_model.rowCount() == 1
    _tab_leaves(qtbot, page.table)
    _focus(qtbot, page.table)
    seen: list[str] = []

    def look(dlg: TrainingDialog) -> None:
        seen.append(dlg.title_edit.text())
        dlg.reject()

    on_modal(TrainingDialog, look)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert seen == ["Анализ конфликтов"]


def test_scans_list_tab_leaves_and_enter_opens_the_scan(qtbot, ctx: AppContext, training_id, tmp_path,
                                                        monkeypatch):
    opened: list[str] = []
    # The system's file opener is not started in a test: the URL it would get is recorded.
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())
                                                                  or True))
    page = _show(qtbot, TrainingsPage(ctx))
    scan = tmp_path / "sheet.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert page.attach_file(scan)
    assert page.tabs.currentIndex() == 1
    _tab_leaves(qtbot, page.attachments)
    _focus(qtbot, page.attachments)
    QTest.keyClick(page.attachments, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].endswith(".png")


def test_attendance_grid_keeps_its_own_keys(qtbot, ctx: AppContext, training_id):
    page = _show(qtbot, TrainingsPage(ctx))
    view = page.sheet_view
    _focus(qtbot, view)
    col = FIXED_LEFT  # the first session
    view.setCurrentIndex(page.sheet_model.index(0, col))
    before = page.sheet_model.index(0, col).data(Qt.ItemDataRole.CheckStateRole)
    QTest.keyClick(view, Qt.Key.Key_Space)  # ticks
    assert page.sheet_model.index(0, col).data(Qt.ItemDataRole.CheckStateRole) != before
    QTest.keyClick(view, Qt.Key.Key_Return)  # goes down the column; no dialog
    assert view.currentIndex().row() == 1 and view.currentIndex().column() == col
    assert QApplication.activeModalWidget() is None
    QTest.keyClick(view, Qt.Key.Key_Tab)  # leaves the grid, as before
    assert QApplication.focusWidget() is not view


# -- Vulnerable groups, plans ---------------------------------------------------------------------

def test_vulnerable_tab_leaves_and_enter_edits(qtbot, ctx: AppContext, store):
    vulnerable.add_vulnerable_group(store, NOOKAT, "Return migrants", "From Russia")
    vulnerable.add_vulnerable_group(store, NOOKAT, "Жумушсуз жаштар", "18–25 жаш")
    page = _show(qtbot, VulnerableGroupsPage(ctx))
    _tab_leaves(qtbot, page.table)
    _focus(qtbot, page.table)
    page.table.selectRow(1)
    seen: list[str] = []

    def look(dlg: VulnerableGroupDialog) -> None:
        seen.append(dlg.windowTitle())
        dlg.reject()

    on_modal(VulnerableGroupDialog, look)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert len(seen) == 1


def test_plans_list_tab_leaves(qtbot, ctx: AppContext, store):
    draft = plans.PlanDraft("Ноокат: жергиликтүү план", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    plans.create_plan(store, NOOKAT, draft)
    page = _show(qtbot, PlansPage(ctx))
    try:
        assert page.list.rowCount() == 1
        _tab_leaves(qtbot, page.list)
    finally:
        page._dirty = False


# -- Training dialog ------------------------------------------------------------------------------

def _tab_chain(qtbot, start: QWidget, steps: int) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The widgets Tab goes to from *start*, in order (*steps* different ones). Tab inside a date
    goes from day to month to year first (Qt's own), so a widget is counted once."""
    _focus(qtbot, start)
    seen: list[QWidget] = []
    for _ in range(steps * 4):
        if len(seen) == steps:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        # A date or hours field has its line edit inside: name the field.
        while w is not None and w.parentWidget() is not None and w.objectName() == "qt_spinbox_lineedit":
            w = w.parentWidget()
        if not seen or seen[-1] is not w:
            seen.append(w)
    return seen


def test_training_dialog_tab_goes_through_the_sessions_before_save(qtbot, ctx: AppContext, training_id):
    info = trainings.get_training(ctx.store, training_id)
    dlg = TrainingDialog(ctx, None, training=info)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.add_session()  # a third session, added while the dialog is open
    cells = [dlg.sessions.cellWidget(r, c) for r in range(3) for c in (0, 1)]
    save = dlg.buttons.button(QDialogButtonBox.StandardButton.Save)
    cancel = dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    chain = _tab_chain(qtbot, dlg.trainers, 10)
    assert chain[:8] == [*cells, dlg.add_session_button, dlg.remove_session_button]
    assert set(chain[8:10]) == {save, cancel}
    # Removing the session whose field has the focus removes that one.
    _focus(qtbot, cells[2])
    dlg.remove_session()
    assert [s.date for s in dlg.session_inputs()] == [dt.date(2026, 3, 2), dt.date(2026, 3, 4)]
    chain = _tab_chain(qtbot, dlg.trainers, 6)
    assert chain == [dlg.sessions.cellWidget(r, c) for r in range(2) for c in (0, 1)] + [
        dlg.add_session_button, dlg.remove_session_button]
    # Alt+O (Sessions) goes to the first session's date.
    assert dlg.ui.sessionsLabel.buddy() is dlg.sessions.cellWidget(0, 0)


def _mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+letters used twice among the visible buttons and labels with a buddy of *root*."""
    by_letter: dict[str, list[str]] = {}
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            m = re.search(r"(?<!&)&(?!&)(.)", w.text().replace("&&", ""))
            if m:
                by_letter.setdefault(m.group(1).lower(), []).append(w.text())
    return {k: v for k, v in by_letter.items() if len(v) > 1}


def test_training_and_person_dialogs_have_no_english_mnemonic_clash(qtbot, ctx: AppContext, training_id):
    info = trainings.get_training(ctx.store, training_id)
    dlg = TrainingDialog(ctx, None, training=info)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not _mnemonics(dlg)
    person = PersonDialog(ctx, None, community_id=NOOKAT)
    qtbot.addWidget(person)
    person.show()
    assert not _mnemonics(person)


# -- Buttons at the window's minimum width --------------------------------------------------------

@pytest.fixture
def small_window(qtbot, ctx: AppContext, request) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    install_translations(QApplication.instance(), request.param)
    ctx.lang = request.param
    win = MainWindow(ctx.store.folder.root, ctx)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(960, 600)
    win.show()
    qtbot.waitExposed(win)
    yield win
    install_translations(QApplication.instance(), "en")


@pytest.mark.parametrize("small_window", ["ru", "ky", "en"], indirect=True)
def test_no_button_is_cut_at_the_minimum_width(qtbot, small_window: MainWindow, group_id, training_id, store):
    draft = plans.PlanDraft("Ноокат: жергиликтүү план", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    plans.create_plan(store, NOOKAT, draft)
    cut = []
    for key in ("group", "people", "trainings", "plans", "vulnerable"):
        page = small_window.show_page(key)
        assert page is not None
        if hasattr(page, "wait_for_list"):  # read on the window's worker
            page.wait_for_list()
        for _ in range(3):
            QApplication.processEvents()
        shown = [b for b in page.findChildren(QPushButton) if b.isVisibleTo(page)]
        cut += [(key, b.text(), b.width(), b.sizeHint().width()) for b in shown
                if b.width() < b.sizeHint().width()]
        rects = {b.text(): QRect(b.mapTo(page, QPoint(0, 0)), b.size()) for b in shown}
        cut += [(key, t, "outside the page") for t, r in rects.items() if not page.rect().contains(r)]
        cut += [(key, t, u, "overlap") for t, r in rects.items() for u, q in rects.items()
                if t < u and r.intersects(q)]
    assert cut == []
