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
        layout = self._layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet(EMPTY_STATE_STYLE)
        layout.addWidget(self.label)
        self.button: QPushButton | None = None
        if button_text is not None:
            self.setButtonText(button_text)
            if on_click is not None and self.button is not None:
                self.button.clicked.connect(lambda _checked=False: on_click())
        layout.addStretch(2)

    def setButtonText(self, text: str) -> None:  # noqa: N802 - what a Designer form's "buttonText" calls
        """The first step's button (made on the first call), centred under the sentence."""
        if self.button is None:
            self.button = QPushButton(self)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.button)
            row.addStretch(1)
            self._layout.insertLayout(2, row)  # after the stretch and the sentence
        self.button.setText(text)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - as QLabel's, which this replaces
        self.label.setText(text)
