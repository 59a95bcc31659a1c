"""GUI fixtures: an AppContext and a main window on a real data folder (offscreen)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from shiboken6 import isValid

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def ctx(qtbot, store: Store) -> Iterator[AppContext]:
    """The context of a Nookat field office window, English UI."""
    c = AppContext(store, "en")
    yield c
    c.ops.wait_all()  # a read or save still on the worker thread ends before the store closes


@pytest.fixture
def hq_ctx(qtbot, hq_store: Store) -> Iterator[AppContext]:
    c = AppContext(hq_store, "en")
    yield c
    c.ops.wait_all()


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx.store.folder.root, ctx)
    # pytest-qt closes the window before this fixture's teardown: a test that leaves unsaved
    # edits must not hang on the "save changes?" question then.
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    return win


# -- people: a Nookat advisory group with four members, the person form filled in -------------------

@pytest.fixture
def group_id(store) -> str:  # type: ignore[no-untyped-def]
    return rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")


@pytest.fixture
def member_id(store, group_id) -> str:  # type: ignore[no-untyped-def]
    rosters.bulk_add_people(store, [rosters.PersonInput(f"Жумабаев Нурлан{'а' * i}", "m", "youth", NOOKAT, 1970)
                                    for i in range(1, 4)], group_id=group_id)
    inp = rosters.PersonInput("Асанов Айбек", "m", "youth", NOOKAT, 1985)
    return rosters.add_person(store, inp, group_id=group_id).person_id


def fill_person(dlg: PersonDialog, name: str, *, sex: str = "m", sector: str = "youth", year: str = "1985",
                phone: str = "") -> None:
    """Fill the person form as a user would (the dialog's own widgets)."""
    ui = dlg.ui
    ui.fullName.setText(name)
    ui.sex.setCurrentIndex(ui.sex.findData(sex))
    ui.sector.setCurrentIndex(ui.sector.findData(sector))
    ui.birthYear.setText(year)
    ui.phone.setText(phone)


def on_modal(cls: type[QWidget], action: Callable[[QWidget], None], tries: int = 300) -> list[QWidget]:
    """Run *action* on the next modal dialog of type *cls* once its exec() loop is running."""
    seen: list[QWidget] = []

    def poll(left: int = tries) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, cls) and w not in seen:
            seen.append(w)
            action(w)
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


def modal_titles(kind: type[QWidget], *actions: Callable[[Any], None], tries: int = 150,
                 activate: bool = False, close_after_ms: int | None = None) -> list[str]:
    """Run ``actions[i](dialog)`` the i-th time a visible modal *kind* is up (a dialog's exec()
    blocks the test; the same dialog still open after one action gets the next); the list
    returned gets the dialog's window title each time. Polls every 20 ms, *tries* times.

    No asserts inside actions: a failing action rejects the dialog (so the test cannot hang in
    exec()) and the test then fails on what it recorded. With *activate*, the dialog is made
    the active window first (keys, Tab and mnemonics go there); with *close_after_ms*, a dialog
    still open that long after the last action is rejected."""
    titles: list[str] = []
    pending = list(actions)

    def poll(left: int = tries) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind) and w.isVisible():
            if activate and QApplication.activeWindow() is not w and left > tries // 2:
                w.activateWindow()
                QTimer.singleShot(20, lambda: poll(left - 1))
                return
            titles.append(w.windowTitle())
            try:
                pending.pop(0)(w)
            except BaseException:
                w.reject()  # type: ignore[attr-defined]
                raise
            if not pending:
                if close_after_ms is not None:
                    QTimer.singleShot(close_after_ms, lambda: w.reject() if isValid(w) and w.isVisible() else None)  # type: ignore[attr-defined]
                return
            left = tries
        if left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return titles


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: object) -> list[dict[str, object]]:
    """Answer every file dialog (gui/widgets/file_dialogs.py) with *paths*, as a user choosing them
    and clicking Open/Save; no paths: Cancel. Returns what each dialog showed when it opened:
    "folder" (a Path), "sidebar" (a list of Paths), "title"."""
    asked: list[dict[str, object]] = []

    def answer(dlg: QFileDialog) -> int:
        asked.append({"folder": Path(dlg.directory().absolutePath()), "title": dlg.windowTitle(),
                      "sidebar": [Path(u.toLocalFile()) for u in dlg.sidebarUrls()]})
        return (QDialog.DialogCode.Accepted if paths else QDialog.DialogCode.Rejected).value

    monkeypatch.setattr(QFileDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda dlg: [str(p) for p in paths])
    return asked


def flush_deletes() -> None:
    """Let widgets scheduled with deleteLater() go, as the event loop would."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


def quarter_ticked_sheet(store: Store) -> str:
    """A Nookat training (the id) with four members and two 4-hour sessions: one ticked twice,
    one ticked then unticked, two never touched. The sheet: 8 of 32 hours (25 %); counting only
    touched cells gave 8 of 12 (67 %)."""
    nookat = community_id("nookat")
    gid = rosters.create_group(store, nookat, "Ноокат тобу")
    people = [rosters.add_person(store, rosters.PersonInput(
        full_name=n, sex="f", sector="women", community_id=nookat, birth_year=1990),
        group_id=gid, allow_duplicate=True).person_id
        for n in ("Асанова Айгүл", "Бакытова Нургүл", "Жумабаева Өмүр", "Үсөнова Аңжы")]
    tid = trainings.create_training(store, trainings.TrainingInput(
        nookat, "basics_ve", "Негиздер",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 4.0), trainings.SessionInput(dt.date(2026, 3, 3), 4.0)]))
    s1, s2 = trainings.get_training(store, tid).sessions
    trainings.record_attendance(store, s1.id, people[0], True)
    trainings.record_attendance(store, s2.id, people[0], True)
    trainings.record_attendance(store, s1.id, people[1], True)
    trainings.record_attendance(store, s1.id, people[1], False)
    return tid
