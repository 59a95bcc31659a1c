"""A quick service call run on a worker thread without a progress dialog (``ops.submit``).

For calls that are short but still too long for the GUI thread to hold at every keystroke
pause (the plan editor's autosave, the dashboard's figures): ``ops.submit(parent, fn, *args,
on_done=..., on_error=...)`` queues ``fn(*args)`` for the window's one worker thread (calls
run in the order they were submitted, one at a time; the thread is started once, so a submit
costs the GUI thread next to nothing) and returns a :class:`Pending`. When the call ends, on the GUI thread: what its commits wrote is broadcast
(as ``ops.run`` does), then ``on_done(result)``, or ``on_error(exc)`` (default: the one message
style). ``pending.wait()`` blocks until the call has ended and delivers its outcome at once
(e.g. before the window closes, so that the last save is in); the outcome is delivered once.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from ...storage.db import Store

THREAD_NAME = "strive-ops"


class Pending(QObject):
    """One call on its worker thread; its outcome comes back to the GUI thread once."""

    _ended = Signal()  # emitted by the worker; queued to the GUI thread (this object lives there)

    def __init__(self, worker: ThreadPoolExecutor, fn: Callable[[], Any], store: Store | None,
                 on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None],
                 broadcast: Callable[[frozenset[str]], None]) -> None:
        super().__init__()
        self._fn, self._store = fn, store
        self._on_done, self._on_error, self._broadcast = on_done, on_error, broadcast
        self._result: Any = None
        self._error: BaseException | None = None
        self._written: frozenset[str] = frozenset()
        self._delivered = False
        self._ended.connect(self._deliver)
        self._future: Future[None] = worker.submit(self._work)

    def _work(self) -> None:
        try:
            if self._store is None:
                self._result = self._fn()
            else:
                with self._store.watch() as written:
                    self._result = self._fn()
                self._written = frozenset(written)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self._error = exc
        self._ended.emit()

    @property
    def running(self) -> bool:
        """True until the outcome has been delivered on the GUI thread."""
        return not self._delivered

    def wait(self) -> None:
        """Block until the call has ended, then deliver its outcome now (if not yet done)."""
        self._future.result()
        self._deliver()

    @Slot()
    def _deliver(self) -> None:
        if self._delivered:
            return
        self._delivered = True
        # Let go of the callbacks (and so of the page they belong to) once they ran: the
        # runner's bookkeeping keeps this object in a reference cycle, which Python's garbage
        # collector may free on any thread, and a page freed on a worker thread stops its
        # timers from the wrong thread ("Timers cannot be stopped from another thread").
        on_done, on_error, broadcast = self._on_done, self._on_error, self._broadcast
        self._on_done = self._fn = None  # type: ignore[assignment]
        self._on_error = self._broadcast = _nothing
        if self._error is not None:
            on_error(self._error)
            return
        if self._written:
            broadcast(self._written)
        if on_done is not None:
            on_done(self._result)


def _nothing(_value: Any) -> None:
    pass
