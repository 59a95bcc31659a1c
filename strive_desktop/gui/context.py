"""What every page and dialog gets: the opened store, the installation, errors, background jobs.

Pages are ``QWidget`` subclasses constructed as ``Page(ctx, parent=None)`` with a
``refresh()`` method the main window calls when the page is shown or data changed.
They call services (never build SQL) and emit ``ctx.data_changed`` after a change so
other views can refresh (the Anki "operations" pattern).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..errors import UserError
from ..i18n import Message
from ..logsetup import log_bug

if TYPE_CHECKING:  # the data layer (SQLAlchemy) is imported once the store is opened
    from ..services.info import InstallationInfo
    from ..services.start import FirstScreen
    from ..storage.db import Store

log = logging.getLogger(__name__)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def number_text(value: float) -> str:
    """A number the way the interface language writes it: "9.6" in English, "9,6" in Russian
    and Kyrgyz (QLocale's default, set with the translations); whole numbers without ",0"."""
    from PySide6.QtCore import QLocale

    if float(value).is_integer():
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "g", 6)


def render_message(message: Message) -> str:
    """A service's message in the UI language, its numbers and percentages written the
    interface language's way ("9,6"; "80 %" in Russian and Kyrgyz, "80%" in English)."""
    from .widgets.percent import percent_text

    return message.render(translate, number=number_text, percent=percent_text)


def user_text(exc: UserError) -> str:
    """The error's message in the UI language (numbers too, see render_message)."""
    return render_message(exc.message)


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self._fn = fn
        self.cancelled = False

    def run(self) -> None:
        try:
            result = self._fn(self)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class _Relay(QObject):
    """Receives the worker's signals on the GUI thread (a QObject living there, so the
    connections are queued; a bare Python callable could run in the worker's thread)."""

    def __init__(self, dialog: QProgressDialog, thread: QThread, keep: list[QThread],
                 on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None) -> None:
        super().__init__()
        self.dialog, self.thread, self.keep = dialog, thread, keep
        self.on_done, self.on_error = on_done, on_error

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _cleanup(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.thread.quit()
        self.thread.wait()
        if self.thread in self.keep:
            self.keep.remove(self.thread)

    @Slot(object)
    def finished(self, result: Any) -> None:
        self._cleanup()
        if self.on_done is not None:
            self.on_done(result)

    @Slot(object)
    def failed(self, exc: BaseException) -> None:
        self._cleanup()
        if self.on_error is not None:
            self.on_error(exc)
        else:
            log.error("background job failed: %s", getattr(exc, "__traceback_text__", exc))


class AppContext(QObject):
    """Shared state of one main window.

    At start-up the context may exist before the store: built from the
    :class:`~strive_desktop.services.start.FirstScreen` (``store`` None, ``first`` set), it
    lets the People page show its first rows; :meth:`attach_store` then gives it the opened
    store and emits :attr:`store_ready`. Pages other than that first screen are only built
    once the store is there.
    """

    data_changed = Signal(str)  # a table name, or "" when anything may have changed
    community_changed = Signal(str)
    store_ready = Signal()

    def __init__(self, store: Store | None, lang: str = "en", *, first: FirstScreen | None = None,
                 logs_dir: Path | None = None) -> None:
        super().__init__()
        if store is None and (first is None or logs_dir is None):
            raise ValueError("a context without a store needs the first screen and the logs folder")
        self.store: Store = store  # type: ignore[assignment] - None only before attach_store
        self.lang = lang
        self.first = first if store is None else None
        self._logs_dir = logs_dir
        self._info: InstallationInfo | None = first.info if first is not None else None
        self._community_id: str | None = first.community_id if first is not None else None
        self._threads: list[QThread] = []

    @property
    def has_store(self) -> bool:
        """False only between the first screen and the store being opened at start-up."""
        return self.store is not None

    def attach_store(self, store: Store) -> None:
        """The store opened after the first screen: from now on everything works."""
        self.store = store
        self.first = None
        self._info = None  # read again through the store
        self.store_ready.emit()

    # -- who we are ---------------------------------------------------------------------
    @property
    def info(self) -> InstallationInfo:
        if self._info is None:
            from ..services import installation

            self._info = installation.get_installation(self.store)
        return self._info

    def reload_info(self) -> None:
        self._info = None

    @property
    def is_hq(self) -> bool:
        return self.info.is_hq

    @property
    def community_id(self) -> str | None:
        """The community the pages work on: this office's, or the one HQ picked."""
        if self._community_id is None and not self.is_hq:
            self._community_id = self.info.community_id
        return self._community_id

    def set_community(self, community_id: str | None) -> None:
        if community_id != self._community_id:
            self._community_id = community_id
            self.community_changed.emit(community_id or "")

    def community_name(self, community: Any) -> str:
        """A CommunityInfo's name in the UI language."""
        return community.name(self.lang)

    def notify(self, what: str = "") -> None:
        self.data_changed.emit(what)

    # -- errors -----------------------------------------------------------------------------
    def show_error(self, parent: QWidget | None, exc: BaseException) -> None:
        """A user/environment error plainly; a bug logged and apologised for."""
        if isinstance(exc, UserError):
            QMessageBox.warning(parent, translate("AppContext", "STRIVE Desktop"), user_text(exc))
            return
        logs = self.store.folder.logs if self.store is not None else self._logs_dir
        assert logs is not None
        path = log_bug(exc, logs)
        QMessageBox.critical(
            parent,
            translate("AppContext", "STRIVE Desktop"),
            translate("AppContext", "Sorry, something went wrong. Your saved data is safe.\n"
                                    "The details were written to:\n{path}").format(path=path),
        )

    def call(self, parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a service call; on failure show the error and return None."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            self.show_error(parent, exc)
            return None

    # -- background work ----------------------------------------------------------------------
    def run_in_background(self, parent: QWidget | None, title: str, fn: Callable[[Any], Any],
                          on_done: Callable[[Any], None] | None = None, *, cancellable: bool = False) -> QThread:
        """Run ``fn(worker)`` off the GUI thread with a progress dialog.

        ``fn`` may call ``worker.progress.emit(done, total)`` and should stop early when
        ``worker.cancelled`` is set. ``on_done(result)`` runs on the GUI thread; a failure is
        shown with :meth:`show_error`.
        """
        return run_in_background(parent, title, fn, on_done, lambda exc: self.show_error(parent, exc),
                                 cancellable=cancellable, keep=self._threads)


_running: list[QThread] = []


def run_in_background(parent: QWidget | None, title: str, fn: Callable[[Any], Any],
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None, *,
                      cancellable: bool = False, keep: list[QThread] | None = None) -> QThread:
    """Run ``fn(worker)`` in a QThread behind a progress dialog (usable before a context exists).

    ``on_done(result)`` / ``on_error(exc)`` run on the GUI thread. The thread is kept in
    *keep* (default: a module list) until it has finished, so it is not garbage-collected.
    """
    keep = _running if keep is None else keep
    dialog = QProgressDialog(title, translate("AppContext", "Cancel") if cancellable else None, 0, 0, parent)
    dialog.setWindowTitle(translate("AppContext", "STRIVE Desktop"))
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setMinimumWidth(360)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    worker = _Worker(fn)
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)

    relay = _Relay(dialog, thread, keep, on_done, on_error)
    worker.progress.connect(relay.progress)
    worker.finished.connect(relay.finished)
    worker.failed.connect(relay.failed)
    if cancellable:
        dialog.canceled.connect(lambda: setattr(worker, "cancelled", True))
    thread._worker = worker  # type: ignore[attr-defined] - keep it alive
    thread._relay = relay  # type: ignore[attr-defined]
    keep.append(thread)
    thread.start()
    return thread
