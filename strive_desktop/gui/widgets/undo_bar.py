"""A slim bar under a table: "Aibek Asanov was removed from the group. [Undo]"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .. import theme


class UndoBar(QFrame):
    def __init__(self, parent: QWidget | None = None, timeout_ms: int = 15000) -> None:
        super().__init__(parent)
        self.setObjectName("UndoBar")
        self.setStyleSheet(theme.box_style("UndoBar", theme.BANNER_BG, theme.BANNER_BORDER))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        self.close_button = QPushButton("×", self)
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.setToolTip(self.tr("Hide"))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self._undo: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.dismiss)
        self.undo_button.clicked.connect(self._do_undo)
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def offer(self, text: str, undo: Callable[[], None]) -> None:
        self.label.setText(text)
        self._undo = undo
        self.show()
        self._timer.start()

    def dismiss(self) -> None:
        self._undo = None
        self._timer.stop()
        self.hide()

    def _do_undo(self) -> None:
        undo, self._undo = self._undo, None
        self.dismiss()
        if undo is not None:
            undo()
