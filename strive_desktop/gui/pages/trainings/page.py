"""The Trainings page: the community's trainings, the attendance sheet of the selected one,
and the scans of its signed paper sheets.

The sheet is made to be typed from paper with the keyboard alone: arrows move, Space ticks
(saved at once), typing a name jumps to that row (Cyrillic or Latin), Ctrl+Enter adds a walk-in,
Delete takes a walk-in added by mistake off the sheet again (asked first when they have ticks;
an undo bar either way).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)
from shiboken6 import isValid

from ....domain.enums import Phase
from ....services import attachments, installation, trainings
from ....storage.db import Store
from ... import theme
from ...context import AppContext
from ...dialogs.training import TrainingDialog, WalkInDialog
from ...models.attendance import dates_text, hours_text
from ...models.trainings import TrainingListModel, TrainingRow, phase_label
from ...ops import Pending
from ...widgets import file_dialogs
from ...widgets.dates import datetime_text, local
from ...widgets.fair_columns import FairColumns
from ...widgets.list_keys import list_keys
from ...widgets.modal import exec_and_delete
from ...widgets.page_header import style_page_header
from ...widgets.percent import percent
from ..forms.trainings_page_ui import Ui_TrainingsPage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _PageData:
    """What the page shows first, read in one go (on the worker for the first opening)."""

    communities: dict[str, installation.CommunityInfo]
    rows: list[TrainingRow]
    sheet: tuple[trainings.AttendanceSheet, list[attachments.AttachmentInfo]] | None  # the first's


def _read_page(store: Store, cid: str | None, keep_id: str | None, with_sheet: bool) -> _PageData:
    """The communities and the list; *with_sheet*: also the sheet and scans of the training
    that will be selected (*keep_id* if still listed, else the first)."""
    communities = {c.id: c for c in installation.list_communities(store)}
    figures = trainings.training_figures(store, cid)  # no sheet built per training
    none = trainings.TrainingFigures(0, 0.0, 0)
    rows = [TrainingRow(info, f.participants, f.average_rate, f.completed, f.recorded)
            for info in trainings.list_trainings(store, cid)
            for f in (figures.get(info.id, none),)]
    sheet = None
    if with_sheet and rows:
        tid = keep_id if keep_id in {r.info.id for r in rows} else rows[0].info.id
        sheet = (trainings.attendance_sheet(store, tid), attachments.list_attachments(store, training_id=tid))
    return _PageData(communities, rows, sheet)


class TrainingsPage(QWidget):
    """List of trainings (New / Edit / Delete), the attendance sheet, attachments."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._communities: dict[str, installation.CommunityInfo] | None = None
        self._sheet_training: str | None = None
        ui = self.ui = Ui_TrainingsPage()  # the layout: ui/trainings_page.ui
        ui.setupUi(self)
        self.title, self.subtitle = ui.title, ui.subtitle
        style_page_header(self.title, self.subtitle)
        self.new_button, self.edit_button, self.delete_button = ui.newButton, ui.editButton, ui.deleteButton
        self.verify_button = ui.verifyButton
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.verify_button.clicked.connect(self.check_certificate)
        self.list_stack, self.detail, self.splitter = ui.listStack, ui.detail, ui.splitter
        self._set_up_list()
        self._set_up_detail()
        self._set_up_scans()
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([150, 520])
        self._user_split = False
        self.splitter.splitterMoved.connect(lambda *_a: setattr(self, "_user_split", True))
        self._widths_set = False
        self._asked = 0  # refreshes asked for: only the last one's answer is shown
        self._sheet_loads = 0  # sheets shown so far (refresh reads the sheet once, not twice)
        self._reading: Pending | None = None
        self._prefetched: tuple[trainings.AttendanceSheet, list[attachments.AttachmentInfo]] | None = None
        self._update_buttons()

    # -- setting up the form's parts -----------------------------------------------------------------
    def _set_up_list(self) -> None:
        """The list of trainings, or an empty state."""
        ui = self.ui
        self.list_model = TrainingListModel(self, show_community=self.ctx.is_hq and self.ctx.community_id is None)
        self.table = ui.table
        self.table.setModel(self.list_model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        # In a wide list Title gives way first (whole in a tooltip): Phase stays whole at 1366 px,
        # at headquarters with the Community column too.
        self.fair_columns = FairColumns(self.table, wide_share=0.24)
        self.table.doubleClicked.connect(lambda _ix: self.edit_selected())
        list_keys(self.table, self.edit_selected)  # Tab leaves the list, Enter edits the training
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.empty_box = ui.emptyBox
        self.empty, self.create_first_button = self.empty_box.label, self.empty_box.button
        if self.create_first_button is not None:
            self.create_first_button.clicked.connect(lambda _checked=False: self.new_item())

    def _set_up_detail(self) -> None:
        """The selected training: its name, its sheet and its scans."""
        ui = self.ui
        self.detail_title, self.detail_info, self.tabs = ui.detailTitle, ui.detailInfo, ui.tabs
        self.detail_title.setStyleSheet(theme.HEADING_STYLE)
        self.detail_info.setStyleSheet(theme.DETAILS_STYLE)
        sheet = self.sheet_tab = ui.sheetTab
        sheet.model.persist = self._persist
        self.summary, self.sheet_model, self.sheet_view = sheet.summary, sheet.model, sheet.view
        self.undo_bar, self.keys_hint = sheet.undo_bar, sheet.keys_hint
        self.walk_in_button, self.remove_walk_in_button = sheet.walk_in_button, sheet.remove_walk_in_button
        self.print_sheet_button, self.certificates_button = sheet.print_sheet_button, sheet.certificates_button
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.remove_walk_in_button.clicked.connect(self.remove_walk_in)
        self.print_sheet_button.clicked.connect(self.print_sheet)
        self.certificates_button.clicked.connect(self.print_certificates)
        self.sheet_view.walk_in_requested.connect(self.add_walk_in)
        self.sheet_view.remove_requested.connect(self.remove_walk_in)
        self.sheet_view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.sheet_model.dataChanged.connect(lambda *_a: self._sheet_changed())

    def _set_up_scans(self) -> None:
        """The Scans tab: photos or scans of the signed paper sheets."""
        ui = self.ui
        self.attach_button, self.open_button, self.remove_button = ui.attachButton, ui.openButton, ui.removeButton
        self.attach_button.clicked.connect(self.attach_scan)
        self.open_button.clicked.connect(self.open_attachment)
        self.remove_button.clicked.connect(self.remove_attachment)
        self.attachments = ui.attachments
        self.attachments.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.attachments.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.attachments.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.attachments.doubleClicked.connect(lambda _ix: self.open_attachment())
        list_keys(self.attachments, self.open_attachment)
        self.attachments.itemSelectionChanged.connect(self._update_buttons)

    # -- helpers -------------------------------------------------------------------------------
    def communities(self) -> dict[str, installation.CommunityInfo]:
        if self._communities is None:
            self._communities = {c.id: c for c in installation.list_communities(self.ctx.store)}
        return self._communities

    def community_label(self, community_id: str, fallback: str = "") -> str:
        c = self.communities().get(community_id)
        return c.name(self.ctx.lang) if c else fallback

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_training(self) -> TrainingRow | None:
        row = self.selected_row()
        return self.list_model.training(row) if row >= 0 else None

    def select_training(self, training_id: str | None) -> None:
        row = self.list_model.row_of(training_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.list_model.index(row, 0))

    def _need_selection(self) -> TrainingRow | None:
        t = self.selected_training()
        if t is None:
            QMessageBox.information(self, self.tr("STRIVE Desktop"), self.tr("Select a training in the list first."))
        return t

    def _update_buttons(self) -> None:
        has = self.selected_training() is not None
        for w in (self.edit_button, self.delete_button, self.detail):
            w.setEnabled(has)
        has_sheet = has and self.sheet_model.sheet is not None and bool(self.sheet_model.sessions)
        for b in (self.walk_in_button, self.print_sheet_button, self.certificates_button):
            b.setEnabled(has_sheet)
        self.remove_walk_in_button.setEnabled(has_sheet and self.current_walk_in() is not None)
        has_att = self.attachments.currentRow() >= 0
        self.open_button.setEnabled(has_att)
        self.remove_button.setEnabled(has_att)

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list (and the selected training's sheet) now, on the GUI thread: after an
        edit the caller selects what it has just saved at once."""
        self._asked += 1
        cid = self.ctx.community_id
        keep = self.selected_training()
        keep_id = keep.info.id if keep else None
        self._fill(cid, _read_page(self.ctx.store, cid, keep_id, False), keep_id)

    def refresh_in_background(self) -> None:
        """The page's first opening: the communities, the list and the first training's sheet
        and scans are read on the window's worker thread (``ctx.ops.submit``) while the subtitle
        says "Reading…" (~20 ms of the GUI thread at 100,000 people: bench/bench_session.py);
        only the answer to the last refresh asked for is shown."""
        self._asked += 1
        asked, cid = self._asked, self.ctx.community_id
        keep = self.selected_training()
        keep_id = keep.info.id if keep else None
        self.subtitle.setText(self.tr("Reading…"))

        def arrived(answer: _PageData) -> None:
            if asked == self._asked and isValid(self):
                self._fill(cid, answer, keep_id)

        def failed(exc: BaseException) -> None:
            if asked == self._asked and isValid(self):
                self.subtitle.clear()
            self.ctx.show_error(self, exc)

        self._reading = self.ctx.ops.submit(self, _read_page, self.ctx.store, cid, keep_id, True,
                                            on_done=arrived, on_error=failed)

    def wait_for_list(self) -> None:
        """Block until the list asked for by :meth:`refresh_in_background` is shown (tests)."""
        if self._reading is not None and self._reading.running:
            self._reading.wait()

    def _fill(self, cid: str | None, data: _PageData, keep_id: str | None) -> None:
        self._communities = data.communities
        self._prefetched = data.sheet
        self._sheet_training = None  # read again even if the same training stays selected
        loads = self._sheet_loads
        self.subtitle.setText(self.community_label(cid) if cid else self.tr("All communities"))
        rows = data.rows
        self.list_model.set_show_community(self.ctx.is_hq and cid is None)
        self.list_model.set_rows(rows, self.community_label)
        self.detail.setVisible(bool(rows))
        if rows:
            self.list_stack.setCurrentIndex(0)
        else:
            self.empty.setText(self.tr("No trainings yet. Press “New training” (Ctrl+N) to create the first "
                                       "one with its sessions, then tick the attendance here."))
            self.list_stack.setCurrentIndex(1)
        self._size_columns()
        if rows:
            self._fit_list(len(rows))
        if keep_id and self.list_model.row_of(keep_id) >= 0:
            self.select_training(keep_id)
        elif rows:
            self.table.selectRow(0)
        if self._sheet_loads == loads:  # the selection did not change: not read by _selection_changed
            self._load_sheet()
        self._prefetched = None

    LIST_SHARE = 0.45  # of the page's height, at most, for the list (the sheet keeps the rest)

    def _fit_list(self, n: int | None = None) -> None:
        """Give the list the height of its rows, from 3 up to :attr:`LIST_SHARE` of the height
        (at least 6 rows), the sheet the rest; again when the window is resized, until the user
        moves the splitter."""
        if self._user_split:
            return
        n = self.list_model.rowCount() if n is None else n
        total = sum(self.splitter.sizes())
        row = self.table.verticalHeader().defaultSectionSize()
        head = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + 2
        most = max(6, int((total * self.LIST_SHARE - head) // row))
        want = head + min(max(n, 3), most) * row
        if total > want:
            self.splitter.setSizes([want, total - want])

    def _size_columns(self) -> None:
        """Every column but Title as wide as its header and its longest label in this language
        (every phase and community name measured, and the dates shown); Title takes the rest."""
        cols = self.list_model.columns
        widths = {"community": 120, "phase": 150, "title": 380, "dates": 110, "hours": 60,
                  "participants": 90, "rate": 90}
        cells, head = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        m = self.list_model
        labels = {"phase": [phase_label(p.value) for p in Phase],
                  "community": [self.community_label(cid) for cid in self.communities()]}
        if "dates" in cols:
            d = cols.index("dates")
            labels["dates"] = [str(m.index(r, d).data()) for r in range(m.rowCount())]
        # Modes first: a width set on a section that is still Stretch (the Title's place before
        # the Community column went, switching from "All communities" to one) would be lost.
        header = self.table.horizontalHeader()
        for i, c in enumerate(cols):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if c == "title"
                                        else QHeaderView.ResizeMode.Interactive)
        natural, floors = {}, {}
        for i, c in enumerate(cols):
            if c == "title":
                continue
            text = str(m.headerData(i, Qt.Orientation.Horizontal) or "")
            need = max([head.horizontalAdvance(text) + 24]
                       + [cells.horizontalAdvance(x) + 20 for x in labels.get(c, [])])
            natural[i] = max(widths[c], need)
            if c in ("phase", "community"):  # long names: elided (tooltip) when the window is narrow
                floors[i] = min(natural[i], 96)
        # At 1366 px everything fits as measured (Title needs no more than its longest title,
        # so Phase is not cut for a Title column half empty); at the minimum width Phase and
        # Community give way so that Title keeps about a third of the list.
        t = cols.index("title")
        titles = [str(m.index(r, t).data()) for r in range(m.rowCount())]
        title_need = max([head.horizontalAdvance(str(m.headerData(t, Qt.Orientation.Horizontal) or "")) + 24]
                         + [cells.horizontalAdvance(x) + 20 for x in titles])
        self.fair_columns.set_widths(natural, floors, title_need)

    def _selection_changed(self) -> None:
        t = self.selected_training()
        if (t.info.id if t else None) != self._sheet_training:
            self._load_sheet()

    def _load_sheet(self) -> None:
        t = self.selected_training()
        if t is None:
            self.sheet_model.set_sheet(None)
            self.detail_title.setText(self.tr("No training selected"))
            self.detail_info.clear()
            self.summary.clear()
            self.attachments.setRowCount(0)
            self._sheet_training = None
            self._update_buttons()
            return
        self._sheet_loads += 1
        same = self._sheet_training == t.info.id
        current = self.sheet_view.currentIndex()
        ready = self._prefetched
        self._prefetched = None
        scans = None
        if ready is not None and ready[0].training.id == t.info.id:
            sheet, scans = ready  # read on the worker with the list
        else:
            try:
                sheet = trainings.attendance_sheet(self.ctx.store, t.info.id)
            except Exception as exc:  # noqa: BLE001
                self.ctx.show_error(self, exc)
                return
        self._sheet_training = t.info.id
        info = sheet.training
        self.detail_title.setText(info.title)
        bits = [phase_label(info.phase), dates_text(info.start, info.end),
                self.tr("%n session(s)", "", len(info.sessions)) + ", " +
                self.tr("{hours} hours").format(hours=hours_text(info.total_hours))]
        if info.venue:
            bits.append(info.venue)
        if info.trainers:
            bits.append(self.tr("trainers: {names}").format(names=info.trainers))
        if self.ctx.community_id is None:
            bits.insert(0, self.community_label(info.community_id, info.community_name))
        self.detail_info.setText(" · ".join(bits))
        self.sheet_model.set_sheet(sheet)
        self._size_sheet()
        if same and current.isValid():
            self.sheet_view.setCurrentIndex(self.sheet_model.index(current.row(), current.column()))
        elif self.sheet_model.participants() and sheet.training.sessions:
            self.sheet_view.setCurrentIndex(self.sheet_model.index(0, self.sheet_model.session_column(0)))
        self._sheet_changed()
        self._load_attachments(scans)

    def _size_sheet(self) -> None:
        self.sheet_tab.size_columns()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_to_size)  # once the children have their new size

    def _fit_to_size(self) -> None:
        if self.list_model.rowCount():
            self._fit_list()
        if self.sheet_model.sheet is not None:
            self._size_sheet()

    def _sheet_changed(self) -> None:
        m = self.sheet_model
        sheet = m.sheet
        if sheet is None:
            self.summary.clear()
            return
        n = len(m.participants())
        if not sheet.training.sessions:
            self.summary.setText(self.tr("This training has no sessions: edit it to add them."))
        elif n == 0:
            self.summary.setText(self.tr("Nobody is on the sheet yet: add members to the advisory group, "
                                         "or add a walk-in."))
        else:
            self.summary.setText(
                self.tr("%n participant(s)", "", n) + " · " +
                self.tr("average attendance {rate}").format(rate=percent(m.average_rate())) + " · " +
                self.tr("{n} completed (at least {share} of the hours)").format(
                    n=m.completed_count(), share=percent(sheet.rule.min_share)))
        self.list_model.update_figures(sheet.training.id, n, m.average_rate(), m.completed_count())
        self._update_buttons()

    def _persist(self, session_id: str, person_id: str, present: bool) -> bool:
        with self.ctx.ops.action(self) as act:
            trainings.record_attendance(self.ctx.store, session_id, person_id, present)
        return act.ok

    # -- trainings ------------------------------------------------------------------------------------
    def new_item(self) -> None:
        dlg = TrainingDialog(self.ctx, self, community_id=self.ctx.community_id)
        try:  # the dialog is deleted afterwards, not kept as a hidden child of the page
            accepted, training_id = dlg.exec() == QDialog.DialogCode.Accepted, dlg.training_id
        finally:
            dlg.deleteLater()
        if accepted and training_id:
            self.refresh()
            self.select_training(training_id)
            self.sheet_view.setFocus()

    def edit_selected(self) -> None:
        t = self._need_selection()
        if t is None:
            return
        info = self.ctx.call(self, trainings.get_training, self.ctx.store, t.info.id)
        if info is None:
            return
        dlg = TrainingDialog(self.ctx, self, training=info)
        try:
            accepted = dlg.exec() == QDialog.DialogCode.Accepted
        finally:
            dlg.deleteLater()
        if accepted:
            self.refresh()
            self.select_training(info.id)

    def delete_selected(self) -> None:
        t = self._need_selection()
        if t is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete training"),
            self.tr("Delete the training “{title}” ({dates}) and its attendance sheet?").format(
                title=t.info.title, dates=dates_text(t.info.start, t.info.end)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.ops.action(self):
            trainings.delete_training(self.ctx.store, t.info.id)
        self.refresh()

    # -- the sheet -----------------------------------------------------------------------------------
    def add_walk_in(self) -> None:
        sheet = self.sheet_model.sheet
        if sheet is None or not sheet.training.sessions:
            return
        dlg = WalkInDialog(self.ctx, sheet.training, self,
                           on_sheet=[p.person_id for p in self.sheet_model.participants()])
        if exec_and_delete(dlg) == QDialog.DialogCode.Accepted and dlg.person_id:
            self._load_sheet()
            row = self.sheet_model.row_of(dlg.person_id)
            if row >= 0:
                ix = self.sheet_model.index(row, self.sheet_model.session_column(0))
                self.sheet_view.setCurrentIndex(ix)
                self.sheet_view.scrollTo(ix)
            self.sheet_view.setFocus()

    def current_walk_in(self) -> trainings.ParticipantAttendance | None:
        """The participant of the sheet's current row when it is a walk-in."""
        ix = self.sheet_view.currentIndex()
        p = self.sheet_model.participant(ix.row()) if ix.isValid() else None
        return p if p is not None and p.walk_in else None

    def remove_walk_in(self) -> None:
        """Take the current row's walk-in off the sheet (Delete key, or the button).

        Asked first when they have ticks; an undo bar is offered either way. A member's row
        gets the service's explanation instead (members are on every sheet of the community).
        """
        sheet = self.sheet_model.sheet
        ix = self.sheet_view.currentIndex()
        p = self.sheet_model.participant(ix.row()) if ix.isValid() else None
        if sheet is None or p is None:
            return
        ticks = sum(1 for ok in p.present.values() if ok)
        if p.walk_in and ticks:
            answer = QMessageBox.question(
                self, self.tr("Remove walk-in"),
                self.tr("Remove {name} from this attendance sheet? They are ticked present at %n "
                        "session(s); those ticks go too.", "", ticks).format(name=p.full_name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        removal = self.ctx.call(self, trainings.remove_walk_in, self.ctx.store, sheet.training.id, p.person_id)
        if removal is None:
            return
        self._load_sheet()
        left = self.sheet_model.total_row()
        if left:
            here = self.sheet_model.index(min(ix.row(), left - 1), ix.column())
            self.sheet_view.setCurrentIndex(here)
            self.sheet_view.scrollTo(here)
        self.sheet_view.setFocus()

        def undo() -> None:
            with self.ctx.ops.action(self) as act:
                trainings.restore_walk_in(self.ctx.store, removal)
            if not act.ok:
                return
            shown = self.selected_training()
            if shown is None or shown.info.id != removal.training_id:
                self.select_training(removal.training_id)
            self._load_sheet()
            row = self.sheet_model.row_of(removal.person_id)
            if row >= 0:
                back = self.sheet_model.index(row, ix.column())
                self.sheet_view.setCurrentIndex(back)
                self.sheet_view.scrollTo(back)
            self.sheet_view.setFocus()

        self.undo_bar.offer(self.tr("{name} was removed from this attendance sheet (still in People).")
                            .format(name=p.full_name), undo)
        # The bar takes room from the grid once laid out: keep the cursor in sight then.
        QTimer.singleShot(0, lambda: self.sheet_view.scrollTo(self.sheet_view.currentIndex()))

    def print_sheet(self) -> None:
        t = self.selected_training()
        if t is None:
            return
        from ... import printing  # ReportLab is loaded on the first print, not at start
        printing.print_attendance_sheet(self.ctx, self, t.info.id)

    def check_certificate(self) -> QWidget:
        from ...dialogs.verify_certificate import VerifyCertificateDialog

        dialog = VerifyCertificateDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def print_certificates(self) -> None:
        t = self.selected_training()
        if t is None:
            return
        from ...dialogs import certificates  # ReportLab is loaded on the first print, not at start
        certificates.print_certificates(self.ctx, self, t.info.id)

    # -- attachments --------------------------------------------------------------------------------
    def _load_attachments(self, read: list[attachments.AttachmentInfo] | None = None) -> None:
        t = self.selected_training()
        if read is not None:
            rows = read
        else:
            rows = attachments.list_attachments(self.ctx.store, training_id=t.info.id) if t else []
        self.attachments.setRowCount(0)
        for a in rows:
            r = self.attachments.rowCount()
            self.attachments.insertRow(r)
            name = QTableWidgetItem(a.file_name)
            name.setData(Qt.ItemDataRole.UserRole, a.id)
            if not a.exists:
                name.setToolTip(self.tr("The file is not in this data folder"))
            self.attachments.setItem(r, 0, name)
            size = QTableWidgetItem(self._size_text(a.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.attachments.setItem(r, 1, size)
            self.attachments.setItem(r, 2, QTableWidgetItem(datetime_text(local(a.added_at))))
        self.tabs.setTabText(1, self.tr("Scans ({n})").format(n=len(rows)) if rows else self.tr("Scans"))
        if rows:
            self.attachments.selectRow(0)
        self._update_buttons()

    def _size_text(self, size: int) -> str:
        if size >= 1024 * 1024:
            return self.tr("{size} MB").format(size=f"{size / 1024 / 1024:.1f}")
        return self.tr("{size} KB").format(size=max(1, round(size / 1024)))

    def attachment_names(self) -> list[str]:
        return [self.attachments.item(r, 0).text() for r in range(self.attachments.rowCount())]

    def _selected_attachment(self) -> str | None:
        r = self.attachments.currentRow()
        item = self.attachments.item(r, 0) if r >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def attach_scan(self) -> None:
        t = self.selected_training()
        if t is None:
            return
        path = file_dialogs.open_file_name(
            self, self.tr("Attach a scan or photo of the signed sheet"), "images",
            self.tr("Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp *.pdf)"))
        if path:
            self.attach_file(path)

    def attach_file(self, path: str | Path) -> str | None:
        """Copy *path* into the data folder as a scan of the selected training."""
        t = self.selected_training()
        if t is None:
            return None
        aid = self.ctx.call(self, attachments.add_attachment, self.ctx.store, Path(path), training_id=t.info.id)
        if aid is not None:
            self._load_attachments()
            self.tabs.setCurrentIndex(1)
        return aid

    def open_attachment(self) -> None:
        aid = self._selected_attachment()
        if aid is None:
            return
        path = self.ctx.call(self, attachments.attachment_path, self.ctx.store, aid)
        if path is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(self, self.tr("STRIVE Desktop"),
                                    self.tr("No program to open this file was found. It is here:\n{path}").format(
                                        path=path))

    def remove_attachment(self) -> None:
        aid = self._selected_attachment()
        if aid is None:
            return
        name = self.attachments.item(self.attachments.currentRow(), 0).text()
        answer = QMessageBox.question(
            self, self.tr("Remove scan"), self.tr("Remove “{name}” from this training?").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.ops.action(self) as act:
            attachments.remove_attachment(self.ctx.store, aid)
        if not act.ok:
            return
        self._load_attachments()

    def current_sheet_index(self) -> QModelIndex:
        return self.sheet_view.currentIndex()
