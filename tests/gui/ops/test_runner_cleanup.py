"""A finished batch leaves nothing behind for Python's garbage collector: its progress dialog,
worker and thread are freed on the GUI thread when it ends. Left to the collector, they were
destroyed on whichever thread it ran on, often a worker building the next PDF: a widget
destroyed there stops its timers from the wrong thread ("QObject::killTimer: Timers cannot be
stopped from another thread") or crashes the process."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.ops import Job


@pytest.fixture
def no_collector() -> Iterator[None]:
    """The cyclic garbage collector off: what is freed must be freed by reference counting."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def _progress_dialogs() -> list[QWidget]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return [w for w in QApplication.allWidgets() if isinstance(w, QProgressDialog)]


def _jobs() -> list[Job]:
    return [o for o in gc.get_objects() if isinstance(o, Job)]


@pytest.mark.parametrize("with_parent", [False, True])
def test_a_finished_batch_leaves_no_dialog_job_or_thread_behind(qtbot, ctx: AppContext, no_collector,
                                                                with_parent: bool) -> None:
    parent = QWidget() if with_parent else None
    if parent is not None:
        qtbot.addWidget(parent)
    before = len(_progress_dialogs())
    results: list[int] = []
    workers: list[str] = []

    def work(job: Job) -> int:
        workers.append(threading.current_thread().name)
        job.progress.emit(1, 2)
        return 42

    for n in (1, 2, 3):
        ctx.run_in_background(parent, "Preparing…", work, results.append)
        qtbot.waitUntil(lambda n=n: len(results) == n, timeout=10000)  # type: ignore[misc]
    assert results == [42, 42, 42]
    assert threading.main_thread().name not in workers  # the work ran off the GUI thread
    assert len(_progress_dialogs()) == before
    assert _jobs() == []
    assert ctx.ops._threads == []


def test_a_failed_batch_leaves_nothing_behind_either(qtbot, ctx: AppContext, no_collector) -> None:
    before = len(_progress_dialogs())
    failures: list[str] = []

    def broken(_job: Job) -> None:
        raise RuntimeError("broken")

    ctx.ops.batch(None, "Preparing…", broken, on_error=lambda exc: failures.append(str(exc)))
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=10000)
    assert failures == ["broken"]
    assert len(_progress_dialogs()) == before
    assert _jobs() == []
