"""The list of plans at the top of the Local plans page (one row a plan, read-only)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ....domain.enums import PlanStatus
from ....services import installation, plans
from ...context import AppContext, translate
from ...models.activities import format_som, status_label
from ...widgets.dates import range_text
from ...widgets.fair_columns import FairColumns
from ...widgets.list_keys import list_keys

ROW_HEIGHT = 24


def two_lines(header: str) -> str:
    """"Local, som" as "Local,\nsom" (at the last comma), so the column is half as wide."""
    head, sep, tail = header.rpartition(", ")
    return f"{head},\n{tail}" if sep else header


class PlanList(QTableWidget):
    """``fill(rows)`` shows the plans; ``rows`` are the :class:`plans.PlanInfo` shown, in order.

    A promoted widget of ui/plans_page.ui: made with its parent only, the page sets ``ctx``."""

    ctx: AppContext

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 0, parent)
        self.rows: list[plans.PlanInfo] = []
        self._communities: dict[str, installation.CommunityInfo] | None = None
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.horizontalHeader().setHighlightSections(False)
        self.setMinimumHeight(80)
        self.fair_columns = FairColumns(self)
        # No eliding: the budget headers are on two lines (eliding would join them); narrow,
        # the whole text is in the tooltip.
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        list_keys(self)  # Tab leaves the list (a plan opens when its row is selected)

    def community(self, cid: str) -> installation.CommunityInfo | None:
        if self._communities is None:
            self._communities = {c.id: c for c in installation.list_communities(self.ctx.store)}
        return self._communities.get(cid)

    def headers(self) -> list[str]:
        heads = [translate("PlansPage", "Title")]
        if self.ctx.community_id is None:
            heads.append(translate("PlansPage", "Community"))
        heads += [translate("PlansPage", "Period"), translate("PlansPage", "Status"),
                  translate("PlansPage", "Revision")]
        # The budgets on two lines ("Жергиликтүү,\nсом"): at 1366 px every header is whole.
        heads += [two_lines(h) for h in (translate("PlansPage", "Project, som"), translate("PlansPage", "Local, som"),
                                         translate("PlansPage", "Other, som"), translate("PlansPage", "Total, som"))]
        return heads

    def values(self, p: plans.PlanInfo) -> list[str]:
        d = p.draft
        period = range_text(d.period_start, d.period_end) if d.period_start else range_text(d.period_end, None)
        values = [d.title]
        if self.ctx.community_id is None:
            c = self.community(p.community_id)
            values.append(self.ctx.community_name(c) if c else p.community_name)
        t = p.totals
        values += [period, status_label(p.status), str(p.revision) if p.revision else "—",
                   format_som(t.project), format_som(t.local), format_som(t.other), format_som(t.total)]
        return values

    def fill(self, rows: list[plans.PlanInfo]) -> None:
        self.rows = rows
        heads = self.headers()
        self.blockSignals(True)
        self.clear()
        self.setColumnCount(len(heads))
        self.setHorizontalHeaderLabels(heads)
        self.setRowCount(len(rows))
        for r, p in enumerate(rows):
            self.set_row(r, p)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Every other column as wide as its header and cells while there is room; at the minimum
        # window width the headers (whole in a tooltip) and a community's name give way so
        # that Title keeps about a third of the list.
        community = 1 if self.ctx.community_id is None else -1
        status = 3 if self.ctx.community_id is None else 2
        # The status column as wide as its longest label, whatever the rows show now.
        pad = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        longest = max(self.fontMetrics().horizontalAdvance(status_label(st.value)) for st in PlanStatus) + pad
        natural, floors = {}, {}
        for c in range(1, len(heads)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.horizontalHeaderItem(c).setToolTip(heads[c].replace("\n", " "))
            cells = self.sizeHintForColumn(c) if rows else 0
            natural[c] = max(cells, header.sectionSizeHint(c), longest if c == status else 0)
            floors[c] = min(natural[c], 110) if c == community else max(cells, 56)
        self.fair_columns.set_widths(natural, floors)
        self.blockSignals(False)

    def wanted_height(self, most: int = 5) -> int:
        """The height of the header and of the rows (up to *most*)."""
        rows = min(max(len(self.rows), 1), most)
        return self.horizontalHeader().sizeHint().height() + rows * ROW_HEIGHT + 2 * self.frameWidth() + 2

    def set_row(self, r: int, p: plans.PlanInfo) -> None:
        values = self.values(p)
        for c, v in enumerate(values):
            item = QTableWidgetItem(v)
            if c >= len(values) - 4:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0:
                item.setToolTip(v)
            self.setItem(r, c, item)

    def update_plan(self, info: plans.PlanInfo) -> None:
        """Show the saved *info* in its row."""
        for r, p in enumerate(self.rows):
            if p.id == info.id:
                self.rows[r] = info
                self.set_row(r, info)

    def select(self, row: int) -> None:
        """Select *row* without announcing it (the page loads the plan itself)."""
        self.blockSignals(True)
        self.selectRow(row)
        self.setCurrentCell(row, 0, QItemSelectionModel.SelectionFlag.ClearAndSelect
                            | QItemSelectionModel.SelectionFlag.Rows)
        self.blockSignals(False)
