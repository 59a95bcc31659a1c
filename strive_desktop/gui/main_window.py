"""The main window: navigation on the left, one page at a time, a status bar.

The window is shown before the database is opened (a fast first paint); :meth:`attach`
then gives it the :class:`AppContext` once the store is open. Pages are built the first time
they are shown (their modules imported then), and refreshed when shown after data changed
elsewhere.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Not Qt (the namespace) here: PySide makes its hundred-odd enums the first time it is used, a
# tenth of a second before the first paint; the methods that run after it import it themselves.
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .dialogs.about import install_about
from .i18n import gui_settings
from .widgets import file_dialogs
from .widgets.modal import exec_and_delete

if TYPE_CHECKING:
    from .context import AppContext

log = logging.getLogger(__name__)


# lupdate finds calls named translate("Context", "text"): keep the literal context here.
translate = QCoreApplication.translate


PageFactory = Callable[["AppContext", QWidget], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source; translated in context "MainWindow"
    make: PageFactory  # builds the page; its module is imported then, not at start


# One plain import per page, inside its factory: a page's imports (e.g. the trainings page's
# ReportLab) do not slow down the start, and tools still see every import.
def _dashboard(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.dashboard import DashboardPage

    return DashboardPage(ctx, parent)


def _group(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.people import AdvisoryGroupPage

    return AdvisoryGroupPage(ctx, parent)


def _people(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.people import PeoplePage

    return PeoplePage(ctx, parent)


def _trainings(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.trainings import TrainingsPage

    return TrainingsPage(ctx, parent)


def _plans(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.plans import PlansPage

    return PlansPage(ctx, parent)


def _vulnerable(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.vulnerable import VulnerableGroupsPage

    return VulnerableGroupsPage(ctx, parent)


def _sync(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.sync import SyncPage

    return SyncPage(ctx, parent)


def _same_people(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.duplicates import SamePeoplePage

    return SamePeoplePage(ctx, parent)


def _settings(ctx: AppContext, parent: QWidget) -> QWidget:
    from .pages.settings import SettingsPage

    return SettingsPage(ctx, parent)


# Titles are marked for lupdate and translated when shown.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", QT_TRANSLATE_NOOP("MainWindow", "Dashboard"), _dashboard),
    PageSpec("group", QT_TRANSLATE_NOOP("MainWindow", "Advisory group"), _group),
    PageSpec("people", QT_TRANSLATE_NOOP("MainWindow", "People"), _people),
    PageSpec("trainings", QT_TRANSLATE_NOOP("MainWindow", "Trainings"), _trainings),
    PageSpec("plans", QT_TRANSLATE_NOOP("MainWindow", "Local plans"), _plans),
    PageSpec("vulnerable", QT_TRANSLATE_NOOP("MainWindow", "Vulnerable groups"), _vulnerable),
    PageSpec("sync", QT_TRANSLATE_NOOP("MainWindow", "Sync"), _sync),
    PageSpec("same_people", QT_TRANSLATE_NOOP("MainWindow", "Same people?"), _same_people),
    PageSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), _settings),
)

# Headquarters only: the offices hold one community's people.
HQ_ONLY_PAGES = frozenset({"same_people"})


DELIVERY_START_MS = 3000
AUTO_BACKUP_START_MS = 8000  # the day's automatic backup, once the start is over


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path, ctx: AppContext | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.ctx: AppContext | None = None
        self.setWindowTitle("STRIVE Desktop")
        self.setMinimumSize(QSize(960, 600))
        self.settings = gui_settings(self.data_dir)
        file_dialogs.use_settings(self.settings)  # file dialogs remember their folders in gui.ini
        self.specs: list[PageSpec] = []
        self.factories: dict[str, PageFactory] = {}
        self.pages: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        self._closing_ok = False

        central = QWidget(self)
        self.setCentralWidget(central)
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("Navigation")
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet(theme.NAV_STYLE)
        outer.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.community_bar = QWidget(central)
        self.community_bar.setObjectName("CommunityBar")
        self.community_bar.setStyleSheet(theme.COMMUNITY_BAR_STYLE)
        cb = QHBoxLayout(self.community_bar)
        cb.setContentsMargins(12, 6, 12, 6)
        self.community_label = QLabel(translate("MainWindow", "Community:"), self.community_bar)
        self.community_combo = QComboBox(self.community_bar)
        self.community_combo.setMinimumWidth(240)
        self.community_label.setBuddy(self.community_combo)
        cb.addWidget(self.community_label)
        cb.addWidget(self.community_combo)
        cb.addStretch(1)
        self.community_bar.hide()
        right.addWidget(self.community_bar)
        self.stack = QStackedWidget(central)
        opening = QWidget(self.stack)  # the label in the middle (between stretches, see Qt above)
        centre = QHBoxLayout(opening)
        self.loading = QLabel(translate("MainWindow", "Opening the data folder…"), opening)
        centre.addStretch(1)
        centre.addWidget(self.loading)
        centre.addStretch(1)
        self.stack.addWidget(opening)
        right.addWidget(self.stack, 1)
        outer.addLayout(right, 1)

        self.folder_status = QLabel(translate("MainWindow", "Data folder: {path}").format(path=self.data_dir), self)
        self.changes_status = QLabel(self)
        self.delivery_status = QLabel(self)
        self.delivery_status.hide()
        self.statusBar().addPermanentWidget(self.delivery_status)
        self.statusBar().addWidget(self.folder_status, 1)
        self.statusBar().addPermanentWidget(self.changes_status)
        self.about_button = install_about(self, self.data_dir)  # F1, the icon, "About"

        for key, slot in ((QKeySequence.StandardKey.New, "new_item"), (QKeySequence.StandardKey.Find, "focus_filter"),
                          (QKeySequence.StandardKey.Save, "save")):
            sc = QShortcut(QKeySequence(key), self)  # in this window (Qt's default context)
            sc.activated.connect(lambda name=slot: self.call_page(name))
        self.nav.currentRowChanged.connect(self._show_row)
        self._add_data_menu()
        self._restore_geometry()
        if ctx is not None:
            self.attach(ctx)

    # -- setup -------------------------------------------------------------------------------
    def _add_data_menu(self) -> None:
        """Data menu: spreadsheets in and out (gui/dialogs/import_roster.py, export_sheets.py)."""
        menu = self.menuBar().addMenu(translate("MainWindow", "&Data"))
        self.import_roster_action = menu.addAction(translate("MainWindow", "&Import roster…"))
        self.import_roster_action.triggered.connect(lambda: self._data_dialog("import_roster", "ImportRosterDialog"))
        self.import_attendance_action = menu.addAction(translate("MainWindow", "Import &attendance…"))
        self.import_attendance_action.triggered.connect(
            lambda: self._data_dialog("import_attendance", "ImportAttendanceDialog"))
        self.export_sheet_action = menu.addAction(translate("MainWindow", "&Export to spreadsheet…"))
        self.export_sheet_action.triggered.connect(lambda: self._data_dialog("export_sheets", "ExportDialog"))
        self.donor_workbook_action = menu.addAction(translate("MainWindow", "&Donor indicator workbook…"))
        self.donor_workbook_action.triggered.connect(lambda: self._data_dialog("export_sheets", "donor_workbook_dialog"))

    def _data_dialog(self, module: str, cls: str) -> None:
        if self.ctx is None:
            return
        try:
            dlg = getattr(importlib.import_module(f"{__package__}.dialogs.{module}"), cls)(self.ctx, self)
            if dlg is not None:  # a function that ran its own dialogs returns None
                exec_and_delete(dlg)
        except Exception as exc:  # noqa: BLE001 - a broken dialog must not take the window down
            self.ctx.show_error(self, exc)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None and not self.restoreGeometry(geometry):
            geometry = None
        if geometry is None:
            # 1280 x 720, but never taller than the screen (1366 x 768: 705 px under the taskbar)
            screen = self.screen()
            avail = screen.availableGeometry() if screen is not None else None
            self.resize(1280 if avail is None else min(1280, avail.width()),
                        720 if avail is None else min(720, avail.height() - 32))

    def attach(self, ctx: AppContext) -> None:
        """Give the window its opened data folder: build the navigation and show the last page."""
        from PySide6.QtCore import Qt

        self.ctx = ctx
        for spec in PAGES:
            if spec.key in HQ_ONLY_PAGES and not ctx.is_hq:
                continue
            self.specs.append(spec)
            self.factories[spec.key] = spec.make
            item = QListWidgetItem(translate("MainWindow", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(180, 38))
            self.nav.addItem(item)
            # Wide enough for the longest title in this language ("Консультативдик топ").
            self.nav.ensurePolished()
            width = self.nav.fontMetrics().horizontalAdvance(item.text()) + 44
            self.nav.setFixedWidth(min(max(self.nav.width(), width), 280))
            holder = QWidget(self.stack)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        ctx.changed.connect(self._data_changed)
        ctx.community_changed.connect(self._community_changed)
        if ctx.is_hq:
            self._fill_communities()
            self.community_bar.show()
        else:
            self.setWindowTitle(f"STRIVE Desktop: {self._community_title(ctx)}")
        last = str(self.settings.value("window/page", "dashboard"))
        keys = [s.key for s in self.specs]
        self._log_in()  # the account's role, the idle lock
        self.update_status()
        # Pending packages go to the delivery folder (if one is set) soon after start and every
        # few minutes; started late so that it does not slow down the first screen.
        QTimer.singleShot(DELIVERY_START_MS, self._start_delivery)
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def _log_in(self) -> None:
        """The logged-in account's role (services/accounts.py), the idle lock, and the day's
        automatic encrypted backup (services/backups.py) on a quiet thread soon after start."""
        from ..services import accounts
        from .dialogs.idle_lock import IdleLock

        assert self.ctx is not None
        store = self.ctx.store
        if store.account:
            try:
                accounts.login(store, store.account)
                self.ctx.reload_account()  # the role is read again, once, for every page
            except Exception as exc:  # noqa: BLE001 - a deactivated account: said, and the window closes
                self.ctx.show_error(self, exc)
                self._closing_ok = True
                QTimer.singleShot(0, self.close)
                return
        self.idle_lock = IdleLock(self.ctx, self)
        from ..domain.roles import Permission
        from .widgets.permit import allowed, reason

        for action, permission in ((self.import_roster_action, Permission.EDIT_ROSTERS),
                                   (self.import_attendance_action, Permission.RECORD_ATTENDANCE)):
            if not allowed(self.ctx.permits, permission):  # disabled, the menu says why
                action.setEnabled(False)
                action.setToolTip(reason(permission))
                menu = action.parent()
                if hasattr(menu, "setToolTipsVisible"):
                    menu.setToolTipsVisible(True)

    @staticmethod
    def _community_title(ctx: AppContext) -> str:
        """This office's community in the interface language (the installation name if none)."""
        info = ctx.info
        if not info.community_id:
            return info.name
        from ..services import installation

        try:
            return installation.get_community(ctx.store, info.community_id).name(ctx.lang)
        except Exception:  # noqa: BLE001 - a title is not worth an error box
            return info.community_name or info.name

    def _fill_communities(self) -> None:
        assert self.ctx is not None
        from ..services import installation

        communities = installation.list_communities(self.ctx.store)
        self.community_combo.blockSignals(True)
        self.community_combo.clear()
        self.community_combo.addItem(translate("MainWindow", "All communities"), None)
        for c in communities:
            self.community_combo.addItem(c.name(self.ctx.lang), c.id)
        saved = self.settings.value("window/community")
        i = self.community_combo.findData(saved) if saved else 0
        self.community_combo.setCurrentIndex(max(i, 0))
        self.community_combo.blockSignals(False)
        self.ctx.set_community(self.community_combo.currentData())
        self.community_combo.currentIndexChanged.connect(
            lambda _i: self.ctx.set_community(self.community_combo.currentData()))  # type: ignore[union-attr]

    # -- pages -------------------------------------------------------------------------------
    def page_key(self, row: int | None = None) -> str | None:
        from PySide6.QtCore import Qt

        item = self.nav.item(self.nav.currentRow() if row is None else row)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_page(self) -> QWidget | None:
        key = self.page_key()
        return self.pages.get(key) if key else None

    def show_page(self, key: str) -> QWidget | None:
        keys = [s.key for s in self.specs]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))
        return self.pages.get(key)

    def _show_row(self, row: int) -> None:
        key = self.page_key(row)
        if key is None or self.ctx is None:
            return
        holder = self.stack.widget(row + 1)
        page = self.pages.get(key)
        first = page is None
        if page is None:
            try:
                page = self.factories[key](self.ctx, holder)
            except Exception as exc:  # noqa: BLE001 - a broken page must not take the window down
                self.ctx.show_error(self, exc)
                return
            holder.layout().addWidget(page)
            self.pages[key] = page
            self._stale.add(key)
        self.stack.setCurrentIndex(row + 1)
        self.settings.setValue("window/page", key)
        if key in self._stale:
            self._refresh(key, first=first)

    def _refresh(self, key: str, first: bool = False) -> None:
        """Fill the page; at its first opening on the worker thread if the page can
        (``refresh_in_background``: the Trainings page), so the window paints meanwhile."""
        page = self.pages.get(key)
        self._stale.discard(key)
        if page is None or not hasattr(page, "refresh"):
            return
        try:
            if first and hasattr(page, "refresh_in_background"):
                page.refresh_in_background()
            else:
                page.refresh()
        except Exception as exc:  # noqa: BLE001
            assert self.ctx is not None
            self.ctx.show_error(self, exc)

    def call_page(self, name: str) -> Any:
        """Ctrl+N / Ctrl+F / Ctrl+S: call new_item / focus_filter / save on the page if it has it."""
        if self.ctx is None:
            return None
        page = self.current_page()
        fn = getattr(page, name, None)
        if callable(fn):
            return fn()
        return None

    def _data_changed(self, _changes: object) -> None:
        # The page that made the change has reloaded itself; the others reload when shown.
        current = self.page_key()
        self._stale.update(k for k in self.pages if k != current)
        self.update_status()

    def _community_changed(self, community_id: str) -> None:
        self.settings.setValue("window/community", community_id or "")
        i = self.community_combo.findData(community_id or None)
        if i >= 0 and i != self.community_combo.currentIndex():
            self.community_combo.setCurrentIndex(i)
        self._stale.update(self.pages)
        key = self.page_key()
        if key:
            QTimer.singleShot(0, lambda: self._refresh(key))

    def _start_delivery(self) -> None:
        if self.ctx is None:
            return
        from .pages.sync import delivery_watcher

        watcher = delivery_watcher(self.ctx)
        watcher.checked.connect(self.show_delivery)
        if watcher.last is not None:
            self.show_delivery(watcher.last)

    def show_delivery(self, state: Any) -> None:
        """The delivery folder's state in the status bar (nothing when none is set)."""
        if not state.folder:
            self.delivery_status.hide()
            return
        if state.reachable:
            text = translate("MainWindow", "Delivery folder reached at {time}").format(time=state.checked_at)
        else:
            text = self.tr("Delivery folder not reachable ({time}): %n package(s) waiting", "",
                           state.waiting).format(time=state.checked_at)
        self.delivery_status.setText(text)
        self.delivery_status.setToolTip(state.folder)
        self.delivery_status.show()
        self.update_status()

    def update_status(self) -> None:
        """Count the unexported changes (headquarters: the packages received) on the window's
        worker thread (ctx.ops.submit), not on the GUI thread after every change; the answer to
        the last call is shown, an older one arriving late is dropped."""
        if self.ctx is None:
            return
        from shiboken6 import isValid

        from ..services import installation
        from ..sync.status import hq_inbox

        self._status_asked = asked = getattr(self, "_status_asked", 0) + 1
        hq = self.ctx.is_hq

        def arrived(value: Any) -> None:
            if asked == self._status_asked and isValid(self):
                (self._update_hq_status if hq else self._show_unexported)(value)

        def failed(_exc: BaseException) -> None:  # the status bar never raises
            log.error("could not count unexported changes / packages received", exc_info=_exc)

        self.ctx.ops.submit(self, hq_inbox if hq else installation.unexported_changes, self.ctx.store,
                            on_done=arrived, on_error=failed)

    def _show_unexported(self, n: int) -> None:
        self.folder_status.setText(translate("MainWindow", "Data folder: {path}").format(path=self.data_dir))
        self.changes_status.setText(self.tr("%n change(s) not yet exported", "", n) if n else
                                    translate("MainWindow", "Everything exported"))

    def _update_hq_status(self, inbox: Any) -> None:
        """Headquarters exports no changes of its own: it shows what came in from the offices."""
        import datetime as dt

        from ..formatting import fmt_date, fmt_time

        assert self.ctx is not None
        self.folder_status.setText(translate("MainWindow", "Data folder: {path}").format(path=self.data_dir))
        if inbox.last_received is None:
            text = translate("MainWindow", "No package received from an office yet")
        else:
            local = inbox.last_received.replace(tzinfo=dt.UTC).astimezone()
            text = translate("MainWindow", "Last package from an office: {date} {time}").format(
                date=fmt_date(local.date(), self.ctx.lang), time=fmt_time(local, self.ctx.lang))
        if inbox.waiting:
            text += " · " + translate("MainWindow", "packages waiting for acceptance: {n}").format(n=inbox.waiting)
        self.changes_status.setText(text)

    # -- closing ---------------------------------------------------------------------------------
    def unsaved_pages(self) -> list[tuple[str, QWidget]]:
        out = []
        for spec in self.specs:
            page = self.pages.get(spec.key)
            check = getattr(page, "has_unsaved", None)
            if callable(check):
                try:
                    if check():
                        out.append((spec.title, page))
                except Exception:  # noqa: BLE001
                    log.exception("has_unsaved failed on %s", spec.key)
        return out

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        unsaved = [] if self._closing_ok else self.unsaved_pages()
        if unsaved:
            names = ", ".join(translate("MainWindow", t) for t, _p in unsaved)
            box = QMessageBox(QMessageBox.Icon.Question, "STRIVE Desktop",
                              translate("MainWindow", "There are unsaved changes on: {pages}.\n"
                                        "Save them before closing?")
                              .format(pages=names), parent=self)
            save = box.addButton(translate("MainWindow", "&Save"), QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton(translate("MainWindow", "&Don't save"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(translate("MainWindow", "Cancel"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(save)
            exec_and_delete(box)
            clicked = box.clickedButton()
            if clicked is save:
                for _t, page in unsaved:
                    ok = page.save()  # type: ignore[attr-defined]
                    if ok is False:
                        event.ignore()
                        return
            elif clicked is not discard:
                event.ignore()
                return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        event.accept()


def start_auto_backup(store: Any) -> None:  # started by gui/app.py, which waits for it on close
    """The day's automatic backup on a quiet daemon thread ("strive-backup": the app waits for
    it before closing the store); a failure is logged, never shown (the next start tries again)."""
    import threading

    def work() -> None:
        from ..services import backups

        try:
            backups.auto_backup(store)
        except Exception:  # noqa: BLE001 - a background backup must not take the app down
            log.exception("automatic backup failed")

    threading.Thread(target=work, name="strive-backup", daemon=True).start()
