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
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..errors import UserError
from ..logsetup import log_bug
from ..services import installation
from ..storage.db import Store

log = logging.getLogger(__name__)


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def user_text(exc: UserError) -> str:
    """The error's message in the UI language."""
    return exc.render(translate)


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


class AppContext(QObject):
    """Shared state of one main window."""

    data_changed = Signal(str)  # a table name, or "" when anything may have changed
    community_changed = Signal(str)

    def __init__(self, store: Store, lang: str = "en") -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self._info: installation.InstallationInfo | None = None
        self._community_id: str | None = None
        self._threads: list[QThread] = []

    # -- who we are ---------------------------------------------------------------------
    @property
    def info(self) -> installation.InstallationInfo:
        if self._info is None:
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
        path = log_bug(exc, self.store.folder.logs)
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
                          on_done: Callable[[Any], None] | None = None, *, cancellable: bool = False) -> None:
        """Run ``fn(worker)`` off the GUI thread with a progress dialog.

        ``fn`` may call ``worker.progress.emit(done, total)`` and should stop early when
        ``worker.cancelled`` is set. ``on_done(result)`` runs on the GUI thread.
        """
        dialog = QProgressDialog(title, translate("AppContext", "Cancel") if cancellable else None, 0, 0, parent)
        dialog.setWindowTitle(translate("AppContext", "STRIVE Desktop"))
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        worker = _Worker(fn)
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)

        def _progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        def _cleanup() -> None:
            dialog.reset()
            dialog.close()
            thread.quit()
            thread.wait()
            if thread in self._threads:
                self._threads.remove(thread)

        def _finished(result: Any) -> None:
            _cleanup()
            if on_done is not None:
                on_done(result)

        def _failed(exc: BaseException) -> None:
            _cleanup()
            self.show_error(parent, exc)

        worker.progress.connect(_progress)
        worker.finished.connect(_finished)
        worker.failed.connect(_failed)
        if cancellable:
            dialog.canceled.connect(lambda: setattr(worker, "cancelled", True))
        thread._worker = worker  # type: ignore[attr-defined] - keep it alive
        self._threads.append(thread)
        thread.start()
