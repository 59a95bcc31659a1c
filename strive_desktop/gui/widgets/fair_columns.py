"""Lists whose Title column keeps a fair share of the width at the minimum window size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView, QToolTip


class FairColumns(QObject):
    """Share a list's width fairly: every column at its natural width while there is room,
    and when the window is narrow the shrinkable ones (e.g. Phase) give way down to a floor so
    the stretching Title keeps a fair share. A cell whose text no longer fits shows it whole
    as a tooltip."""

    WIDE = 1000  # a list at least this wide (a maximised 1366 px window) is "wide"

    def __init__(self, view: QTableView, title_share: float = 0.3, title_min: int = 160,
                 wide_share: float | None = None) -> None:
        """*wide_share*: in a wide list Title takes at most this share and gives way first, down
        to *title_min* (its text whole in a tooltip), so that the short fixed labels of the other
        columns (Phase, Community) stay whole; the narrow list keeps *title_share*."""
        super().__init__(view)
        self.wide_share = wide_share
        self.view = view
        self.natural: dict[int, int] = {}
        self.floors: dict[int, int] = {}
        self.title_need: int | None = None
        self.title_share, self.title_min = title_share, title_min
        self.viewport = view.viewport()
        view.installEventFilter(self)
        self.viewport.installEventFilter(self)

    def set_widths(self, natural: dict[int, int], floors: dict[int, int], title_need: int | None = None) -> None:
        """*natural* widths of the non-stretching columns; *floors* of those that may shrink;
        *title_need*, when given, the width the Title's texts need: its share is no larger."""
        self.natural, self.floors, self.title_need = natural, floors, title_need
        self.apply()

    def apply(self) -> None:
        avail = self.view.viewport().width() or self.view.width()
        wide = self.wide_share is not None and avail >= self.WIDE
        share = round((self.wide_share if wide and self.wide_share is not None else self.title_share) * avail)
        title = max(self.title_min, min(share, self.title_need) if self.title_need else share)
        if wide:  # Title gives way first, then the shrinkable columns
            title = max(self.title_min, min(title, avail - sum(self.natural.values())))
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
