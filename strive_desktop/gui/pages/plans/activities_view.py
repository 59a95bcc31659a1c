"""The activities grid of the plan editor's Activities tab (a promoted widget of ui/activities_tab.ui)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


class ActivitiesView(QTableView):
    """The activities grid: Tab and Shift+Tab skip cells that cannot be edited (the Total),
    so that the text typed next goes into the next field instead of being lost."""

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        index = super().moveCursor(action, modifiers)
        if action not in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return index
        model = self.model()
        editable = Qt.ItemFlag.ItemIsEditable
        if model is None or not any(model.flags(model.index(0, c)) & editable
                                    for c in range(model.columnCount())):
            return index  # a read-only plan: Tab walks every cell
        seen = 0
        limit = model.rowCount() * model.columnCount()
        while index.isValid() and not model.flags(index) & editable and seen < limit:
            self.setCurrentIndex(index)  # moveCursor starts from the current index
            index = super().moveCursor(action, modifiers)
            seen += 1
        return index
