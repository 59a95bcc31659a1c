"""The operations layer: one runner for every service call, typed "what changed", one
message style, long work off the GUI thread with progress and Cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from strive_desktop.errors import UserError
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.ops import Changes, Table
from strive_desktop.services import rosters
from strive_desktop.storage.db import raw_text
from strive_desktop.storage.import_models import RosterImport  # noqa: F401 - registers the import tables
from strive_desktop.storage.models import Base
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.sync_models import SyncKey  # noqa: F401 - registers the sync tables

NOOKAT = community_id("nookat")


class _Boxes:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[str] = []
        self.criticals: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: self.warnings.append(text))
        monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: self.criticals.append(text))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> _Boxes:
    return _Boxes(monkeypatch)


@pytest.fixture
def heard(ctx: AppContext) -> list[Changes]:
    got: list[Changes] = []
    ctx.changed.connect(got.append)
    return got


def _person(name: str = "Асанов Айбек") -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex="m", sector="youth", community_id=NOOKAT, birth_year=1985)


def test_every_table_of_the_database_has_a_name_in_the_changes() -> None:
    assert {t.value for t in Table} == set(Base.metadata.tables)


def test_a_save_broadcasts_the_tables_it_wrote_once_and_a_read_nothing(ctx, store, heard):
    group = ctx.call(None, rosters.create_group, store, NOOKAT, "Ноокат жаштары")
    result = ctx.call(None, rosters.add_person, store, _person(), group_id=group)
    assert result.created
    assert [c.tables for c in heard] == [{Table.ADVISORY_GROUPS}, {Table.PEOPLE, Table.MEMBERSHIPS}]
    assert heard[1].touches(Table.MEMBERSHIPS) and not heard[1].touches(Table.TRAININGS)
    heard.clear()
    assert ctx.call(None, rosters.list_members, store, group)[0].full_name == "Асанов Айбек"
    assert heard == []


def test_a_refused_save_shows_the_message_and_says_nothing_changed(ctx, store, heard, boxes):
    group = ctx.call(None, rosters.create_group, store, NOOKAT, "Ноокат жаштары")
    heard.clear()
    pid = rosters.add_person(store, _person(), group_id=group).person_id
    assert ctx.call(None, rosters.add_member, store, pid, group) is None  # already a member
    assert boxes.warnings == ["This person is already a member of the group."]
    assert heard == []


def test_an_sql_mistake_is_a_bug_logged_and_apologised_for_not_a_plain_warning(ctx, store, heard, boxes):
    def broken() -> None:
        with store.uow() as s:
            raw_text(s, "UPDATE people SET full_name = 'x' WHERE")  # a syntax error

    with ctx.ops.action(None) as act:
        broken()
    assert not act.ok
    assert boxes.warnings == []
    assert len(boxes.criticals) == 1 and "Sorry, something went wrong" in boxes.criticals[0]
    log = (store.folder.logs / "strive.log").read_text(encoding="utf-8")
    assert "OperationalError" in log and "Traceback" in log  # the type and where; never the message
    assert heard == []


def test_a_validation_error_can_pass_through_to_the_form(ctx, store, boxes):
    from strive_desktop.errors import ValidationError

    with pytest.raises(ValidationError):
        with ctx.ops.action(None, passthrough=(ValidationError,)):
            rosters.add_person(store, _person(""))
    assert boxes.warnings == []


def test_a_batch_runs_off_the_gui_thread_and_broadcasts_before_its_result(qtbot, ctx, store, heard):
    events: list[object] = []
    ctx.changed.connect(lambda c: events.append(("changed", c.tables)))
    main = threading.get_ident()

    def work(job) -> str:  # type: ignore[no-untyped-def]
        assert threading.get_ident() != main
        job.progress.emit(1, 2)
        return rosters.add_person(store, _person()).person_id or ""

    ctx.ops.batch(None, "Working…", work, lambda pid: events.append(("done", pid)))
    qtbot.waitUntil(lambda: len(events) == 2, timeout=10000)
    assert events[0] == ("changed", {Table.PEOPLE})
    assert events[1][0] == "done" and rosters.get_person(store, events[1][1]).full_name == "Асанов Айбек"


def test_cancel_stops_a_batch(qtbot, ctx):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    outcome: list[str] = []

    def work(job) -> str:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 8
        while not job.cancelled and time.monotonic() < deadline:
            time.sleep(0.02)
        return "cancelled" if job.cancelled else "ran out"

    ctx.ops.batch(parent, "Working…", work, outcome.append, cancellable=True)
    qtbot.waitUntil(lambda: bool(parent.findChildren(QProgressDialog)), timeout=5000)
    dialog = parent.findChildren(QProgressDialog)[0]
    dialog.findChildren(QPushButton)[0].click()  # what the user presses
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert outcome == ["cancelled"]


def test_a_failed_batch_shows_the_one_message_style(qtbot, ctx, boxes):
    def fail(_job) -> None:  # type: ignore[no-untyped-def]
        raise UserError("The disk is full. Free some space; nothing that was saved before was lost.")

    ctx.ops.batch(None, "Working…", fail)
    qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=5000)
    assert boxes.warnings == ["The disk is full. Free some space; nothing that was saved before was lost."]
