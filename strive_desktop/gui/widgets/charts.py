"""A plain painted horizontal bar chart (QtCharts lives in PySide6-Addons, which we do not ship)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme

PALETTE = theme.CHART_PALETTE


class BarChart(QWidget):
    """A titled list of labelled horizontal bars with their numbers written beside them."""

    BAR_H = 16
    GAP = 6

    def __init__(self, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)  # parent first: a promoted widget of a Designer form (ui/dashboard_page.ui)
        self.title = title
        self.bars: list[tuple[str, float, str]] = []  # label, value, text shown
        self.colours: Sequence[str] = PALETTE
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def setTitle(self, title: str) -> None:  # noqa: N802 - the setter a Designer form's "title" property calls
        self.title = title
        self.updateGeometry()
        self.update()

    def set_data(self, bars: Sequence[tuple[str, float, str]], colours: Sequence[str] | None = None) -> None:
        self.bars = list(bars)
        if colours:
            self.colours = colours
        self.updateGeometry()
        self.update()

    def _title_h(self) -> int:
        return QFontMetrics(self.font()).height() + 8 if self.title else 0

    def sizeHint(self) -> QSize:
        n = 1 if self.is_empty() else max(1, len(self.bars))
        return QSize(320, self._title_h() + n * (self.BAR_H + self.GAP) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def is_empty(self) -> bool:
        """True when there is nothing to draw: no bars, or every value zero (and a text to say so)."""
        return not self.bars or (bool(self.empty_text) and all(v <= 0 for _l, v, _t in self.bars))

    def label_width(self) -> int:
        """Width the labels need, uncut (the longest label and a margin)."""
        fm = QFontMetrics(self.font())
        return max((fm.horizontalAdvance(lab) for lab, _v, _t in self.bars), default=0) + 16

    def elided_labels(self) -> list[str]:
        """The labels as painted at the current width (tests check nothing is cut)."""
        fm = QFontMetrics(self.font())
        label_w = min(self.label_width(), self.width() * 2 // 3)
        return [fm.elidedText(lab, Qt.TextElideMode.ElideRight, label_w - 6) for lab, _v, _t in self.bars]

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        y = 0
        if self.title:
            f = self.font()
            f.setBold(True)
            p.setFont(f)
            p.setPen(self.palette().windowText().color())
            p.drawText(QRectF(0, 0, self.width(), fm.height() + 4), Qt.AlignmentFlag.AlignLeft, self.title)
            p.setFont(self.font())
            y = self._title_h()
        if self.is_empty():
            # Nothing to compare (no bars, or all zero): say so instead of drawing empty bars.
            if self.empty_text:
                p.setPen(QColor(theme.CHART_AXIS))
                p.drawText(QRectF(0, y, self.width(), self.BAR_H + 4), Qt.AlignmentFlag.AlignLeft,
                           self.empty_text)
            p.end()
            return
        # Room for the longest label plus a margin: elidedText() at exactly the advance width
        # sometimes elides anyway ("Fem…"), so only a label wider than 2/3 of the chart is cut.
        label_w = min(self.label_width(), self.width() * 2 // 3)
        text_w = max(fm.horizontalAdvance(t) for _l, _v, t in self.bars) + 12
        bar_w = max(10, self.width() - label_w - text_w - 4)
        top = max((v for _l, v, _t in self.bars), default=0) or 1
        for i, (lab, value, text) in enumerate(self.bars):
            row = QRectF(0, y + i * (self.BAR_H + self.GAP), self.width(), self.BAR_H)
            p.setPen(self.palette().windowText().color())
            elided = fm.elidedText(lab, Qt.TextElideMode.ElideRight, label_w - 6)
            p.drawText(QRectF(0, row.top(), label_w - 4, self.BAR_H),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            w = bar_w * (value / top) if value > 0 else 0
            p.fillRect(QRectF(label_w, row.top() + 1, bar_w, self.BAR_H - 2), QColor(theme.CHART_TRACK))
            if w:
                p.fillRect(QRectF(label_w, row.top() + 1, max(2.0, w), self.BAR_H - 2),
                           QColor(self.colours[i % len(self.colours)]))
            p.drawText(QRectF(label_w + bar_w + 6, row.top(), text_w, self.BAR_H),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        p.end()
