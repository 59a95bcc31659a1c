"""The Plan tab of the plan editor: title, period and the three text sections."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ....services import plans
from ... import theme
from ...context import translate
from ...models.activities import to_qdate
from ...widgets.date_typing import accept_typed_year
from .common import NO_DATE, READ_ONLY_STYLE, error_label, line_label


class PlanTextTab(QWidget):
    """Emits ``edited`` on every change the user makes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 10, 10, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        head = QHBoxLayout()
        head.setSpacing(8)
        title_label = QLabel(translate("PlansPage", "&Title:"), self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(300)
        title_label.setBuddy(self.title_edit)
        self.title_edit.textEdited.connect(lambda _t: self.edited.emit())
        head.addWidget(title_label)
        head.addWidget(self.title_edit, 1)
        head.addSpacing(16)
        period_label = QLabel(translate("PlansPage", "P&eriod:"), self)
        self.start_edit = self._date_edit()
        self.end_edit = self._date_edit()
        period_label.setBuddy(self.start_edit)
        head.addWidget(period_label)
        head.addWidget(self.start_edit)
        head.addWidget(QLabel("–", self))
        head.addWidget(self.end_edit)
        grid.addLayout(head, 0, 0, 1, 3)
        # One row of fixed height for the title's and the period's messages: shown, they are
        # whole (one line each) and nothing below them moves.
        errors = QWidget(self)
        row = QHBoxLayout(errors)
        row.setContentsMargins(0, 0, 0, 0)
        self.title_error = line_label(errors, Qt.AlignmentFlag.AlignLeft)
        self.period_error = line_label(errors, Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.title_error, 1)
        row.addWidget(self.period_error, 1)
        errors.setFixedHeight(self.fontMetrics().lineSpacing() + 6)
        grid.addWidget(errors, 1, 0, 1, 3)
        self.section_edits: dict[str, QPlainTextEdit] = {}
        self.section_errors: dict[str, QLabel] = {}
        captions = {
            "context": (translate("PlansPage", "&Context and conflict analysis"),
                        translate("PlansPage", "What is happening in the community; risks, tensions, their causes")),
            "vulnerable_groups": (translate("PlansPage", "&Vulnerable groups addressed"),
                                  translate("PlansPage", "Who is most at risk and why")),
            "objectives": (translate("PlansPage", "&Objectives"),
                           translate("PlansPage", "What the plan wants to achieve (needed to submit)")),
        }
        for col, key in enumerate(plans.SECTIONS):
            caption, hint = captions[key]
            label = QLabel(caption, self)
            label.setStyleSheet(theme.BOLD_STYLE)
            edit = QPlainTextEdit(self)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self.edited.emit)
            label.setBuddy(edit)
            err = error_label(self)
            grid.addWidget(label, 2, col)
            grid.addWidget(edit, 3, col)
            grid.addWidget(err, 4, col)
            grid.setColumnStretch(col, 1)
            self.section_edits[key] = edit
            self.section_errors[key] = err
        grid.setRowStretch(3, 1)
        QWidget.setTabOrder(self.title_edit, self.start_edit)
        QWidget.setTabOrder(self.start_edit, self.end_edit)
        QWidget.setTabOrder(self.end_edit, self.section_edits["context"])
        QWidget.setTabOrder(self.section_edits["context"], self.section_edits["vulnerable_groups"])
        QWidget.setTabOrder(self.section_edits["vulnerable_groups"], self.section_edits["objectives"])

    def _date_edit(self) -> QDateEdit:
        ed = QDateEdit(self)
        ed.setCalendarPopup(True)
        ed.setDisplayFormat("dd.MM.yyyy")
        ed.setMinimumDate(NO_DATE)
        ed.setSpecialValueText(translate("PlansPage", "not set"))
        ed.setMinimumWidth(120)
        ed.dateChanged.connect(lambda _d: self.edited.emit())
        accept_typed_year(ed)
        return ed

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
