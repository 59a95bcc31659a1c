"""Move a member to another advisory group (the old membership is closed, history kept)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...services.rosters import GroupInfo


class MoveDialog(QDialog):
    def __init__(self, person_name: str, groups: Sequence[GroupInfo], current_group_id: str,
                 community_label: Callable[[GroupInfo], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move to another group"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Move {name} &to:").format(name=person_name), self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.groups = QComboBox(self)
        for g in groups:
            if g.id != current_group_id:
                self.groups.addItem(f"{g.name} ({community_label(g)})", g.id)
        label.setBuddy(self.groups)
        layout.addWidget(self.groups)
        form = QFormLayout()
        self.moved_on_edit = QDateEdit(QDate.currentDate(), self)
        self.moved_on_edit.setDisplayFormat("dd.MM.yyyy")
        self.moved_on_edit.setCalendarPopup(True)
        self.moved_on_edit.setMaximumDate(QDate.currentDate())
        self.moved_on_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("Moved &on:"), self.moved_on_edit)
        layout.addLayout(form)
        note = QLabel(self.tr("The membership in the current group ends on that day and the new one "
                              "starts; the old one stays in the history."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Move"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.groups.count() > 0)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def group_id(self) -> str | None:
        return self.groups.currentData()

    def moved_on(self) -> dt.date:
        return self.moved_on_edit.date().toPython()
