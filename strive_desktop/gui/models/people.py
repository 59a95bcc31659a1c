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
from ...services.people_index import PeopleIndex, Query, parse_query, sectors_matching

if TYPE_CHECKING:
    from ...services.rosters import MemberRow

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole), int(IdRole),
                    int(SortRole)})


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
        # What the filter found, in position order, and the query that found it (None while
        # not known for the rows held): typing on searches only among these.
        self._matched: list[int] | None = None
        self._matched_query: Any = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._rank: list[int] | None = None  # position -> place in the sorted order of everyone
        self._everyone_sorted: list[int] = []  # positions in that order
        self._labels: dict[str, str] = {}
        self.today = dt.date.today()

    # -- to be provided by subclasses ------------------------------------------------------
    def _count(self) -> int:
        raise NotImplementedError

    def _query(self, text: str) -> Any:
        """*text* as the query :meth:`_match` takes."""
        return text

    def _match(self, query: Any, within: list[int] | None) -> list[int]:
        """Positions matching *query* in position order, looking only at *within* (position
        order too) when given."""
        raise NotImplementedError

    def _narrows(self, query: Any, wider: Any) -> bool:
        """True when everyone *query* finds, *wider* finds too."""
        return False

    def _exact(self) -> bool:
        """False while the rows held are not the real ones (a list still being read)."""
        return True

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
        if role not in _ROLES:  # the view asks 7 roles per painted cell; most are not ours
            return None
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
        self._rank = None
        if self._matched is None:
            return  # sorted when the rows are in (set_filter)
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._rows = self._in_display_order(self._matched)
        # The selection (and the current row) follow their people to their new rows.
        persistent = self.persistentIndexList()
        if persistent:
            moved = []
            for ix in persistent:
                try:
                    row = self._rows.index(before[ix.row()])
                except (ValueError, IndexError):
                    moved.append(QModelIndex())
                    continue
                moved.append(self.index(row, ix.column()))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # -- helpers -----------------------------------------------------------------------------
    def _sort_key(self, pos: int, col: int) -> Any:
        v = self._value(pos, col)
        if isinstance(v, str):
            return sort_key(v) if self.columns[col] == "name" else v.casefold()
        return -1 if v is None else v

    def _column_keys(self, col: int) -> list[Any]:
        """Every row's sort key in column *col*, by position."""
        if self.columns[col] == "name":
            return [self._name_sort_key(pos) for pos in range(self._count())]
        return [self._sort_key(pos, col) for pos in range(self._count())]

    def _name_sort_key(self, pos: int) -> Any:
        return pos  # rows arrive sorted by name; position order is name order

    _NAME_IN_POSITION_ORDER = True

    def _in_display_order(self, matched: list[int]) -> list[int]:
        """*matched* (position order) in the order of the sorted column. Everyone is sorted
        once per column and data (:attr:`_rank`); a keystroke then orders only what it found."""
        if self._sort is None:
            return matched
        col, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if self.columns[col] == "name" and self._NAME_IN_POSITION_ORDER:
            return matched[::-1] if descending else matched
        if self._rank is None:
            keys = self._column_keys(col)
            # ties in name order, either way (sorted() with reverse=True keeps ties in order)
            everyone = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
            rank = [0] * len(everyone)
            for place, pos in enumerate(everyone):
                rank[pos] = place
            self._rank, self._everyone_sorted = rank, everyone
        everyone = self._everyone_sorted
        if len(matched) == len(everyone):
            return list(everyone)
        if len(matched) * 2 < len(everyone):
            return sorted(matched, key=self._rank.__getitem__)
        # Most people: pick them out of everyone in order (two passes, no sort: 2x faster).
        found = bytearray(len(everyone))
        for pos in matched:
            found[pos] = 1
        return [pos for pos in everyone if found[pos]]

    def label(self, value: str) -> str:
        out = self._labels.get(value)
        if out is None:
            out = self._labels[value] = tr_label(value)
        return out

    def age(self, birth_year: int | None) -> int | None:
        return None if birth_year is None else self.today.year - birth_year

    def set_filter(self, text: str) -> None:
        """Show only rows matching *text* (name in any script, phone digits, sector).

        Typing on ("as" -> "asa") searches only among what the shorter text found."""
        query = self._query(text)
        within = None
        if self._matched is not None and self._narrows(query, self._matched_query):
            within = self._matched
        self._filter = text
        self.beginResetModel()
        matched = self._match(query, within)
        exact = self._exact()
        self._matched, self._matched_query = (matched, query) if exact else (None, None)
        self._rows = self._in_display_order(matched) if exact else matched
        self.endResetModel()

    def _data_changed(self) -> None:
        """New rows: nothing found so far applies to them, and they are sorted afresh."""
        self._matched = self._matched_query = None
        self._rank = None

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
        self._data_changed()
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
        self._data_changed()
        self.set_filter(self._filter)

    @property
    def loading(self) -> bool:
        """True while only the first people are in (see :meth:`set_head`)."""
        return self._loading_total is not None

    def _exact(self) -> bool:
        return not self.loading

    def _count(self) -> int:
        total = self._loading_total
        return len(self._index) if total is None else total

    def _query(self, text: str) -> Query:
        return parse_query(text, sector_words())

    def _match(self, query: Query, within: list[int] | None) -> list[int]:
        if self.loading:
            return list(range(self._count())) if query.everyone else []
        return self._index.select(query, within)

    def _narrows(self, query: Query, wider: Query) -> bool:
        return query.narrows(wider)

    def _column_keys(self, col: int) -> list[Any]:
        """Column-wise (one comprehension, labels looked up once per value): sorting 100,000
        people through :meth:`_sort_key` row by row takes a quarter of a second."""
        ix, c = self._index, self.columns[col]
        if c in ("sex", "sector"):
            values = ix.sexes if c == "sex" else ix.sectors
            labels = {v: self.label(v).casefold() for v in set(values)}
            return [labels[v] for v in values]
        if c == "age":
            year = self.today.year
            return [-1 if b is None else year - b for b in ix.birth_years]
        if c == "phone":
            return [format_phone(p).casefold() for p in ix.phones]
        if c == "community":
            names = {(cid, name): self._community_label(cid, name).casefold()
                     for cid, name in set(zip(ix.community_ids, ix.community_names, strict=True))}
            return [names[k] for k in zip(ix.community_ids, ix.community_names, strict=True)]
        return super()._column_keys(col)

    def row_of(self, row_id: str) -> int:
        try:  # list.index: a C loop, where a Python one over 100,000 rows takes tens of ms
            return self._rows.index(self._index.ids.index(row_id))
        except ValueError:
            return -1

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
        self._data_changed()
        self.set_filter(self._filter)

    def member(self, row: int) -> MemberRow:
        return self._members[self._rows[row]]

    def _count(self) -> int:
        return len(self._members)

    _NAME_IN_POSITION_ORDER = False  # members come in the service's order; sorted by name key

    def _match(self, text: str, within: list[int] | None) -> list[int]:
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
