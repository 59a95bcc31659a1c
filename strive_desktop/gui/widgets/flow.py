"""A row of buttons that wraps onto a second line when the window is too narrow for it.

Kyrgyz and Russian button texts are long: at the window's minimum width (960 px) a row of four
or five buttons in a QHBoxLayout is squeezed and every text is cut. A :class:`FlowLayout` keeps
each button at its size hint and moves the ones that do not fit to the next line.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items left to right (or right-aligned with *align_right*), wrapping as needed."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 6, align_right: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._right = align_right
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- QLayout protocol -----------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Everything on one line."""
        visible = self._visible()
        if not visible:
            return QSize(0, 0)
        w = sum(i.sizeHint().width() for i in visible) + self._spacing * (len(visible) - 1)
        h = max(i.sizeHint().height() for i in visible)
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        """The widest item: a narrower row would cut it."""
        size = QSize(0, 0)
        for item in self._visible():
            size = size.expandedTo(item.sizeHint())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- placing --------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = item.sizeHint().width()
            if lines[-1] and used + self._spacing + w > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + w
            lines[-1].append(item)
        return [line for line in lines if line]

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for line in self._lines(area.width()):
            h = max(i.sizeHint().height() for i in line)
            if move:
                total = sum(i.sizeHint().width() for i in line) + self._spacing * (len(line) - 1)
                x = area.x() + (max(area.width() - total, 0) if self._right else 0)
                for item in line:
                    size = item.sizeHint()
                    item.setGeometry(QRect(QPoint(x, y + (h - size.height()) // 2), size))
                    x += size.width() + self._spacing
            y += h + self._spacing
        return y - self._spacing - area.y() + m.top() + m.bottom() if y > area.y() else 0


def button_row(parent: QWidget, buttons: list[QWidget], *, align_right: bool = False) -> QWidget:
    """A widget holding *buttons* in a :class:`FlowLayout` (the buttons are reparented)."""
    return flow_buttons(QWidget(parent), buttons, align_right=align_right)


def flow_buttons(box: QWidget, buttons: list[QWidget], *, align_right: bool = False) -> QWidget:
    """Lay *buttons* out in *box* (e.g. an empty widget of a Designer form) with a :class:`FlowLayout`."""
    flow = FlowLayout(box, align_right=align_right)
    for b in buttons:
        flow.addWidget(b)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    box.setSizePolicy(policy)
    return box
