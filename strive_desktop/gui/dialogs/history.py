"""Every advisory group a person was ever in, with roles and dates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.rosters import MemberRow
from .. import theme
from ..models.people import tr_label
from ..widgets.dates import date_text


class HistoryDialog(QDialog):
    def __init__(self, person_name: str, rows: Sequence[MemberRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Membership history"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Groups of {name}").format(name=person_name), self)
        title.setStyleSheet(theme.BOLD_STYLE)
        layout.addWidget(title)
        self.table = QTableWidget(len(rows), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Role"), self.tr("Joined"),
                                              self.tr("Left")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, m in enumerate(rows):
            values = [m.group_name, tr_label(m.role),
                      date_text(m.joined_on),
                      date_text(m.left_on, self.tr("current member"))]
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        # Role, Joined and Left as wide as their longest text plus some air (the last one
        # must not touch the table's edge); the group's name takes the rest.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self.table.resizeColumnsToContents()
        pad = 3 * self.fontMetrics().averageCharWidth()
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(c, header.sectionSize(c) + pad)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fixed = sum(header.sectionSize(c) for c in (1, 2, 3))
        self.table.setMinimumWidth(fixed + 12 * self.fontMetrics().averageCharWidth())
        self.setMinimumSize(480, 260)
        self.resize(max(640, fixed + 40 * self.fontMetrics().averageCharWidth()), 340)
        layout.addWidget(self.table)
        if not rows:
            layout.addWidget(QLabel(self.tr("This person has never been in an advisory group."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
