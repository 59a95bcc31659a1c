"""The Revisions tab of the plan editor: the frozen copies of a plan, and their comparison."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....services import plans
from ... import theme
from ...context import AppContext, translate
from ...dialogs.compare import CompareDialog
from ...models.activities import status_label
from ...widgets.modal import exec_and_delete
from .common import local_time, revision_note


class RevisionsTab(QWidget):
    """``load(plan_id)`` lists the plan's revisions; one or two picked ones are compared
    (one with *current*, the editor's text now)."""

    def __init__(self, ctx: AppContext, current: Callable[[], plans.PlanDraft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current = current
        self.plan_id: str | None = None
        self.revisions: list[plans.RevisionInfo] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        bar = QHBoxLayout()
        self.compare_button = QPushButton(translate("PlansPage", "&Compare…"), self)
        self.compare_button.clicked.connect(self.compare_selected)
        self.hint = QLabel(translate("PlansPage", "Click two revisions to compare them, or one to compare it with "
                                                  "the current text."), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.text_style(theme.MUTED))
        bar.addWidget(self.compare_button)
        bar.addSpacing(10)
        bar.addWidget(self.hint, 1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([translate("PlansPage", "No."), translate("PlansPage", "Saved"),
                                              translate("PlansPage", "By"), translate("PlansPage", "Status"),
                                              translate("PlansPage", "Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self._picked: list[int] = []  # selected revision rows, in the order they were clicked
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        for c, width in enumerate((50, 140, 160, 110)):
            self.table.setColumnWidth(c, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

    def load(self, plan_id: str | None) -> None:
        self.plan_id = plan_id
        self.revisions = plans.list_revisions(self.ctx.store, plan_id) if plan_id else []
        t = self.table
        t.clearSelection()
        self._picked = []
        t.setRowCount(len(self.revisions))
        for r, rev in enumerate(self.revisions):
            values = [str(rev.number), local_time(rev.saved_at).strftime("%d.%m.%Y %H:%M"), rev.saved_by,
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
            text += f" · {local_time(rev.saved_at).strftime('%d.%m.%Y')}"
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
