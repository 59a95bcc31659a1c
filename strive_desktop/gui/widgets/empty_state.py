"""The empty state of a list: a centred sentence and the one button that fills it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..theme import EMPTY_STATE_STYLE


class EmptyState(QWidget):
    """``EmptyState(parent, button_text, on_click)``: ``label`` says why the list is empty
    (set its text), ``button`` does the first step (e.g. "Create the advisory group")."""

    def __init__(self, parent: QWidget | None, button_text: str, on_click: Callable[[], object]) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet(EMPTY_STATE_STYLE)
        layout.addWidget(self.label)
        self.button = QPushButton(button_text, self)
        self.button.clicked.connect(lambda _checked=False: on_click())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
