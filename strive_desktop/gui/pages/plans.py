"""The Local plans page: the community's plans, and an editor that saves as you type.

Every edit (re)starts a 3-second single-shot timer; when it fires the whole editor content
is saved with ``services.plans.save_draft`` (one unit of work). The page also saves when it
is hidden (another page chosen), on Ctrl+S, and when the main window closes (it asks
``has_unsaved()`` and calls ``save()``). So a power cut loses at most seconds of typing.

Only a draft can be edited (the data core refuses the rest); submitted and approved plans
are shown read-only with the reason. Rows of the activities table that were added but never
filled in are not saved and are not an error.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import ActivityStatus, PlanStatus
from ...domain.roles import Permission
from ...errors import UserError, ValidationError
from ...i18n import Message
from ...services import installation, plans
from .. import theme
from ..context import AppContext, translate
from ..dialogs.compare import CompareDialog
from ..dialogs.new_plan import NewPlanDialog
from ..models.activities import (
    COLUMNS,
    ActivitiesModel,
    ActivityDelegate,
    format_som,
    is_blank,
    status_label,
    to_qdate,
    wrap_label,
)
from ..widgets.empty_state import EmptyState
from ..widgets.fair_columns import FairColumns
from ..widgets.flow import button_row
from ..widgets.list_keys import list_keys
from ..widgets.modal import exec_and_delete
from ..widgets.permit import guard

log = logging.getLogger(__name__)

ERROR_STYLE = theme.ERROR_STYLE
READ_ONLY_STYLE = "{cls} {{ background: " + theme.READ_ONLY_BG + "; color: " + theme.READ_ONLY_FG + "; }}"
NO_DATE = QDate(2000, 1, 1)  # the period fields show "not set" at their minimum
STATUS_STYLE = {
    PlanStatus.DRAFT.value: theme.badge_style(theme.DRAFT_BG, theme.DRAFT_FG),
    PlanStatus.SUBMITTED.value: theme.badge_style(theme.SUBMITTED_BG, theme.SUBMITTED_FG),
    PlanStatus.APPROVED.value: theme.badge_style(theme.APPROVED_BG, theme.APPROVED_FG),
}
# At least these widths; wider when a header, a status label, a date or a budget needs it.
ACTIVITY_WIDTHS = {"title": 230, "responsible": 100, "partners": 90, "start": 70, "end": 70,
                   "budget_project": 70, "budget_local": 70, "budget_other": 70, "budget_total": 70,
                   "indicator": 128, "status": 80}
_DATE_SAMPLE = "28.12.2026"
_BUDGET_SAMPLE = 9_999_999
# Revisions frozen by a status change get the new status as their note (stored as is: "submitted",
# "approved"); they are shown as the status in the UI language.
def _two_lines(header: str) -> str:
    """"Local, som" as "Local,\nsom" (at the last comma), so the column is half as wide."""
    head, sep, tail = header.rpartition(", ")
    return f"{head},\n{tail}" if sep else header


AUTOMATIC_NOTES = frozenset({PlanStatus.SUBMITTED.value, PlanStatus.APPROVED.value})


def revision_note(note: str) -> str:
    """A revision's note as the user reads it: typed notes as typed, automatic ones translated."""
    return status_label(note) if note in AUTOMATIC_NOTES else note


def _local(ts: dt.datetime) -> dt.datetime:
    """A stored UTC time in the computer's time zone."""
    return ts.replace(tzinfo=dt.UTC).astimezone()


class PlansPage(QWidget):
    """List of plans on top, the selected plan's editor below (tabs: plan, activities, revisions)."""

    AUTOSAVE_MS = 3000
    MAX_UNSAVED_S = 12.0  # typing without a pause does not postpone the save beyond this

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: plans.PlanInfo | None = None
        self.plan_rows: list[plans.PlanInfo] = []
        self.revisions: list[plans.RevisionInfo] = []
        self._communities: dict[str, installation.CommunityInfo] | None = None
        self._loading = False
        self._dirty = False
        self._dirty_since = 0.0
        self._fitted_rows = -1
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(self.AUTOSAVE_MS)
        self.autosave.timeout.connect(self._autosave)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.setSpacing(6)
        top = QHBoxLayout()
        self.title_label = QLabel(self.tr("Local plans"), self)
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.subtitle = QLabel(self)
        self.subtitle.setStyleSheet("color: #555; font-size: 11pt;")
        top.addWidget(self.title_label)
        top.addSpacing(12)
        top.addWidget(self.subtitle, 1)
        self.new_button = QPushButton(self.tr("&New plan…"), self)
        self.new_button.setToolTip(self.tr("Start a new local plan (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_item)
        self.delete_button = QPushButton(self.tr("&Delete plan"), self)
        self.delete_button.setToolTip(self.tr("Only a draft can be deleted"))
        self.delete_button.clicked.connect(self.delete_selected)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        outer.addLayout(top)

        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.stack)
        self.splitter.setChildrenCollapsible(False)
        self.list = QTableWidget(0, 0, self.splitter)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(24)
        self.list.horizontalHeader().setHighlightSections(False)
        self.list.setMinimumHeight(80)
        self.fair_columns = FairColumns(self.list)
        # No eliding: the budget headers are on two lines (eliding would join them); narrow,
        # the whole text is in the tooltip.
        self.list.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        list_keys(self.list)  # Tab leaves the list (a plan opens when its row is selected)
        self.list.itemSelectionChanged.connect(self._list_selection_changed)
        self.editor = self._build_editor(self.splitter)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([120, 560])
        self.stack.addWidget(self.splitter)

        empty = EmptyState(self.stack, self.tr("Start the local plan"), self.new_item)
        self.empty_label, self.empty_new_button = empty.label, empty.button
        self.stack.addWidget(empty)
        self._set_editor_enabled(False)

    # -- building the editor ---------------------------------------------------------------------
    def _build_editor(self, parent: QWidget) -> QWidget:
        w = QWidget(parent)
        layout = QVBoxLayout(w)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        self.status_chip = QLabel(w)
        self.status_chip.setStyleSheet("padding: 3px 10px; border-radius: 9px;")
        self.save_state = QLabel(w)
        self.save_state.setMinimumWidth(150)
        bar.addWidget(self.status_chip)
        bar.addWidget(self.save_state)
        bar.addStretch(1)
        self.revision_button = QPushButton(self.tr("Save as &revision…"), w)
        self.revision_button.setToolTip(self.tr("Keep a copy of the plan as it is now, with a note"))
        self.revision_button.clicked.connect(self.save_as_revision)
        self.submit_button = QPushButton(self.tr("&Submit"), w)
        self.submit_button.setToolTip(self.tr("Send the plan for approval; it becomes read-only"))
        self.submit_button.clicked.connect(lambda: self.change_status(PlanStatus.SUBMITTED.value))
        self.approve_button = QPushButton(self.tr("&Approve"), w)
        self.approve_button.setToolTip(self.tr("Approve the submitted plan; an approved plan is final"))
        self.approve_button.clicked.connect(lambda: self.change_status(PlanStatus.APPROVED.value))
        self.return_button = QPushButton(self.tr("Return to dra&ft"), w)
        self.return_button.setToolTip(self.tr("Send the submitted plan back for changes"))
        self.return_button.clicked.connect(lambda: self.change_status(PlanStatus.DRAFT.value))
        self.print_button = QPushButton(self.tr("Pr&int plan…"), w)
        self.print_button.clicked.connect(self.print_plan)
        # Wraps onto a second line rather than cutting the (long Russian) texts at 960 px.
        bar.addWidget(button_row(w, [self.revision_button, self.submit_button, self.approve_button,
                                     self.return_button, self.print_button], align_right=True), 10)
        layout.addLayout(bar)
        self.banner = QLabel(w)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px;"
                                  " padding: 5px 8px;")
        self.banner.hide()
        layout.addWidget(self.banner)

        self.tabs = QTabWidget(w)
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_text_tab(), self.tr("Plan"))
        self.tabs.addTab(self._build_activities_tab(), self.tr("Activities"))
        self.tabs.addTab(self._build_revisions_tab(), self.tr("Revisions"))
        return w

    def _error_label(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _date_edit(self, parent: QWidget) -> QDateEdit:
        ed = QDateEdit(parent)
        ed.setCalendarPopup(True)
        ed.setDisplayFormat("dd.MM.yyyy")
        ed.setMinimumDate(NO_DATE)
        ed.setSpecialValueText(self.tr("not set"))
        ed.setMinimumWidth(120)
        ed.dateChanged.connect(lambda _d: self._edited())
        return ed

    def _build_text_tab(self) -> QWidget:
        tab = QWidget(self)
        grid = QGridLayout(tab)
        grid.setContentsMargins(10, 10, 10, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        head = QHBoxLayout()
        head.setSpacing(8)
        title_label = QLabel(self.tr("&Title:"), tab)
        self.title_edit = QLineEdit(tab)
        self.title_edit.setMaxLength(300)
        title_label.setBuddy(self.title_edit)
        self.title_edit.textEdited.connect(lambda _t: self._edited())
        head.addWidget(title_label)
        head.addWidget(self.title_edit, 1)
        head.addSpacing(16)
        period_label = QLabel(self.tr("P&eriod:"), tab)
        self.start_edit = self._date_edit(tab)
        self.end_edit = self._date_edit(tab)
        period_label.setBuddy(self.start_edit)
        head.addWidget(period_label)
        head.addWidget(self.start_edit)
        head.addWidget(QLabel("–", tab))
        head.addWidget(self.end_edit)
        grid.addLayout(head, 0, 0, 1, 3)
        errors = QHBoxLayout()
        self.title_error = self._error_label(tab)
        self.period_error = self._error_label(tab)
        errors.addWidget(self.title_error, 1)
        errors.addWidget(self.period_error, 0, Qt.AlignmentFlag.AlignRight)
        grid.addLayout(errors, 1, 0, 1, 3)
        self.section_edits: dict[str, QPlainTextEdit] = {}
        self.section_errors: dict[str, QLabel] = {}
        captions = {
            "context": (self.tr("&Context and conflict analysis"),
                        self.tr("What is happening in the community; risks, tensions, their causes")),
            "vulnerable_groups": (self.tr("&Vulnerable groups addressed"),
                                  self.tr("Who is most at risk and why")),
            "objectives": (self.tr("&Objectives"), self.tr("What the plan wants to achieve (needed to submit)")),
        }
        for col, key in enumerate(plans.SECTIONS):
            caption, hint = captions[key]
            label = QLabel(caption, tab)
            label.setStyleSheet("font-weight: 600;")
            edit = QPlainTextEdit(tab)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._edited)
            label.setBuddy(edit)
            err = self._error_label(tab)
            grid.addWidget(label, 2, col)
            grid.addWidget(edit, 3, col)
            grid.addWidget(err, 4, col)
            grid.setColumnStretch(col, 1)
            self.section_edits[key] = edit
            self.section_errors[key] = err
        grid.setRowStretch(3, 1)
        QWidget.setTabOrder(self.title_edit, self.start_edit)
        QWidget.setTabOrder(self.start_edit, self.end_edit)
        QWidget.setTabOrder(self.end_edit, self.section_edits["context"])
        QWidget.setTabOrder(self.section_edits["context"], self.section_edits["vulnerable_groups"])
        QWidget.setTabOrder(self.section_edits["vulnerable_groups"], self.section_edits["objectives"])
        return tab

    def _build_activities_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 6)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add ac&tivity"), tab)
        self.add_button.clicked.connect(self.add_activity)
        self.remove_button = QPushButton(self.tr("Re&move"), tab)
        self.remove_button.clicked.connect(self.remove_activity)
        self.up_button = QPushButton(self.tr("Move &up"), tab)
        self.up_button.clicked.connect(lambda: self.move_activity(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"), tab)
        self.down_button.clicked.connect(lambda: self.move_activity(1))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            bar.addWidget(b)
        hint = QLabel(self.tr("Type or double-click to edit a cell; Delete empties it. Amounts in som."), tab)
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)  # two lines rather than cut off in Russian at 1366x768
        bar.addSpacing(10)
        bar.addWidget(hint, 1)
        layout.addLayout(bar)
        self.model = ActivitiesModel(self)
        self.model.changed.connect(self._edited)
        self.model.problem.connect(self._show_problem)
        self.table = QTableView(tab)
        self.table.setModel(self.model)
        self.delegate = ActivityDelegate(self.table)
        self.delegate.typing.connect(self._typing)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self._size_activity_columns()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_row_buttons())
        layout.addWidget(self.table, 1)
        self.activity_errors = self._error_label(tab)
        layout.addWidget(self.activity_errors)
        totals = QFrame(tab)
        totals.setObjectName("Totals")
        totals.setStyleSheet("#Totals { background: #f2f5f9; border: 1px solid #d5dde8; border-radius: 3px; }")
        tl = QHBoxLayout(totals)
        tl.setContentsMargins(10, 5, 10, 5)
        self.total_labels: dict[str, QLabel] = {}
        for key, caption in (("project", self.tr("Project")), ("local", self.tr("Local")),
                             ("other", self.tr("Other")), ("total", self.tr("Total"))):
            name = QLabel(caption + ":", totals)
            value = QLabel(totals)
            value.setStyleSheet("font-weight: 600;" + (" font-size: 11pt;" if key == "total" else ""))
            tl.addWidget(name)
            tl.addWidget(value)
            tl.addSpacing(18)
            self.total_labels[key] = value
        tl.addStretch(1)
        layout.addWidget(totals)
        return tab

    def _size_activity_columns(self) -> None:
        """Widths from what the columns show in the UI language, so nothing is cut at 1366x768
        in Kyrgyz, Russian or English: every status label, a date, a budget of millions, and
        the header (on two lines when its one line would be wider than the numbers under it).
        The title column takes the rest."""
        fm = self.table.fontMetrics()
        hfm = self.table.horizontalHeader().fontMetrics()
        style = self.table.style()
        cell = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 2  # as the delegate pads
        head_pad = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 6
        samples = {"start": [_DATE_SAMPLE], "end": [_DATE_SAMPLE],
                   "status": [status_label(s.value) for s in ActivityStatus],
                   **{c: [format_som(_BUDGET_SAMPLE)] for c in COLUMNS if c.startswith("budget_")}}
        labels = self.model.header_labels()
        wrapped: set[int] = set()
        for c, name in enumerate(COLUMNS):
            body = max([ACTIVITY_WIDTHS[name]] + [fm.horizontalAdvance(t) + cell for t in samples.get(name, [])])
            one_line = hfm.horizontalAdvance(labels[c]) + head_pad
            two_lines = max(hfm.horizontalAdvance(part) for part in wrap_label(labels[c]).split("\n")) + head_pad
            if c and one_line > body and two_lines < one_line:
                wrapped.add(c)
                self.table.setColumnWidth(c, max(body, two_lines))
            else:
                self.table.setColumnWidth(c, max(body, one_line))
        self.model.set_wrapped_headers(wrapped)

    def _build_revisions_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 6)
        bar = QHBoxLayout()
        self.compare_button = QPushButton(self.tr("&Compare…"), tab)
        self.compare_button.clicked.connect(self.compare_selected)
        self.revision_hint = QLabel(self.tr("Click two revisions to compare them, or one to compare it with "
                                            "the current text."), tab)
        self.revision_hint.setWordWrap(True)
        self.revision_hint.setStyleSheet("color: #555;")
        bar.addWidget(self.compare_button)
        bar.addSpacing(10)
        bar.addWidget(self.revision_hint, 1)
        layout.addLayout(bar)
        self.revision_table = QTableWidget(0, 5, tab)
        self.revision_table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Saved"), self.tr("By"),
                                                       self.tr("Status"), self.tr("Note")])
        self.revision_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.revision_table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self._picked: list[int] = []  # selected revision rows, in the order they were clicked
        self.revision_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.revision_table.verticalHeader().hide()
        self.revision_table.setAlternatingRowColors(True)
        for c, width in enumerate((50, 140, 160, 110)):
            self.revision_table.setColumnWidth(c, width)
        self.revision_table.horizontalHeader().setStretchLastSection(True)
        self.revision_table.itemSelectionChanged.connect(self._revision_selection_changed)
        layout.addWidget(self.revision_table, 1)
        return tab

    # -- page protocol ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list (and the open plan) from the data folder, saving first."""
        if self._dirty and not self._save(interactive=False):
            return  # keep the user's unsaved text; the indicator says why
        cid = self.ctx.community_id
        if cid is None:
            self.subtitle.setText(self.tr("All communities"))
        else:
            c = self._community(cid)
            self.subtitle.setText(self.ctx.community_name(c) if c else "")
        keep = self.plan.id if self.plan else None
        self._fill_list(plans.list_plans(self.ctx.store, cid))
        if not self.plan_rows:
            self.empty_label.setText(
                self.tr("There are no local plans yet.") if cid is None else
                self.tr("No local plan yet. Start one: the sections and activities are saved as you type."))
            self.empty_new_button.setVisible(cid is not None or self.ctx.is_hq)
            self.stack.setCurrentIndex(1)
            self._load(None)
            return
        self.stack.setCurrentIndex(0)
        self._fit_list()
        ids = [p.id for p in self.plan_rows]
        self._select_row(ids.index(keep) if keep in ids else 0)
        self._load(self.plan_rows[self.list.currentRow()].id)

    def new_item(self) -> None:
        if self._dirty and not self.save():
            return
        dlg = NewPlanDialog(self.ctx, self)
        if exec_and_delete(dlg) and dlg.plan_id:
            self.plan = None
            self.refresh()
            self.select_plan(dlg.plan_id)
            self.tabs.setCurrentIndex(0)
            self.section_edits["context"].setFocus()

    def save(self) -> bool:
        """Ctrl+S and closing the window: save now; say plainly what is wrong if it cannot."""
        return self._save(interactive=True)

    def has_unsaved(self) -> bool:
        self._commit_open_editor()
        return self._dirty

    def focus_filter(self) -> None:
        self.list.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        window = self.window()
        if window is not self and window.isVisible():
            # Another page was chosen: save now rather than in 3 seconds.
            if self._dirty:
                self._save(interactive=False)
        else:
            # The window is closing; it has already asked whether to save.
            self.autosave.stop()

    # -- list ---------------------------------------------------------------------------------------
    def _community(self, cid: str) -> installation.CommunityInfo | None:
        if self._communities is None:
            self._communities = {c.id: c for c in installation.list_communities(self.ctx.store)}
        return self._communities.get(cid)

    def _list_headers(self) -> list[str]:
        heads = [self.tr("Title")]
        if self.ctx.community_id is None:
            heads.append(self.tr("Community"))
        heads += [self.tr("Period"), self.tr("Status"), self.tr("Revision")]
        # The budgets on two lines ("Жергиликтүү,\nсом"): at 1366 px every header is whole.
        heads += [_two_lines(h) for h in (self.tr("Project, som"), self.tr("Local, som"),
                                          self.tr("Other, som"), self.tr("Total, som"))]
        return heads

    def _list_values(self, p: plans.PlanInfo) -> list[str]:
        d = p.draft
        period = " – ".join(x.strftime("%d.%m.%Y") for x in (d.period_start, d.period_end) if x)
        values = [d.title]
        if self.ctx.community_id is None:
            c = self._community(p.community_id)
            values.append(self.ctx.community_name(c) if c else p.community_name)
        t = p.totals
        values += [period, status_label(p.status), str(p.revision) if p.revision else "—",
                   format_som(t.project), format_som(t.local), format_som(t.other), format_som(t.total)]
        return values

    def _fill_list(self, rows: list[plans.PlanInfo]) -> None:
        self.plan_rows = rows
        heads = self._list_headers()
        self.list.blockSignals(True)
        self.list.clear()
        self.list.setColumnCount(len(heads))
        self.list.setHorizontalHeaderLabels(heads)
        self.list.setRowCount(len(rows))
        for r, p in enumerate(rows):
            self._set_list_row(r, p)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Every other column as wide as its header and cells while there is room; at the minimum
        # window width the headers (whole in a tooltip) and a community's name give way so
        # that Title keeps about a third of the list.
        community = 1 if self.ctx.community_id is None else -1
        status = 3 if self.ctx.community_id is None else 2
        # The status column as wide as its longest label, whatever the rows show now.
        pad = 2 * (self.list.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        longest = max(self.list.fontMetrics().horizontalAdvance(status_label(st.value))
                      for st in PlanStatus) + pad
        natural, floors = {}, {}
        for c in range(1, len(heads)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.list.horizontalHeaderItem(c).setToolTip(heads[c].replace("\n", " "))
            cells = self.list.sizeHintForColumn(c) if rows else 0
            natural[c] = max(cells, header.sectionSizeHint(c), longest if c == status else 0)
            floors[c] = min(natural[c], 110) if c == community else max(cells, 56)
        self.fair_columns.set_widths(natural, floors)
        self.list.blockSignals(False)

    def _fit_list(self) -> None:
        """Give the list the height of its rows (up to about five), the editor the rest."""
        rows = min(max(len(self.plan_rows), 1), 5)
        if rows == self._fitted_rows:
            return  # keep what the user set with the splitter
        want = self.list.horizontalHeader().sizeHint().height() + rows * 24 + 2 * self.list.frameWidth() + 2
        total = sum(self.splitter.sizes()) or self.splitter.height()
        if total > want:
            self.splitter.setSizes([want, total - want])
            self._fitted_rows = rows

    def _set_list_row(self, r: int, p: plans.PlanInfo) -> None:
        n = len(self._list_values(p))
        for c, v in enumerate(self._list_values(p)):
            item = QTableWidgetItem(v)
            if c >= n - 4:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0:
                item.setToolTip(v)
            self.list.setItem(r, c, item)

    def _select_row(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.selectRow(row)
        self.list.setCurrentCell(row, 0, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
        self.list.blockSignals(False)

    def select_plan(self, plan_id: str) -> bool:
        """Show *plan_id* in the editor (saving the open plan first)."""
        ids = [p.id for p in self.plan_rows]
        if plan_id not in ids:
            return False
        self._select_row(ids.index(plan_id))
        self._list_selection_changed()
        return self.plan is not None and self.plan.id == plan_id

    def _list_selection_changed(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.plan_rows):
            return
        new_id = self.plan_rows[row].id
        if self.plan and self.plan.id == new_id:
            return
        if self._dirty and not self._save(interactive=False):
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("STRIVE Desktop"),
                              self.tr("The open plan could not be saved:\n{reason}\n\nStay and correct it, "
                                      "or discard the unsaved changes?").format(reason=self._last_error),
                              parent=self)
            stay = box.addButton(self.tr("&Stay"), QMessageBox.ButtonRole.RejectRole)
            box.addButton(self.tr("&Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(stay)
            exec_and_delete(box)
            if box.clickedButton() is stay:
                ids = [p.id for p in self.plan_rows]
                if self.plan and self.plan.id in ids:
                    self._select_row(ids.index(self.plan.id))
                return
        self._load(new_id)

    # -- editor -------------------------------------------------------------------------------------
    def _load(self, plan_id: str | None) -> None:
        """Fill the editor from the data folder (no save, no dirty flag)."""
        self.autosave.stop()
        self._dirty = False
        info = None
        if plan_id is not None:
            info = self.ctx.call(self, plans.get_plan, self.ctx.store, plan_id)
        self.plan = info
        self._loading = True
        try:
            d = info.draft if info else plans.PlanDraft("")
            self.title_edit.setText(d.title)
            self.start_edit.setDate(to_qdate(d.period_start) if d.period_start else NO_DATE)
            self.end_edit.setDate(to_qdate(d.period_end) if d.period_end else NO_DATE)
            for key, edit in self.section_edits.items():
                edit.setPlainText(getattr(d, key))
            read_only = info is None or info.status != PlanStatus.DRAFT.value
            self.model.set_activities(d.activities, read_only=read_only)
            self.delegate.default_date = d.period_start
        finally:
            self._loading = False
        self._clear_errors()
        self._load_revisions()
        self._set_state("", theme.OK)
        if info is not None:
            self._set_state(self.tr("Saved {time}").format(
                time=_local(info.updated_at).strftime("%H:%M")), theme.OK)
        self._apply_status()  # read-only plans say so instead
        self._update_totals()

    def _set_editor_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)

    def _apply_status(self) -> None:
        info = self.plan
        self._set_editor_enabled(info is not None)
        status = info.status if info else PlanStatus.DRAFT.value
        draft = info is not None and status == PlanStatus.DRAFT.value
        self.status_chip.setText(status_label(status))
        self.status_chip.setStyleSheet("padding: 3px 10px; border-radius: 9px; font-weight: 600; "
                                       + STATUS_STYLE.get(status, ""))
        for w in (self.title_edit, *self.section_edits.values(), self.start_edit, self.end_edit):
            w.setReadOnly(not draft)
            w.setStyleSheet("" if draft else READ_ONLY_STYLE.format(cls=type(w).__name__))
        for w in (self.start_edit, self.end_edit):
            w.setCalendarPopup(draft)
            w.setButtonSymbols(QDateEdit.ButtonSymbols.UpDownArrows if draft
                               else QDateEdit.ButtonSymbols.NoButtons)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button, self.revision_button):
            b.setEnabled(draft)
        # What the logged-in role may not do stays disabled, its tooltip saying why (roles.py).
        store = self.ctx.store if self.ctx.has_store else None
        guard(self.submit_button, store, Permission.EDIT_PLANS, enabled=draft)
        guard(self.approve_button, store, Permission.APPROVE_PLAN,
              enabled=info is not None and status == PlanStatus.SUBMITTED.value)
        guard(self.return_button, store, Permission.EDIT_PLANS,
              enabled=info is not None and status == PlanStatus.SUBMITTED.value)
        guard(self.delete_button, store, Permission.EDIT_PLANS, enabled=draft)
        if info is None or draft:
            self.banner.hide()
        else:
            if status == PlanStatus.SUBMITTED.value:
                text = self.tr("This plan is submitted, so it cannot be edited. To change it, use “Return to "
                               "draft”; after approval it becomes final.")
            else:
                text = self.tr("This plan is approved and final: it can no longer be edited. Its text is kept "
                               "in revision {n}.").format(n=info.revision)
            self.banner.setText(text)
            self.banner.show()
            self._set_state(self.tr("Read-only"), "#5c4400")
        self._update_row_buttons()

    def _update_row_buttons(self) -> None:
        draft = not self.model.read_only and self.plan is not None
        row = self.table.currentIndex().row()
        n = self.model.rowCount()
        self.remove_button.setEnabled(draft and 0 <= row < n)
        self.up_button.setEnabled(draft and 0 < row < n)
        self.down_button.setEnabled(draft and 0 <= row < n - 1)
        self.tabs.setTabText(1, self.tr("Activities ({n})").format(n=n))

    def _set_state(self, text: str, colour: str) -> None:
        self.save_state.setText(text)
        self.save_state.setStyleSheet(theme.text_style(colour))

    def current_draft(self) -> tuple[plans.PlanDraft, list[int]]:
        """The editor's content as a draft, and the table row of each activity in it."""
        rows = [(r, a) for r, a in enumerate(self.model.activities()) if not is_blank(a)]

        def date(ed: QDateEdit) -> dt.date | None:
            q = ed.date()
            return None if q == NO_DATE else dt.date(q.year(), q.month(), q.day())

        draft = plans.PlanDraft(self.title_edit.text(), date(self.start_edit), date(self.end_edit),
                                *(self.section_edits[k].toPlainText() for k in plans.SECTIONS),
                                activities=[a for _r, a in rows])
        return draft, [r for r, _a in rows]

    def _start_autosave(self) -> None:
        """(Re)start the single-shot save timer: 3 s after the last edit, but never more than
        about :attr:`MAX_UNSAVED_S` after the first unsaved one."""
        now = time.monotonic()
        if not self._dirty:
            self._dirty = True
            self._dirty_since = now
        if not self.autosave.isActive() or now - self._dirty_since < self.MAX_UNSAVED_S:
            self.autosave.start()
        self._set_state(self.tr("Unsaved changes"), "#8a5a00")

    def _edited(self) -> None:
        if self._loading or self.plan is None or self.plan.status != PlanStatus.DRAFT.value:
            return
        self._start_autosave()
        self._update_totals()
        self._update_row_buttons()
        self._validate()

    def _typing(self) -> None:
        """A cell editor is open and its content changed: count it as an edit."""
        if self._loading or self.plan is None or self.plan.status != PlanStatus.DRAFT.value:
            return
        self._start_autosave()

    def _commit_open_editor(self) -> None:
        index = self.table.currentIndex()
        editor = self.table.indexWidget(index) if index.isValid() else None
        if editor is not None:
            self.table.commitData(editor)

    def _update_totals(self) -> None:
        t = self.model.totals()
        for key, value in (("project", t.project), ("local", t.local), ("other", t.other), ("total", t.total)):
            self.total_labels[key].setText(self.tr("{amount} som").format(amount=format_som(value)))

    def _show_problem(self, text: str) -> None:
        self.activity_errors.setText(text)
        self.activity_errors.show()

    # -- validation -------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for label in (self.title_error, self.period_error, self.activity_errors, *self.section_errors.values()):
            label.hide()
        self.model.set_errors({})

    def _validate(self) -> dict[str, Message] | None:
        """Check the editor with the data core's rules; show problems in place. None when fine."""
        draft, rows = self.current_draft()
        try:
            plans.validate_draft(draft)
        except ValidationError as exc:
            self._show_errors(exc.errors, rows)
            return exc.errors
        self._clear_errors()
        return None

    def _show_errors(self, errors: dict[str, Message], rows: list[int]) -> None:
        self._clear_errors()
        cells: dict[tuple[int, str], str] = {}
        lines: list[str] = []
        for key, msg in errors.items():
            if key.startswith("activities."):
                _, i, field = key.split(".", 2)
                row = rows[int(i)]
                if "n" in msg.args:
                    msg = Message(msg.text, **{**msg.args, "n": row + 1})
                    text = msg.render(translate)
                else:
                    text = self.tr("Row {n}: {problem}").format(n=row + 1, problem=msg.render(translate))
                cells[(row, field)] = msg.render(translate)
                lines.append(text)
                continue
            if key == "activities":
                lines.append(msg.render(translate))
                continue
            label = {"title": self.title_error, "period_end": self.period_error}.get(key)
            if label is None:
                label = self.section_errors.get(key, self.title_error)
            label.setText(msg.render(translate))
            label.show()
        self.model.set_errors(cells)
        if lines:
            self.activity_errors.setText("\n".join(lines))
            self.activity_errors.show()

    # -- saving -------------------------------------------------------------------------------------
    _last_error = ""

    def _autosave(self) -> None:
        self._save(interactive=False)

    def _save(self, interactive: bool) -> bool:
        self._commit_open_editor()
        self.autosave.stop()
        if not self._dirty or self.plan is None:
            return True
        draft, rows = self.current_draft()
        errors = self._validate()
        if errors is not None:
            first = next(iter(errors.values())).render(translate)
            return self._failed(self.tr("Not saved: {reason}").format(reason=first), first, interactive,
                                self.tr("The plan was not saved because something needs correcting:\n{reason}"
                                        "\n\nThe marked fields show what.").format(reason=first))
        try:
            # Autosave reports its own failures quietly (see _failed): every error passes through.
            info = self.ctx.ops.run(self, plans.save_draft, self.ctx.store, self.plan.id, draft,
                                    passthrough=(Exception,))
        except UserError as exc:
            text = exc.render(translate)
            return self._failed(self.tr("Not saved: {reason}").format(reason=text), text, interactive, text)
        except Exception as exc:  # noqa: BLE001 - logged and apologised for
            log.exception("saving the plan failed")
            if interactive:
                self.ctx.show_error(self, exc)
            self._last_error = str(exc)
            self._set_state(self.tr("Not saved"), theme.ERROR)
            return False
        self.plan = info
        self.model.set_ids(rows, [a.id for a in info.draft.activities])
        self._dirty = False
        self._last_error = ""
        self.save_state.setToolTip("")
        self._set_state(self.tr("Saved {time}").format(time=dt.datetime.now().strftime("%H:%M")), theme.OK)
        self._update_list_row(info)
        return True

    def _failed(self, state: str, reason: str, interactive: bool, message: str) -> bool:
        self._last_error = reason
        self._set_state(state, theme.ERROR)
        self.save_state.setToolTip(reason)
        if interactive:
            QMessageBox.warning(self, self.tr("STRIVE Desktop"), message)
        return False

    def _update_list_row(self, info: plans.PlanInfo) -> None:
        for r, p in enumerate(self.plan_rows):
            if p.id == info.id:
                self.plan_rows[r] = info
                self._set_list_row(r, info)

    # -- activities ---------------------------------------------------------------------------------
    def add_activity(self) -> None:
        current = self.table.currentIndex()
        row = self.model.add_activity(current.row() + 1 if current.isValid() else None)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()
        self.table.edit(index)

    def remove_activity(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            return
        a = self.model.activity(row)
        if not is_blank(a):
            answer = QMessageBox.question(
                self, self.tr("Remove activity"),
                self.tr("Remove the activity “{title}” from the plan?\nEarlier revisions keep it.")
                .format(title=a.title or self.tr("(no title)")))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove_activity(row)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self._update_row_buttons()

    def move_activity(self, delta: int) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        row = self.model.move_activity(current.row(), delta)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, current.column()))
        self._update_row_buttons()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and self.table.state() != QAbstractItemView.State.EditingState):
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete and not self.model.read_only:
                self.model.clear_cell(self.table.currentIndex())
                return True
        return super().eventFilter(obj, event)

    # -- revisions ------------------------------------------------------------------------------------
    def _load_revisions(self) -> None:
        self.revisions = plans.list_revisions(self.ctx.store, self.plan.id) if self.plan else []
        t = self.revision_table
        t.clearSelection()
        self._picked = []
        t.setRowCount(len(self.revisions))
        for r, rev in enumerate(self.revisions):
            values = [str(rev.number), _local(rev.saved_at).strftime("%d.%m.%Y %H:%M"), rev.saved_by,
                      status_label(rev.status), revision_note(rev.note)]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 4 and v:
                    item.setToolTip(v)
                t.setItem(r, c, item)
        self.tabs.setTabText(2, self.tr("Revisions ({n})").format(n=len(self.revisions)))
        self._update_compare_button()

    def selected_revisions(self) -> list[int]:
        rows = sorted({i.row() for i in self.revision_table.selectionModel().selectedRows()})
        return sorted(self.revisions[r].number for r in rows if r < len(self.revisions))

    def select_revisions(self, *numbers: int) -> None:
        self.revision_table.clearSelection()
        self._picked = []
        for r, rev in enumerate(self.revisions):
            if rev.number in numbers:
                self.revision_table.selectionModel().select(
                    self.revision_table.model().index(r, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def _revision_selection_changed(self) -> None:
        """Clicks toggle rows; a third click drops the oldest pick, so two stay selected."""
        rows = {i.row() for i in self.revision_table.selectionModel().selectedRows()}
        self._picked = [r for r in self._picked if r in rows] + sorted(rows - set(self._picked))
        if len(self._picked) > 2:
            drop = self._picked.pop(0)
            self.revision_table.selectionModel().select(
                self.revision_table.model().index(drop, 0),
                QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows)
            return  # called again by the deselection
        self._update_compare_button()

    def _update_compare_button(self) -> None:
        n = len(self.selected_revisions())
        self.compare_button.setEnabled(n in (1, 2))
        self.compare_button.setText(self.tr("&Compare with the current text…") if n == 1
                                    else self.tr("&Compare…"))

    def save_as_revision(self) -> None:
        if self.plan is None:
            return
        if self._dirty and not self.save():
            return
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Save as revision"))
        dlg.setLabelText(self.tr("A revision keeps the plan exactly as it is now.\nNote (optional), e.g. "
                                 "“after the advisory group meeting”:"))
        dlg.setOkButtonText(self.tr("&Save revision"))
        dlg.setCancelButtonText(self.tr("Cancel"))
        dlg.resize(460, dlg.sizeHint().height())
        if not exec_and_delete(dlg):
            return
        self.make_revision(dlg.textValue())

    def make_revision(self, note: str = "") -> int | None:
        """Save the open plan and freeze it as the next revision; return its number."""
        if self.plan is None or (self._dirty and not self.save()):
            return None
        number = self.ctx.call(self, plans.save_revision, self.ctx.store, self.plan.id, note)
        if number is None:
            return None
        plan = self.ctx.call(self, plans.get_plan, self.ctx.store, self.plan.id)
        if plan is not None:
            self.plan = plan
            self._update_list_row(plan)
        self._load_revisions()
        self._set_state(self.tr("Saved as revision {n}").format(n=number), theme.OK)
        return number

    def compare_dialog(self) -> CompareDialog | None:
        """The comparison of the selected revisions (or one revision and the current text)."""
        numbers = self.selected_revisions()
        if self.plan is None or len(numbers) not in (1, 2):
            return None
        pid = self.plan.id
        try:
            left = plans.revision_draft(self.ctx.store, pid, numbers[0])
            if len(numbers) == 2:
                right = plans.revision_draft(self.ctx.store, pid, numbers[1])
                diffs = plans.compare_revisions(self.ctx.store, pid, numbers[0], numbers[1])
                right_label = self._revision_label(numbers[1])
            else:
                right = self.current_draft()[0]
                diffs = plans.compare_drafts(left, right)
                right_label = self.tr("Current text")
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return None
        return CompareDialog(left, right, diffs, self._revision_label(numbers[0]), right_label, self)

    def _revision_label(self, number: int) -> str:
        rev = next((r for r in self.revisions if r.number == number), None)
        text = self.tr("Revision {n}").format(n=number)
        if rev is not None:
            text += f" · {_local(rev.saved_at).strftime('%d.%m.%Y')}"
            if rev.note:
                text += f" · {revision_note(rev.note)}"
        return text

    def compare_selected(self) -> None:
        dlg = self.compare_dialog()
        if dlg is None:
            QMessageBox.information(self, self.tr("STRIVE Desktop"),
                                    self.tr("Select one or two revisions in the list first."))
            return
        exec_and_delete(dlg)

    # -- status, delete, print --------------------------------------------------------------------------
    def change_status(self, target: str) -> bool:
        if self.plan is None:
            return False
        if self._dirty and not self.save():
            return False
        title = self.plan.title
        if target == PlanStatus.SUBMITTED.value:
            question = self.tr("Submit “{title}” for approval?\nA submitted plan cannot be edited unless it is "
                               "returned to draft. A revision is saved automatically.").format(title=title)
        elif target == PlanStatus.APPROVED.value:
            question = self.tr("Approve “{title}”?\nAn approved plan is final and can no longer be changed.") \
                .format(title=title)
        else:
            question = self.tr("Return “{title}” to draft?\nIt can be edited again and must be submitted "
                               "again for approval.").format(title=title)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        default = (QMessageBox.StandardButton.No if target == PlanStatus.DRAFT.value
                   else QMessageBox.StandardButton.Yes)
        if QMessageBox.question(self, self.tr("Change plan status"), question, buttons, default) \
                != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                info = plans.change_status(self.ctx.store, self.plan.id, target)
        except ValidationError as exc:
            self._show_errors(exc.errors, self.current_draft()[1])  # also next to the fields
            QMessageBox.warning(self, self.tr("STRIVE Desktop"),
                                "\n".join(m.render(translate) for m in exc.errors.values()))
            return False
        if not act.ok:
            return False
        self._update_list_row(info)
        self._load(info.id)
        return True

    def delete_selected(self) -> None:
        if self.plan is None:
            return
        if self.plan.status != PlanStatus.DRAFT.value:
            QMessageBox.information(self, self.tr("STRIVE Desktop"), self.tr("Only a draft plan can be deleted."))
            return
        answer = QMessageBox.question(
            self, self.tr("Delete plan"),
            self.tr("Delete the plan “{title}” with its activities and revisions?").format(title=self.plan.title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.ops.action(self) as act:
            plans.delete_plan(self.ctx.store, self.plan.id)
        if not act.ok:
            return
        self.autosave.stop()
        self._dirty = False
        self.plan = None
        self.refresh()

    def print_plan(self) -> None:
        if self.plan is None:
            return
        if self._dirty and not self.save():
            return
        from ..printing import print_plan  # ReportLab is loaded on the first print, not at start

        try:
            print_plan(self.ctx, self, self.plan.id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)

