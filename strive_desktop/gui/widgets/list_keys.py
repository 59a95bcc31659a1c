"""Keyboard of a list table: Tab leaves it, Enter acts on the current row.

A QTableView moves from cell to cell on Tab by default, so keyboard users cannot get out of a
list; and lists only reacted to a double-click. :func:`list_keys` fixes both for a list page's
table (the attendance grid has its own keys and does not use this).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterFilter(QObject):
    def __init__(self, view: QAbstractItemView, on_enter: Callable[[], None]) -> None:
        super().__init__(view)
        self._view = view
        self._on_enter = on_enter

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self._view and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            plain = not key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if (key_event.key() in _ENTER and plain
                    and self._view.state() != QAbstractItemView.State.EditingState
                    and self._view.currentIndex().isValid()):
                current, selection = self._view.currentIndex(), self._view.selectionModel()
                if selection is not None and not selection.isRowSelected(current.row(), current.parent()):
                    # Tab into a list makes a row current without selecting it: act on that row.
                    flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                             | QItemSelectionModel.SelectionFlag.Rows)
                    selection.select(current, flags)
                self._on_enter()
                return True
        return False


def list_keys(view: QAbstractItemView, on_enter: Callable[[], None] | None = None) -> None:
    """Tab and Shift+Tab leave *view* for the next/previous widget on the screen; Enter or
    Return on a row calls *on_enter* (what a double-click does), when given."""
    view.setTabKeyNavigation(False)
    if on_enter is not None:
        view.installEventFilter(_EnterFilter(view, on_enter))
