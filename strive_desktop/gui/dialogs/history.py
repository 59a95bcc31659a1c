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
from ..models.people import tr_label


class HistoryDialog(QDialog):
    def __init__(self, person_name: str, rows: Sequence[MemberRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Membership history"))
        self.resize(640, 320)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Groups of {name}").format(name=person_name), self)
        title.setStyleSheet("font-weight: bold;")
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
                      m.joined_on.strftime("%d.%m.%Y") if m.joined_on else "",
                      m.left_on.strftime("%d.%m.%Y") if m.left_on else self.tr("current member")]
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        if not rows:
            layout.addWidget(QLabel(self.tr("This person has never been in an advisory group."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
