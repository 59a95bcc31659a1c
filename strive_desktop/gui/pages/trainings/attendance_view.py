"""The attendance sheet's grid: tick boxes drawn in the middle of the cells, and the keyboard
of typing a paper sheet in (arrows, Space, Enter, a name's first letters, Ctrl+Enter, Delete)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ...models.attendance import AttendanceModel


class CheckDelegate(QStyledItemDelegate):
    """Session cells: the tick box drawn in the middle of the cell; a click on it toggles."""

    @staticmethod
    def _state(index: QModelIndex) -> Qt.CheckState | None:
        # The model's own Python method, without a round trip through a QVariant.
        model = index.model()
        return model.check_state(index) if isinstance(model, AttendanceModel) else None

    def _box(self, option: QStyleOptionViewItem) -> QRect:
        style = option.widget.style() if option.widget else QApplication.style()
        w = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, option.widget)
        h = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, option.widget)
        r = option.rect
        return QRect(r.x() + (r.width() - w) // 2, r.y() + (r.height() - h) // 2, w, h)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        state = self._state(index)
        if state is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        checked = state == Qt.CheckState.Checked
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        box = QStyleOptionViewItem(opt)
        box.rect = self._box(option)
        box.state = (box.state & ~(QStyle.StateFlag.State_On | QStyle.StateFlag.State_Off)) | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter, opt.widget)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem,  # type: ignore[no-untyped-def]
                    index: QModelIndex) -> bool:  # noqa: N802
        if self._state(index) is None:
            return super().editorEvent(event, model, option, index)
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseButtonRelease):
            hit = self._box(option).adjusted(-4, -4, 4, 4).contains(event.position().toPoint())  # type: ignore[attr-defined]
            if not hit:
                return False
            if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
                model.toggle(index)
            return True
        return False


class AttendanceView(QTableView):
    """The sheet grid with its keyboard: Space ticks, Enter goes down, letters jump to a name,
    Ctrl+Enter adds a walk-in, Delete removes the walk-in of the current row."""

    walk_in_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._typed_at = 0.0
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setHighlightSections(True)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setItemDelegate(CheckDelegate(self))

    def attendance(self) -> AttendanceModel:
        return self.model()  # type: ignore[return-value]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.walk_in_requested.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Space and not ctrl:
            self.toggle_current()
            event.accept()
            return
        if key == Qt.Key.Key_Delete and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.remove_requested.emit()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            ix = self.currentIndex()  # Enter goes down the column, as on paper
            if ix.isValid() and ix.row() + 1 < self.model().rowCount():
                self.setCurrentIndex(self.model().index(ix.row() + 1, ix.column()))
            event.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _interval() -> float:
        return max(QApplication.keyboardInputInterval(), 400) / 1000

    def toggle_current(self) -> bool:
        ix = self.currentIndex()
        if not ix.isValid():
            return False
        return self.attendance().toggle(ix)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        """Type-ahead over the names, whatever column the cursor is in."""
        if not search or not search.strip():
            return
        now = time.monotonic()
        if now - self._typed_at > self._interval():
            self._typed = ""
        self._typed_at = now
        self._typed += search
        model = self.attendance()
        row = model.find_prefix(self._typed)
        if row < 0 and len(self._typed) > len(search):
            self._typed = search  # start again with the new letter
            row = model.find_prefix(search)
        if row < 0:
            return
        col = self.currentIndex().column() if self.currentIndex().isValid() else 0
        ix = model.index(row, max(col, 0))
        self.setCurrentIndex(ix)
        self.scrollTo(ix)
