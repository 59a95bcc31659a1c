"""The Revisions tab of the plan editor: the frozen copies of a plan, and their comparison."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from ....services import plans
from ... import theme
from ...context import AppContext, translate
from ...dialogs.compare import CompareDialog
from ...models.activities import status_label
from ...widgets.dates import date_text, datetime_text
from ...widgets.modal import exec_and_delete
from ..forms.revisions_tab_ui import Ui_RevisionsTab
from .common import local_time, revision_note


class RevisionsTab(QWidget):
    """``load(plan_id)`` lists the plan's revisions; one or two picked ones are compared
    (one with *current*, the editor's text now)."""

    ctx: AppContext
    current: Callable[[], plans.PlanDraft]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # a promoted widget of ui/plans_page.ui: the page calls bind()
        self.plan_id: str | None = None
        self.revisions: list[plans.RevisionInfo] = []
        ui = self.ui = Ui_RevisionsTab()  # the layout: ui/revisions_tab.ui
        ui.setupUi(self)
        self.compare_button = ui.compareButton
        self.compare_button.clicked.connect(self.compare_selected)
        self.hint = ui.hint
        self.hint.setStyleSheet(theme.text_style(theme.MUTED))
        self.table = ui.table
        self._picked: list[int] = []  # selected revision rows, in the order they were clicked
        for c, width in enumerate((50, 140, 160, 110)):
            self.table.setColumnWidth(c, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)

    def bind(self, ctx: AppContext, current: Callable[[], plans.PlanDraft]) -> None:
        """The window's context and where the current text comes from (to compare a revision with)."""
        self.ctx, self.current = ctx, current

    def load(self, plan_id: str | None) -> None:
        self.plan_id = plan_id
        self.revisions = plans.list_revisions(self.ctx.store, plan_id) if plan_id else []
        t = self.table
        t.clearSelection()
        self._picked = []
        t.setRowCount(len(self.revisions))
        for r, rev in enumerate(self.revisions):
            values = [str(rev.number), datetime_text(local_time(rev.saved_at)), rev.saved_by,
                      status_label(rev.status), revision_note(rev.note)]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 4 and v:
                    item.setToolTip(v)
                t.setItem(r, c, item)
        self._update_compare_button()

    def selected(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return sorted(self.revisions[r].number for r in rows if r < len(self.revisions))

    def select(self, *numbers: int) -> None:
        self.table.clearSelection()
        self._picked = []
        for r, rev in enumerate(self.revisions):
            if rev.number in numbers:
                self.table.selectionModel().select(
                    self.table.model().index(r, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def _selection_changed(self) -> None:
        """Clicks toggle rows; a third click drops the oldest pick, so two stay selected."""
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        self._picked = [r for r in self._picked if r in rows] + sorted(rows - set(self._picked))
        if len(self._picked) > 2:
            drop = self._picked.pop(0)
            self.table.selectionModel().select(
                self.table.model().index(drop, 0),
                QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows)
            return  # called again by the deselection
        self._update_compare_button()

    def _update_compare_button(self) -> None:
        n = len(self.selected())
        self.compare_button.setEnabled(n in (1, 2))
        self.compare_button.setText(translate("PlansPage", "&Compare with the current text…") if n == 1
                                    else translate("PlansPage", "&Compare…"))

    def compare_dialog(self) -> CompareDialog | None:
        """The comparison of the selected revisions (or one revision and the current text)."""
        numbers = self.selected()
        if self.plan_id is None or len(numbers) not in (1, 2):
            return None
        pid = self.plan_id
        try:
            left = plans.revision_draft(self.ctx.store, pid, numbers[0])
            if len(numbers) == 2:
                right = plans.revision_draft(self.ctx.store, pid, numbers[1])
                diffs = plans.compare_revisions(self.ctx.store, pid, numbers[0], numbers[1])
                right_label = self.label(numbers[1])
            else:
                right = self.current()
                diffs = plans.compare_drafts(left, right)
                right_label = translate("PlansPage", "Current text")
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return None
        return CompareDialog(left, right, diffs, self.label(numbers[0]), right_label, self)

    def label(self, number: int) -> str:
        rev = next((r for r in self.revisions if r.number == number), None)
        text = translate("PlansPage", "Revision {n}").format(n=number)
        if rev is not None:
            text += f" · {date_text(local_time(rev.saved_at).date())}"
            if rev.note:
                text += f" · {revision_note(rev.note)}"
        return text

    def compare_selected(self) -> None:
        dlg = self.compare_dialog()
        if dlg is None:
            QMessageBox.information(self, translate("PlansPage", "STRIVE Desktop"),
                                    translate("PlansPage", "Select one or two revisions in the list first."))
            return
        exec_and_delete(dlg)
