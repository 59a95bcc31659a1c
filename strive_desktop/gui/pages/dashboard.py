"""Dashboard: members by sex and sector, trainings by phase, attendance rate, plans by status.

The figures are counted over the whole data folder (100,000 people at a busy office), so
:meth:`DashboardPage.refresh` asks for them on the window's worker thread (``ctx.ops.submit``)
and the page shows them when they arrive; until then it keeps what it showed (or dashes when
first opened). Only the figures of the last refresh asked for are shown.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QTableWidgetItem, QWidget
from shiboken6 import isValid

from ...domain.enums import LABELS, Phase, PlanStatus, Sector, Sex
from ...i18n import CONTEXT
from ...services import installation, stats
from ...services.first_week import FirstWeek, first_week
from .. import theme
from ..context import AppContext
from ..ops import Pending
from ..widgets.percent import percent, share
from .forms.dashboard_page_ui import Ui_DashboardPage

if TYPE_CHECKING:
    from ...storage.db import Store

SEX_COLOURS = theme.SEX_COLOURS
STATUS_COLOURS = theme.STATUS_COLOURS


def _label(enum_value) -> str:  # type: ignore[no-untyped-def]
    return QCoreApplication.translate(CONTEXT, LABELS.get(enum_value, str(enum_value)))


def _pct(value: float | None) -> str:
    return percent(value)


@dataclass(frozen=True)
class Figures:
    """What the dashboard shows, read on the worker thread."""

    community_id: str | None
    parts: dict[str, stats.Summary]
    names: dict[str, str]
    first_week: FirstWeek


def read_figures(store: Store, community_id: str | None, lang: str) -> Figures:
    """The dashboard's reads (one snapshot per service); runs on the worker thread."""
    from ... import formatting

    formatting.fmt_percent(0.5, lang)  # Babel's locale data loaded here, not on the GUI thread
    names = {c.id: c.name(lang) for c in installation.list_communities(store)}
    return Figures(community_id, stats.summaries(store), names, first_week(store))


class _Card:
    """A big number with a caption under it: a frame of the form, styled by the theme."""

    def __init__(self, frame: QFrame, value: QLabel, caption: QLabel) -> None:
        self.frame, self.value, self.caption = frame, value, caption
        frame.setObjectName("Card")  # the theme styles #Card, not the labels inside
        frame.setStyleSheet(theme.CARD_STYLE)
        value.setStyleSheet(theme.CARD_VALUE_STYLE)


class DashboardPage(QWidget):
    """The layout is the Designer form ui/dashboard_page.ui; the figures are filled in here."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._names: dict[str, str] | None = None
        self._pending: Pending | None = None
        self._asked = 0  # refreshes asked for; only the last one's figures are shown
        ui = self.ui = Ui_DashboardPage()
        ui.setupUi(self)
        self.title = ui.title
        self.title.setStyleSheet(theme.TITLE_STYLE)
        self.summary_button = ui.summaryButton
        self.summary_button.clicked.connect(self.print_summary)
        self.first_week = ui.FirstWeek  # a new office's next steps, until all are done
        self.first_week.open_requested.connect(self._open_page)
        self.members_card = _Card(ui.membersCard, ui.membersValue, ui.membersCaption)
        self.women_card = _Card(ui.womenCard, ui.womenValue, ui.womenCaption)
        self.trainings_card = _Card(ui.trainingsCard, ui.trainingsValue, ui.trainingsCaption)
        self.attendance_card = _Card(ui.attendanceCard, ui.attendanceValue, ui.attendanceCaption)
        self.plans_card = _Card(ui.plansCard, ui.plansValue, ui.plansCaption)
        self.sex_chart, self.sector_chart = ui.sexChart, ui.sectorChart
        self.phase_chart, self.status_chart = ui.phaseChart, ui.statusChart
        self.per_title = ui.perTitle
        self.per_title.setStyleSheet(theme.SECTION_STYLE)
        self.per_table = ui.perTable
        self.per_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_table.cellDoubleClicked.connect(self._open_community)
        self.current: stats.Summary | None = None

    def names(self) -> dict[str, str]:
        if self._names is None:
            self._names = {c.id: c.name(self.ctx.lang) for c in installation.list_communities(self.ctx.store)}
        return self._names

    def refresh(self) -> None:
        """Ask for the figures on the worker thread; :meth:`show_figures` when they arrive."""
        self._asked += 1
        asked = self._asked
        self._pending = self.ctx.ops.submit(
            self, read_figures, self.ctx.store, self.ctx.community_id, self.ctx.lang,
            on_done=lambda figures: asked == self._asked and self.show_figures(figures))

    def wait_for_figures(self) -> None:
        """Block until the figures asked for have arrived and are shown (e.g. before printing
        them)."""
        if self._pending is not None and self._pending.running:
            self._pending.wait()

    def show_figures(self, figures: Figures) -> None:
        if not isValid(self):
            return
        self._names = figures.names
        cid, parts = figures.community_id, figures.parts
        s = self.current = (parts.get(cid) or stats.Summary(cid, "")) if cid else stats.total(parts)
        where = self.names().get(cid, "") if cid else self.tr("All communities")
        self.title.setText(self.tr("Dashboard: {where}").format(where=where))
        self.members_card.value.setText(str(s.members))
        self.women_card.value.setText(_pct(s.women_share))
        self.trainings_card.value.setText(str(s.trainings))
        self.attendance_card.value.setText(_pct(s.attendance_rate))
        self.plans_card.value.setText(str(s.plans))
        for chart in (self.sex_chart, self.sector_chart, self.phase_chart, self.status_chart):
            chart.empty_text = self.tr("nothing recorded yet")
        self.sex_chart.set_data([(_label(Sex(k)), v, self._n_pct(v, s.members)) for k, v in s.by_sex.items()
                                 if k in Sex._value2member_map_], SEX_COLOURS)
        self.sector_chart.set_data([(_label(Sector(k)) if k in Sector._value2member_map_ else k, v,
                                     self._n_pct(v, s.members)) for k, v in s.by_sector.items()])
        self.phase_chart.set_data([(_label(Phase(k)) if k in Phase._value2member_map_ else k, v, str(v))
                                   for k, v in s.trainings_by_phase.items()])
        self.status_chart.set_data([(_label(PlanStatus(k)) if k in PlanStatus._value2member_map_ else k, v, str(v))
                                    for k, v in s.plans_by_status.items()], STATUS_COLOURS)
        self.first_week.show_state(figures.first_week)
        show_per = self.ctx.is_hq and cid is None
        self.per_title.setVisible(show_per)
        self.per_table.setVisible(show_per)
        if show_per:
            self._fill_per_community(parts)

    def _n_pct(self, n: int, total: int) -> str:
        return f"{n} ({share(n, total)})" if total else str(n)

    def _fill_per_community(self, parts: dict[str, stats.Summary]) -> None:
        names = self.names()
        rows = sorted(parts.values(), key=lambda p: names.get(p.community_id or "", p.community_name))
        self.per_table.setRowCount(len(rows))
        for r, p in enumerate(rows):
            values = [names.get(p.community_id or "", p.community_name), str(p.members), _pct(p.women_share),
                      str(p.trainings), _pct(p.attendance_rate), str(p.plans),
                      str(p.plans_by_status.get(PlanStatus.APPROVED.value, 0))]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, p.community_id)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.per_table.setItem(r, c, item)
        h = self.per_table.horizontalHeader().height() + sum(self.per_table.rowHeight(r) for r in range(len(rows)))
        self.per_table.setFixedHeight(h + 4)

    def _open_page(self, key: str) -> None:
        window = self.window()
        if hasattr(window, "show_page"):
            window.show_page(key)

    def _open_community(self, row: int, _col: int) -> None:
        item = self.per_table.item(row, 0)
        if item is not None:
            self.ctx.set_community(item.data(Qt.ItemDataRole.UserRole))

    def print_summary(self) -> None:
        """The printing module is imported only now: it pulls in ReportLab."""
        try:
            printing = importlib.import_module("strive_desktop.gui.printing")
            printing.print_summary(self, self.ctx)
        except Exception as exc:  # noqa: BLE001 - shown plainly or apologised for
            self.ctx.show_error(self, exc)
