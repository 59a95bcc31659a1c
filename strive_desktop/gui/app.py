"""Start the GUI: the window is painted first, then the data folder is opened.

``run_gui`` is what ``python main.py`` (no command) calls. Order of events:

1. a ``QApplication`` with the chosen language's translations;
2. the main window shown empty ("Opening the data folder…"): the first paint does not wait
   for SQLAlchemy or the database;
3. right after that first paint the data core (SQLAlchemy, the store, the first page's
   services and modules) starts being imported on a background thread
   (:func:`preload_data_core`) while the data folder is claimed (its lock: a second copy is
   told at once) and the user logs in (gui/dialogs/login.py: an account's password unlocks the
   database key; STRIVE_PASSWORD is tried first); as soon as the key is known the store is
   opened on a worker thread (:meth:`GuiApp.open_in_background`: lock, schema check,
   migrations, engine), so the window keeps painting meanwhile. A second copy of the app, a database from
   a newer version or an unwritable folder gets a plain message and the app quits without
   touching anything;
4. back on the GUI thread: the first-start setup on an empty folder, then the context and the
   pages; a moment later the other pages' modules are imported in the background
   (:func:`warm_up`), so that opening a page the first time does not wait for its imports. The page shown reads its data through its services like at any other time (the
   People page: the first screenful through ``people_index.load_people_head`` on the window's
   worker, everyone in the background).

``STRIVE_BENCH`` is the one timing hook (:func:`_bench`, used by bench/bench_gui.py,
bench/bench_bundle.py and the CI smoke tests of the bundle): when set, the wall-clock times of
the first paint ("painted"), of the login's start and end ("login", "logged_in": the
password accepted, the key derived), of the first paint with the page's data ("ready": on the People
page the first screenful of rows and the total count) and, when the rest of the people are
read in the background, of that read's end ("indexed") are printed; ``STRIVE_BENCH=quit`` then
closes the app.

Unexpected exceptions anywhere in a slot reach :meth:`GuiApp.excepthook`: logged to
``logs/strive.log`` in the data folder and shown as a short apology naming that file.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME, __version__
from ..logsetup import configure, enable_crash_log, log_bug
from .i18n import choose_language, gui_settings, install_translations
from .main_window import AUTO_BACKUP_START_MS, MainWindow, start_auto_backup

if TYPE_CHECKING:
    from ..storage.claim import Claim
    from ..storage.db import Store
    from .context import AppContext

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
T = TypeVar("T")


def _open_store(data_dir: Path, claim: Claim, login: tuple[str, bytes]) -> Store | BaseException:
    """The opened store (with the database key of the login), or what went wrong (raised again
    on the GUI thread to be shown)."""
    try:
        from ..storage.db import open_store

        account, key = login
        return open_store(data_dir, key=key, account=account, claim=claim)
    except BaseException as exc:  # noqa: BLE001 - carried to the GUI thread
        claim.release()
        return exc


class _Opened(QObject):
    """Carries the worker's opened store (or its error) to the GUI thread (a queued signal)."""

    done = Signal(object)


class GuiApp:
    """One running GUI: the window, and once opened, the store and the context."""

    def __init__(self, data_dir: Path, lang: str) -> None:
        self.data_dir = Path(data_dir)
        self.lang = lang
        self.window = MainWindow(self.data_dir)
        self.store: Store | None = None
        self.ctx: AppContext | None = None
        self.exit_code = 0
        self._relay: _Opened | None = None
        self._claim: Claim | None = None
        self._login: tuple[str, bytes] | None = None  # (account, database key) after the login

    def open(self) -> bool:
        """Log in, open the data folder here and attach the pages; False (after telling the
        user) if not."""
        if not self.log_in():
            return False
        claim, login = self._take()
        return self.attach(_open_store(self.data_dir, claim, login))

    def log_in(self) -> bool:
        """Take the data folder's lock (a second copy is told before any password is asked), then
        the login; False after telling the user why not (or when they cancelled)."""
        from ..storage.claim import claim_folder, unlock_claim
        from .dialogs.login import login

        claim = self._attempt(lambda: claim_folder(self.data_dir))
        if claim is None:
            return False
        self._login = self._attempt(lambda: login(self.window, self.data_dir))
        if self._login is None or self._attempt(lambda: unlock_claim(claim, self._login[1]) or True) is None:
            claim.release()
            return False
        self._claim = claim
        return True

    def _take(self) -> tuple[Claim, tuple[str, bytes]]:
        claim, login = self._claim, self._login
        assert claim is not None and login is not None, "log_in() first"
        self._claim = None
        return claim, login

    def _attempt(self, fn: Callable[[], T]) -> T | None:
        """``fn()``, or None after telling the user why not: a user or environment error
        plainly, anything else (a bug) logged and apologised for."""
        from ..errors import UserError
        from .context import user_text

        try:
            return fn()
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, user_text(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: logged, apologised for
            self._apologise(exc)
        return None

    def open_in_background(self, then: Callable[[Store | BaseException], None]) -> None:
        """Open the store on a worker thread (the data layer's import and the migrations are the
        longest part of the start) while the window is built and painted; ``then(store or
        error)`` on the GUI thread, to be given to :meth:`attach`."""
        claim, login = self._take()
        relay = self._relay = _Opened()
        relay.done.connect(then)
        threading.Thread(target=lambda: relay.done.emit(_open_store(self.data_dir, claim, login)),
                         name="strive-open", daemon=True).start()

    def attach(self, opened: Store | BaseException) -> bool:
        """Run the first-start setup if needed and give the window its pages; False (after
        telling the user why: another copy running, a newer or foreign database...) if not."""
        from ..errors import UserError
        from ..services import installation
        from .context import AppContext, user_text

        if isinstance(opened, UserError):
            QMessageBox.warning(self.window, APP_NAME, user_text(opened))
            return False
        if isinstance(opened, BaseException):  # anything else is a bug: logged, apologised for
            self._apologise(opened)
            return False
        self.store = opened
        configure(self.store.folder.logs)
        # The day's automatic backup once the start is over; close() waits for it.
        store = self.store
        QTimer.singleShot(AUTO_BACKUP_START_MS, lambda: self.store is store and start_auto_backup(store))
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
        QTimer.singleShot(WARM_UP_MS, lambda: self.store is store and warm_up(
            self.lang, store, self.ctx.community_id if self.ctx is not None else None))
        return True

    def close(self) -> None:
        if self._claim is not None:  # logged in, never opened
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


def _bench_ready(gui: GuiApp, quit_app: Callable[[], None]) -> None:
    """STRIVE_BENCH's "ready" (the first paint with the page's data: on the People page the
    first screenful of real rows, rows= the total, so the count and the scrollbar are right)
    and "indexed" (everyone read into memory for filtering, when read in the background)."""
    if not os.environ.get("STRIVE_BENCH"):
        return
    page = gui.window.current_page()
    if getattr(page, "reading", False):  # the People page's first screenful is on its way
        def _shown() -> None:
            page.head_shown.disconnect(_shown)  # type: ignore[union-attr]
            _PaintWatch(gui.window, lambda: _bench_ready(gui, quit_app))
            gui.window.update()

        page.head_shown.connect(_shown)  # type: ignore[union-attr]
        return
    model = getattr(page, "model", None)
    loading = bool(getattr(page, "loading", False))
    first = model.data(model.index(0, 0)) if model is not None and model.rowCount() else ""
    _bench("ready", page=gui.window.page_key(), rows=model.rowCount() if model is not None else -1,
           loading=int(loading), first_row_filled=int(bool(first)))
    quitting = os.environ.get("STRIVE_BENCH") == "quit"
    if loading:
        def _indexed() -> None:
            _bench("indexed", rows=model.rowCount())
            if quitting:
                quit_app()

        page.full_loaded.connect(_indexed)  # type: ignore[union-attr]
    elif quitting:
        quit_app()


def run_gui(data_dir: Path, lang: str | None = None) -> int:
    """Show the main window on *data_dir* and run until it is closed; the exit status.

    The data folder is opened only after the empty window has been painted once, and on a
    worker thread, so the user sees the window at once even when opening takes a moment.
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

    def _quit(code: int = 0) -> None:
        gui.exit_code = code
        gui.window._closing_ok = True
        gui.window.close()
        app.quit()

    def _opened(result: Store | BaseException) -> None:
        if not gui.attach(result):  # first-start setup, context, pages
            _quit(1)
            return
        _PaintWatch(gui.window, lambda: _bench_ready(gui, _quit))
        gui.window.update()

    def _painted() -> None:
        _bench("painted")
        # The data core and the first page's modules are imported while the user logs in.
        preload_data_core()
        _bench("login")
        if not gui.log_in():  # the lock, then the password (before the store can be opened)
            _quit(1)
            return
        _bench("logged_in")  # the password accepted: the database key is known
        # Right after the first paint, not before: the worker's imports would slow it down.
        gui.open_in_background(_opened)

    watch = _PaintWatch(gui.window, _painted)
    gui.window.show()
    QTimer.singleShot(1000, watch.fire)  # never wait longer than a second for the first paint
    try:
        rc = app.exec()
    finally:
        sys.excepthook = previous_hook
        if gui.ctx is not None:
            gui.ctx.ops.wait_all()  # e.g. the last autosave of a plan, before the store closes
        wait_for_background_reads()
        gui.close()
    return gui.exit_code or rc


# The background reads (opening the store, people index, delivery check, the search for the same
# people) and the warm-up run in plain daemon threads; the operations layer's short calls
# (ops.submit) are waited for by run_gui.
BACKGROUND_THREADS = ("strive-open", "people-index", "strive-delivery", "same-people",
                      "strive-warm-up", "strive-preload")

# What the store's opening and the first page need, imported by preload_data_core (the log's
# rotating file handler too: logsetup.configure, when the store is open).
DATA_CORE_MODULES = ("logging.handlers", "strive_desktop.storage.db", "strive_desktop.services.installation",
                     "strive_desktop.services.people_index", "strive_desktop.gui.context",
                     "strive_desktop.gui.pages.people", "strive_desktop.gui.pages.dashboard")

# The pages' modules, imported by warm_up a moment after the start.
PAGE_MODULES = ("dashboard", "people", "trainings", "plans", "vulnerable", "sync", "duplicates", "settings",
                "users")
WARM_UP_MS = 1500


def preload_data_core() -> threading.Thread:
    """Import the data core (SQLAlchemy, the store, the services the first page reads through)
    and the first pages' modules, and configure the ORM's mappers, on a background thread while
    the login dialog is shown: the user types the password meanwhile, so the store opens as soon
    as the key is known. Only imports and the mappers (nothing is read); a failure is logged and
    the same happens again where it is needed."""
    def _imports() -> None:
        try:
            for name in DATA_CORE_MODULES:
                importlib.import_module(name)
            # The ORM's mappers are configured by the first query otherwise: on the GUI thread,
            # a tenth of a second before the first page's rows (SQLAlchemy holds a lock for it).
            from sqlalchemy.orm import configure_mappers

            configure_mappers()
        except Exception:  # noqa: BLE001 - imported again (and reported) where needed
            log.exception("preloading the data core failed")

    thread = threading.Thread(target=_imports, name="strive-preload", daemon=True)
    thread.start()
    return thread


def warm_up(lang: str, store: Store | None = None, community_id: str | None = None) -> threading.Thread:
    """A moment after the start (the first page is filled by then): import the other pages'
    modules (their services, widgets and ReportLab with the trainings page) and Babel's data for
    the language on a background thread, so that opening a page the first time does not hold
    the window for its imports (bench/bench_session.py). With a *store*, then the reads the
    pages make when first shown (:func:`warm_reads`), so that they find SQLAlchemy's compiled
    statements cached. No page is built; a failure here is logged and the page does the work
    itself when opened, as before."""
    def _warm() -> None:
        try:
            for name in PAGE_MODULES:
                importlib.import_module(f"{__package__}.pages.{name}")
            from .. import formatting

            formatting.fmt_percent(0.5, lang)
            formatting.fmt_date(dt.date.today(), lang)
        except Exception:  # noqa: BLE001 - the page imports itself when opened
            log.exception("warming up the pages failed")
        # What is loaded by now (Qt's bindings, SQLAlchemy, ReportLab, every page's module) lives
        # as long as the app: out of the cyclic collector's sight, a full collection (run on
        # whichever thread allocates, holding the GIL and so the window) walks only what came
        # after (bench/bench_session.py: 40-70 ms less per full collection).
        gc.freeze()
        if store is not None:
            warm_reads(store, community_id)

    thread = threading.Thread(target=_warm, name="strive-warm-up", daemon=True)
    thread.start()
    return thread


def warm_reads(store: Store, community_id: str | None) -> None:
    """The read-only service calls the pages make when first opened, made once off the GUI
    thread: SQLAlchemy compiles each statement the first time it runs (10-50 ms for a roster or
    figures query) and keeps the compiled form in the engine's cache, so the page's own call
    then pays only the query. Results are thrown away; a failure is logged, never shown."""
    from ..services import installation, plans, rosters, trainings, vulnerable

    def _groups() -> None:
        groups = rosters.list_groups(store, community_id)
        if groups:
            rosters.list_members(store, groups[0].id)

    def _trainings() -> None:
        # Twice: its last statement is compiled again on its second run (a cache key that
        # settles only then), then never; once would leave that compile to the page.
        trainings.training_figures(store, community_id)
        trainings.training_figures(store, community_id)
        listed = trainings.list_trainings(store, community_id)
        if listed:
            trainings.attendance_sheet(store, listed[0].id)

    def _plans() -> None:
        listed = plans.list_plans(store, community_id)
        if listed:
            plans.get_plan(store, listed[0].id)
            plans.list_revisions(store, listed[0].id)

    reads: list[Callable[[], object]] = [
        lambda: installation.list_communities(store), _groups, _trainings, _plans,
        lambda: vulnerable.list_vulnerable_groups(store, community_id)]
    for read in reads:
        try:
            read()
        except Exception:  # noqa: BLE001 - the page reads (and reports) for itself when opened
            log.exception("warming up a page's read failed")


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
