"""The Attendance sheet tab of the Trainings page: its summary, buttons, grid and keyboard hint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ... import theme
from ...context import translate
from ...models.attendance import AttendanceModel
from ...widgets.flow import button_row
from ...widgets.undo_bar import UndoBar
from .attendance_view import AttendanceView

PersistTick = Callable[[str, str, bool], bool]


class SheetTab(QWidget):
    """``model`` is the sheet shown in ``view``; *persist* saves one tick (see AttendanceModel)."""

    def __init__(self, persist: PersistTick, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        sv = QVBoxLayout(self)
        sv.setContentsMargins(6, 6, 6, 6)
        # The summary has a line of its own: beside the buttons it wrapped in Kyrgyz and Russian.
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        sv.addWidget(self.summary)
        bar = QHBoxLayout()
        self.walk_in_button = QPushButton(translate("TrainingsPage", "Add &walk-in…"), self)
        self.walk_in_button.setToolTip(translate("TrainingsPage",
                                                 "Someone not in the group came (Ctrl+Enter in the sheet)"))
        self.remove_walk_in_button = QPushButton(translate("TrainingsPage", "Re&move walk-in"), self)
        self.remove_walk_in_button.setToolTip(translate(
            "TrainingsPage", "Take the selected walk-in off this sheet, e.g. added by mistake (Delete in the sheet)"))
        self.print_sheet_button = QPushButton(translate("TrainingsPage", "&Print attendance sheet"), self)
        self.certificates_button = QPushButton(translate("TrainingsPage", "&Certificates"), self)
        self.certificates_button.setToolTip(translate("TrainingsPage",
                                                      "Print certificates for those who completed the training"))
        # Wraps onto a second line rather than cutting the (long Kyrgyz) texts at 960 px.
        bar.addWidget(button_row(self, [self.walk_in_button, self.remove_walk_in_button,
                                        self.print_sheet_button, self.certificates_button]), 1)
        sv.addLayout(bar)
        self.model = AttendanceModel(self, persist=persist)
        self.view = AttendanceView(self)
        self.view.setModel(self.model)
        sv.addWidget(self.view, 1)
        self.undo_bar = UndoBar(self)
        sv.addWidget(self.undo_bar)
        self.keys_hint = QLabel(translate("TrainingsPage",
                                          "Keyboard: arrows or Enter move · Space ticks or unticks (saved at once) · "
                                          "type a name to jump to it · Ctrl+Enter adds a walk-in · "
                                          "Delete removes a walk-in"), self)
        self.keys_hint.setStyleSheet(theme.HINT_STYLE)
        self.keys_hint.setWordWrap(True)
        sv.addWidget(self.keys_hint)

    def size_columns(self) -> None:
        """Sessions 70 px, the figures 84, the sector 170; the name takes what is left."""
        m, view = self.model, self.view
        h = view.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(False)
        for i in range(len(m.sessions)):
            view.setColumnWidth(m.session_column(i), 70)
        for c in (m.hours_column, m.rate_column, m.completed_column):
            view.setColumnWidth(c, 84)
        view.setColumnWidth(1, 170)
        # The name takes what is left (at least 260 px; the sheet scrolls when sessions are many);
        # beyond 420 px the sector gets the rest ("Жергиликтүү өз алдынча башкаруу" in full). Room
        # is kept for a vertical scroll bar that may appear once the rows are in.
        bar = view.verticalScrollBar()
        spare = 0 if bar.isVisible() else view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        rest = view.viewport().width() - spare - 170 - 70 * len(m.sessions) - 84 * 3 - 2
        name = max(260, min(rest, 420))
        view.setColumnWidth(0, name)
        view.setColumnWidth(1, 170 + max(0, rest - name))
