"""Typing a year into a date field, whichever part of the date the cursor is in.

A QDateEdit types into one section at a time: Tab puts the cursor in the day, and "2028"
typed there became day 20, then an invalid month, and the year never changed, without a
word (issue 16). :func:`accept_typed_year` lets four digits typed in a row set the year
(the day and month stay as they were) and leaves the cursor in the year. A whole date typed
with its dots ("15.03.2028") still works as Qt does it: each dot moves to the next part.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit

YEARS = range(1900, 2101)
SEPARATORS = frozenset("./,-")


class _YearTyping(QObject):
    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.digits = ""
        self.before = edit.date()
        self.section = edit.currentSection()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.digits = ""
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if text in SEPARATORS and not self.edit.isReadOnly():
                return self._next_section()
            if len(text) != 1 or not text.isdigit() or self.edit.isReadOnly():
                self.digits = ""
                return False
            if not self.digits:
                self.before, self.section = self.edit.date(), self.edit.currentSection()
            self.digits += text
            if len(self.digits) == 4:
                year, self.digits = int(self.digits), ""
                if self.section != QDateEdit.Section.YearSection and year in YEARS:
                    self._set_year(year)
                    return True
        return False

    def _next_section(self) -> bool:
        """A dot (or slash, dash, comma) after the digits of a part goes on to the next part,
        unless Qt has already moved there because the part was full."""
        moved = bool(self.digits) and self.edit.currentSection() != self.section
        self.digits = ""
        index = self.edit.currentSectionIndex()
        if not moved and index + 1 < self.edit.sectionCount():
            self.edit.setSelectedSection(self.edit.sectionAt(index + 1))
        return True

    def _set_year(self, year: int) -> None:
        d = self.before
        day = min(d.day(), QDate(year, d.month(), 1).daysInMonth())
        self.edit.setDate(QDate(year, d.month(), day))
        self.edit.setCurrentSection(QDateEdit.Section.YearSection)


def accept_typed_year(*edits: QDateEdit) -> None:
    """Let four digits typed anywhere in each of *edits* set its year."""
    for edit in edits:
        edit.installEventFilter(_YearTyping(edit))
