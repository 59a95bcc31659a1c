"""Two versions of a plan side by side, differences highlighted.

The differences come from ``services.plans.compare_revisions`` / ``compare_drafts``; this
dialog only lays both versions out row by row (plan fields, then each activity) and colours
what the data core reported as changed, added or removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.plans import ActivityInput, Difference, PlanDraft
from .. import theme
from ..models.activities import format_som, status_label
from ..widgets.dates import date_text

CHANGED = QColor(theme.CHANGED_BG)
ADDED = QColor(theme.ADDED_BG)
REMOVED = QColor(theme.REMOVED_BG)
HEADER = QColor(theme.COMPARE_HEADER_BG)

ACTIVITY_FIELDS = ("title", "responsible", "partners", "start", "end", "budget_project", "budget_local",
                   "budget_other", "budget_total", "indicator", "status")


def _date(d: dt.date | None) -> str:
    return date_text(d)


class CompareDialog(QDialog):
    """``left`` is the older version, ``right`` the newer; ``diffs`` = compare(left, right)."""

    def __init__(self, left: PlanDraft, right: PlanDraft, diffs: Sequence[Difference], left_label: str,
                 right_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare plan versions"))
        self.setSizeGripEnabled(True)
        self.resize(1180, 640)  # with its title bar inside a 1366x768 laptop's 705 px
        self.diffs = list(diffs)
        layout = QVBoxLayout(self)
        n = len(self.diffs)
        heading = QLabel(self)
        heading.setWordWrap(True)
        heading.setStyleSheet(theme.HEADING_STYLE)
        if n:
            heading.setText(self.tr("Differences between the two versions: {n}").format(n=n))
        else:
            heading.setText(self.tr("The two versions are the same."))
        self.heading = heading
        layout.addWidget(heading)
        bar = QHBoxLayout()
        legend = QLabel(self.tr("Yellow: changed · green: added · red: removed"), self)
        legend.setStyleSheet(theme.HINT_STYLE)
        bar.addWidget(legend, 1)
        self.only_changes = QCheckBox(self.tr("Show &only differences"), self)
        self.only_changes.toggled.connect(self._apply_filter)
        bar.addWidget(self.only_changes)
        layout.addLayout(bar)

        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["", left_label, right_label])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setStyleSheet(theme.TABLE_CELL_STYLE)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 210)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._fit_timer.start())
        layout.addWidget(self.table, 1)
        self._changed_rows: list[int] = []
        self._group_of: dict[int, int] = {}  # row -> its group header row
        self._fill(left, right)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self._changed_rows:
            first = self._changed_rows[0]
            self.table.scrollToItem(self.table.item(max(self._group_of[first], 0), 0),
                                    QAbstractItemView.ScrollHint.PositionAtTop)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the wrapped text's height is known once the columns are

    # -- building -------------------------------------------------------------------------------
    def _labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Title"), "period": self.tr("Period"),
            "context": self.tr("Context and conflict analysis"),
            "vulnerable_groups": self.tr("Vulnerable groups addressed"), "objectives": self.tr("Objectives"),
            "responsible": self.tr("Responsible"), "partners": self.tr("Partners"), "start": self.tr("Start"),
            "end": self.tr("End"), "budget_project": self.tr("Budget: project, som"),
            "budget_local": self.tr("Budget: local, som"), "budget_other": self.tr("Budget: other, som"),
            "budget_total": self.tr("Budget: total, som"), "indicator": self.tr("Indicator"),
            "status": self.tr("Status"),
        }

    def _fill(self, left: PlanDraft, right: PlanDraft) -> None:
        labels = self._labels()
        plan_changed = {d.field for d in self.diffs if not d.key}
        header_row = self._header(self.tr("Plan"), None)
        plan_rows = ["title", "period", "context", "vulnerable_groups", "objectives"]
        if left.status and right.status:  # revisions carry the status, the editor's text not
            plan_rows.insert(1, "status")
        for attr in plan_rows:
            if attr == "status":
                lv, rv = status_label(left.status), status_label(right.status)
                changed = attr in plan_changed
            elif attr == "period":
                lv = f"{_date(left.period_start)} – {_date(left.period_end)}"
                rv = f"{_date(right.period_start)} – {_date(right.period_end)}"
                changed = bool({"period_start", "period_end"} & plan_changed)
            else:
                lv, rv = getattr(left, attr), getattr(right, attr)
                changed = attr in plan_changed
            self._row(labels[attr], lv, rv, CHANGED if changed else None, header_row)

        by_key: dict[str, dict[str, Difference]] = {}
        for d in self.diffs:
            if d.key:
                by_key.setdefault(d.key, {})[d.field] = d
        old = {a.id or a.title: a for a in left.activities}
        new = {a.id or a.title: a for a in right.activities}
        order = list(new) + [k for k in old if k not in new]
        for number, key in enumerate(order, start=1):
            a, b = old.get(key), new.get(key)
            fields = by_key.get(key, {})
            if a is None:
                mark, tag = ADDED, self.tr("added")
            elif b is None:
                mark, tag = REMOVED, self.tr("removed")
            else:
                mark, tag = None, ""
            title = (b or a).title  # type: ignore[union-attr]
            text = self.tr("Activity {n}: {title}").format(n=number, title=title)
            h = self._header(f"{text}  ({tag})" if tag else text, mark)
            for f in ACTIVITY_FIELDS:
                if f == "budget_total":
                    changed = bool({"budget_project", "budget_local", "budget_other"} & set(fields))
                else:
                    changed = f in fields
                colour = mark or (CHANGED if changed else None)
                self._row(labels[f], self._activity_value(a, f), self._activity_value(b, f), colour, h,
                          left_blank=a is None, right_blank=b is None)
        self.table.resizeRowsToContents()

    def _activity_value(self, a: ActivityInput | None, f: str) -> str:
        if a is None:
            return ""
        if f == "budget_total":
            return format_som(a.budget_total)
        value = getattr(a, f)
        if f in ("start", "end"):
            return _date(value)
        if f.startswith("budget_"):
            return format_som(value)
        if f == "status":
            return status_label(value)
        return str(value or "")

    def _header(self, text: str, colour: QColor | None) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        item = QTableWidgetItem(text)
        f = QFont()
        f.setBold(True)
        item.setFont(f)
        item.setBackground(QBrush(colour or HEADER))
        self.table.setItem(r, 0, item)
        self.table.setSpan(r, 0, 1, 3)
        self._group_of[r] = r
        return r

    def _row(self, label: str, left: str, right: str, colour: QColor | None, group: int,
             left_blank: bool = False, right_blank: bool = False) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        name = QTableWidgetItem(label)
        name.setForeground(QBrush(QColor(theme.SUBTLE)))
        name.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.table.setItem(r, 0, name)
        for c, (value, blank) in enumerate(((left, left_blank), (right, right_blank)), start=1):
            item = QTableWidgetItem(value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if colour is not None and not blank:
                item.setBackground(QBrush(colour))
            self.table.setItem(r, c, item)
        self._group_of[r] = group
        if colour is not None:
            self._changed_rows.append(r)

    def _apply_filter(self, only: bool) -> None:
        keep_groups = {self._group_of[r] for r in self._changed_rows}
        for r in range(self.table.rowCount()):
            is_header = self._group_of.get(r) == r
            if not only:
                visible = True
            elif is_header:
                visible = r in keep_groups
            else:
                visible = r in self._changed_rows
            self.table.setRowHidden(r, not visible)

    # -- what the user sees, for tests and printing ----------------------------------------------
    def highlighted(self) -> list[tuple[str, str, str]]:
        """(field, left text, right text) of every coloured row, top to bottom."""
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text(), self.table.item(r, 2).text())
                for r in self._changed_rows]

    def group_title(self, row: int) -> str:
        return self.table.item(self._group_of[row], 0).text()
