"""The guided first week of a new field office (dashboard): the next steps with a button each,
ticked off when done (``services.first_week``); the panel hides itself once all are done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.first_week import STEPS, FirstWeek
from .. import theme

PAGE_OF_STEP = {"group": "group", "members": "group", "training": "trainings", "attendance": "trainings",
                "export": "sync"}
"""The page of the main window where each step is done."""


class FirstWeekPanel(QFrame):
    """``open_requested(page_key)`` when a step's button is pressed."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FirstWeek")
        self.setStyleSheet(theme.FIRST_WEEK_STYLE)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel(self)
        self.title.setStyleSheet(theme.HEADING_STYLE)
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        lay.addLayout(grid)
        self.marks: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for row, key in enumerate(STEPS):
            mark, text, button = QLabel(self), QLabel(self), QPushButton(self)
            mark.setMinimumWidth(22)
            text.setWordWrap(True)
            button.clicked.connect(lambda _=False, key=key: self.open_requested.emit(PAGE_OF_STEP[key]))
            grid.addWidget(mark, row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(button, row, 2)
            self.marks[key], self.texts[key], self.buttons[key] = mark, text, button
        grid.setColumnStretch(1, 1)
        self.state = FirstWeek(False)
        self.show_state(self.state)

    def _words(self) -> dict[str, tuple[str, str]]:
        return {
            "group": (self.tr("Create the advisory group of your community."), self.tr("Create the group")),
            "members": (self.tr("Add its members (name, sex, sector; phone if they agree)."), self.tr("Add members")),
            "training": (self.tr("Record the first training with its sessions."), self.tr("Add a training")),
            "attendance": (self.tr("Mark who came to a session on the attendance sheet."),
                           self.tr("Mark attendance")),
            "export": (self.tr("Send your first package to headquarters (Sync page)."), self.tr("Send to headquarters")),
        }

    def show_state(self, state: FirstWeek) -> None:
        self.state = state
        self.setVisible(state.shown)
        words = self._words()
        done_n = sum(state.done)
        self.title.setText(self.tr("Your first week: %n of 5 step(s) done", "", done_n))
        nxt = state.next_step
        for i, key in enumerate(STEPS):
            done = state.done[i]
            text, action = words[key]
            self.marks[key].setText("✓" if done else f"{i + 1}.")
            self.marks[key].setStyleSheet(theme.text_style(theme.OK) + " font-weight: 600;" if done else
                                          "font-weight: 600;")
            self.texts[key].setText(text)
            self.texts[key].setStyleSheet(theme.text_style(theme.MUTED) if done else
                                          ("font-weight: 600;" if key == nxt else ""))
            self.buttons[key].setText(action)
            self.buttons[key].setVisible(not done)
            self.buttons[key].setDefault(key == nxt)
