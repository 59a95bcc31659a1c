"""Lists whose Title column keeps a fair share of the width at the minimum window size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView, QToolTip


class FairColumns(QObject):
    """Share a list's width fairly: every column at its natural width while there is room,
    and when the window is narrow the shrinkable ones (e.g. Phase) give way down to a floor so
    the stretching Title keeps a fair share. A cell whose text no longer fits shows it whole
    as a tooltip."""

    def __init__(self, view: QTableView, title_share: float = 0.3, title_min: int = 160) -> None:
        super().__init__(view)
        self.view = view
        self.natural: dict[int, int] = {}
        self.floors: dict[int, int] = {}
        self.title_share, self.title_min = title_share, title_min
        self.viewport = view.viewport()
        view.installEventFilter(self)
        self.viewport.installEventFilter(self)

    def set_widths(self, natural: dict[int, int], floors: dict[int, int]) -> None:
        """*natural* widths of the non-stretching columns; *floors* of those that may shrink."""
        self.natural, self.floors = natural, floors
        self.apply()

    def apply(self) -> None:
        avail = self.view.viewport().width() or self.view.width()
        title = max(self.title_min, round(self.title_share * avail))
        excess = sum(self.natural.values()) + title - avail
        give = {c: max(0, w - self.floors[c]) for c, w in self.natural.items() if c in self.floors}
        f = min(1.0, excess / sum(give.values())) if excess > 0 and sum(give.values()) else 0.0
        for c, w in self.natural.items():
            self.view.setColumnWidth(c, round(w - f * give.get(c, 0)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.view and event.type() == QEvent.Type.Resize and self.natural:
            QTimer.singleShot(0, self, self.apply)  # after the viewport took its new size
        elif obj is self.viewport and event.type() == QEvent.Type.ToolTip:
            ix = self.view.indexAt(event.pos())
            model = self.view.model()
            if ix.isValid() and model.data(ix, Qt.ItemDataRole.ToolTipRole) is None:
                text = str(model.data(ix) or "")
                fm = self.view.fontMetrics()
                if text and fm.horizontalAdvance(text) + 12 > self.view.columnWidth(ix.column()):
                    QToolTip.showText(event.globalPos(), text, self.view.viewport())
                    return True
        return super().eventFilter(obj, event)
