"""The Attendance sheet tab of the Trainings page: its summary, buttons, grid and keyboard hint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHeaderView, QStyle, QWidget

from ... import theme
from ...models.attendance import AttendanceModel
from ...widgets.flow import flow_buttons
from ..forms.sheet_tab_ui import Ui_SheetTab

PersistTick = Callable[[str, str, bool], bool]


class SheetTab(QWidget):
    """``model`` is the sheet shown in ``view``; *persist* saves one tick (see AttendanceModel).

    The layout is the Designer form ui/sheet_tab.ui; a promoted widget of ui/trainings_page.ui,
    so the parent comes first and *persist* may be given later (``model.persist``)."""

    def __init__(self, parent: QWidget | None = None, persist: PersistTick | None = None) -> None:
        super().__init__(parent)
        ui = self.ui = Ui_SheetTab()
        ui.setupUi(self)
        # The summary has a line of its own: beside the buttons it wrapped in Kyrgyz and Russian.
        self.summary = ui.summary
        self.walk_in_button, self.remove_walk_in_button = ui.walkInButton, ui.removeWalkInButton
        self.print_sheet_button, self.certificates_button = ui.printSheetButton, ui.certificatesButton
        # Wraps onto a second line rather than cutting the (long Kyrgyz) texts at 960 px.
        flow_buttons(ui.buttonRow, [self.walk_in_button, self.remove_walk_in_button,
                                    self.print_sheet_button, self.certificates_button])
        self.model = AttendanceModel(self, persist=persist)
        self.view = ui.view
        self.view.setModel(self.model)
        self.undo_bar = ui.UndoBar
        self.keys_hint = ui.keysHint
        self.keys_hint.setStyleSheet(theme.HINT_STYLE)

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
