"""Small fixes from the reviewers: what a user sees in the trainings list, the revision
comparison, the budget cell editor, the compiled forms."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from strive_desktop.domain.validation import FieldProblem, parse_whole_som
from strive_desktop.errors import ValidationError
from strive_desktop.gui.dialogs.compare import CompareDialog
from strive_desktop.gui.dialogs.training import TrainingDialog
from strive_desktop.gui.models.activities import COLUMNS
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.i18n import Message
from strive_desktop.services import plans, rosters, trainings
from strive_desktop.storage.db import open_store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def members(store) -> list[str]:
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    return [rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, year), group_id=gid).person_id
            for name, sex, year in (("Осмонов Нурбек", "m", 1990), ("Жумабаева Гүлнара", "f", 1979))]


@pytest.fixture
def training_id(store, members) -> str:
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6), trainings.SessionInput(dt.date(2026, 3, 3), 6)]))


@pytest.fixture
def trainings_page(qtbot, ctx) -> TrainingsPage:
    p = TrainingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    return p


# -- 1. the trainings list: no rate for a training not held yet ----------------------------------


def _rate(page: TrainingsPage) -> str:
    return page.list_model.index(0, page.list_model.columns.index("rate")).data()


def test_a_training_with_nothing_recorded_shows_a_dash_not_zero(qtbot, trainings_page, store, training_id):
    page = trainings_page
    page.refresh()
    assert page.list_model.index(0, page.list_model.columns.index("participants")).data() == "2"
    assert _rate(page) == "—"  # not held yet: as on the dashboard, no "0 %"


def test_an_absence_recorded_is_a_real_zero(qtbot, trainings_page, store, training_id, members):
    session = trainings.get_training(store, training_id).sessions[0]
    trainings.record_attendance(store, session.id, members[0], False)
    trainings_page.refresh()
    assert _rate(trainings_page) == "0%"


def test_the_first_tick_on_the_open_sheet_shows_the_rate(qtbot, trainings_page, store, training_id):
    page = trainings_page
    page.refresh()
    assert _rate(page) == "—"
    m = page.sheet_model
    m.toggle(m.index(0, 2))  # one of two people at one of two sessions
    assert _rate(page) == "25%"
    page.refresh()
    assert _rate(page) == "25%"


# -- 2. comparing the revision frozen on Submit with the draft before it ----------------------------


@pytest.fixture
def plan_id(store) -> str:
    draft = plans.PlanDraft("Ноокат: алдын алуу планы 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1. Жаштардын маалымдуулугу.",
                            activities=[plans.ActivityInput("Тегерек үстөл", budget_project=20000)])
    return plans.create_plan(store, NOOKAT, draft)


@pytest.fixture
def plans_page(qtbot, ctx, plan_id) -> PlansPage:
    p = PlansPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    yield p
    p._dirty = False


def test_submitted_revision_differs_from_the_draft_before_it_by_its_status(store, plan_id):
    assert plans.save_revision(store, plan_id, "долбоор") == 1
    plans.change_status(store, plan_id, "submitted")  # freezes revision 2, same text
    diffs = plans.compare_revisions(store, plan_id, 1, 2)
    assert [(d.field, d.old, d.new) for d in diffs] == [("status", "draft", "submitted")]
    assert plans.compare_revisions(store, plan_id, 2, 2) == []


def test_the_compare_dialog_shows_the_status_change(qtbot, plans_page, store, plan_id, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = plans_page
    assert page.make_revision("долбоор") == 1
    assert page.change_status("submitted")
    page.select_revisions(1, 2)
    dlg = page.compare_dialog()
    assert isinstance(dlg, CompareDialog)
    qtbot.addWidget(dlg)
    assert dlg.heading.text() == "Differences between the two versions: 1"  # not "the same"
    assert dlg.highlighted() == [("Status", "Draft", "Submitted")]
    row = next(r for r in range(dlg.table.rowCount()) if dlg.table.item(r, 0).text() == "Status")
    assert dlg.group_title(row) == "Plan"


def test_the_current_text_has_no_status_row_to_confuse(qtbot, plans_page, plan_id):
    page = plans_page
    page.make_revision("")
    page.select_revisions(1)
    dlg = page.compare_dialog()
    qtbot.addWidget(dlg)
    assert dlg.heading.text() == "The two versions are the same."
    plan_rows = [dlg.table.item(r, 0).text() for r in range(1, 7)]
    assert plan_rows[0] == "Title" and "Status" not in plan_rows


# -- 4. forms: Tab follows the setup screen, training errors wrap -------------------------------------


@pytest.fixture
def empty_store(data_dir):
    st = open_store(data_dir)
    yield st
    st.close()


def _tab_chain(start: QWidget, steps: int) -> list[str]:
    """Object names of the widgets Tab visits after *start* (what the keyboard user meets)."""
    start.setFocus()
    names = []
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        names.append(w.objectName() or (w.parent().objectName() + "/" + w.text()))
    return names


def test_tab_on_the_setup_screen_goes_to_the_demo_button_before_ok(qtbot, empty_store):
    dlg = SetupDialog(empty_store, "en")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    assert dlg.ui.demoButton.isVisible()
    # On screen the demo button sits above OK / Cancel: Tab meets it first.
    assert dlg.ui.demoButton.geometry().bottom() < dlg.ui.buttons.geometry().top()
    chain = _tab_chain(dlg.ui.userName, 2)
    assert chain[0] == "demoButton"
    assert chain[1].startswith("buttons/")
    # The form's declared tab order (ui/setup_dialog.ui) reads the screen top to bottom, left to
    # right, whatever Qt version decides how a button box in it is treated.
    stops = [e.text for e in ET.parse(ROOT / "ui" / "setup_dialog.ui").getroot().iter("tabstop")]
    assert stops.index("demoButton") < stops.index("buttons")

    def place(name: str) -> tuple[int, int]:
        w = getattr(dlg.ui, name)
        p = w.mapTo(dlg, QPoint(0, 0))
        return (p.y() // 12, p.x())  # same line within a few pixels, then left to right

    assert [place(n) for n in stops] == sorted(place(n) for n in stops)


def test_a_long_error_in_the_training_dialog_wraps_instead_of_widening_it(qtbot, ctx):
    dlg = TrainingDialog(ctx, None, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    width = dlg.width()
    long = ("Бул окуунун аталышы өтө узун: аны кыскартып, окуунун мазмунун айтып берген "
            "кыска аталыш жазыңыз, мисалы «Зордук-зомбулук экстремизминин негиздери» (ң ө ү).")
    dlg.errors.show(ValidationError({"title": Message(long)}), "title")
    QApplication.processEvents()
    label = dlg.ui.titleError if hasattr(dlg, "ui") else dlg.findChild(QLabel, "titleError")
    assert label.isVisible() and label.text() == long
    assert dlg.width() <= width  # the dialog did not grow sideways
    assert label.height() > 2 * label.fontMetrics().height()  # on several lines, all of it shown
    assert label.geometry().right() <= dlg.width()


# -- 3. a refused budget keeps its editor; a currency word is fine ------------------------------------


def _open_budget_editor(page: PlansPage, row: int, column: str) -> tuple[QModelIndex, QLineEdit]:
    page.tabs.setCurrentIndex(1)
    index = page.model.index(row, COLUMNS.index(column))
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    return index, editor


def _type(editor: QWidget, text: str) -> None:
    for ch in text:  # QTest.keyClicks only knows ASCII
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_a_refused_budget_keeps_the_editor_open_with_the_text_selected(qtbot, plans_page, store, plan_id, key):
    page = plans_page
    index, editor = _open_budget_editor(page, 0, "budget_local")
    _type(editor, "12 500,50")
    QTest.keyClick(editor, key)
    qtbot.wait(50)  # a commit is queued: give it the chance to close the editor
    assert page.table.indexWidget(index) is editor  # still open, nothing to type again
    assert editor.text() == "12 500,50" and editor.selectedText() == "12 500,50"
    assert page.activity_errors.isVisible()
    assert "“12 500,50” is not a whole number of som" in page.activity_errors.text()
    assert page.table.currentIndex() == index  # Tab did not move on
    _type(editor, "12 500")  # typing replaces the selected text
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None, timeout=1000)
    assert page.model.index(0, COLUMNS.index("budget_local")).data() == "12\u00a0500"
    assert page.save()
    assert plans.get_plan(store, plan_id).draft.activities[0].budget_local == 12500


def test_leaving_a_refused_budget_by_clicking_elsewhere_reopens_it(qtbot, plans_page, plan_id):
    page = plans_page
    index, editor = _open_budget_editor(page, 0, "budget_project")
    _type(editor, "1,5")
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
    _type(editor, typed)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None, timeout=1000)
    assert page.model.index(0, COLUMNS.index("budget_other")).data() == "12\u00a0500"
    assert not page.activity_errors.isVisible()


@pytest.mark.parametrize(("typed", "amount"), [
    ("12 500 сом", 12500), ("12500 som", 12500), ("12 500 с", 12500), ("12500с", 12500),
    ("1 250 000 сом.", 1250000), ("12,500 som", 12500), ("7 500 сомов", 7500), ("300 KGS", 300),
])
def test_parse_whole_som_takes_a_trailing_currency_word(typed, amount):
    assert parse_whole_som(typed) == amount


@pytest.mark.parametrize("typed", ["сом", "1,5 сом", "12 кг", "12 500 сом сом", "сом 12 500"])
def test_parse_whole_som_still_refuses_the_rest(typed):
    with pytest.raises(FieldProblem):
        parse_whole_som(typed)
