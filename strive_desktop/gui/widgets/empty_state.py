"""The empty state of a list: a centred sentence and, where there is one, the button that fills it.

Every page shows an empty list this way (Local plans, Trainings, Vulnerable groups, Same people?),
so they look alike and the style is in one place (gui/theme.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..theme import EMPTY_STATE_STYLE


class EmptyState(QWidget):
    """``EmptyState(parent, button_text, on_click)``: ``label`` says why the list is empty
    (``setText``), ``button`` does the first step (e.g. "Create the advisory group"); without
    *button_text* there is no button (``button`` is None)."""

    def __init__(self, parent: QWidget | None = None, button_text: str | None = None,
                 on_click: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet(EMPTY_STATE_STYLE)
        layout.addWidget(self.label)
        self.button: QPushButton | None = None
        if button_text is not None:
            self.button = QPushButton(button_text, self)
            if on_click is not None:
                self.button.clicked.connect(lambda _checked=False: on_click())
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.button)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(2)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - as QLabel's, which this replaces
        self.label.setText(text)
