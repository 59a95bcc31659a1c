"""Start the GUI: the window is painted first, then the data folder is opened.

``run_gui`` is what ``python main.py`` (no command) calls. Order of events:

1. a ``QApplication`` with the chosen language's translations;
2. the main window shown empty ("Opening the data folder…"): the first paint does not
   wait for SQLAlchemy or the database;
3. right after that first paint the data folder is claimed (lock, schema check; plain
   sqlite3): a second copy of the app, a database from a newer version or an unwritable
   folder gets a plain message and the app quits without touching anything;
4. on the People page of a folder that is set up and current, its first rows are read with
   plain sqlite3 and painted (:mod:`services.start`), and the store is opened right after
   (the data layer's import is the longest part of the start); otherwise the store is opened
   at once (migrations applied), the first-start setup runs on an empty folder, and the pages
   are attached.

With the environment variable ``STRIVE_BENCH`` set, the times of the first paint, of the
first paint with the data ("ready": on the People page the first screenful of rows and the
total count), of the store being open after such a first screen ("working") and, when the
rest of the people are read in the background, of that read's end ("indexed") are printed; ``STRIVE_BENCH=quit`` then closes the app
(bench/bench_gui.py measures a cold start this way).

Unexpected exceptions anywhere in a slot reach :meth:`GuiApp.excepthook`: logged to
``logs/strive.log`` in the data folder and shown as a short apology naming that file.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME, __version__
from ..logsetup import configure, enable_crash_log, log_bug
from .i18n import choose_language, gui_settings, install_translations
from .main_window import AUTO_BACKUP_START_MS, MainWindow, start_auto_backup

if TYPE_CHECKING:
    from ..storage.db import Store
    from ..storage.quick import Claim
    from .context import AppContext

log = logging.getLogger(__name__)


T = TypeVar("T")

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class GuiApp:
    """One running GUI: the window, and once opened, the store and the context."""

    def __init__(self, data_dir: Path, lang: str) -> None:
        self.data_dir = Path(data_dir)
        self.lang = lang
        self.window = MainWindow(self.data_dir)
        self.store: Store | None = None
        self.ctx: AppContext | None = None
        self.exit_code = 0
        self._claim: Claim | None = None
        self._login: tuple[str, bytes] | None = None  # (account, database key) after the login

    def open(self) -> bool:
        """Open the data folder and attach the pages; False (after telling the user) if not."""
        return self.claim() and self.finish()

    def claim(self) -> bool:
        """Take the data folder's lock and check its schema (no SQLAlchemy yet); False after
        telling the user (another copy running, a newer or foreign database...)."""
        from ..storage.quick import claim_folder, unlock_claim
        from .dialogs.login import login

        claim = self._attempt(lambda: claim_folder(self.data_dir))
        if claim is None:
            return False
        # the login (gui/dialogs/login.py) comes after the lock and before the store opens
        self._login = self._attempt(lambda: login(self.window, self.data_dir))
        if self._login is None or self._attempt(lambda: unlock_claim(claim, self._login[1]) or True) is None:
            claim.release()
            return False
        self._claim = claim
        return True

    def _attempt(self, fn: Callable[[], T]) -> T | None:
        """``fn()``, or None after telling the user why not: a user or environment error
        plainly, anything else (a bug) logged and apologised for."""
        from ..errors import UserError
        from .context import user_text

        try:
            return fn()
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, user_text(exc))
        except Exception as exc:  # noqa: BLE001 - anything else is a bug: logged, apologised for
            self._apologise(exc)
        return None

    def show_first_screen(self) -> bool:
        """When the window opens on the People page of a folder that is set up and current,
        show its first rows before the store is opened (:mod:`services.start`); True if
        shown, and then :meth:`finish` must follow."""
        if self._claim is None or self.ctx is not None:
            return False
        if str(self.window.settings.value("window/page", "")) != "people":
            return False
        from ..services.start import first_screen
        from .context import AppContext
        from .pages.people import PeoplePage

        saved = self.window.settings.value("window/community")
        try:
            first = first_screen(self._claim, community_id=str(saved) if saved else None,
                                 limit=PeoplePage.HEAD_ROWS)
        except Exception:  # noqa: BLE001 - the ordinary start will say what is wrong
            log.exception("first screen could not be read")
            return False
        if first is None:
            return False
        configure(self._claim.folder.logs)
        self.ctx = AppContext(None, self.lang, first=first, logs_dir=self._claim.folder.logs)
        self.window.attach(self.ctx)
        return True

    def finish(self) -> bool:
        """Open the store on the claimed folder (migrations, first-start setup) and attach it;
        False (after telling the user) if not."""
        from ..services import installation
        from ..storage.db import open_store
        from .context import AppContext

        claim, self._claim = self._claim, None
        if claim is None:
            return False
        account, key = self._login or (None, None)
        self.store = self._attempt(lambda: open_store(self.data_dir, key=key, account=account, claim=claim))
        if self.store is None:
            return False
        configure(self.store.folder.logs)
        # The day's automatic backup once the start is over; close() waits for it.
        store = self.store
        QTimer.singleShot(AUTO_BACKUP_START_MS, lambda: self.store is store and start_auto_backup(store))
        if self.ctx is not None:  # the first screen is showing: the folder was set up already
            self.ctx.attach_store(self.store)
            return True
        if not installation.is_initialised(self.store):
            from .setup_dialog import SetupDialog

            setup = SetupDialog(self.store, self.lang, self.window)
            accepted = setup.exec() == SetupDialog.DialogCode.Accepted
            self.lang = setup.lang  # the language may have been chosen in the setup
            setup.deleteLater()
            if not accepted:
                return False
        elif not installation.get_installation(self.store).user_name:
            from .setup_dialog import ask_user_name

            ask_user_name(self.window, self.store)
        self.ctx = AppContext(self.store, self.lang)
        self.window.attach(self.ctx)
        return True

    def close(self) -> None:
        if self._claim is not None:
            self._claim.release()
            self._claim = None
        if self.store is not None:
            close_backup(self.store)
            self.store.close()
            self.store = None
        from ..storage.files import remove_viewing_copies

        remove_viewing_copies()  # the plain copies of attachments opened in a viewer

    def _apologise(self, exc: BaseException) -> None:
        path = log_bug(exc, self.data_dir / "logs")
        QMessageBox.critical(
            self.window, APP_NAME,
            translate("App", "Sorry, something went wrong. Your saved data is safe.\n"
                "The details were written to:\n{path}").format(path=path))

    def excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        exc.__traceback__ = tb
        try:
            if self.ctx is not None:
                self.ctx.show_error(self.window, exc)
            else:
                self._apologise(exc)
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            log.exception("error while reporting an error")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("STRIVE Asia")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


class _PaintWatch(QObject):
    """Calls *then* once, right after the watched widget's next paint event."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            obj.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False

    def fire(self) -> None:
        """Run *then* now if no paint came (e.g. a platform that never exposes the window)."""
        if self._then is not None:
            then, self._then = self._then, None
            then()


def _bench(event: str, **extra: object) -> None:
    """With STRIVE_BENCH set, print an event's wall-clock time (read by bench/bench_gui.py)."""
    if os.environ.get("STRIVE_BENCH"):
        details = " ".join(f"{k}={v}" for k, v in extra.items())
        print(f"STRIVE_BENCH {event} {time.time():.6f} {details}".rstrip(), flush=True)


def run_gui(data_dir: Path, lang: str | None = None) -> int:
    """Show the main window on *data_dir* and run until it is closed; the exit status.

    The data folder is opened only after the empty window has been painted once, so the
    user sees the window at once even when opening the database takes a moment.
    """
    data_dir = Path(data_dir)
    if data_dir.is_dir():  # a native crash while Qt starts is logged too (logsetup)
        enable_crash_log(data_dir / "logs")
    app = make_application()
    saved = gui_settings(data_dir).value("language") if data_dir.exists() else None
    chosen = choose_language(lang, str(saved) if saved else None)
    install_translations(app, chosen)
    gui = GuiApp(data_dir, chosen)
    previous_hook = sys.excepthook
    sys.excepthook = gui.excepthook

    def _quit_for_bench() -> None:
        if os.environ.get("STRIVE_BENCH") == "quit":
            gui.window._closing_ok = True
            gui.window.close()
            app.quit()

    def _ready() -> None:
        # "ready": the first paint with the page's data, for the People page the first
        # screenful of real rows with the total count (rows=) and a scrollbar for all of them;
        # "indexed": everyone read into memory for filtering (loading=1: read in the background).
        page = gui.window.current_page()
        model = getattr(page, "model", None)
        loading = bool(getattr(page, "loading", False))
        first = model.data(model.index(0, 0)) if model is not None and model.rowCount() else ""
        _bench("ready", page=gui.window.page_key(), rows=model.rowCount() if model is not None else -1,
               loading=int(loading), first_row_filled=int(bool(first)))
        if loading:
            def _indexed() -> None:
                _bench("indexed", rows=model.rowCount())
                _quit_for_bench()

            page.full_loaded.connect(_indexed)  # type: ignore[union-attr]
        else:
            _quit_for_bench()

    def _fail() -> None:
        gui.exit_code = 1
        gui.window._closing_ok = True
        gui.window.close()
        app.quit()

    def _first_painted() -> None:
        _ready()
        if not gui.finish():
            _fail()
            return
        _bench("working")  # the store is open: every button and page works

    def _open() -> None:
        _bench("painted")
        if not gui.claim():
            _fail()
            return
        if gui.show_first_screen():
            # The People page's first rows are on screen; the store opens right after they
            # are painted (the data layer's import is the longest part of the start).
            first = _PaintWatch(gui.window, _first_painted)
            QTimer.singleShot(500, first.fire)  # a window not exposed (minimised) is not painted
        elif gui.finish():
            _PaintWatch(gui.window, _ready)
        else:
            _fail()
            return
        gui.window.update()

    watch = _PaintWatch(gui.window, _open)
    gui.window.show()
    QTimer.singleShot(1000, watch.fire)  # never wait longer than a second for the first paint
    try:
        rc = app.exec()
    finally:
        sys.excepthook = previous_hook
        wait_for_background_reads()
        gui.close()
    return gui.exit_code or rc


# The pages' background reads (people index, delivery check) run in plain daemon threads.
BACKGROUND_THREADS = ("people-index", "strive-delivery")


def close_backup(store: Store) -> None:
    """On close: the day's automatic encrypted backup if none was made yet (after the one
    started at start-up, if it is still running). Logged, never shown: the window is gone."""
    if store.cipher_key is None:
        return
    for thread in threading.enumerate():
        if thread.name == "strive-backup" and thread is not threading.current_thread():
            thread.join()
    from ..services import backups

    try:
        backups.auto_backup(store)
    except Exception:  # noqa: BLE001 - the data is safe; the next start tries again
        logging.getLogger(__name__).exception("automatic backup on close failed")


def wait_for_background_reads(seconds: float = 10.0) -> None:
    """Let the pages' background reads end before the window and the store are torn down: a
    read still emitting into a window being destroyed can crash the process on its way out."""
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread.name in BACKGROUND_THREADS and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))
