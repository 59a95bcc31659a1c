"""Table models for the People and Advisory group pages.

Both keep every row in memory and filter by rebuilding a list of visible positions, then
resetting the model: about 10-20 ms for 100,000 people, where a QSortFilterProxyModel over
the same rows takes seconds per keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ...domain.enums import LABELS, GroupRole, Sector, Sex
from ...domain.names import search_key, sort_key
from ...domain.validation import format_phone
from ...i18n import CONTEXT
from ...services.people_index import PeopleIndex, sectors_matching

if TYPE_CHECKING:
    from ...services.rosters import MemberRow

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def tr_label(value: str) -> str:
    """A stored enum value's label in the UI language (context "strive")."""
    for enum in (Sex, Sector, GroupRole):
        try:
            return QCoreApplication.translate(CONTEXT, LABELS[enum(value)])
        except (ValueError, KeyError):
            continue
    return value


def sector_words() -> list[tuple[str, str]]:
    """(sector value, label in the UI language) pairs for filtering by a translated sector."""
    return [(s.value, tr_label(s.value)) for s in Sector]


class _FilteredTableModel(QAbstractTableModel):
    """Rows held in memory; ``_rows`` lists the visible positions in display order."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[int] = []
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._labels: dict[str, str] = {}
        self.today = dt.date.today()

    # -- to be provided by subclasses ------------------------------------------------------
    def _count(self) -> int:
        raise NotImplementedError

    def _match(self, text: str) -> list[int]:
        raise NotImplementedError

    def _value(self, pos: int, column: int) -> Any:
        raise NotImplementedError

    def _id(self, pos: int) -> str:
        raise NotImplementedError

    def header_labels(self) -> list[str]:
        raise NotImplementedError

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            labels = self.header_labels()
            if 0 <= section < len(labels):
                return labels[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        pos = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(pos, col)
            return "" if value is None else str(value)
        if role == IdRole:
            return self._id(pos)
        if role == SortRole:
            return self._sort_key(pos, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[col] == "age":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort()
        self.layoutChanged.emit()

    # -- helpers -----------------------------------------------------------------------------
    def _sort_key(self, pos: int, col: int) -> Any:
        v = self._value(pos, col)
        if isinstance(v, str):
            return sort_key(v) if self.columns[col] == "name" else v.casefold()
        return -1 if v is None else v

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        col, order = self._sort
        if self.columns[col] == "name":
            keyfn: Callable[[int], Any] = self._name_sort_key
        else:
            keyfn = lambda pos: self._sort_key(pos, col)  # noqa: E731
        self._rows.sort(key=keyfn, reverse=order == Qt.SortOrder.DescendingOrder)

    def _name_sort_key(self, pos: int) -> Any:
        return pos  # rows arrive sorted by name; position order is name order

    def label(self, value: str) -> str:
        out = self._labels.get(value)
        if out is None:
            out = self._labels[value] = tr_label(value)
        return out

    def age(self, birth_year: int | None) -> int | None:
        return None if birth_year is None else self.today.year - birth_year

    def set_filter(self, text: str) -> None:
        """Show only rows matching *text* (name in any script, phone digits, sector)."""
        self._filter = text
        self.beginResetModel()
        self._rows = self._match(text)
        self._apply_sort()
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return self._filter

    def total(self) -> int:
        return self._count()

    def id_at(self, row: int) -> str:
        return self._id(self._rows[row])

    def row_of(self, row_id: str) -> int:
        for r, pos in enumerate(self._rows):
            if self._id(pos) == row_id:
                return r
        return -1


class PeopleTableModel(_FilteredTableModel):
    """Everyone in a community (headquarters: in every community)."""

    def __init__(self, parent: Any = None, *, show_community: bool = False) -> None:
        super().__init__(parent)
        self.columns = ("name", "sex", "age", "sector", "phone") + (("community",) if show_community else ())
        self._index = PeopleIndex()
        self._loading_total: int | None = None
        self._community_label: Callable[[str, str], str] = lambda _cid, name: name

    def header_labels(self) -> list[str]:
        t = {"name": self.tr("Name"), "sex": self.tr("Sex"), "age": self.tr("Age"), "sector": self.tr("Sector"),
             "phone": self.tr("Phone"), "community": self.tr("Community")}
        return [t[c] for c in self.columns]

    def set_people(self, index: PeopleIndex,
                   community_label: Callable[[str, str], str] | None = None) -> None:
        """Every person: filtering and sorting work on all of them."""
        self._index = index
        self._loading_total = None
        if community_label is not None:
            self._community_label = community_label
        self.set_filter(self._filter)

    def set_head(self, head: PeopleIndex, total: int,
                 community_label: Callable[[str, str], str] | None = None) -> None:
        """The first people in name order while the rest are still being read: the model has
        *total* rows (the scrollbar is sized for all), those past *head* read as empty until
        :meth:`set_people` brings everyone. A filter set meanwhile shows nothing until then
        (it is applied to everyone then); sorting waits the same way."""
        self._index = head
        self._loading_total = total
        if community_label is not None:
            self._community_label = community_label
        self.set_filter(self._filter)

    @property
    def loading(self) -> bool:
        """True while only the first people are in (see :meth:`set_head`)."""
        return self._loading_total is not None

    def _apply_sort(self) -> None:
        if not self.loading:
            super()._apply_sort()

    def _count(self) -> int:
        total = self._loading_total
        return len(self._index) if total is None else total

    def _match(self, text: str) -> list[int]:
        if self.loading:
            return [] if (text or "").strip() else list(range(self._count()))
        return self._index.match(text, sector_words())

    def _id(self, pos: int) -> str:
        ids = self._index.ids
        return ids[pos] if pos < len(ids) else ""

    def _value(self, pos: int, column: int) -> Any:
        ix = self._index
        if pos >= len(ix.ids):
            return None
        c = self.columns[column]
        if c == "name":
            return ix.full_names[pos]
        if c == "sex":
            return self.label(ix.sexes[pos])
        if c == "age":
            return self.age(ix.birth_years[pos])
        if c == "sector":
            return self.label(ix.sectors[pos])
        if c == "phone":
            return format_phone(ix.phones[pos])
        return self._community_label(ix.community_ids[pos], ix.community_names[pos])


class MemberTableModel(_FilteredTableModel):
    """Current members of one advisory group."""

    columns = ("name", "sex", "age", "sector", "role", "phone")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._members: list[MemberRow] = []
        self._keys: list[str] = []

    def header_labels(self) -> list[str]:
        return [self.tr("Name"), self.tr("Sex"), self.tr("Age"), self.tr("Sector"), self.tr("Role"),
                self.tr("Phone")]

    def set_members(self, members: Sequence[MemberRow]) -> None:
        self._members = list(members)
        self._keys = [search_key(m.full_name) for m in self._members]
        self.set_filter(self._filter)

    def member(self, row: int) -> MemberRow:
        return self._members[self._rows[row]]

    def _count(self) -> int:
        return len(self._members)

    def _match(self, text: str) -> list[int]:
        text = (text or "").strip()
        if not text:
            return list(range(len(self._members)))
        key = search_key(text)
        digits = "".join(ch for ch in text if ch.isdigit())
        phone = (digits.lstrip("0") or digits) if len(digits) >= 3 else ""
        sectors = set(sectors_matching(key, sector_words())) if key else set()
        return [i for i, m in enumerate(self._members)
                if (key and key in self._keys[i]) or m.sector in sectors or (phone and m.phone and phone in m.phone)]

    def _id(self, pos: int) -> str:
        return self._members[pos].membership_id

    def _value(self, pos: int, column: int) -> Any:
        m = self._members[pos]
        c = self.columns[column]
        if c == "name":
            return m.full_name
        if c == "sex":
            return self.label(m.sex)
        if c == "age":
            return self.age(m.birth_year)
        if c == "sector":
            return self.label(m.sector)
        if c == "role":
            return self.label(m.role)
        return format_phone(m.phone)

    def _name_sort_key(self, pos: int) -> Any:
        return self._keys[pos]
