"""Trainings page: the training dialog, the attendance sheet from the keyboard, walk-ins, scans."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from strive_desktop.domain.enums import Phase
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.training import TrainingDialog, WalkInDialog
from strive_desktop.gui.dialogs.verify_certificate import VerifyCertificateDialog
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.models.attendance import AttendanceModel
from strive_desktop.gui.models.trainings import phase_label
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.services import attachments, certificates, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.files import read_sealed
from strive_desktop.storage.seed import community_id

from ..conftest import choose_files, modal_titles, quarter_ticked_sheet  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")
MEMBERS = [  # name, sex, sector, birth year
    ("Осмонов Нурбек", "m", "youth", 1990),
    ("Асанов Айбек", "m", "local_self_government", 1985),
    ("Жумабаева Гүлнара", "f", "women", 1979),
    ("Üsönov Chyngyz", "m", "religious_leader", 1968),
]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 300


# -- helpers -------------------------------------------------------------------------------------


def type_text(widget: QWidget, text: str) -> None:
    """Type *text* key by key (QTest.keyClicks only knows ASCII; these names are Cyrillic)."""
    for ch in text:
        code = ord(ch.upper()) if ch.upper().isascii() or len(ch.upper()) == 1 else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch))


def answer_box(button: QMessageBox.StandardButton, texts: list[str]) -> Callable[[QMessageBox], None]:
    def act(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(button).click()
    return act


@pytest.fixture
def members(store) -> list[str]:
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    ids = []
    for name, sex, sector, year in MEMBERS:
        res = rosters.add_person(store, rosters.PersonInput(name, sex, sector, NOOKAT, year), group_id=gid)
        ids.append(res.person_id)
    return ids


@pytest.fixture
def training_id(store, members) -> str:
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов", venue="Ноокат", trainers="Мирсайитов",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6), trainings.SessionInput(dt.date(2026, 3, 3), 6)]))


@pytest.fixture
def page(qtbot, ctx) -> TrainingsPage:
    p = TrainingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    return p


def sheet_of(store, tid: str) -> dict[str, trainings.ParticipantAttendance]:
    return {p.full_name: p for p in trainings.attendance_sheet(store, tid).participants}


def ticks(store, tid: str, name: str) -> list[bool]:
    sheet = trainings.attendance_sheet(store, tid)
    p = next(p for p in sheet.participants if p.full_name == name)
    return [p.present[s.id] for s in sheet.training.sessions]


def current_name(page: TrainingsPage) -> str:
    ix = page.sheet_view.currentIndex()
    return page.sheet_model.index(ix.row(), 0).data()


# -- the list and the dialog ---------------------------------------------------------------------


def test_empty_page_says_how_to_start(page):
    assert page.list_stack.currentWidget() is page.empty_box
    assert page.detail.isHidden() and page.create_first_button.isVisible()
    assert "New training" in page.empty.text()
    assert not page.edit_button.isEnabled()


def test_create_a_training_through_the_dialog(qtbot, page, store):
    community_row: list[bool] = []

    def fill(dlg: TrainingDialog) -> None:  # no asserts in here: it runs inside exec()
        community_row.append(dlg.form.isRowVisible(dlg.community))
        dlg.phase.setCurrentIndex(dlg.phase.findData("basics_ve"))
        type_text(dlg.title_edit, "Зордук-зомбулук экстремизминин негиздери")
        type_text(dlg.venue, "Ноокат, айыл өкмөтү")
        dlg.set_session(0, dt.date(2026, 4, 6), 6)
        qtbot.mouseClick(dlg.add_session_button, Qt.MouseButton.LeftButton)
        assert dlg.session_inputs()[1].date == dt.date(2026, 4, 7)  # the next day by default
        dlg.set_session(1, dt.date(2026, 4, 7), 4.5)
        dlg.buttons.button(dlg.buttons.StandardButton.Save).click()

    seen = modal_titles(TrainingDialog, fill)
    page.new_item()
    assert seen == ["New training"]
    assert community_row == [False]  # a field office has one community: no choice shown
    saved = trainings.list_trainings(store, NOOKAT)
    assert [t.title for t in saved] == ["Зордук-зомбулук экстремизминин негиздери"]
    assert [(s.date, s.hours) for s in saved[0].sessions] == [(dt.date(2026, 4, 6), 6), (dt.date(2026, 4, 7), 4.5)]
    assert saved[0].venue == "Ноокат, айыл өкмөтү"
    m = page.list_model
    assert m.rowCount() == 1
    row = {m.headerData(c, Qt.Orientation.Horizontal): m.index(0, c).data() for c in range(m.columnCount())}
    assert row["Title"] == "Зордук-зомбулук экстремизминин негиздери"
    assert row["Phase"] == "Basics of violent extremism"
    assert row["Dates"] == "Apr 6\u2009–\u20097, 2026" and row["Hours"] == "10.5"  # Babel's English interval
    assert page.detail_title.text() == "Зордук-зомбулук экстремизминин негиздери"


def test_validation_is_shown_next_to_the_fields(qtbot, ctx, store):
    dlg = TrainingDialog(ctx, None, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.remove_session()
    dlg.accept()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert "title" in dlg.error_text("title").lower()
    assert "phase" in dlg.error_text("phase").lower()
    assert "at least one session" in dlg.error_text("sessions")
    dlg.phase.setCurrentIndex(0)
    dlg.title_edit.setText("Тест")
    dlg.add_session(dt.date(2026, 5, 1), 3)
    dlg.add_session(dt.date(2026, 5, 1), 3)
    dlg.accept()
    assert "same date" in dlg.error_text("sessions")
    assert dlg.error_text("title") == ""
    assert trainings.list_trainings(store) == []


def test_hq_chooses_the_community_and_sees_the_community_column(qtbot, hq_ctx):
    page = TrainingsPage(hq_ctx)
    qtbot.addWidget(page)
    page.refresh()
    dlg = TrainingDialog(hq_ctx, page)
    assert dlg.form.isRowVisible(dlg.community)
    dlg.phase.setCurrentIndex(0)
    dlg.title_edit.setText("Roles of LSG")
    dlg.accept()
    assert "community" in dlg.error_text("community_id").lower()
    dlg.community.setCurrentIndex(dlg.community.findData(KOCHKOR))
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted
    page.refresh()
    assert page.list_model.headerData(0, Qt.Orientation.Horizontal) == "Community"
    assert page.list_model.index(0, 0).data() == "Kochkor"


def test_edit_adds_a_session_and_delete_asks_first(qtbot, page, store, training_id):
    page.refresh()
    page.select_training(training_id)

    def edit(dlg: TrainingDialog) -> None:
        dlg.title_edit.setText("Анализ конфликтов (2-бөлүк)")
        dlg.add_session()
        dlg.buttons.button(dlg.buttons.StandardButton.Save).click()

    modal_titles(TrainingDialog, edit)
    page.edit_selected()
    info = trainings.get_training(store, training_id)
    assert info.title == "Анализ конфликтов (2-бөлүк)" and len(info.sessions) == 3
    assert page.sheet_model.columnCount() == 2 + 3 + 3

    texts: list[str] = []
    modal_titles(QMessageBox, answer_box(QMessageBox.StandardButton.No, texts))
    page.delete_selected()
    assert "Анализ конфликтов (2-бөлүк)" in texts[0]
    assert trainings.list_trainings(store) != []
    modal_titles(QMessageBox, answer_box(QMessageBox.StandardButton.Yes, texts))
    page.delete_selected()
    assert trainings.list_trainings(store) == []
    assert page.list_model.rowCount() == 0


# -- the attendance sheet -------------------------------------------------------------------------


def test_sheet_lists_members_with_a_column_per_session(page, training_id, language):
    page.refresh()
    m = page.sheet_model
    names = [m.index(r, 0).data() for r in range(m.rowCount() - 1)]
    assert sorted(names) == sorted(n for n, *_ in MEMBERS)
    assert m.headerData(2, Qt.Orientation.Horizontal) == "Mar 2\n6 h"  # Babel's English day
    assert m.headerData(3, Qt.Orientation.Horizontal) == "Mar 3\n6 h"
    assert m.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith("Session of Mar 2, 2026")
    assert m.index(m.rowCount() - 1, 0).data() == "Total: 4 participants"
    assert m.flags(m.index(m.rowCount() - 1, 2)) & Qt.ItemFlag.ItemIsUserCheckable == Qt.ItemFlag.NoItemFlags
    for lang in ("ru", "ky"):  # the column heads and their tips in the window's language
        language(lang)
        assert m.headerData(2, Qt.Orientation.Horizontal).startswith("02.03\n")
        assert "02.03.2026" in m.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_ticking_from_the_keyboard_alone_persists(qtbot, page, store, training_id):
    page.refresh()
    view = page.sheet_view
    view.setFocus()
    first = current_name(page)
    assert view.currentIndex().column() == 2  # the cursor starts on the first session
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ticks(store, training_id, first) == [True, False]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ticks(store, training_id, first) == [True, True]
    qtbot.keyClick(view, Qt.Key.Key_Space)  # Space again unticks
    assert ticks(store, training_id, first) == [True, False]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    second = current_name(page)
    assert second != first
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ticks(store, training_id, second) == [False, True]
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter goes down the column
    third = current_name(page)
    assert third not in (first, second) and view.currentIndex().column() == 3
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ticks(store, training_id, third) == [False, True]
    # the per-session totals follow
    total = page.sheet_model.rowCount() - 1
    assert page.sheet_model.index(total, 2).data() == "1"
    assert page.sheet_model.index(total, 3).data() == "2"


def test_type_ahead_jumps_to_a_name_in_cyrillic_or_latin(qtbot, page, store, training_id):
    page.refresh()
    view = page.sheet_view
    view.setFocus()
    type_text(view, "Ос")
    assert current_name(page) == "Осмонов Нурбек"
    assert view.currentIndex().column() == 2  # stays in the session column
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ticks(store, training_id, "Осмонов Нурбек") == [True, False]
    qtbot.wait(450)  # a pause starts a new search
    type_text(view, "zhum")  # Latin spelling of Жумабаева
    assert current_name(page) == "Жумабаева Гүлнара"
    qtbot.wait(450)
    type_text(view, "ус")  # Үсөнов is spelled in Latin in the roster
    assert current_name(page) == "Üsönov Chyngyz"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ticks(store, training_id, "Üsönov Chyngyz") == [False, True]
    assert ticks(store, training_id, "Жумабаева Гүлнара") == [False, False]


def test_completed_column_follows_the_rule(qtbot, page, store, training_id):
    page.refresh()
    m = page.sheet_model
    row = next(r for r in range(m.rowCount() - 1) if m.index(r, 0).data() == "Асанов Айбек")
    done_col = m.completed_column
    assert m.headerData(done_col, Qt.Orientation.Horizontal) == "Completed"
    assert m.toggle(m.index(row, 2))
    assert m.index(row, m.rate_column).data() == "50%"
    assert m.index(row, done_col).data() == ""  # 6 of 12 hours < 80 %
    assert m.toggle(m.index(row, 3))
    assert m.index(row, m.hours_column).data() == "12"
    assert m.index(row, done_col).data() == "✓"
    assert [p.full_name for p in trainings.completed_participants(store, training_id)] == ["Асанов Айбек"]
    assert "1 completed" in page.summary.text()
    # with a 50 % rule, one session of two is enough
    trainings.set_completion_share(store, 0.5)
    assert m.toggle(m.index(row, 3))  # untick
    page.refresh()
    row = next(r for r in range(m.rowCount() - 1) if m.index(r, 0).data() == "Асанов Айбек")
    assert m.index(row, done_col).data() == "✓"
    assert sheet_of(store, training_id)["Асанов Айбек"].completed


def test_list_figures_follow_the_ticks(qtbot, page, store, training_id):
    page.refresh()
    m = page.sheet_model
    for r in range(m.rowCount() - 1):
        m.toggle(m.index(r, 2))
    rate_col = page.list_model.columns.index("rate")
    assert page.list_model.index(0, rate_col).data() == "50%"
    page.refresh()  # and the same after a reload from the database
    assert page.list_model.index(0, rate_col).data() == "50%"


def test_ctrl_enter_adds_a_walk_in(qtbot, page, store, training_id):
    page.refresh()
    view = page.sheet_view
    view.setFocus()

    def fill(dlg: WalkInDialog) -> None:
        type_text(dlg.full_name, "Мамытова Чолпон")
        dlg.sex.setCurrentIndex(dlg.sex.findData("f"))
        type_text(dlg.birth_year, "1995")
        dlg.sector.setCurrentIndex(dlg.sector.findData("social_worker"))
        dlg.accept()

    seen = modal_titles(WalkInDialog, fill)
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Add walk-in"]
    assert current_name(page) == "Мамытова Чолпон"
    assert page.sheet_model.rowCount() == len(MEMBERS) + 2
    walk_in = sheet_of(store, training_id)["Мамытова Чолпон"]
    assert walk_in.walk_in and walk_in.sector == "social_worker"
    qtbot.keyClick(view, Qt.Key.Key_Space)  # the cursor is on the new row: tick her at once
    assert ticks(store, training_id, "Мамытова Чолпон") == [True, False]


def test_walk_in_with_a_known_name_offers_the_existing_person(qtbot, page, store, training_id):
    other = rosters.add_person(store, rosters.PersonInput("Садыкова Айжан", "f", "women", NOOKAT, 1988))
    page.refresh()

    def fill(dlg: WalkInDialog) -> None:
        dlg.full_name.setText("Айжан Садыкова")  # other word order, same person
        dlg.sex.setCurrentIndex(dlg.sex.findData("f"))
        dlg.birth_year.setText("1988")
        dlg.sector.setCurrentIndex(dlg.sector.findData("women"))
        modal_titles(DuplicateDialog, lambda d: d.use_button.click())
        dlg.accept()

    modal_titles(WalkInDialog, fill)
    page.add_walk_in()
    rows = trainings.attendance_sheet(store, training_id).participants
    assert [p.person_id for p in rows if p.walk_in] == [other.person_id]
    assert len(rosters.find_duplicates(store, "Садыкова Айжан", 1988)) == 1  # nobody was created


def test_walk_in_validation_is_shown_next_to_the_field(qtbot, ctx, store, training_id):
    dlg = WalkInDialog(ctx, trainings.get_training(store, training_id))
    qtbot.addWidget(dlg)
    dlg.full_name.setText("Чолпон")
    dlg.accept()
    assert "surname" in dlg.error_text("full_name")
    assert dlg.error_text("sex") and dlg.error_text("sector")
    assert dlg.person_id is None


def test_attendance_model_passes_qtmodeltester(qtmodeltester, store, training_id):
    m = AttendanceModel(persist=lambda s, p, v: trainings.record_attendance(store, s, p, v) is None)
    m.set_sheet(trainings.attendance_sheet(store, training_id))
    qtmodeltester.check(m, force_py=True)
    m.toggle(m.index(1, 3))
    qtmodeltester.check(m, force_py=True)
    empty = AttendanceModel()
    qtmodeltester.check(empty, force_py=True)


def test_training_list_model_passes_qtmodeltester(qtmodeltester, page, training_id):
    page.refresh()
    qtmodeltester.check(page.list_model, force_py=True)


def test_print_buttons_call_the_printing_module(qtbot, page, training_id, monkeypatch):
    from strive_desktop.gui import printing
    from strive_desktop.gui.dialogs import certificates

    calls = []
    monkeypatch.setattr(printing, "print_attendance_sheet", lambda ctx, parent, tid: calls.append(("sheet", tid)))
    monkeypatch.setattr(certificates, "print_certificates", lambda ctx, parent, tid: calls.append(("cert", tid)))
    page.refresh()
    qtbot.mouseClick(page.print_sheet_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.certificates_button, Qt.MouseButton.LeftButton)
    assert calls == [("sheet", training_id), ("cert", training_id)]


# -- scans ----------------------------------------------------------------------------------------


def test_attach_a_scan_copies_it_and_lists_it(qtbot, page, store, training_id, tmp_path, monkeypatch):
    src = tmp_path / "катышуу барагы.png"
    src.write_bytes(PNG)
    choose_files(monkeypatch, str(src))
    page.refresh()
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    assert page.attachment_names() == ["катышуу барагы.png"]
    assert page.tabs.tabText(1) == "Scans (1)"
    copies = [p for p in store.folder.attachments.rglob("*") if p.is_file()]
    assert [p.name for p in copies] == [hashlib.sha256(PNG).hexdigest()]  # not its own name
    assert read_sealed(copies[0], store.subkey("files")) == PNG
    assert page.open_button.isEnabled() and page.remove_button.isEnabled()

    texts: list[str] = []
    modal_titles(QMessageBox, answer_box(QMessageBox.StandardButton.Yes, texts))
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert "катышуу барагы.png" in texts[0]
    assert page.attachment_names() == []
    assert attachments.list_attachments(store, training_id=training_id) == []


@pytest.mark.parametrize("name,data,message", [
    ("big.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (20 * 1024 * 1024 + 10), "at most 20 MB"),
    ("notes.docx", b"PK\x03\x04" + b"\x00" * 50, "not a photo or a PDF"),
])


def test_too_big_or_wrong_type_is_refused_with_a_message(qtbot, page, store, training_id, tmp_path,
                                                          name, data, message):
    src = tmp_path / name
    src.write_bytes(data)
    page.refresh()
    texts: list[str] = []
    modal_titles(QMessageBox, answer_box(QMessageBox.StandardButton.Ok, texts))
    assert page.attach_file(src) is None
    assert len(texts) == 1 and message in texts[0] and name in texts[0]
    assert page.attachment_names() == []
    assert not any(p.is_file() for p in Path(store.folder.attachments).rglob("*"))


def test_a_mouse_click_on_a_box_also_persists(qtbot, page, store, training_id):
    page.refresh()
    view, m = page.sheet_view, page.sheet_model
    name = m.index(0, 0).data()
    rect = view.visualRect(m.index(0, 3))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 3, rect.center().y()))
    assert ticks(store, training_id, name) == [False, False]  # beside the box: only moves the cursor
    assert view.currentIndex().column() == 3
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # the box is centred
    assert ticks(store, training_id, name) == [False, True]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ticks(store, training_id, name) == [False, False]


def test_removing_a_session_with_ticks_is_refused_plainly(qtbot, ctx, store, training_id, members):
    trainings.record_attendance(store, trainings.get_training(store, training_id).sessions[1].id, members[0], True)
    dlg = TrainingDialog(ctx, None, training=trainings.get_training(store, training_id))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.sessions.setCurrentCell(1, 0)
    dlg.remove_session()
    texts: list[str] = []
    modal_titles(QMessageBox, answer_box(QMessageBox.StandardButton.Ok, texts))
    dlg.accept()
    assert "Mar 3, 2026" in texts[0] and "2026-03-03" not in texts[0]  # the English window's date
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert len(trainings.get_training(store, training_id).sessions) == 2


def test_the_first_opening_says_reading_then_shows_the_list_and_the_first_sheet(qtbot, window, store, training_id):
    page = window.show_page("trainings")
    assert isinstance(page, TrainingsPage)
    assert page.subtitle.text() == "Reading…" and page.list_model.rowCount() == 0  # read on the worker
    page.wait_for_list()
    assert page.subtitle.text() not in ("Reading…", "")
    assert page.list_model.rowCount() == 1
    assert page.selected_training() is not None and page.selected_training().info.id == training_id
    assert page.sheet_model.sheet is not None and page.sheet_model.sheet.training.id == training_id
    assert page.detail_title.text() == page.sheet_model.sheet.training.title


def test_the_main_window_opens_the_page_and_ctrl_n_creates(qtbot, window, store, training_id):
    page = window.show_page("trainings")
    assert isinstance(page, TrainingsPage)
    page.wait_for_list()  # the first opening reads on the window's worker
    assert page.list_model.rowCount() == 1
    seen = modal_titles(TrainingDialog, lambda dlg: dlg.reject())
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["New training"]


WALK_IN_MEMBERS = ["Осмонов Нурбек", "Асанов Айбек", "Жумабаева Гүлнара"]
GUEST = "Мамытова Чолпон"
QUIET = "Үсөнова Өмүр"


def on_walk_in_modal(kind: type[QWidget], action: Callable[[Any], None], tries: int = 150) -> list[str]:
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
    ids = {n: _person(store, n, gid) for n in WALK_IN_MEMBERS}
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
def walk_in_page(qtbot, ctx, setup) -> TrainingsPage:
    p = TrainingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    return p


def names(walk_in_page: TrainingsPage) -> list[str]:
    m = walk_in_page.sheet_model
    return [m.index(r, 0).data() for r in range(m.total_row())]


def go_to(walk_in_page: TrainingsPage, name: str, column: int = 2) -> None:
    m = walk_in_page.sheet_model
    walk_in_page.sheet_view.setCurrentIndex(m.index(names(walk_in_page).index(name), column))
    walk_in_page.sheet_view.setFocus()


def on_sheet(store, tid: str) -> list[str]:
    return [p.full_name for p in trainings.attendance_sheet(store, tid).participants]


def list_participants(walk_in_page: TrainingsPage) -> str:
    return walk_in_page.list_model.index(0, walk_in_page.list_model.columns.index("participants")).data()


def test_delete_key_removes_a_walk_in_without_ticks_at_once_with_undo(qtbot, walk_in_page, store, setup):
    tid = setup["training"]
    assert list_participants(walk_in_page) == "5"
    go_to(walk_in_page, QUIET)
    assert walk_in_page.remove_walk_in_button.isEnabled()
    asked = on_walk_in_modal(QMessageBox, press(QMessageBox.StandardButton.Yes), tries=10)
    qtbot.keyClick(walk_in_page.sheet_view, Qt.Key.Key_Delete)
    qtbot.wait(250)
    assert asked == []  # nothing to lose: no question
    assert QUIET not in names(walk_in_page) and QUIET not in on_sheet(store, tid)
    total = walk_in_page.sheet_model.total_row()
    assert walk_in_page.sheet_model.index(total, 0).data() == "Total: 4 participants"
    assert list_participants(walk_in_page) == "4"
    assert "4 participants" in walk_in_page.summary.text()
    assert walk_in_page.undo_bar.isVisible() and QUIET in walk_in_page.undo_bar.label.text()
    assert walk_in_page.sheet_view.hasFocus()  # the keyboard stays in the sheet
    walk_in_page.undo_bar.undo_button.setFocus()  # keyboard only: Tab to Undo, Space
    qtbot.keyClick(walk_in_page.undo_bar.undo_button, Qt.Key.Key_Space)
    assert QUIET in on_sheet(store, tid) and QUIET in names(walk_in_page)
    assert walk_in_page.sheet_view.currentIndex().row() == names(walk_in_page).index(QUIET)
    assert list_participants(walk_in_page) == "5" and not walk_in_page.undo_bar.isVisible()


def test_a_walk_in_with_ticks_is_asked_about_first(qtbot, walk_in_page, store, setup):
    tid = setup["training"]
    go_to(walk_in_page, GUEST)
    total = walk_in_page.sheet_model.total_row()
    assert walk_in_page.sheet_model.index(total, 2).data() == "1"
    asked = on_walk_in_modal(QMessageBox, press(QMessageBox.StandardButton.No))
    walk_in_page.remove_walk_in_button.click()
    assert len(asked) == 1 and GUEST in asked[0] and "2 sessions" in asked[0]
    assert GUEST in on_sheet(store, tid) and GUEST in names(walk_in_page)  # No keeps them
    asked = on_walk_in_modal(QMessageBox, press(QMessageBox.StandardButton.Yes))
    qtbot.keyClick(walk_in_page.sheet_view, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert GUEST not in on_sheet(store, tid) and GUEST not in names(walk_in_page)
    total = walk_in_page.sheet_model.total_row()
    assert walk_in_page.sheet_model.index(total, 2).data() == "0"  # the session totals follow
    walk_in_page.undo_bar.undo_button.click()
    guest = {p.full_name: p for p in trainings.attendance_sheet(store, tid).participants}[GUEST]
    assert all(guest.present.values()) and guest.walk_in  # the ticks are back
    assert walk_in_page.sheet_model.index(walk_in_page.sheet_model.total_row(), 2).data() == "1"


def test_members_cannot_be_removed_and_are_told_why(qtbot, walk_in_page, store, setup):
    tid = setup["training"]
    go_to(walk_in_page, "Асанов Айбек")
    assert not walk_in_page.remove_walk_in_button.isEnabled()
    told = on_walk_in_modal(QMessageBox, press(QMessageBox.StandardButton.Ok))
    qtbot.keyClick(walk_in_page.sheet_view, Qt.Key.Key_Delete)
    assert len(told) == 1 and "Асанов Айбек is a member of the advisory group" in told[0]
    assert "Асанов Айбек" in on_sheet(store, tid) and len(names(walk_in_page)) == 5
    assert not walk_in_page.undo_bar.isVisible()
    walk_in_page.sheet_view.setCurrentIndex(walk_in_page.sheet_model.index(walk_in_page.sheet_model.total_row(), 2))
    qtbot.keyClick(walk_in_page.sheet_view, Qt.Key.Key_Delete)  # the totals row: nothing happens
    assert len(names(walk_in_page)) == 5


def test_re_adding_a_removed_walk_in_gives_one_row(qtbot, walk_in_page, store, setup):
    tid = setup["training"]
    go_to(walk_in_page, QUIET)
    walk_in_page.remove_walk_in()
    assert QUIET not in names(walk_in_page)

    def fill(dlg: WalkInDialog) -> None:
        dlg.full_name.setText(QUIET)
        dlg.sex.setCurrentIndex(dlg.sex.findData("f"))
        dlg.birth_year.setText("1990")
        dlg.sector.setCurrentIndex(dlg.sector.findData("women"))
        on_walk_in_modal(DuplicateDialog, lambda d: d.use_button.click())
        dlg.accept()

    on_walk_in_modal(WalkInDialog, fill)
    qtbot.keyClick(walk_in_page.sheet_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert names(walk_in_page).count(QUIET) == 1 and on_sheet(store, tid).count(QUIET) == 1
    assert walk_in_page.sheet_view.currentIndex().row() == names(walk_in_page).index(QUIET)
    assert len(rosters.find_duplicates(store, QUIET, 1990)) == 1  # nobody new was created


def test_list_figures_come_from_the_service_and_match_the_sheet(qtbot, walk_in_page, store, setup):
    tid = setup["training"]
    go_to(walk_in_page, GUEST)
    on_walk_in_modal(QMessageBox, press(QMessageBox.StandardButton.Yes))
    walk_in_page.remove_walk_in()
    rate_col = walk_in_page.list_model.columns.index("rate")
    shown = (list_participants(walk_in_page), walk_in_page.list_model.index(0, rate_col).data())
    walk_in_page.refresh()  # the list read back from the database, not from the sheet on screen
    assert (list_participants(walk_in_page), walk_in_page.list_model.index(0, rate_col).data()) == shown == ("4", "0%")
    sheet = trainings.attendance_sheet(store, tid)
    fig = trainings.training_figures(store, NOOKAT)[tid]
    assert (fig.participants, fig.completed) == (len(sheet.participants), len(sheet.completed))


@pytest.fixture
def rate_members(store) -> list[str]:
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    return [rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, year), group_id=gid).person_id
            for name, sex, year in (("Осмонов Нурбек", "m", 1990), ("Жумабаева Гүлнара", "f", 1979))]


@pytest.fixture
def rate_training_id(store, rate_members) -> str:
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


def _rate(page: TrainingsPage) -> str:
    return page.list_model.index(0, page.list_model.columns.index("rate")).data()


def test_a_training_with_nothing_recorded_shows_a_dash_not_zero(qtbot, trainings_page, store, rate_training_id):
    page = trainings_page
    page.refresh()
    assert page.list_model.index(0, page.list_model.columns.index("participants")).data() == "2"
    assert _rate(page) == "—"  # not held yet: as on the dashboard, no "0 %"


def test_an_absence_recorded_is_a_real_zero(qtbot, trainings_page, store, rate_training_id, rate_members):
    session = trainings.get_training(store, rate_training_id).sessions[0]
    trainings.record_attendance(store, session.id, rate_members[0], False)
    trainings_page.refresh()
    assert _rate(trainings_page) == "0%"


def test_the_first_tick_on_the_open_sheet_shows_the_rate(qtbot, trainings_page, store, rate_training_id):
    page = trainings_page
    page.refresh()
    assert _rate(page) == "—"
    m = page.sheet_model
    m.toggle(m.index(0, 2))  # one of two people at one of two sessions
    assert _rate(page) == "25%"
    page.refresh()
    assert _rate(page) == "25%"


def _window(qtbot, store: Store, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    return win


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_trainings_list_shows_whole_phase_names_and_a_one_line_summary(qtbot, language, store: Store,
                                                                      lang: str) -> None:
    language(lang)
    quarter_ticked_sheet(store)
    win = _window(qtbot, store, lang)
    page = win.show_page("trainings")
    page.wait_for_list()
    qtbot.wait(20)
    m, table = page.list_model, page.table
    phase = m.columns.index("phase")
    fm = table.fontMetrics()
    for p in Phase:  # every phase, not only those listed now: the column does not jump
        assert fm.horizontalAdvance(phase_label(p.value)) + 12 <= table.columnWidth(phase), p
    shown = m.index(0, phase).data()
    assert table.visualRect(m.index(0, phase)).width() >= fm.horizontalAdvance(shown)
    assert table.columnWidth(m.columns.index("title")) >= 200  # the title keeps room
    summary = page.summary
    assert summary.text().startswith({"ky": "4 катышуучу", "ru": "4 участника", "en": "4 participants"}[lang])
    assert summary.height() < 2 * summary.fontMetrics().lineSpacing()  # one line, not wrapped


def _check(qtbot, dialog: VerifyCertificateDialog, serial: str, code: str) -> str:  # type: ignore[no-untyped-def]
    dialog.serial.setText(serial)
    dialog.code.setText(code)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    return dialog.result.text()


def test_trainings_page_checks_a_certificate_without_choosing_a_training(qtbot, hq_ctx, store, training):
    from strive_desktop.gui.pages.trainings import TrainingsPage

    rec = certificates.issue_certificates(store, training)[0]
    page = TrainingsPage(hq_ctx)
    qtbot.addWidget(page)
    assert page.verify_button.isEnabled()
    dialog = page.check_certificate()
    assert isinstance(dialog, VerifyCertificateDialog)
    # headquarters has not received this certificate yet: the register says so plainly
    text = _check(qtbot, dialog, rec.serial, rec.verification_code)
    assert dialog.valid is False and "Not in the register" in text
    dialog.close()


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
    page.wait_for_list()
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
