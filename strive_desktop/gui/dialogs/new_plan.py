"""New local plan: title and period (and, at headquarters, the community)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...errors import ValidationError
from ...services import installation, plans
from ..context import AppContext, translate

ERROR_STYLE = "color: #b00020;"


def _date_edit(parent: QWidget, value: QDate) -> QDateEdit:
    ed = QDateEdit(value, parent)
    ed.setCalendarPopup(True)
    ed.setDisplayFormat("dd.MM.yyyy")
    ed.setMinimumWidth(120)
    return ed


class NewPlanDialog(QDialog):
    """Creates the plan on accept; ``plan_id`` is then set."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, community_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_id: str | None = None
        self.setWindowTitle(self.tr("New local plan"))
        self.setMinimumWidth(560)
        form = self.form = QFormLayout(self)
        intro = QLabel(self.tr("Give the plan a title and the period it covers. Sections and activities "
                               "are filled in afterwards; everything is saved as you type."), self)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.community = QComboBox(self)
        community_id = community_id or ctx.community_id
        for c in installation.list_communities(ctx.store):
            self.community.addItem(ctx.community_name(c), c.id)
        if community_id:
            self.community.setCurrentIndex(max(self.community.findData(community_id), 0))
        else:
            self.community.setCurrentIndex(-1)
            self.community.setPlaceholderText(self.tr("Choose the community"))
        form.addRow(self.tr("&Community:"), self.community)
        form.setRowVisible(self.community, ctx.is_hq)
        self.community_error = self._error_label()
        form.addRow("", self.community_error)
        form.setRowVisible(self.community_error, False)

        self.title = QLineEdit(self)
        self.title.setMaxLength(300)
        self.title.setPlaceholderText(self.tr("e.g. Local plan for the prevention of violent extremism 2027"))
        form.addRow(self.tr("&Title:"), self.title)
        self.title_error = self._error_label()
        form.addRow("", self.title_error)
        form.setRowVisible(self.title_error, False)

        year = QDate.currentDate().year()
        self.start = _date_edit(self, QDate(year, 1, 1))
        self.end = _date_edit(self, QDate(year, 12, 31))
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to"), self))
        period.addWidget(self.end)
        period.addStretch(1)
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.start)
        form.addRow(period_label, period)
        self.period_error = self._error_label()
        form.addRow("", self.period_error)
        form.setRowVisible(self.period_error, False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create plan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.title.setFocus()

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _py(d: QDate) -> dt.date:
        return dt.date(d.year(), d.month(), d.day())

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        self.form.setRowVisible(label, bool(text))
        self.adjustSize()  # room for the message, without squeezing the introduction

    def accept(self) -> None:
        for label in (self.community_error, self.title_error, self.period_error):
            self._show(label, "")
        cid = self.community.currentData()
        if not cid:
            self._show(self.community_error, self.tr("Choose the community the plan belongs to."))
            self.community.setFocus()
            return
        draft = plans.PlanDraft(self.title.text(), self._py(self.start.date()), self._py(self.end.date()))
        try:
            self.plan_id = plans.create_plan(self.ctx.store, cid, draft)
        except ValidationError as exc:
            if "title" in exc.errors:
                self._show(self.title_error, exc.errors["title"].render(translate))
                self.title.setFocus()
            if "period_end" in exc.errors:
                self._show(self.period_error, exc.errors["period_end"].render(translate))
                if "title" not in exc.errors:
                    self.end.setFocus()
            return
        except Exception as exc:  # noqa: BLE001 - shown plainly or apologised for
            self.ctx.show_error(self, exc)
            return
        self.ctx.notify("local_plans")
        super().accept()
