"""The one way the window calls services: :class:`Ops` (``ctx.ops``).

- ``ops.run(parent, fn, *args)`` for a quick call (a save, a read for a dialog): runs on the
  GUI thread, returns the result, or None after showing the failure.
- ``ops.read(parent, fn, on_done)`` for a long read that must not block the window (a page's
  list): ``fn()`` runs in a daemon thread with no dialog, ``on_done(result)`` on the GUI
  thread (not at all once *parent* is gone); the page shows its own busy state.
- ``ops.batch(parent, title, fn, on_done)`` for a long one: ``fn(job)`` runs in a worker
  thread behind a progress dialog; ``job.progress(done, total)`` moves the bar and
  ``job.cancelled`` turns true when the user presses Cancel.

Both broadcast ``ops.changed(Changes)`` with the tables the action's transactions wrote, once
it has committed, on the GUI thread; one user action is one service call, one unit of work.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ...errors import UserError
from ...logsetup import log_bug
from .changes import Changes
from .pending import THREAD_NAME, Pending

if TYPE_CHECKING:
    from ...storage.db import Store

log = logging.getLogger(__name__)


def translate(context: str, text: str) -> str:
    # Named so that lupdate sees the literal strings; the context is the one the messages were
    # first translated under (see the .ts files).
    return QCoreApplication.translate(context, text)


class Job(QObject):
    """What a batch function gets: report progress, look whether the user cancelled.

    ``job.progress`` is a signal (``job.progress.emit(done, total)``, or pass
    ``job.progress.emit`` as a service's progress callback); ``job.cancelled`` is a plain flag.
    """

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(self, fn: Callable[[Job], Any], store: Store | None) -> None:
        super().__init__()
        self._fn = fn
        self._store = store
        self.cancelled = False

    def run(self) -> None:
        try:
            if self._store is None:
                result, seen = self._fn(self), frozenset[str]()
            else:
                with self._store.watch() as written:
                    result = self._fn(self)
                seen = frozenset(written)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.failed.emit(exc)
        else:
            self.finished.emit((result, seen))


class _Relay(QObject):
    """Receives the job's signals on the GUI thread (a QObject living there, so the
    connections are queued; a bare Python callable could run in the worker's thread)."""

    def __init__(self, dialog: QProgressDialog, thread: QThread, keep: list[QThread],
                 on_done: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None,
                 on_changes: Callable[[frozenset[str]], None] | None) -> None:
        super().__init__()
        self.dialog, self._thread, self.keep = dialog, thread, keep
        self.on_done, self.on_error, self.on_changes = on_done, on_error, on_changes

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _cleanup(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()  # with a parent it would stay behind as a hidden child
        thread = self._thread
        thread.quit()
        thread.wait()
        # The thread held its job and this relay (and so the dialog) for the worker's
        # lifetime; let go of them here, so that they are freed now, on the GUI thread. Left in
        # the thread <-> relay cycle, Python's garbage collector would free them later on
        # whichever thread it happened to run, possibly a worker: a widget destroyed there
        # stops its timers from the wrong thread ("QObject::killTimer: Timers cannot be
        # stopped from another thread") or crashes the process.
        for name in ("_job", "_relay"):
            if hasattr(thread, name):
                delattr(thread, name)
        if thread in self.keep:
            self.keep.remove(thread)

    @Slot(object)
    def finished(self, outcome: tuple[Any, frozenset[str]]) -> None:
        result, seen = outcome
        self._cleanup()
        if seen and self.on_changes is not None:
            self.on_changes(seen)
        if self.on_done is not None:
            self.on_done(result)

    @Slot(object)
    def failed(self, exc: BaseException) -> None:
        self._cleanup()
        if self.on_error is not None:
            self.on_error(exc)
        else:
            log.error("background job failed: %s", getattr(exc, "__traceback_text__", exc))


_running: list[QThread] = []


def run_in_background(parent: QWidget | None, title: str, fn: Callable[[Job], Any],
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None, *,
                      cancellable: bool = False, keep: list[QThread] | None = None,
                      store: Store | None = None,
                      on_changes: Callable[[frozenset[str]], None] | None = None) -> QThread:
    """Run ``fn(job)`` in a QThread behind a progress dialog (usable before a window exists,
    e.g. by the first-start dialog). ``on_done(result)`` / ``on_error(exc)`` run on the GUI
    thread; with a *store*, ``on_changes(tables)`` first gets what the job's commits wrote.
    The thread is kept in *keep* (default: a module list) until it has finished."""
    keep = _running if keep is None else keep
    # No cancel text (None): no Cancel button.
    dialog = QProgressDialog(title, translate("AppContext", "Cancel") if cancellable else None, 0, 0, parent)  # type: ignore[arg-type]
    dialog.setWindowTitle(translate("AppContext", "STRIVE Desktop"))
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setMinimumWidth(360)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    job = Job(fn, store)
    thread = QThread()
    job.moveToThread(thread)
    thread.started.connect(job.run)

    relay = _Relay(dialog, thread, keep, on_done, on_error, on_changes)
    job.progress.connect(relay.progress)
    job.finished.connect(relay.finished)
    job.failed.connect(relay.failed)
    if cancellable:
        dialog.canceled.connect(lambda: setattr(job, "cancelled", True))
    # The thread keeps its job and relay alive (Python would collect them).
    setattr(thread, "_job", job)  # noqa: B010
    setattr(thread, "_relay", relay)  # noqa: B010
    keep.append(thread)
    thread.start()
    return thread


class Action:
    """See :meth:`Ops.action`."""

    def __init__(self, ops: Ops, parent: QWidget | None, passthrough: tuple[type[BaseException], ...]) -> None:
        self._ops, self._parent, self._passthrough = ops, parent, passthrough
        self._watch: Any = None
        self._written: set[str] = set()
        self.ok = False

    def __enter__(self) -> Action:
        store = self._ops._store()
        if store is not None:
            self._watch = store.watch()
            self._written = self._watch.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> bool:
        if self._watch is not None:
            self._watch.__exit__(None, None, None)
        if exc is None:
            self.ok = True
            self._ops.broadcast(self._written)
            return False
        if isinstance(exc, self._passthrough) or not isinstance(exc, Exception):
            return False
        self._ops.show_error(self._parent, exc)
        return True


class Ops(QObject):
    """The runner of one window (``ctx.ops``)."""

    changed = Signal(object)  # Changes, after an action committed
    _delivered = Signal(object)  # (parent, callback, value) of ``read``, from its worker thread

    def __init__(self, store: Callable[[], Store | None], logs_dir: Callable[[], Path | None],
                 render: Callable[[UserError], str]) -> None:
        super().__init__()
        self._store, self._logs_dir, self._render = store, logs_dir, render
        self._threads: list[QThread] = []
        # Ops lives on the GUI thread: the worker's emit is queued to it.
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending: list[Pending] = []
        self._worker: ThreadPoolExecutor | None = None  # ops.submit's one thread, started once

    # -- the one message style ----------------------------------------------------------------
    def show_error(self, parent: QWidget | None, exc: BaseException) -> None:
        """A user/environment error plainly; a bug logged and apologised for."""
        if isinstance(exc, UserError):
            QMessageBox.warning(parent, translate("AppContext", "STRIVE Desktop"), self._render(exc))
            return
        logs = self._logs_dir()
        assert logs is not None
        path = log_bug(exc, logs)
        QMessageBox.critical(
            parent, translate("AppContext", "STRIVE Desktop"),
            translate("AppContext", "Sorry, something went wrong. Your saved data is safe.\n"
                "The details were written to:\n{path}").format(path=path),
        )

    def broadcast(self, tables: frozenset[str] | set[str]) -> None:
        changes = Changes.of(tables)
        if changes:
            self.changed.emit(changes)

    # -- calls ----------------------------------------------------------------------------------
    def run(self, parent: QWidget | None, fn: Callable[..., Any], *args: Any,
            passthrough: tuple[type[BaseException], ...] = (), **kwargs: Any) -> Any:
        """Call ``fn(*args, **kwargs)`` now; on failure show it and return None.

        Exceptions of the *passthrough* types (e.g. ``ValidationError`` for a form that shows
        the message under the field) are raised to the caller instead of shown.
        """
        store = self._store()
        try:
            if store is None:
                return fn(*args, **kwargs)
            with store.watch() as written:
                result = fn(*args, **kwargs)
        except passthrough:
            raise
        except Exception as exc:  # noqa: BLE001 - shown plainly or apologised for
            self.show_error(parent, exc)
            return None
        self.broadcast(written)
        return result

    def action(self, parent: QWidget | None,
               passthrough: tuple[type[BaseException], ...] = ()) -> Action:
        """``with ops.action(self) as act: service(...)``: the block is one user action; a
        failure is shown (and the block left), else what it committed is broadcast.
        ``act.ok`` tells the code after the block which happened."""
        return Action(self, parent, passthrough)

    def read(self, parent: QWidget, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None] | None = None, *, name: str = "strive-read") -> None:
        """Run the read-only ``fn()`` in a daemon thread, with no dialog (the caller shows that
        it is busy). ``on_done(result)`` (or *on_error*, else the one message style) runs on
        the GUI thread, unless *parent* has been deleted meanwhile. A daemon thread, not a
        QThread: closing the window while it reads neither waits nor warns."""
        fail = on_error if on_error is not None else (lambda exc: self.show_error(parent, exc))
        signal = self._delivered

        def work() -> None:
            try:
                outcome: tuple[Callable[[Any], None], Any] = (on_done, fn())
            except Exception as exc:  # noqa: BLE001 - handed to the GUI thread
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                outcome = (fail, exc)
            try:
                signal.emit((parent, *outcome))
            except RuntimeError:  # the window (and its Ops) was closed meanwhile
                pass

        threading.Thread(target=work, name=name, daemon=True).start()

    @Slot(object)
    def _deliver(self, item: tuple[QWidget, Callable[[Any], None], Any]) -> None:
        parent, callback, value = item
        if not shiboken6.isValid(parent):
            return
        callback(value)

    def batch(self, parent: QWidget | None, title: str, fn: Callable[[Job], Any],
              on_done: Callable[[Any], None] | None = None, *, cancellable: bool = False,
              on_error: Callable[[BaseException], None] | None = None) -> QThread:
        """Run ``fn(job)`` in a worker thread behind a progress dialog (Cancel if
        *cancellable*); ``on_done(result)`` on the GUI thread after the changes went out.
        A failure goes to *on_error*, or is shown in the one message style."""
        return run_in_background(
            parent, title, fn, on_done,
            on_error if on_error is not None else (lambda exc: self.show_error(parent, exc)),
            cancellable=cancellable, keep=self._threads, store=self._store(), on_changes=self.broadcast)

    def submit(self, parent: QWidget | None, fn: Callable[..., Any], *args: Any,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Pending:
        """Start ``fn(*args)`` on a worker thread now, without a dialog (see gui/ops/pending.py);
        on the GUI thread afterwards: the changes broadcast, then ``on_done(result)``, or
        ``on_error(exc)`` (default: shown in the one message style)."""
        def _error(exc: BaseException) -> None:
            (on_error or (lambda e: self.show_error(parent, e)))(exc)

        pending: Pending

        def _forget() -> None:
            if pending in self._pending:
                self._pending.remove(pending)

        def _done(result: Any) -> None:
            _forget()
            if on_done is not None:
                on_done(result)

        def _failed(exc: BaseException) -> None:
            _forget()
            _error(exc)

        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_NAME)
        pending = Pending(self._worker, lambda: fn(*args), self._store(), _done, _failed, self.broadcast)
        self._pending.append(pending)  # kept alive until its outcome is delivered
        return pending

    def wait_all(self) -> None:
        """Wait for every call started with :meth:`submit` and deliver their outcomes now."""
        while self._pending:
            self._pending[0].wait()
