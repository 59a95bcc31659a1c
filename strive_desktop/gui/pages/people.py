"""The Advisory group page (members of a group) and the People page (everyone in a community)."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.roles import Permission
from ...errors import ValidationError
from ...services import rosters
from ...services.installation import CommunityInfo, list_communities
from ...services.people_index import PeopleIndex, load_people_head, load_people_index
from .. import theme
from ..context import AppContext, translate
from ..dialogs.group import GroupDialog
from ..dialogs.history import HistoryDialog
from ..dialogs.move import MoveDialog
from ..dialogs.person import PersonDialog
from ..models.people import MemberTableModel, PeopleTableModel
from ..ops import Pending
from ..widgets.dates import date_text
from ..widgets.empty_state import EmptyState
from ..widgets.fair_columns import FairColumns
from ..widgets.list_keys import list_keys
from ..widgets.modal import exec_and_delete
from ..widgets.percent import number, ui_lang
from ..widgets.permit import guard
from ..widgets.undo_bar import UndoBar

log = logging.getLogger(__name__)


def _table(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    # Fixed row heights: after a filter the view does not measure 100,000 rows again.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    # A cell cut short (elided "…") shows its whole text as a tooltip; the widths are capped
    # by the pages (COLUMN_CAPS), so an 84-letter name does not push Phone off the screen.
    FairColumns(view)
    return view


# The widest a column is sized to its content (px); the text of a longer cell is elided.
COLUMN_CAPS = {"name": 340, "sector": 280, "community": 220}
COLUMN_CAP = 260


def size_columns(view: QTableView, columns: tuple[str, ...], sample: int = 50) -> None:
    """Column widths from the header and the first *sample* rows' text, each within its cap
    (:data:`COLUMN_CAPS`): resizeColumnsToContents asks the model for every role of every row
    (seconds over 100,000 people, ~60 ms of the GUI thread for 40 members). Every sector label
    is measured, so none is cut."""
    from ..models.people import sector_words

    model = view.model()
    fm = view.fontMetrics()
    hfm = view.horizontalHeader().fontMetrics()
    rows = min(sample, model.rowCount())
    for c, column in enumerate(columns):
        texts = [str(model.data(model.index(r, c)) or "") for r in range(rows)]
        if column == "sector":
            texts += [label for _value, label in sector_words()]
        need = max([fm.horizontalAdvance(t) for t in texts] + [0]) + 16
        head = hfm.horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal))) + 28
        view.setColumnWidth(c, min(max(need, head, 48), COLUMN_CAPS.get(column, COLUMN_CAP)))


class _Plurals(QObject):
    """Plural texts. PySide's self.tr() in a base class finds plain strings of the subclass's
    pages but not plural ones, and lupdate only sees plurals in tr() calls: hence this class."""

    def people(self, n: int) -> str:
        return self.tr("%Ln person(s)", "", n)  # digits grouped even without a translation


class _ListPage(QWidget):
    """Filter line, count, table, buttons, undo bar: what both pages share."""

    model: MemberTableModel | PeopleTableModel

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._communities: dict[str, CommunityInfo] | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 10, 12, 8)
        self.title = QLabel(self)
        self.title.setStyleSheet(theme.TITLE_STYLE)
        self.title.setWordWrap(True)
        self.layout_.addWidget(self.title)
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self.layout_.addWidget(self.subtitle)
        bar = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by name, phone or sector (Ctrl+F)"))
        # The filter gives way first at the window's minimum width: the buttons are never cut.
        self.filter.setMinimumWidth(140)
        self.filter.textChanged.connect(self._filter_changed)
        self.count = QLabel(self)
        bar.addWidget(self.filter, 2)
        bar.addWidget(self.count, 1)
        # The buttons beside the filter, or on a line of their own when the window is too narrow
        # for both (Russian at 960 px): a button is never cut (see _place_buttons).
        self.button_box = QWidget(self)
        self.buttons = QHBoxLayout(self.button_box)
        self.buttons.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.button_box)
        self._bar = bar
        self._button_line = QHBoxLayout()
        self._button_line.addStretch(1)
        self.layout_.addLayout(bar)
        self.layout_.addLayout(self._button_line)
        self.table = _table(self)
        self.table.doubleClicked.connect(lambda _ix: self.edit_selected())
        list_keys(self.table, self.edit_selected)  # Tab leaves the table, Enter edits the row
        self.undo_bar = UndoBar(self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter, activated=self.filter.clear,
                  context=Qt.ShortcutContext.WidgetShortcut)
        # Down arrow from the filter goes into the results, first row selected.
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.filter, activated=self._into_table,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def _place_buttons(self) -> None:
        """Buttons beside the filter when the filter (at its minimum), the count and every button
        fit in the page's width; else on the line below, right-aligned."""
        m = self.layout_.contentsMargins()
        spacing = max(self._bar.spacing(), 0)
        need = (self.filter.minimumWidth() + self.count.sizeHint().width() + self.button_box.sizeHint().width()
                + 2 * spacing + m.left() + m.right())
        beside = self.width() >= need
        if beside and self._bar.indexOf(self.button_box) < 0:
            self._bar.addWidget(self.button_box)
        elif not beside and self._button_line.indexOf(self.button_box) < 0:
            self._button_line.addWidget(self.button_box)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._place_buttons()

    def _into_table(self) -> None:
        self.table.setFocus()
        if self.selected_row() < 0 and self.model.rowCount():
            self.table.selectRow(0)

    def _set_tab_order(self, first: list[QWidget]) -> None:
        """Tab follows the screen: *first*, the filter, the buttons left to right, the table."""
        chain = [*first, self.filter]
        chain += [self.buttons.itemAt(i).widget() for i in range(self.buttons.count())
                  if self.buttons.itemAt(i).widget() is not None]
        chain.append(self.table)
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _button(self, text: str, slot, tip: str = "") -> QPushButton:  # type: ignore[no-untyped-def]
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        if tip:
            b.setToolTip(tip)
        b.setMinimumWidth(b.sizeHint().width())  # never cut, whatever the language
        self.buttons.addWidget(b)
        return b

    def _row_buttons(self) -> list[QPushButton]:
        """The buttons that act on the selected row."""
        return []

    def _update_buttons(self) -> None:
        """Edit, History, Delete… only when the table shows a row to act on (with rows but none
        selected they stay enabled and say "Select a person in the table first")."""
        has = self.model.rowCount() > 0
        permits = self.ctx.permits
        for b in self._row_buttons():
            if b is getattr(self, "history_button", None):  # reading: every role
                b.setEnabled(has)
            else:  # a role that may not change rosters sees why (roles.py)
                guard(b, permits, Permission.EDIT_ROSTERS, enabled=has)

    def _watch_selection(self) -> None:
        """Call once the model is set: the row buttons follow the selection and model resets."""
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.layoutChanged.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    def communities(self) -> dict[str, CommunityInfo]:
        if self._communities is None:
            self._communities = {c.id: c for c in list_communities(self.ctx.store)}
        return self._communities

    def community_label(self, community_id: str, fallback: str = "") -> str:
        c = self.communities().get(community_id)
        return c.name(self.ctx.lang) if c else fallback

    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            self.count.setText(_Plurals().people(total))
        else:
            # digit grouping of the interface language: "4 889 of 100 000"
            self.count.setText(self.tr("{shown} of {total} shown").format(shown=number(shown), total=number(total)))
        self._place_buttons()

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else -1

    def select_id(self, row_id: str | None) -> None:
        if not row_id:
            return
        row = self.model.row_of(row_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def edit_selected(self) -> None:
        raise NotImplementedError

    def _run(self, fn, *args) -> bool:  # type: ignore[no-untyped-def]
        """Call a service; on failure show the error and return False."""
        with self.ctx.ops.action(self) as act:
            fn(self.ctx.store, *args)
        return act.ok

    def _need_selection(self) -> int:
        row = self.selected_row()
        if row < 0:
            QMessageBox.information(self, self.tr("STRIVE Desktop"), self.tr("Select a person in the table first."))
        return row


class AdvisoryGroupPage(_ListPage):
    """Members of the community's advisory group: add, edit, move, remove with undo, history."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = MemberTableModel(self)
        self.table.setModel(self.model)
        self.groups: list[rosters.GroupInfo] = []
        group_bar = QHBoxLayout()
        self.group_label = QLabel(self.tr("&Group:"), self)
        self.group_combo = QComboBox(self)
        self.group_combo.setMinimumWidth(220)
        self.group_label.setBuddy(self.group_combo)
        self.group_combo.currentIndexChanged.connect(lambda _i: self._load_members())
        self.new_group_button = QPushButton(self.tr("New group…"), self)
        self.new_group_button.clicked.connect(self.create_group)
        group_bar.addWidget(self.group_label)
        group_bar.addWidget(self.group_combo, 1)
        group_bar.addWidget(self.new_group_button)
        group_bar.addStretch(1)
        self.layout_.insertLayout(2, group_bar)
        self.add_button = self._button(self.tr("&Add member"), self.new_item, self.tr("Add a member (Ctrl+N)"))
        self.edit_button = self._button(self.tr("&Edit"), self.edit_selected)
        self.move_button = self._button(self.tr("&Move…"), self.move_selected)
        self.remove_button = self._button(self.tr("&Remove"), self.remove_selected)
        self.history_button = self._button(self.tr("&History"), self.history_selected)
        self._watch_selection()
        # The empty state: no group yet in this community.
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        empty = EmptyState(self, self.tr("Create the advisory group"), self.create_group)
        self.empty_label, self.create_group_button = empty.label, empty.button
        self.stack.addWidget(empty)
        self.layout_.addWidget(self.stack, 1)
        self.layout_.addWidget(self.undo_bar)
        self.title.setText(self.tr("Advisory group"))
        self._set_tab_order([self.group_combo, self.new_group_button])

    def group_id(self) -> str | None:
        return self.group_combo.currentData()

    def _row_buttons(self) -> list[QPushButton]:
        return [self.edit_button, self.move_button, self.remove_button, self.history_button]

    def refresh(self) -> None:
        cid = self.ctx.community_id
        if self.ctx.is_hq and cid is None:
            self.subtitle.setText(self.tr("All communities: choose a group, or a community at the top."))
        else:
            self.subtitle.setText(self.community_label(cid or ""))
        keep = self.group_id()
        self.groups = rosters.list_groups(self.ctx.store, cid)
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for g in self.groups:
            text = g.name if cid else f"{g.name} ({self.community_label(g.community_id, g.community_name)})"
            self.group_combo.addItem(text, g.id)
        i = self.group_combo.findData(keep)
        self.group_combo.setCurrentIndex(i if i >= 0 else 0)
        self.group_combo.blockSignals(False)
        has = bool(self.groups)
        for w in (self.group_label, self.group_combo, self.filter, self.count, self.add_button, self.edit_button,
                  self.move_button, self.remove_button, self.history_button):
            w.setVisible(has)
        self.new_group_button.setVisible(has and cid is not None)
        if not has:
            if cid is None:
                self.empty_label.setText(self.tr("There are no advisory groups yet."))
                self.create_group_button.hide()
            else:
                self.empty_label.setText(self.tr("{community} has no advisory group yet. Create it, then add "
                                                 "its members.").format(community=self.community_label(cid)))
                self.create_group_button.show()
            self.stack.setCurrentIndex(1)
        else:
            self.stack.setCurrentIndex(0)
        self._load_members()

    def _load_members(self) -> None:
        gid = self.group_id()
        selected = self.model.id_at(self.selected_row()) if self.selected_row() >= 0 else None
        self.model.set_members(rosters.list_members(self.ctx.store, gid) if gid else [])
        g = next((g for g in self.groups if g.id == gid), None)
        if g is not None:
            extra = []
            if g.cpc_name:
                extra.append(g.cpc_name)
            if g.formed_on:
                extra.append(self.tr("formed {date}").format(date=date_text(g.formed_on)))
            base = self.subtitle.text().split("\n")[0]
            self.subtitle.setText(base + ("\n" + " · ".join(extra) if extra else ""))
        size_columns(self.table, self.model.columns)
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 260))
        self._update_count()
        self.select_id(selected)

    def create_group(self) -> None:
        cid = self.ctx.community_id
        if cid is None:
            QMessageBox.information(self, self.tr("STRIVE Desktop"),
                                    self.tr("Choose a community at the top first."))
            return
        dlg = GroupDialog(self.community_label(cid), self)
        try:
            self._create_group(dlg, cid)
        finally:
            dlg.deleteLater()

    def _create_group(self, dlg: QDialog, cid: str) -> None:
        while dlg.exec() == QDialog.DialogCode.Accepted:
            try:
                with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                    gid = rosters.create_group(self.ctx.store, cid, dlg.name.text(), dlg.cpc.text(),
                                               dlg.formed_on())
            except ValidationError as exc:
                dlg.error.setText(exc.render(translate))
                dlg.error.show()
                continue
            if not act.ok:
                return
            self.refresh()
            self.group_combo.setCurrentIndex(self.group_combo.findData(gid))
            return

    def new_item(self) -> None:
        gid = self.group_id()
        if gid is None:
            self.create_group()
            return
        g = next(g for g in self.groups if g.id == gid)
        dlg = PersonDialog(self.ctx, self, community_id=g.community_id, group_id=gid)
        try:
            accepted, person_id = dlg.exec() == QDialog.DialogCode.Accepted, dlg.person_id
        finally:
            dlg.deleteLater()
        # person_id: the new member, or one already in the group whom the duplicate warning showed
        if accepted and person_id:
            self.filter.clear()
            self._load_members()
            for r in range(self.model.rowCount()):
                if self.model.member(r).person_id == person_id:
                    self.table.selectRow(r)
                    self.table.scrollTo(self.model.index(r, 0))
                    break

    def edit_selected(self) -> None:
        row = self._need_selection()
        if row < 0:
            return
        m = self.model.member(row)
        person = self.ctx.call(self, rosters.get_person, self.ctx.store, m.person_id)
        if person is None:
            return
        dlg = PersonDialog(self.ctx, self, person=person, member=m)
        try:
            accepted = dlg.exec() == QDialog.DialogCode.Accepted
        finally:
            dlg.deleteLater()
        if accepted:
            self._load_members()

    def move_selected(self) -> None:
        row = self._need_selection()
        if row < 0:
            return
        m = self.model.member(row)
        groups = rosters.list_groups(self.ctx.store)
        dlg = MoveDialog(m.full_name, groups, self.group_id() or "",
                         lambda g: self.community_label(g.community_id, g.community_name), self)
        try:
            accepted, to_group = dlg.exec() == QDialog.DialogCode.Accepted, dlg.group_id()
            moved_on = dlg.moved_on()
        finally:
            dlg.deleteLater()
        if not accepted or not to_group:
            return
        if not self._run(lambda st, mid, to: rosters.move_member(st, mid, to, on=moved_on),
                         m.membership_id, to_group):
            return
        self._load_members()

    def remove_selected(self) -> None:
        row = self._need_selection()
        if row < 0:
            return
        m = self.model.member(row)
        if not self._run(rosters.remove_member, m.membership_id):
            return
        self._load_members()

        def undo() -> None:
            if not self._run(rosters.undo_remove_member, m.membership_id):
                return
            self._load_members()
            self.select_id(m.membership_id)

        self.undo_bar.offer(self.tr("{name} was removed from the group (kept in the history).")
                            .format(name=m.full_name), undo)

    def history_selected(self) -> None:
        row = self._need_selection()
        if row < 0:
            return
        m = self.model.member(row)
        rows = self.ctx.call(self, rosters.membership_history, self.ctx.store, m.person_id)
        if rows is not None:
            exec_and_delete(HistoryDialog(m.full_name, rows, self))


def _load_number_format(lang: str) -> None:
    try:
        from ... import formatting

        formatting.fmt_int(0, lang)
    except Exception:  # noqa: BLE001 - the count loads it itself when needed
        log.exception("loading the number format failed")


class _Relay(QObject):
    """Carries the background read's result to the GUI thread (a queued signal)."""

    loaded = Signal(int, object, object)


class PeoplePage(_ListPage):
    """Everyone in the community (headquarters: everyone, or the chosen community)."""

    #: Rows read at once for the first screen before everyone is read in the background.
    HEAD_ROWS = 200
    #: Emitted when everyone is in the list (filtering and sorting over all of them).
    full_loaded = Signal()
    # Emitted when the first screenful asked for by refresh() is shown.
    head_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self._pending_select: str | None = None  # select_id() of someone not yet read
        self._loaded_for: tuple[str | None] | None = None  # (community,) once everyone is in
        self._relay = _Relay(self)
        self._relay.loaded.connect(self._full_arrived)
        self.model = PeopleTableModel(self, show_community=ctx.is_hq)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)  # rows arrive sorted by name; header click sorts
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self.model.sort)
        self.add_button = self._button(self.tr("&Add person"), self.new_item, self.tr("Add a person (Ctrl+N)"))
        self.edit_button = self._button(self.tr("&Edit"), self.edit_selected)
        self.history_button = self._button(self.tr("&History"), self.history_selected)
        self.delete_button = self._button(self.tr("&Delete"), self.delete_selected)
        self._watch_selection()
        self.empty_hint = QLabel(self.tr("Nobody is recorded in this community yet. Press “Add person” "
                                         "(Ctrl+N), or add members on the Advisory group page."), self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet(theme.EMPTY_HINT_STYLE)
        self.empty_hint.hide()
        self.layout_.addWidget(self.empty_hint)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.undo_bar)
        self.title.setText(self.tr("People"))
        self._widths_set = False
        self._head: int | None = None  # the refresh whose first screenful is being read
        self._reload: int | None = None  # the refresh after an edit whose list is being read
        self._reader: threading.Thread | None = None  # the thread reading everyone
        self._reading: Pending | None = None
        self._set_tab_order([])

    def _row_buttons(self) -> list[QPushButton]:
        return [self.edit_button, self.history_button, self.delete_button]

    def refresh(self) -> None:
        """Reload the list. The first time (or after a community change) the first screenful
        and the count are read on the window's worker thread (``ctx.ops.submit``) while the page
        says "Reading…"; with many people everyone is then read on a background thread and
        swapped in with the selection and scroll position kept (:attr:`full_loaded` is emitted
        then). Later (after an edit) everyone is read again the same way, the list before shown
        meanwhile. Only the answer to the last refresh asked for is shown. Opening the page thus
        never holds the window for a query: at 100,000 people the head and its count alone
        took ~70 ms of the GUI thread (bench/bench_session.py)."""
        cid = self.ctx.community_id
        self.subtitle.setText(self.community_label(cid) if cid else self.tr("All communities"))
        selected = self.model.id_at(self.selected_row()) if self.selected_row() >= 0 else None
        self._generation += 1
        self._pending_select = None
        guard(self.add_button, self.ctx.permits, Permission.EDIT_ROSTERS)
        self._update_buttons()
        generation = self._generation
        if self._loaded_for == (cid,):
            # Already showing everyone here: a reload after an edit. Everyone is read again in
            # the background (~1 s at 100,000 people, was on the GUI thread) while the list
            # before stays shown and filterable; a person selected with select_id meanwhile
            # (the one just saved) is selected when the new list arrives (:attr:`full_loaded`).
            self._head = None
            self._reload = generation
            self._pending_select = selected
            self._read_everyone(generation, cid)
            return
        self._reload = None
        self._loaded_for = None
        self._head = generation
        self._pending_select = selected
        self.empty_hint.hide()
        self._update_count()

        def arrived(answer: tuple[PeopleIndex, int]) -> None:
            if generation == self._generation and isValid(self):
                self._head_arrived(cid, *answer)

        def failed(exc: BaseException) -> None:
            if generation == self._generation and isValid(self):
                self._head = None
                self._update_count()
            self.ctx.show_error(self, exc)

        self._reading = self.ctx.ops.submit(self, load_people_head, self.ctx.store, cid, self.HEAD_ROWS,
                                            on_done=arrived, on_error=failed)

    def wait_for_list(self) -> None:
        """Block until the first screenful asked for by :meth:`refresh` is shown, or after an
        edit the list read again (tests, and a caller that must act on the list at once); the
        first time everyone may still be read after it."""
        if self._reading is not None and self._reading.running:
            self._reading.wait()
        reader = self._reader
        if self._reload is not None and reader is not None:
            reader.join()
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)  # _full_arrived

    @property
    def reading(self) -> bool:
        """True while the first screenful asked for by :meth:`refresh` is being read."""
        return self._head is not None

    def _head_arrived(self, cid: str | None, head: PeopleIndex, total: int) -> None:
        self._head = None
        # A row asked for with select_id while reading; else the one selected before.
        chosen = self.model.id_at(self.selected_row()) if self.selected_row() >= 0 else None
        selected = self._pending_select or chosen
        self._pending_select = None
        if total <= len(head):
            self._loaded_for = (cid,)
            self._show(head, selected)
            self.head_shown.emit()
            return
        self.model.set_head(head, total, self.community_label)
        self._after_fill()
        self.select_id(selected)
        self.head_shown.emit()
        self._read_everyone(self._generation, cid)
        # The first keystroke's count ("4,889 of 100,000 shown") needs Babel and its number
        # data (~70 ms): loaded alongside the read, not in that keystroke.
        threading.Thread(target=_load_number_format, args=(ui_lang(),), name="strive-warm-up", daemon=True).start()

    def _read_everyone(self, generation: int, cid: str | None) -> None:
        """Read everyone in *cid* on a thread of its own; :meth:`_full_arrived` shows them if no
        newer refresh has started meanwhile."""
        store, relay = self.ctx.store, self._relay

        def load() -> None:
            try:
                result: object = load_people_index(store, cid)
            except Exception as exc:  # noqa: BLE001 - shown on the GUI thread
                result = exc
            try:
                relay.loaded.emit(generation, cid, result)
            except RuntimeError:  # the page was closed meanwhile
                pass

        # A daemon thread, not a QThread: closing the window while it reads must not abort.
        self._reader = threading.Thread(target=load, name="people-index", daemon=True)
        self._reader.start()

    def _full_arrived(self, generation: int, cid: str | None, result: object) -> None:
        if generation != self._generation:
            return  # a newer refresh has started since
        self._reload = None
        if isinstance(result, BaseException):
            self._pending_select = None
            self.ctx.show_error(self, result)
            return
        assert isinstance(result, PeopleIndex)
        selected = self.model.id_at(self.selected_row()) if self.selected_row() >= 0 else None
        pending, self._pending_select = self._pending_select, None
        selected = pending or selected  # asked for by select_id while reading: it wins
        bar = self.table.verticalScrollBar()
        scroll, current = bar.value(), self.table.currentIndex()
        self._loaded_for = (cid,)
        self.model.set_people(result, self.community_label)
        if selected:
            row = self.model.row_of(selected)
            if row >= 0:
                self.table.selectRow(row)
                if selected == pending:  # asked for while loading (e.g. just added): show it
                    self.table.scrollTo(self.model.index(row, 0))
                    scroll = bar.value()
        elif current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        bar.setValue(scroll)
        self._after_fill()
        self.full_loaded.emit()

    def _show(self, index: PeopleIndex, selected: str | None) -> None:
        self.model.set_people(index, self.community_label)
        self._after_fill()
        self.select_id(selected)
        self.full_loaded.emit()

    def _after_fill(self) -> None:
        if not self._widths_set:
            self._size_columns()
            self._widths_set = self.model.rowCount() > 0  # sized again once there are rows
        self.empty_hint.setVisible(self.model.total() == 0)
        self._update_count()

    def _update_count(self) -> None:
        model = self.model
        if self._head is not None:
            self.count.setText(self.tr("Reading…"))
            self._place_buttons()
        elif isinstance(model, PeopleTableModel) and model.loading and model.filter_text.strip():
            self.count.setText(self.tr("Searching…"))
        else:
            super()._update_count()

    @property
    def loading(self) -> bool:
        """True while the first screenful is being read, or only it is in and everyone is
        being read, or everyone is read again after an edit (the list before shown)."""
        return self._head is not None or self._reload is not None or self.model.loading

    def select_id(self, row_id: str | None) -> None:
        if self._head is not None:  # the list shown is the one before: chosen when it arrives
            self._pending_select = row_id or self._pending_select
            return
        super().select_id(row_id)
        if row_id and (self._reload is not None or (self.loading and self.model.row_of(row_id) < 0)):
            self._pending_select = row_id  # selected (again) when everyone is in

    def _size_columns(self) -> None:
        size_columns(self.table, self.model.columns)

    def _selected_person_id(self) -> str | None:
        row = self._need_selection()
        return self.model.id_at(row) if row >= 0 else None

    def new_item(self) -> None:
        cid = self.ctx.community_id
        if cid is None:
            QMessageBox.information(self, self.tr("STRIVE Desktop"),
                                    self.tr("Choose a community at the top first: a person belongs to one "
                                            "community."))
            return
        dlg = PersonDialog(self.ctx, self, community_id=cid)
        try:
            accepted, person_id = dlg.exec() == QDialog.DialogCode.Accepted, dlg.person_id
        finally:
            dlg.deleteLater()
        if accepted and person_id:
            self.filter.clear()
            self.refresh()
            self.select_id(person_id)

    def edit_selected(self) -> None:
        pid = self._selected_person_id()
        if pid is None:
            return
        person = self.ctx.call(self, rosters.get_person, self.ctx.store, pid)
        if person is None:
            return
        if exec_and_delete(PersonDialog(self.ctx, self, person=person)) == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_id(pid)

    def history_selected(self) -> None:
        row = self._need_selection()
        if row < 0:
            return
        pid = self.model.id_at(row)
        rows = self.ctx.call(self, rosters.membership_history, self.ctx.store, pid)
        if rows is not None:
            name = self.model.data(self.model.index(row, 0))
            exec_and_delete(HistoryDialog(name, rows, self))

    def delete_selected(self) -> None:
        row = self._need_selection()
        if row < 0:
            return
        pid = self.model.id_at(row)
        name = self.model.data(self.model.index(row, 0))
        if not self._run(rosters.delete_person, pid):
            return
        self.refresh()

        def undo() -> None:
            if not self._run(rosters.restore_person, pid):
                return
            self.refresh()
            self.select_id(pid)

        self.undo_bar.offer(self.tr("{name} was deleted; their group memberships were ended.")
                            .format(name=name), undo)

    def selected_index(self) -> QModelIndex:
        row = self.selected_row()
        return self.model.index(row, 0) if row >= 0 else QModelIndex()
