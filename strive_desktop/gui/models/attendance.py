"""The attendance sheet of one training as a table: people down, sessions across.

Rows are the participants (group members, then walk-ins) and a last "Total" row. Columns are
name, sector, one checkbox column per session, hours attended, rate and completed. Ticking a
cell calls the ``persist`` callback (a service call, one unit of work) before the model
changes, so what is shown is always what is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.names import search_key
from ...services.trainings import AttendanceSheet, ParticipantAttendance, SessionInfo
from .. import theme
from ..widgets.dates import date_text, day_month_text, range_text
from ..widgets.percent import percent
from .people import tr_label

_Index = QModelIndex | QPersistentModelIndex
Persist = Callable[[str, str, bool], bool]  # (session_id, person_id, present) -> saved?

PersonIdRole = Qt.ItemDataRole.UserRole + 1
SessionIdRole = Qt.ItemDataRole.UserRole + 2

FIXED_LEFT = 2  # name, sector
FIXED_RIGHT = 3  # hours, rate, completed

_TOTAL_BG = QBrush(QColor(theme.TOTAL_BG))
_DONE_FG = QBrush(QColor(theme.DONE_FG))
_WALK_IN_FG = QBrush(QColor(theme.WALK_IN_FG))


def hours_text(hours: float) -> str:
    return f"{hours:g}"


class AttendanceModel(QAbstractTableModel):
    """One training's sheet; ``persist`` saves a tick and returns False when it failed."""

    def __init__(self, parent: Any = None, persist: Persist | None = None) -> None:
        super().__init__(parent)
        self.persist: Persist = persist or (lambda _s, _p, _v: True)
        self._sheet: AttendanceSheet | None = None
        self._rows: list[ParticipantAttendance] = []
        self._sessions: tuple[SessionInfo, ...] = ()
        self._keys: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- loading --------------------------------------------------------------------------
    def set_sheet(self, sheet: AttendanceSheet | None) -> None:
        self.beginResetModel()
        self._sheet = sheet
        self._rows = list(sheet.participants) if sheet else []
        self._sessions = sheet.training.sessions if sheet else ()
        self._keys = [search_key(p.full_name) for p in self._rows]
        self.endResetModel()

    @property
    def sheet(self) -> AttendanceSheet | None:
        return self._sheet

    @property
    def sessions(self) -> tuple[SessionInfo, ...]:
        return self._sessions

    def participants(self) -> list[ParticipantAttendance]:
        return list(self._rows)

    def participant(self, row: int) -> ParticipantAttendance | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: str) -> int:
        return next((r for r, p in enumerate(self._rows) if p.person_id == person_id), -1)

    def total_row(self) -> int:
        return len(self._rows)

    # -- column layout ----------------------------------------------------------------------
    def session_column(self, i: int) -> int:
        return FIXED_LEFT + i

    def session_at(self, column: int) -> SessionInfo | None:
        i = column - FIXED_LEFT
        return self._sessions[i] if 0 <= i < len(self._sessions) else None

    @property
    def hours_column(self) -> int:
        return FIXED_LEFT + len(self._sessions)

    @property
    def rate_column(self) -> int:
        return self.hours_column + 1

    @property
    def completed_column(self) -> int:
        return self.hours_column + 2

    # -- figures ---------------------------------------------------------------------------------
    def present_count(self, session_id: str) -> int:
        return sum(1 for p in self._rows if p.present.get(session_id))

    def average_rate(self) -> float:
        return sum(p.rate for p in self._rows) / len(self._rows) if self._rows else 0.0

    def completed_count(self) -> int:
        return sum(1 for p in self._rows if p.completed)

    # -- Qt model interface ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._sheet is None else len(self._rows) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._sheet is None else FIXED_LEFT + len(self._sessions) + FIXED_RIGHT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        sess = self.session_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if sess is not None:
                return self.tr("{date}\n{hours} h").format(date=day_month_text(sess.date), hours=hours_text(sess.hours))
            if section == 0:
                return self.tr("Name")
            if section == 1:
                return self.tr("Sector")
            if section == self.hours_column:
                return self.tr("Hours\nof {total}").format(
                    total=hours_text(self._sheet.training.total_hours if self._sheet else 0))
            if section == self.rate_column:
                return self.tr("Rate")
            return self.tr("Completed")
        if role == Qt.ItemDataRole.ToolTipRole:
            if sess is not None:
                return self.tr("Session of {date}, {hours} hours").format(date=date_text(sess.date),
                                                                    hours=hours_text(sess.hours))
            if section == self.completed_column and self._sheet is not None:
                return self.tr("Completed: attended at least {share} of the hours").format(
                    share=percent(self._sheet.rule.min_share))
        return None

    def check_state(self, index: _Index) -> Qt.CheckState | None:
        """The tick of a session cell, None elsewhere (for the delegate: plain Python, no QVariant)."""
        if not index.isValid() or self._sheet is None or not 0 <= index.row() < len(self._rows):
            return None
        sess = self.session_at(index.column())
        if sess is None:
            return None
        return Qt.CheckState.Checked if self._rows[index.row()].present.get(sess.id) else Qt.CheckState.Unchecked

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.row() < len(self._rows) and self.session_at(index.column()) is not None:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._sheet is None:
            return None
        row, col = index.row(), index.column()
        if not (0 <= row <= len(self._rows) and 0 <= col < self.columnCount()):
            return None
        if row == len(self._rows):
            return self._total_data(col, role)
        p = self._rows[row]
        sess = self.session_at(col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return p.full_name
            if col == 1:
                return tr_label(p.sector)
            if sess is not None:
                return None
            if col == self.hours_column:
                return hours_text(p.hours_attended)
            if col == self.rate_column:
                return percent(p.rate)
            return "✓" if p.completed else ""
        if role == Qt.ItemDataRole.CheckStateRole and sess is not None:
            return Qt.CheckState.Checked if p.present.get(sess.id) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= FIXED_LEFT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole:
            if col == self.completed_column and p.completed:
                return self._bold
            if col == 0 and p.walk_in:
                return self._italic
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.completed_column:
                return _DONE_FG
            if col == 0 and p.walk_in:
                return _WALK_IN_FG
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0 and p.walk_in:
                return self.tr("Walk-in: not a member of the advisory group")
            if sess is not None:
                state = self.tr("present") if p.present.get(sess.id) else self.tr("absent")
                return self.tr("{name}, {date}: {state}").format(name=p.full_name, date=date_text(sess.date),
                                                                 state=state)
        if role == PersonIdRole:
            return p.person_id
        if role == SessionIdRole and sess is not None:
            return sess.id
        return None

    def _total_data(self, col: int, role: int) -> Any:
        sess = self.session_at(col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.tr("Total: %n participant(s)", "", len(self._rows))
            if sess is not None:
                return str(self.present_count(sess.id))
            if col == self.rate_column:
                return percent(self.average_rate())
            if col == self.completed_column:
                return str(self.completed_count())
            return ""
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return _TOTAL_BG
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= FIXED_LEFT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if sess is not None:
                return self.tr("Present at the session of {date}").format(date=date_text(sess.date))
            if col == self.rate_column:
                return self.tr("Average attendance rate")
            if col == self.completed_column:
                return self.tr("Participants who completed the training")
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self._sheet is None:
            return False
        row = index.row()
        sess = self.session_at(index.column())
        if sess is None or not 0 <= row < len(self._rows):
            return False
        try:
            present = Qt.CheckState(value) == Qt.CheckState.Checked
        except ValueError:
            return False
        p = self._rows[row]
        if bool(p.present.get(sess.id)) == present:
            return True
        if not self.persist(sess.id, p.person_id, present):
            return False
        self._rows[row] = self._recount(p, {**p.present, sess.id: present})
        # One signal for the row and the totals row (and the rows between: cheap to repaint).
        self.dataChanged.emit(self.index(row, 0), self.index(len(self._rows), self.completed_column))
        return True

    def toggle(self, index: _Index) -> bool:
        """Flip one tick (the keyboard's Space)."""
        if not (self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        checked = self.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        return self.setData(index, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                            Qt.ItemDataRole.CheckStateRole)

    def _recount(self, p: ParticipantAttendance, present: dict[str, bool]) -> ParticipantAttendance:
        assert self._sheet is not None
        hours = {s.id: s.hours for s in self._sessions}
        attended = sum(hours[sid] for sid, ok in present.items() if ok and sid in hours)
        return replace(p, present=present, hours_attended=attended,
                       completed=self._sheet.rule.completed(attended, p.hours_total))

    # -- type-ahead ----------------------------------------------------------------------------------
    def find_prefix(self, text: str, start: int = 0) -> int:
        """First row at or after *start* (wrapping) whose name starts with *text*, in any script
        (Айбек / Aibek); -1 if none."""
        folded = text.casefold()
        key = search_key(text)
        n = len(self._rows)
        for k in range(n):
            r = (start + k) % n
            if self._rows[r].full_name.casefold().startswith(folded) or (key and self._keys[r].startswith(key)):
                return r
        return -1


def dates_text(start: dt.date | None, end: dt.date | None) -> str:
    """The dates of a training in its list and header: Apr 6 – 7, 2026 / 06.04.2026—07.04.2026."""
    return range_text(start, end)
