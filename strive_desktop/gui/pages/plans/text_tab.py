"""The Plan tab of the plan editor: title, period and the three text sections."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from ....services import plans
from ... import theme
from ...models.activities import to_qdate
from ...widgets.date_typing import accept_typed_year
from ..forms.plan_text_tab_ui import Ui_PlanTextTab
from .common import NO_DATE, READ_ONLY_STYLE, as_error_label, as_line_label


class PlanTextTab(QWidget):
    """Emits ``edited`` on every change the user makes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ui = self.ui = Ui_PlanTextTab()  # the layout: ui/plan_text_tab.ui
        ui.setupUi(self)
        self.title_edit, self.start_edit, self.end_edit = ui.titleEdit, ui.startEdit, ui.endEdit
        self.title_edit.textEdited.connect(lambda _t: self.edited.emit())
        for ed in (self.start_edit, self.end_edit):
            ed.dateChanged.connect(lambda _d: self.edited.emit())
            accept_typed_year(ed)
        # One row of fixed height for the title's and the period's messages: shown, they are
        # whole (one line each) and nothing below them moves.
        self.title_error = as_line_label(ui.titleError, Qt.AlignmentFlag.AlignLeft)
        self.period_error = as_line_label(ui.periodError, Qt.AlignmentFlag.AlignRight)
        ui.errorsRow.setFixedHeight(self.fontMetrics().lineSpacing() + 6)
        parts = {"context": (ui.contextLabel, ui.context, ui.contextError),
                 "vulnerable_groups": (ui.vulnerableGroupsLabel, ui.vulnerableGroups, ui.vulnerableGroupsError),
                 "objectives": (ui.objectivesLabel, ui.objectives, ui.objectivesError)}
        self.section_edits: dict[str, QPlainTextEdit] = {}
        self.section_errors: dict[str, QLabel] = {}
        for key in plans.SECTIONS:
            label, edit, err = parts[key]
            label.setStyleSheet(theme.BOLD_STYLE)
            edit.textChanged.connect(self.edited.emit)
            self.section_edits[key] = edit
            self.section_errors[key] = as_error_label(err)

    def error_labels(self) -> list[QLabel]:
        return [self.title_error, self.period_error, *self.section_errors.values()]

    def label_for(self, key: str) -> QLabel:
        """Where the message about the field *key* is shown."""
        label = {"title": self.title_error, "period_end": self.period_error}.get(key)
        return label if label is not None else self.section_errors.get(key, self.title_error)

    def set_draft(self, d: plans.PlanDraft) -> None:
        self.title_edit.setText(d.title)
        self.start_edit.setDate(to_qdate(d.period_start) if d.period_start else NO_DATE)
        self.end_edit.setDate(to_qdate(d.period_end) if d.period_end else NO_DATE)
        for key, edit in self.section_edits.items():
            edit.setPlainText(getattr(d, key))

    def draft(self, activities: list[plans.ActivityInput]) -> plans.PlanDraft:
        def date(ed: QDateEdit) -> dt.date | None:
            q = ed.date()
            return None if q == NO_DATE else dt.date(q.year(), q.month(), q.day())

        return plans.PlanDraft(self.title_edit.text(), date(self.start_edit), date(self.end_edit),
                               *(self.section_edits[k].toPlainText() for k in plans.SECTIONS),
                               activities=activities)

    def set_editable(self, draft: bool) -> None:
        for w in (self.title_edit, *self.section_edits.values(), self.start_edit, self.end_edit):
            w.setReadOnly(not draft)
            w.setStyleSheet("" if draft else READ_ONLY_STYLE.format(cls=type(w).__name__))
        for w in (self.start_edit, self.end_edit):
            w.setCalendarPopup(draft)
            w.setButtonSymbols(QDateEdit.ButtonSymbols.UpDownArrows if draft
                               else QDateEdit.ButtonSymbols.NoButtons)
