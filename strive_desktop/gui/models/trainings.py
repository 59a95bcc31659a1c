"""The list of trainings: phase, title, dates, hours, participants and attendance rate."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ...domain.enums import LABELS, Phase
from ...i18n import CONTEXT
from ...services.trainings import TrainingInfo
from ..widgets.percent import percent
from .attendance import dates_text, hours_text

_Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1


def phase_label(value: str) -> str:
    try:
        return QCoreApplication.translate(CONTEXT, LABELS[Phase(value)])
    except (ValueError, KeyError):
        return value


@dataclass(frozen=True)
class TrainingRow:
    info: TrainingInfo
    participants: int
    average_rate: float
    completed: int
    recorded: bool = True  # anything recorded on the sheet; False: not held yet, no rate to show


class TrainingListModel(QAbstractTableModel):
    """Rows arrive newest first from the service; sortable by any column."""

    def __init__(self, parent: Any = None, *, show_community: bool = False) -> None:
        super().__init__(parent)
        self.columns = (("community",) if show_community else ()) + (
            "phase", "title", "dates", "hours", "participants", "rate")
        self._rows: list[TrainingRow] = []
        self._community_label: Callable[[str, str], str] = lambda _cid, name: name

    def set_show_community(self, show: bool) -> None:
        if show == ("community" in self.columns):
            return
        self.beginResetModel()
        self.columns = (("community",) if show else ()) + tuple(c for c in self.columns if c != "community")
        self.endResetModel()

    def set_rows(self, rows: Sequence[TrainingRow],
                 community_label: Callable[[str, str], str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if community_label is not None:
            self._community_label = community_label
        self.endResetModel()

    def training(self, row: int) -> TrainingRow:
        return self._rows[row]

    def row_of(self, training_id: str | None) -> int:
        return next((r for r, t in enumerate(self._rows) if t.info.id == training_id), -1)

    def update_figures(self, training_id: str, participants: int, average_rate: float, completed: int,
                       recorded: bool | None = None) -> None:
        """New figures from the open sheet; *recorded* None: recorded once anyone attended."""
        r = self.row_of(training_id)
        if r < 0:
            return
        old = self._rows[r]
        if recorded is None:
            recorded = old.recorded or average_rate > 0
        self._rows[r] = replace(old, participants=participants, average_rate=average_rate,
                                completed=completed, recorded=recorded)
        self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.columns) - 1))

    # -- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.columns):
            return None
        return {"community": self.tr("Community"), "phase": self.tr("Phase"), "title": self.tr("Title"),
                "dates": self.tr("Dates"), "hours": self.tr("Hours"), "participants": self.tr("Participants"),
                "rate": self.tr("Attendance")}[self.columns[section]]

    def _value(self, t: TrainingRow, col: str) -> Any:
        i = t.info
        if col == "community":
            return self._community_label(i.community_id, i.community_name)
        if col == "phase":
            return phase_label(i.phase)
        if col == "title":
            return i.title
        if col == "dates":
            return dates_text(i.start, i.end)
        if col == "hours":
            return hours_text(i.total_hours)
        if col == "participants":
            return str(t.participants)
        # No rate for a training with nothing recorded (not held yet), as on the dashboard.
        return percent(t.average_rate) if t.participants and t.recorded else "—"

    def _sort_key(self, t: TrainingRow, col: str) -> Any:
        if col == "dates":
            return t.info.start.toordinal() if t.info.start else 0
        if col == "hours":
            return t.info.total_hours
        if col == "participants":
            return t.participants
        if col == "rate":
            return t.average_rate if t.participants and t.recorded else -1.0
        return str(self._value(t, col)).casefold()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._value(t, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == "title":
            extra = [x for x in (t.info.venue, t.info.trainers) if x]
            return "\n".join([t.info.title, *extra])
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("hours", "participants", "rate"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return t.info.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        col = self.columns[column]
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[ix.row()].info.id for ix in old]
        self._rows.sort(key=lambda t: self._sort_key(t, col), reverse=order == Qt.SortOrder.DescendingOrder)
        self.changePersistentIndexList(old, [self.index(self.row_of(i), ix.column()) for i, ix in zip(ids, old, strict=True)])
        self.layoutChanged.emit()
