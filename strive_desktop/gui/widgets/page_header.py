"""The header row every list page starts with: a title, a subtitle (the community) and buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..theme import SUBTITLE_STYLE, TITLE_STYLE


def page_header(page: QWidget, title: str, buttons: list[QPushButton]) -> tuple[QHBoxLayout, QLabel, QLabel]:
    """A row with *title* (large), an empty subtitle label beside it and *buttons* on the right."""
    head = QHBoxLayout()
    title_label = QLabel(title, page)
    title_label.setStyleSheet(TITLE_STYLE)
    subtitle = QLabel(page)
    subtitle.setStyleSheet(SUBTITLE_STYLE)
    head.addWidget(title_label, 0, Qt.AlignmentFlag.AlignBaseline)
    head.addSpacing(10)
    head.addWidget(subtitle, 1, Qt.AlignmentFlag.AlignBaseline)
    for button in buttons:
        head.addWidget(button)
    return head, title_label, subtitle


def style_page_header(title: QLabel, subtitle: QLabel) -> None:
    """The theme's look for a header row laid out in a Designer form (title, subtitle, buttons)."""
    title.setStyleSheet(TITLE_STYLE)
    subtitle.setStyleSheet(SUBTITLE_STYLE)
