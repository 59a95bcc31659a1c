"""The Sync page: export and import packages, the delivery folder, the outbox, installations
(accept, gaps), and headquarters' conflict review."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.roles import Permission
from ...services import installation
from ...sync import labels
from .. import theme
from ..context import AppContext, render_message
from ..ops import Pending
from ..widgets import file_dialogs
from ..widgets.permit import guard

log = logging.getLogger(__name__)

DELIVERY_CHECK_MS = 3 * 60 * 1000


class DeliveryWatcher(QObject):
    """Copies pending packages to the delivery folder when it is reachable: at start and every
    few minutes, off the GUI thread (a dead network share must not freeze the window).

    One per window: :func:`delivery_watcher` creates it on first use. The main window may call
    ``delivery_watcher(ctx)`` at start and show ``checked`` states in its status bar.
    """

    checked = Signal(object)  # status.DeliveryState
    _done = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.last: Any = None
        self._busy = False
        self._again = False
        self._done.connect(self._finished)
        self.timer = QTimer(self)
        self.timer.setInterval(DELIVERY_CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        store = self.ctx.store
        lang = self.ctx.lang

        def work() -> None:
            from ...sync import status

            try:
                state = status.copy_to_delivery(store, lang=lang)
            except Exception as exc:  # noqa: BLE001 - a background check never raises
                log.warning("delivery check failed: %s", exc)
                state = None
            self._done.emit(state)

        threading.Thread(target=work, name="strive-delivery", daemon=True).start()

    def _finished(self, state: Any) -> None:
        self._busy = False
        if state is not None:
            self.last = state
            self.checked.emit(state)
        if self._again:
            self._again = False
            self.check()


def delivery_watcher(ctx: AppContext) -> DeliveryWatcher:
    w = getattr(ctx, "_sync_delivery_watcher", None)
    if w is None:
        w = DeliveryWatcher(ctx)
        ctx._sync_delivery_watcher = w  # type: ignore[attr-defined]
    return w


@dataclass(frozen=True)
class SyncState:
    """What the page shows, read in one go on the worker thread (:func:`read_state`)."""

    me: Any  # keys.Identity
    peers: list[Any]
    outbox: list[Any]
    conflicts: list[Any]
    unexported: int
    delivery: str
    invited: set[str]
    aside: list[Any]
    waiting: int


def read_state(store: Any, lang: str) -> SyncState:
    """The page's reads (run off the GUI thread: at a busy office they take more than the
    window may stand still)."""
    from ...sync import enrol, keys, review, status

    me = keys.load_identity(store)
    return SyncState(
        me=me,
        peers=status.peer_status(store, lang),
        outbox=status.outbox(store, lang),
        conflicts=review.list_conflicts(store),
        unexported=installation.unexported_changes(store),
        delivery=installation.get_setting(store, status.DELIVERY_KEY, ""),
        invited=enrol.invited_installations(store) if me.is_hq else set(),
        aside=status.set_aside(store, lang=lang),
        waiting=status.waiting_for_parents(store),
    )


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    t.setWordWrap(True)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    h.setStretchLastSection(True)
    return t


def _fill(t: QTableWidget, rows: list[list[str]], data: list[Any] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c == 0 and data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            t.setItem(r, c, item)
    t.resizeColumnsToContents()
    for c in range(t.columnCount() - 1):
        t.setColumnWidth(c, min(t.columnWidth(c) + 12, 320))


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_results: list[Any] = []
        self._asked = 0  # refreshes asked for; only the last one's answer is shown
        self._pending: Pending | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        heading = QHBoxLayout()
        title = QLabel(self.tr("Sync"), self)
        title.setStyleSheet(theme.TITLE_STYLE)
        heading.addWidget(title)
        # Shown while the lists are being read on the worker thread (refresh).
        self.busy = QLabel(self.tr("Reading…"), self)
        self.busy.setStyleSheet(theme.text_style(theme.MUTED))
        self.busy.hide()
        heading.addWidget(self.busy)
        heading.addStretch(1)
        outer.addLayout(heading)
        self.identity = QLabel(self)
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.identity)

        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs, 1)
        self._build_exchange()
        # The other tabs are there at once (their titles), their contents built one per turn of the
        # event loop after the page is shown, or at once when needed (the lists arrived, the tab
        # chosen): the first opening of the page holds the window for the first tab only.
        self._tab_pages: list[QWidget] = []
        for title in (self.tr("Installations"), self.tr("Conflicts"), self.tr("Set aside")):
            tab = QWidget(self.tabs)
            self._tab_pages.append(tab)
            self.tabs.addTab(tab, title)
        self.conflicts_tab, self.aside_tab = 2, 3
        self._later = [self._build_installations, self._build_conflicts, self._build_aside]
        self.tabs.currentChanged.connect(lambda _i: self._build_rest())

        self.watcher = delivery_watcher(ctx)
        self.watcher.checked.connect(self.show_delivery)
        if self.watcher.last is not None:
            self.show_delivery(self.watcher.last)
        # The role's limits at once; sending waits for the state (whether headquarters' key is
        # here). No refresh here: the main window refreshes a page when it is first shown (once).
        self._guard(sending=False, resending=False)
        # Shown by show_state when it is known whether this is headquarters and whose key is here.
        for b in (self.key_button, self.invite_button, self.backup_button):
            b.hide()

    # -- building ---------------------------------------------------------------------------
    def _build_exchange(self) -> None:
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        top = QHBoxLayout()
        lay.addLayout(top)

        send = QGroupBox(self.tr("Send"), page)
        sl = QVBoxLayout(send)
        self.pending_label = QLabel(send)
        self.pending_label.setWordWrap(True)
        sl.addWidget(self.pending_label)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("&Export to a folder…"), send)
        self.export_button.clicked.connect(self.export_to_folder)
        self.export_outbox_button = QPushButton(self.tr("Export to the &outbox"), send)
        self.export_outbox_button.clicked.connect(lambda: self.export(None))
        row.addWidget(self.export_button)
        row.addWidget(self.export_outbox_button)
        row.addStretch(1)
        sl.addLayout(row)
        # Why Export is greyed out on a field office without the headquarters key, and the way out.
        self.key_hint = QWidget(send)
        kh = QVBoxLayout(self.key_hint)
        kh.setContentsMargins(0, 2, 0, 2)
        self.key_hint_label = QLabel(self.tr(
            "<b>This office cannot send to headquarters yet.</b> Packages are sealed so that only "
            "headquarters can read them, so the office needs headquarters' key first. Ask headquarters "
            "for an invitation file for this community (it is accepted without a phone call) or for its "
            "key file (then check the fingerprint by phone), and open it here."), self.key_hint)
        self.key_hint_label.setWordWrap(True)
        self.key_hint_label.setStyleSheet(theme.text_style(theme.WARNING))
        self.key_hint_button = QPushButton(self.tr("Open the invitation or &key file…"), self.key_hint)
        self.key_hint_button.clicked.connect(self.key_action)
        kh.addWidget(self.key_hint_label)
        kh.addWidget(self.key_hint_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.key_hint.hide()
        sl.addWidget(self.key_hint)
        self.key_button = QPushButton(send)
        self.key_button.clicked.connect(self.key_action)
        row2 = QHBoxLayout()
        self.reexport_button = QPushButton(self.tr("&Re-export…"), send)
        self.reexport_button.setToolTip(self.tr("Send again changes that headquarters reports missing, "
                                                "or everything"))
        self.reexport_button.clicked.connect(self.reexport)
        row2.addWidget(self.reexport_button)
        row2.addWidget(self.key_button)
        self.invite_button = QPushButton(self.tr("In&vite an office…"), send)
        self.invite_button.setToolTip(self.tr("Write an invitation file for a new office: its first package is "
                                              "accepted without a phone call"))
        self.invite_button.clicked.connect(self.invite)
        row2.addWidget(self.invite_button)
        self.backup_button = QPushButton(self.tr("&Back up keys…"), send)
        self.backup_button.clicked.connect(self.backup_keys)
        row2.addWidget(self.backup_button)
        row2.addStretch(1)
        sl.addLayout(row2)
        top.addWidget(send, 1)

        recv = QGroupBox(self.tr("Receive"), page)
        rl = QVBoxLayout(recv)
        hint = QLabel(self.tr("Packages are checked (signature, sender, integrity) before anything "
                              "is applied; a damaged file changes nothing."), recv)
        hint.setWordWrap(True)
        rl.addWidget(hint)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import &files…"), recv)
        self.import_button.clicked.connect(self.import_files)
        self.inbox_button = QPushButton(self.tr("Import the &inbox"), recv)
        self.inbox_button.clicked.connect(self.import_inbox)
        row.addWidget(self.import_button)
        row.addWidget(self.inbox_button)
        row.addStretch(1)
        rl.addLayout(row)
        top.addWidget(recv, 1)

        deliv = QGroupBox(self.tr("Delivery folder (network share or cloud folder)"), page)
        dl = QHBoxLayout(deliv)
        self.delivery_edit = QLineEdit(deliv)
        self.delivery_edit.setPlaceholderText(self.tr("not set: packages stay in the outbox"))
        self.delivery_edit.editingFinished.connect(self._delivery_edited)
        browse = QPushButton(self.tr("Choose…"), deliv)
        browse.clicked.connect(self.choose_delivery)
        self.delivery_state = QLabel(deliv)
        self.delivery_state.setMinimumWidth(320)
        self.delivery_state.setWordWrap(True)
        dl.addWidget(self.delivery_edit, 2)
        dl.addWidget(browse)
        dl.addWidget(self.delivery_state, 2)
        lay.addWidget(deliv)

        self.results = QTextBrowser(page)
        self.results.setMaximumHeight(110)
        self.results.setPlaceholderText(self.tr("The result of the last import is shown here."))
        lay.addWidget(self.results)

        lay.addWidget(QLabel(self.tr("Outbox"), page))
        self.outbox = _table(page, [self.tr("Package"), self.tr("For"), self.tr("Changes"), self.tr("Written"),
                                    self.tr("State")])
        lay.addWidget(self.outbox, 1)
        self.tabs.addTab(page, self.tr("Send and receive"))

    def _build_next(self) -> None:
        if self._later:
            self._later.pop(0)()
            self._guard(sending=self._sending, resending=self._resending)
        if self._later:
            QTimer.singleShot(0, self._build_next)

    def _build_rest(self) -> None:
        while self._later:
            self._later.pop(0)()
        self._guard(sending=self._sending, resending=self._resending)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._later:
            QTimer.singleShot(0, self._build_next)

    def _build_installations(self) -> None:
        page = self._tab_pages[0]
        lay = QVBoxLayout(page)
        self.peers_hint = QLabel(page)
        self.peers_hint.setWordWrap(True)
        lay.addWidget(self.peers_hint)
        self.peers = _table(page, [self.tr("Installation"), self.tr("Community"), self.tr("Fingerprint"),
                                   self.tr("State"), self.tr("Last change received"), self.tr("Received"),
                                   self.tr("Missing")])
        lay.addWidget(self.peers, 1)
        row = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("&Accept the selected installation"), page)
        self.accept_button.clicked.connect(self.accept_selected)
        row.addWidget(self.accept_button)
        self.revoke_button = QPushButton(self.tr("Re&voke the selected installation"), page)
        self.revoke_button.clicked.connect(self.revoke_selected)
        row.addWidget(self.revoke_button)
        self.recovery_button = QPushButton(self.tr("Recovery &file for the selected office…"), page)
        self.recovery_button.setToolTip(self.tr("For an office whose every password is forgotten "
                                                "(docs/recovery.md)"))
        self.recovery_button.clicked.connect(self.recovery_file_selected)
        row.addWidget(self.recovery_button)
        self.peers_invite_button = QPushButton(self.tr("&Invite an office…"), page)
        self.peers_invite_button.clicked.connect(self.invite)
        row.addWidget(self.peers_invite_button)
        for b in (self.accept_button, self.revoke_button, self.recovery_button, self.peers_invite_button):
            b.hide()  # headquarters' buttons, shown by show_state
        row.addStretch(1)
        lay.addLayout(row)

    def _build_conflicts(self) -> None:
        page = self._tab_pages[1]
        lay = QVBoxLayout(page)
        hint = QLabel(self.tr("The same field was changed at two places. The value on the left was kept; "
                              "“Use the other value” makes the right one current and sends it back "
                              "like any other change."), page)
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.conflicts = _table(page, [self.tr("Record"), self.tr("Field"), self.tr("Kept value"),
                                       self.tr("Kept from"), self.tr("Other value"), self.tr("Other from")])
        lay.addWidget(self.conflicts, 1)
        row = QHBoxLayout()
        self.reverse_button = QPushButton(self.tr("&Use the other value"), page)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.keep_button = QPushButton(self.tr("&Keep this value"), page)
        self.keep_button.clicked.connect(self.keep_selected)
        row.addWidget(self.reverse_button)
        row.addWidget(self.keep_button)
        row.addStretch(1)
        lay.addLayout(row)

    def _build_aside(self) -> None:
        page = self._tab_pages[2]
        lay = QVBoxLayout(page)
        self.aside_hint = QLabel(page)
        self.aside_hint.setWordWrap(True)
        lay.addWidget(self.aside_hint)
        self.aside = _table(page, [self.tr("Table"), self.tr("Record"), self.tr("Package"), self.tr("When"),
                                   self.tr("Reason")])
        lay.addWidget(self.aside, 1)

    # -- state ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for the page's lists (outbox, installations, conflicts, set aside) on the
        window's worker thread; :meth:`show_state` fills them when they arrive. Until then the
        page shows what it showed, with "Reading…"; only the answer to the last refresh asked
        for is shown (an older one arriving late never overwrites a newer one)."""
        self._asked += 1
        asked = self._asked
        self.busy.show()

        def arrived(state: SyncState) -> None:
            if asked == self._asked and isValid(self):
                self.busy.hide()
                self.show_state(state)

        def failed(exc: BaseException) -> None:
            if asked == self._asked and isValid(self):
                self.busy.hide()
            self.ctx.show_error(self, exc)

        self._pending = self.ctx.ops.submit(self, read_state, self.ctx.store, self.ctx.lang,
                                            on_done=arrived, on_error=failed)

    def _guard(self, *, sending: bool, resending: bool) -> None:
        """What the logged-in role may not do stays disabled, its tooltip saying why
        (roles.py); *sending*: this installation can export at all (known once the state is read)."""
        self._sending, self._resending = sending, resending
        permits = self.ctx.permits  # one account lookup for all the buttons, kept by the window
        for b in (self.export_button, self.export_outbox_button):
            guard(b, permits, Permission.SYNC, enabled=sending)
        guard(self.reexport_button, permits, Permission.SYNC, enabled=resending)
        for b in (self.import_button, self.inbox_button):
            guard(b, permits, Permission.SYNC)
        keys = [self.key_button, self.key_hint_button, self.backup_button]
        if hasattr(self, "accept_button"):  # the Installations tab is built (_build_next)
            keys += [self.accept_button, self.recovery_button]
        for b in keys:
            guard(b, permits, Permission.MANAGE_KEYS)

    def wait_for_state(self) -> None:
        """Block until the lists asked for have arrived and are shown."""
        if self._pending is not None and self._pending.running:
            self._pending.wait()

    def show_state(self, st: SyncState) -> None:
        self._build_rest()
        me, peers, out, conflicts = st.me, st.peers, st.outbox, st.conflicts
        unexported, delivery, invited, aside, waiting = (st.unexported, st.delivery, st.invited, st.aside,
                                                         st.waiting)
        hq = next((p for p in peers if p.is_hq), None)
        if me.is_hq:
            self.identity.setText(self.tr("This is headquarters ({name}). Its fingerprint, to read out over "
                                          "the phone: <b>{fp}</b>").format(name=me.name, fp=me.fingerprint))
            self.pending_label.setText(self.tr("Return packages carry what changed here for each community "
                                               "and the receipts for the packages received."))
            self.export_button.setText(self.tr("&Write return packages to a folder…"))
            self.export_outbox_button.setText(self.tr("Write return packages to the &outbox"))
            self.key_button.setText(self.tr("Write the &headquarters key file…"))
            self.peers_hint.setText(self.tr("An office set up with an invitation is accepted with its first "
                                            "package. Accept any other installation only after checking its "
                                            "fingerprint with the office by phone; packages from it wait until "
                                            "then."))
        else:
            hq_text = (self.tr("Headquarters: {name}, fingerprint <b>{fp}</b>").format(name=hq.name, fp=hq.fingerprint)
                       if hq else self.tr("<b>The headquarters key has not been imported yet.</b>"))
            self.identity.setText(self.tr("This installation: {name}, fingerprint <b>{fp}</b>. {hq}")
                                  .format(name=me.name, fp=me.fingerprint, hq=hq_text))
            self.pending_label.setText(self.tr("%n change(s) not yet exported.", "", unexported) if unexported
                                       else self.tr("Everything has been exported."))
            self.key_button.setText(self.tr("Import the &headquarters key…") if not hq
                                    else self.tr("Replace the &headquarters key…"))
            self.peers_hint.setText(self.tr("The headquarters this installation sends its packages to."))
            self.export_button.setEnabled(hq is not None)
            self.export_outbox_button.setEnabled(hq is not None)
        no_key = not me.is_hq and hq is None
        self.export_button.setVisible(not no_key)  # not grey buttons: the hint says what is needed
        self.export_outbox_button.setVisible(not no_key)
        self.invite_button.setVisible(me.is_hq)
        self.peers_invite_button.setVisible(me.is_hq)
        self.revoke_button.setVisible(me.is_hq)
        self.recovery_button.setVisible(me.is_hq)
        self.key_hint.setVisible(no_key)
        self.key_button.setVisible(not no_key)  # the hint carries the import button then
        self.backup_button.setVisible(me.is_hq)
        self.reexport_button.setVisible(not me.is_hq and not no_key)
        self.reexport_button.setEnabled(hq is not None)
        self.accept_button.setVisible(me.is_hq)
        self._guard(sending=me.is_hq or hq is not None, resending=hq is not None)
        if not self.delivery_edit.hasFocus():
            self.delivery_edit.setText(delivery)

        state = {True: self.tr("delivered (receipt)"), False: ""}
        _fill(self.outbox, [[o.file_name, o.recipient, f"{o.first}–{o.last}", o.created_at,
                             state[True] if o.delivered else (self.tr("copied to the delivery folder")
                                                              if o.copied else self.tr("in the outbox"))]
                            for o in out])
        _fill(self.peers, [[p.name, self.tr("headquarters") if p.is_hq else p.community, p.fingerprint,
                            self._peer_state(p, invited),
                            str(p.last_counter or "") if not p.is_hq else "", p.last_received,
                            "; ".join(render_message(gap) for gap in p.gap_texts())]
                           for p in peers], [p.installation_id for p in peers])
        _fill(self.conflicts, [[c.record_label, self._field(c.table, c.field, c.kind),
                                self._value(c.table, c.field, c.winner_value, c.kind == "delete"),
                                c.winner_by, self._value(c.table, c.field, c.loser_value), c.loser_by]
                               for c in conflicts],
              [c.id for c in conflicts])
        self.tabs.setTabText(self.conflicts_tab, self.tr("Conflicts (%n)", "", len(conflicts)) if conflicts
                             else self.tr("Conflicts"))
        hint = self.tr("Records that were not applied because they are invalid or not their sender's to change; "
                       "the rest of their package was applied.")
        if waiting:
            hint += " " + self.tr("%n record(s) wait for a record they refer to (applied when it arrives).",
                                  "", waiting)
        self.aside_hint.setText(hint)
        _fill(self.aside, [[labels.table_label(a.table, QCoreApplication.translate), a.record_id,
                            a.package_file, a.at, labels.reason_label(a.reason, QCoreApplication.translate)]
                           for a in aside])
        self.tabs.setTabText(self.aside_tab, self.tr("Set aside (%n)", "", len(aside)) if aside
                             else self.tr("Set aside"))
        gaps = [(p, g) for p in peers for g in p.gaps]
        self.tabs.setTabText(1, self.tr("Installations") + (" ⚠" if gaps or any(
            p.status != "accepted" for p in peers) else ""))

    def _peer_state(self, p: Any, invited: set[str]) -> str:
        if p.status == "accepted":
            return self.tr("accepted by invitation") if p.installation_id in invited else self.tr("accepted")
        if p.status == "revoked":
            return self.tr("revoked (%n package(s) waiting)", "", p.waiting_packages)
        return self.tr("waiting for acceptance (%n package(s))", "", p.waiting_packages)

    def _field(self, table: str, field: str, kind: str) -> str:
        name = labels.field_label(table, field, QCoreApplication.translate)
        return name if kind == "edit" else self.tr("{field} (record deleted)").format(field=name)

    def _value(self, table: str, field: str, v: Any, deleted: bool = False) -> str:
        if deleted:
            return self.tr("(deleted)")
        return labels.value_text(table, field, v, QCoreApplication.translate, self.ctx.lang) or self.tr("(empty)")

    # -- sending ----------------------------------------------------------------------------
    def export_to_folder(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Export the package to (e.g. a USB stick)"), "sync")
        if folder:
            self.export(Path(folder))

    def reexport(self) -> None:
        from ...sync import export as ex

        text, ok = QInputDialog.getText(self, self.tr("Re-export"),
                                        self.tr("The changes to send again, e.g. 51-70 as headquarters "
                                                "reported them, or “all” for everything:"))
        text = text.strip()
        if not ok or not text:
            return
        full = text.lower() in ("all", self.tr("all").lower())
        rng = None if full else self.ctx.call(self, ex.parse_range, text)
        if not full and rng is None:
            return
        folder = file_dialogs.existing_folder(self, self.tr("Export the package to (e.g. a USB stick)"), "sync")
        self.export(Path(folder) if folder else None, full=full, range_=rng)

    def export(self, folder: Path | None, *, full: bool = False, range_: tuple[int, int] | None = None) -> None:
        from ...sync import export as ex

        store = self.ctx.store
        # 100,000 people take seconds to pack: off the GUI thread, the window stays alive.
        self.ctx.ops.batch(self, self.tr("Writing the sync package…"),
                           lambda _job: ex.export(store, folder, full=full, range_=range_), self.show_exported)

    def show_exported(self, results: list[Any]) -> None:
        if not results:
            self.results.setPlainText(self.tr("Nothing to send."))
        else:
            self.results.setPlainText("\n".join(
                self.tr("{file}: %n record(s) for {who}", "", r.records).format(file=r.path.name, who=r.recipient)
                for r in results))
        self.check_delivery()
        self.refresh()

    def key_action(self) -> None:
        from ...sync import keys

        if self.ctx.is_hq:
            path = file_dialogs.save_file_name(self, self.tr("Write the headquarters key file"), "keys",
                                               "strive-headquarters.strivekey",
                                               self.tr("STRIVE key files (*.strivekey)"))
            if path and self.ctx.call(self, keys.export_hq_key, self.ctx.store, Path(path)) is not None:
                self.results.setPlainText(self.tr("Headquarters key written to {path}.").format(path=path))
            return
        path = file_dialogs.open_file_name(
            self, self.tr("Open the invitation or the headquarters key"), "keys",
            self.tr("Invitations and key files (*.striveinvite *.strivekey);;All files (*)"))
        if not path:
            return
        if path.lower().endswith(".striveinvite"):
            self.use_invitation(Path(path))
            return
        fp = self.ctx.call(self, keys.import_hq_key, self.ctx.store, Path(path))
        if fp:
            QMessageBox.information(self, self.tr("Headquarters key"),
                                    self.tr("Headquarters key imported. Check this fingerprint with "
                                            "headquarters by phone:\n\n{fp}").format(fp=fp))
        self.refresh()

    def use_invitation(self, path: Path) -> None:
        """A field office set up without an invitation takes one now (same community)."""
        from ...sync import enrol

        inv = self.ctx.call(self, enrol.join_with_invitation, self.ctx.store, path)
        if inv is not None:
            self.results.setPlainText(self.tr("Invitation from {hq} opened: this office can send to headquarters "
                                              "now.").format(hq=inv.hq_name))
        self.refresh()

    def invite(self) -> None:
        """Headquarters: write an invitation file for an office of the community chosen."""
        from ...sync import enrol

        communities = installation.list_communities(self.ctx.store)
        names = [c.name(self.ctx.lang) for c in communities]
        chosen, ok = QInputDialog.getItem(self, self.tr("Invite an office"),
                                          self.tr("The community of the new office:"), names, 0, False)
        if not ok or chosen not in names:
            return
        comm = communities[names.index(chosen)]
        path = file_dialogs.save_file_name(self, self.tr("Write the invitation"), "keys",
                                           f"strive-invitation-{comm.code}.striveinvite",
                                           self.tr("STRIVE invitations (*.striveinvite)"))
        if not path:
            return
        inv = self.ctx.call(self, enrol.write_invitation, self.ctx.store, comm.id, Path(path))
        if inv is not None:
            from ...formatting import fmt_date

            self.results.setPlainText(self.tr(
                "Invitation for {community} written to {path}, valid until {date}. Give it to the office "
                "(USB stick, e-mail); its first package is then accepted without a phone call.").format(
                community=chosen, path=path, date=fmt_date(inv.expires_at.date(), self.ctx.lang)))

    def backup_keys(self) -> None:
        from ...sync import keys

        path = file_dialogs.save_file_name(self, self.tr("Back up the keys"), "keys", "strive-keys.backup", "")
        if not path:
            return
        phrase, ok = QInputDialog.getText(self, self.tr("Passphrase"),
                                          self.tr("A passphrase of at least 8 characters. Keep it apart "
                                                  "from the file:"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        again, ok = QInputDialog.getText(self, self.tr("Passphrase"),
                                         self.tr("Type the passphrase again:"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        if again != phrase:
            QMessageBox.warning(self, self.tr("Passphrase"),
                                self.tr("The two passphrases differ. The keys were not backed up."))
            return
        if self.ctx.call(self, keys.backup_keys, self.ctx.store, Path(path), phrase) is not None:
            self.results.setPlainText(self.tr("Key backup written to {path}.").format(path=path))

    # -- delivery folder ------------------------------------------------------------------------
    def choose_delivery(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Delivery folder"), "sync")
        if folder:
            self.delivery_edit.setText(folder)
            self._delivery_edited()

    def _delivery_edited(self) -> None:
        from ...sync import status

        value = self.delivery_edit.text().strip()
        if value != installation.get_setting(self.ctx.store, status.DELIVERY_KEY, ""):
            self.ctx.call(self, installation.set_setting, self.ctx.store, status.DELIVERY_KEY, value)
            self.check_delivery()

    def check_delivery(self) -> None:
        """Copy pending packages to the delivery folder (in the background) and show the state."""
        self.watcher.check()

    def show_delivery(self, st: Any) -> None:
        if not st.folder:
            text = self.tr("No delivery folder: take the packages from the outbox or a USB stick.")
        elif not st.reachable:
            text = self.tr("Not reachable at {time}; %n package(s) waiting. Checked again every few minutes.",
                           "", st.waiting).format(time=st.checked_at)
        else:
            text = self.tr("Reachable at {time}: %n package(s) copied now.", "", st.copied_now).format(
                time=st.checked_at)
        self.delivery_state.setText(text)
        if st.copied_now:
            self.refresh()

    # -- receiving --------------------------------------------------------------------------
    def import_files(self) -> None:
        files = file_dialogs.open_file_names(self, self.tr("Import sync packages"), "sync",
                                             self.tr("STRIVE packages (*.strive);;All files (*)"))
        if files:
            self.run_import([Path(f) for f in files])

    def import_inbox(self) -> None:
        self.run_import(None)

    def run_import(self, files: list[Path] | None) -> None:
        from ...sync import importer

        store = self.ctx.store

        def work(worker: Any) -> list[Any]:
            progress = worker.progress.emit
            if files is None:
                return importer.import_inbox(store, progress=progress)
            return importer.import_files(store, files, progress=progress)

        self.ctx.ops.batch(self, self.tr("Importing packages…"), work, self.show_results)

    def show_results(self, results: list[Any]) -> None:
        self.last_results = list(results)
        lines = []
        for r in results:
            lines.append(render_message(r.summary()))  # sync/importer.py ImportResult.summary
        from ...sync.importer import moved_folder

        moved = moved_folder(results)
        if moved:
            lines.append(self.tr("The imported packages were moved to {path}.").format(path=moved))
        self.results.setPlainText("\n".join(lines) if lines else self.tr("No packages found."))
        self.refresh()
        if any(getattr(r, "added", 0) or getattr(r, "updated", 0) for r in results):
            from .duplicates import offer_review

            offer_review(self, self.ctx, lambda: self.window().show_page("same_people"))  # type: ignore[attr-defined]

    # -- installations and conflicts ----------------------------------------------------------
    def _selected(self, table: QTableWidget) -> Any:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        return table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def accept_selected(self) -> None:
        from ...sync import importer, keys

        iid = self._selected(self.peers)
        if iid is None:
            return
        row = self.peers.currentRow()
        name, fp = self.peers.item(row, 0).text(), self.peers.item(row, 2).text()
        if QMessageBox.question(self, self.tr("Accept installation"),
                                self.tr("Accept {name}?\n\nIts fingerprint must be the one the office reads "
                                        "out to you:\n{fp}").format(name=name, fp=fp)) != \
                QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store

        def accept(job: Any) -> list[Any]:
            keys.accept_installation(store, iid)
            return importer.apply_waiting(store, progress=job.progress.emit)

        self.ctx.ops.batch(self, self.tr("Importing the waiting packages…"), accept, self.show_results)

    def revoke_selected(self) -> None:
        from ...sync import enrol

        iid = self._selected(self.peers)
        if iid is None:
            return
        name = self.peers.item(self.peers.currentRow(), 0).text()
        if QMessageBox.question(self, self.tr("Revoke installation"),
                                self.tr("Stop accepting packages from {name}? Its packages then wait, and it "
                                        "gets no return packages, until it is accepted again.").format(name=name)
                                ) != QMessageBox.StandardButton.Yes:
            return
        self.ctx.call(self, enrol.revoke_installation, self.ctx.store, iid)
        self.refresh()

    def recovery_file_selected(self) -> None:
        from ..dialogs.recovery import write_recovery_file_for

        iid = self._selected(self.peers)
        if iid is not None:
            write_recovery_file_for(self, self.ctx, iid, self.peers.item(self.peers.currentRow(), 0).text())

    def reverse_selected(self) -> None:
        from ...sync import review

        cid = self._selected(self.conflicts)
        if cid is not None:
            self.ctx.call(self, review.reverse, self.ctx.store, cid)
            self.refresh()

    def keep_selected(self) -> None:
        from ...sync import review

        cid = self._selected(self.conflicts)
        if cid is not None:
            self.ctx.call(self, review.dismiss, self.ctx.store, cid)
            self.refresh()
