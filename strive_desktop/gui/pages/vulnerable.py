"""Vulnerable groups the community identified: a simple list editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from ...services import installation, vulnerable
from .. import theme
from ..context import AppContext
from ..dialogs.vulnerable_group import VulnerableGroupDialog
from ..widgets.list_keys import list_keys
from ..widgets.modal import exec_and_delete
from ..widgets.page_header import style_page_header
from .forms.vulnerable_groups_page_ui import Ui_VulnerableGroupsPage

__all__ = ["VulnerableGroupDialog", "VulnerableGroupsPage"]


class VulnerableGroupsPage(QWidget):
    """The community's vulnerable groups (headquarters: every community's, or the chosen one's)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[vulnerable.VulnerableGroupInfo] = []
        self._communities: dict[str, installation.CommunityInfo] | None = None
        ui = self.ui = Ui_VulnerableGroupsPage()  # the layout: ui/vulnerable_groups_page.ui
        ui.setupUi(self)
        self.title, self.subtitle = ui.title, ui.subtitle
        style_page_header(self.title, self.subtitle)
        self.add_button, self.edit_button, self.delete_button = ui.addButton, ui.editButton, ui.deleteButton
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        ui.intro.setStyleSheet(theme.DETAILS_STYLE)
        self.table = ui.table
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _ix: self.edit_selected())
        list_keys(self.table, self.edit_selected)  # Tab leaves the table, Enter edits the row
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty, self.stack = ui.empty, ui.stack
        self._update_buttons()

    def communities(self) -> dict[str, installation.CommunityInfo]:
        if self._communities is None:
            self._communities = {c.id: c for c in installation.list_communities(self.ctx.store)}
        return self._communities

    def community_label(self, community_id: str) -> str:
        c = self.communities().get(community_id)
        return c.name(self.ctx.lang) if c else ""

    def refresh(self) -> None:
        cid = self.ctx.community_id
        self.subtitle.setText(self.community_label(cid) if cid else self.tr("All communities"))
        keep = self.selected()
        self.rows = vulnerable.list_vulnerable_groups(self.ctx.store, cid)
        show_community = cid is None
        headers = [self.tr("Category"), self.tr("Description")]
        if show_community:
            headers.insert(0, self.tr("Community"))
            self.rows.sort(key=lambda v: (self.community_label(v.community_id), v.category.casefold()))
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for r, v in enumerate(self.rows):
            values = [v.category, v.description]
            if show_community:
                values.insert(0, self.community_label(v.community_id))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.id)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        h = self.table.horizontalHeader()
        last = len(headers) - 1
        for c in range(last):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(c, 180 if show_community and c == 0 else 340)
        h.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        if self.rows:
            self.stack.setCurrentIndex(0)
            self.select_id(keep.id if keep else self.rows[0].id)
        else:
            self.empty.setText(self.tr("No vulnerable groups recorded yet. Press “Add” (Ctrl+N) to record the "
                                       "first one.") if cid else self.tr("No vulnerable groups recorded yet."))
            self.stack.setCurrentIndex(1)
        self._update_buttons()

    def selected(self) -> vulnerable.VulnerableGroupInfo | None:
        r = self.table.currentRow()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or r < 0 or r >= len(self.rows):
            return None
        return self.rows[r]

    def select_id(self, vg_id: str | None) -> None:
        for r, v in enumerate(self.rows):
            if v.id == vg_id:
                self.table.selectRow(r)
                self.table.scrollToItem(self.table.item(r, 0))
                return

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def new_item(self) -> None:
        cid = self.ctx.community_id
        if cid is None:
            QMessageBox.information(self, self.tr("STRIVE Desktop"),
                                    self.tr("Choose a community at the top first: a vulnerable group belongs "
                                            "to one community."))
            return
        dlg = VulnerableGroupDialog(self.ctx, cid, self.community_label(cid), self)
        if exec_and_delete(dlg) == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_id(dlg.group_id)

    def edit_selected(self) -> None:
        v = self.selected()
        if v is None:
            return
        dlg = VulnerableGroupDialog(self.ctx, v.community_id, self.community_label(v.community_id), self, group=v)
        if exec_and_delete(dlg) == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_id(v.id)

    def delete_selected(self) -> None:
        v = self.selected()
        if v is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete vulnerable group"),
            self.tr("Delete “{category}” from the community's vulnerable groups?").format(category=v.category),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.ops.action(self) as act:
            vulnerable.remove_vulnerable_group(self.ctx.store, v.id)
        if not act.ok:
            return
        self.refresh()
