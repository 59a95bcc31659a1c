"""Trainings page: the training dialog, the attendance sheet from the keyboard, walk-ins, scans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.training import TrainingDialog, WalkInDialog
from strive_desktop.gui.models.attendance import AttendanceModel
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.services import attachments, rosters, trainings
from strive_desktop.storage.files import read_sealed
from strive_desktop.storage.seed import community_id

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


def on_modal(kind: type[QWidget], action: Callable[[Any], None], tries: int = 150) -> list[str]:
    """Run ``action(dialog)`` once a modal of type *kind* shows (a dialog's exec() blocks the test).

    Returns a list that gets the dialog's window title when it was handled."""
    seen: list[str] = []

    def poll(left: int = tries) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind) and w.isVisible():
            seen.append(w.windowTitle())
            action(w)
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


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

    seen = on_modal(TrainingDialog, fill)
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
    assert row["Dates"] == "06.04–07.04.2026" and row["Hours"] == "10.5"
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

    on_modal(TrainingDialog, edit)
    page.edit_selected()
    info = trainings.get_training(store, training_id)
    assert info.title == "Анализ конфликтов (2-бөлүк)" and len(info.sessions) == 3
    assert page.sheet_model.columnCount() == 2 + 3 + 3

    texts: list[str] = []
    on_modal(QMessageBox, answer_box(QMessageBox.StandardButton.No, texts))
    page.delete_selected()
    assert "Анализ конфликтов (2-бөлүк)" in texts[0]
    assert trainings.list_trainings(store) != []
    on_modal(QMessageBox, answer_box(QMessageBox.StandardButton.Yes, texts))
    page.delete_selected()
    assert trainings.list_trainings(store) == []
    assert page.list_model.rowCount() == 0


# -- the attendance sheet -------------------------------------------------------------------------


def test_sheet_lists_members_with_a_column_per_session(page, training_id):
    page.refresh()
    m = page.sheet_model
    names = [m.index(r, 0).data() for r in range(m.rowCount() - 1)]
    assert sorted(names) == sorted(n for n, *_ in MEMBERS)
    assert m.headerData(2, Qt.Orientation.Horizontal) == "02.03\n6 h"
    assert m.headerData(3, Qt.Orientation.Horizontal) == "03.03\n6 h"
    assert m.index(m.rowCount() - 1, 0).data() == "Total: 4 participants"
    assert m.flags(m.index(m.rowCount() - 1, 2)) & Qt.ItemFlag.ItemIsUserCheckable == Qt.ItemFlag.NoItemFlags


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

    seen = on_modal(WalkInDialog, fill)
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
        on_modal(DuplicateDialog, lambda d: d.use_button.click())
        dlg.accept()

    on_modal(WalkInDialog, fill)
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
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    page.refresh()
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    assert page.attachment_names() == ["катышуу барагы.png"]
    assert page.tabs.tabText(1) == "Scans (1)"
    copies = [p for p in store.folder.attachments.rglob("*") if p.is_file()]
    assert [p.name for p in copies] == ["катышуу барагы.png"] and read_sealed(copies[0], store.subkey("files")) == PNG
    assert page.open_button.isEnabled() and page.remove_button.isEnabled()

    texts: list[str] = []
    on_modal(QMessageBox, answer_box(QMessageBox.StandardButton.Yes, texts))
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
    on_modal(QMessageBox, answer_box(QMessageBox.StandardButton.Ok, texts))
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
    on_modal(QMessageBox, answer_box(QMessageBox.StandardButton.Ok, texts))
    dlg.accept()
    assert "03.03" in texts[0] or "2026-03-03" in texts[0]
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert len(trainings.get_training(store, training_id).sessions) == 2


def test_the_main_window_opens_the_page_and_ctrl_n_creates(qtbot, window, store, training_id):
    page = window.show_page("trainings")
    assert isinstance(page, TrainingsPage)
    assert page.list_model.rowCount() == 1
    seen = on_modal(TrainingDialog, lambda dlg: dlg.reject())
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["New training"]
