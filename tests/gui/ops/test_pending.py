"""``ops.submit``: a short service call on a worker thread, its outcome delivered once on the
GUI thread (changes broadcast first), errors in the one message style."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from strive_desktop.errors import UserError
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.ops import Changes, Table
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_a_submitted_save_runs_on_a_worker_and_reports_on_the_gui_thread(qtbot, ctx: AppContext, store):
    heard: list[Changes] = []
    ctx.changed.connect(heard.append)
    ran_on: list[threading.Thread] = []
    done: list[tuple[str, threading.Thread, int]] = []

    def create() -> str:
        ran_on.append(threading.current_thread())
        return rosters.create_group(store, NOOKAT, "Ноокат жаштары")

    pending = ctx.ops.submit(None, create, on_done=lambda gid: done.append((gid, threading.current_thread(),
                                                                             len(heard))))
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert ran_on[0] is not threading.main_thread()
    gid, thread, heard_before = done[0]
    assert thread is threading.main_thread() and heard_before == 1  # the changes went out first
    assert heard[0].touches(Table.ADVISORY_GROUPS)
    assert gid in {g.id for g in rosters.list_groups(store, NOOKAT)}
    assert not pending.running


def test_wait_delivers_at_once_and_only_once(qtbot, ctx: AppContext, store):
    done: list[str] = []
    pending = ctx.ops.submit(None, rosters.create_group, store, NOOKAT, "Ноокат аялдары", on_done=done.append)
    pending.wait()
    assert len(done) == 1
    qtbot.wait(50)  # the worker's queued signal arrives too, and is ignored
    assert len(done) == 1
    ctx.ops.wait_all()
    assert len(done) == 1


def test_a_failure_is_shown_in_the_one_message_style(qtbot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))

    def refuse() -> None:
        raise UserError("The folder is read-only.")

    ctx.ops.submit(None, refuse)
    ctx.ops.wait_all()
    assert warnings == ["The folder is read-only."]
