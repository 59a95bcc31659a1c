"""A column-wise, in-memory list of people for filter-as-you-type over 100,000 rows.

The People page loads every person of a community (headquarters: everyone) once, then filters
on each keystroke in Python. One SQL query per keystroke would also work, but a LIKE '%x%' scan
plus building result objects for tens of thousands of matches costs more than matching the
pre-computed search keys held here (about 10-20 ms for 100,000 people).
This is the one search over people: the People page's filter and every other list of people
found by a query. Matching: the name in any script or spelling (every word, in any order),
phone digits, or a sector's stored value, English label or label in the interface language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, literal_column, select
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from ..domain.enums import LABELS, Sector
from ..domain.names import search_key
from ..storage.models import Community, Person

if TYPE_CHECKING:
    from sqlalchemy import Connection, Select

    from ..storage.db import Store

# A person's row as the DBAPI returns it, in PeopleIndex's field order.
Row = tuple[Any, ...]


@dataclass
class PeopleIndex:
    """Parallel lists, one entry per person, ordered by name."""

    ids: list[str] = field(default_factory=list)
    full_names: list[str] = field(default_factory=list)
    sexes: list[str] = field(default_factory=list)
    birth_years: list[int | None] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    phones: list[str | None] = field(default_factory=list)
    community_ids: list[str] = field(default_factory=list)
    community_names: list[str] = field(default_factory=list)
    name_keys: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def match(self, query: str, extra_sector_words: Sequence[tuple[str, str]] = (),
              within: Sequence[int] | None = None) -> list[int]:
        """Positions of the people matching *query* (all of them for an empty query).

        ``extra_sector_words`` are (sector value, label in the UI language) pairs, so that
        typing "молодежь" finds the youth sector in a Russian interface. *within*: look only
        at these positions (in their order), e.g. what a shorter query found (see
        :meth:`Query.narrows`).
        """
        return self.select(parse_query(query, extra_sector_words), within)

    def select(self, q: Query, within: Sequence[int] | None = None) -> list[int]:
        """Positions of the people *q* finds, among *within* (default: everyone), in its order."""
        if q.everyone:
            return list(range(len(self.ids)) if within is None else within)
        if q.nobody:
            return []
        pos: Sequence[int] = range(len(self.ids)) if within is None else within
        keys, phones, secs = self.name_keys, self.phones, self.sectors
        words, sectors, phone = q.words, q.sectors, q.phone
        # One comprehension per common case: per row, a Python loop with append() and several
        # branches costs twice as much, which is the whole keystroke budget at 100,000 rows.
        # (keys[i] over positions beats enumerate(keys): no tuple per row.)
        if not sectors and not phone:
            first, rest = words[0], words[1:]
            if rest:  # every word, in any order: "Айбек Асанов" finds "Асанов Айбек"
                return [i for i in pos if first in keys[i] and all(w in keys[i] for w in rest)]
            return [i for i in pos if first in keys[i]]
        if not words:
            if not sectors:
                return [i for i in pos if (p := phones[i]) and phone in p]
            if not phone:
                return [i for i in pos if secs[i] in sectors]
        elif not phone and len(words) == 1:
            first = words[0]
            return [i for i in pos if first in keys[i] or secs[i] in sectors]
        out = []
        for i in pos:
            k = keys[i]
            if words and all(w in k for w in words):
                out.append(i)
            elif sectors and secs[i] in sectors:
                out.append(i)
            elif phone:
                p = phones[i]
                if p and phone in p:
                    out.append(i)
        return out

    def filtered(self, query: str, extra_sector_words: Sequence[tuple[str, str]] = ()) -> PeopleIndex:
        """The people matching *query* (as :meth:`match` finds them), in the same order."""
        rows = self.match(query, extra_sector_words)
        return PeopleIndex(
            [self.ids[i] for i in rows], [self.full_names[i] for i in rows], [self.sexes[i] for i in rows],
            [self.birth_years[i] for i in rows], [self.sectors[i] for i in rows], [self.phones[i] for i in rows],
            [self.community_ids[i] for i in rows], [self.community_names[i] for i in rows],
            [self.name_keys[i] for i in rows])


@dataclass(frozen=True)
class Query:
    """What a filter text asks for: a person matches when their name key holds every one of
    *words*, or their sector is in *sectors*, or their phone holds *phone* (digits, leading
    zeros dropped). *everyone* for an empty text; nothing asked (no word, sector or phone):
    nobody."""

    everyone: bool = False
    words: tuple[str, ...] = ()
    sectors: frozenset[str] = frozenset()
    phone: str = ""

    @property
    def nobody(self) -> bool:
        return not (self.everyone or self.words or self.sectors or self.phone)

    def narrows(self, wider: Query) -> bool:
        """True when everyone this query finds, *wider* finds too: then this query needs to look
        only at what *wider* found (typing on: "as" -> "asa"). Each way of matching must imply
        one of *wider*'s: every word of *wider* inside a word of this query, sectors a subset,
        *wider*'s phone digits inside this query's."""
        if wider.everyone or self.nobody:
            return True
        if self.everyone:
            return False
        if self.words and not (wider.words and all(any(w in mine for mine in self.words) for w in wider.words)):
            return False
        if not self.sectors <= wider.sectors:
            return False
        return not self.phone or bool(wider.phone and wider.phone in self.phone)


def parse_query(query: str, extra_sector_words: Sequence[tuple[str, str]] = ()) -> Query:
    """A filter text as a :class:`Query` (see :meth:`PeopleIndex.match`). Only digits and
    separators ("0555 12"): the phone alone, not the names."""
    text = (query or "").strip()
    if not text:
        return Query(everyone=True)
    key = search_key(text)
    digits = "".join(ch for ch in text if ch.isdigit())
    sectors = frozenset(sectors_matching(key, extra_sector_words)) if key else frozenset()
    phone = (digits.lstrip("0") or digits) if len(digits) >= 3 else ""
    if phone and not sectors and not any(ch.isalpha() for ch in text):
        return Query(phone=phone)
    return Query(words=tuple(key.split()), sectors=sectors, phone=phone)


def sectors_matching(key: str, extra: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Sector values whose stored value, English label or given UI label contains *key*."""
    found = []
    for s in Sector:
        words = [s.value.replace("_", " "), LABELS.get(s, "")]
        words += [lab for value, lab in extra if value == s.value]
        if any(key in search_key(w) for w in words if w):
            found.append(s.value)
    return found


def _people_query(community_id: str | None, *, in_name_order: bool = False) -> Select[*tuple[Any, ...]]:
    """Everyone (not deleted) of *community_id* or of all, ordered by name. *in_name_order*
    (SQLite only): walk the name index, testing the community on the way, instead of letting
    SQLite take the community index and sort what it finds."""
    q = (select(Person.id, Person.full_name, Person.sex, Person.birth_year, Person.sector, Person.phone,
                Person.community_id, Community.name_en, Person.name_key)
         .join(Community, Community.id == Person.community_id)
         .where(Person.deleted.is_(False))
         .order_by(Person.sort_key))
    if community_id:
        # "+column" is the same value, but SQLite uses no index for a term on it: its documented
        # way to steer the planner (sqlite.org/optoverview.html, "disqualifying WHERE clause terms").
        community = (UnaryExpression(Person.community_id.expression, operator=custom_op("+"), type_=Person.community_id.type)
                     if in_name_order else Person.community_id)
        q = q.where(community == community_id)
    return q


def _fetch(conn: Connection, q: Select[*tuple[Any, ...]]) -> list[Row]:
    compiled = q.compile(dialect=conn.dialect)
    # positional on SQLite (qmark), by name on PostgreSQL (psycopg's pyformat)
    params: Any = ([compiled.params[k] for k in compiled.positiontup]
                   if compiled.positiontup is not None else compiled.params)
    # Straight through the DBAPI cursor: building SQLAlchemy Row objects for 100,000
    # people costs about a third of the whole load, on the way to the first screen.
    driver = conn.connection.driver_connection
    assert driver is not None  # an open connection's sqlite3 (or psycopg) connection
    rows: list[Row] = driver.execute(str(compiled), params).fetchall()
    return rows


def index_of(rows: list[Row]) -> PeopleIndex:
    """A PeopleIndex from rows in its field order (id, full name, sex, ..., name key)."""
    if not rows:
        return PeopleIndex()
    # One comprehension per column: zip(*rows) unpacks 100,000 arguments and is 3x slower.
    return PeopleIndex(*([r[i] for r in rows] for i in range(len(rows[0]))))


def load_people_index(store: Store, community_id: str | None = None) -> PeopleIndex:
    """Every person (not deleted) of *community_id*, or of all communities, ordered by name."""
    with store.read() as s:
        rows = _fetch(s.connection(), _people_query(community_id))
    return index_of(rows)


def load_people_head(store: Store, community_id: str | None = None,
                     limit: int = 200) -> tuple[PeopleIndex, int]:
    """The first *limit* people in name order (as :func:`load_people_index` orders them) and
    how many people there are in all: a first screenful in a few tens of milliseconds where the
    whole list takes a second or more.

    The total is counted in ix_people_community_live (community and ``deleted``), without
    reading the table. The rows: when the community holds most people (a field office), walking
    the name index and skipping other communities' people reads about *limit* rows, where
    SQLite's own choice (the community index, then sorting everyone found) reads all of them
    (~400 ms at 100,000 people); when it holds few (one small community at headquarters), the
    community index is the shorter way. The walk is taken when it reads fewer rows than the
    community has (``limit * everyone / total`` rows against ``total``). "Everyone" there is
    the table's largest rowid, one step down its b-tree: people are never deleted from the table
    (only marked), so it is how many rows it holds (a few more after a rollback), where a count
    would read a whole index of everyone again, after the count of the community."""
    q = _people_query(community_id)
    live = select(func.count()).select_from(Person).where(Person.deleted.is_(False))
    if community_id:
        live = live.where(Person.community_id == community_id)
    with store.read() as s:
        conn = s.connection()
        total = int(conn.execute(live).scalar_one())
        if community_id and total > limit and conn.dialect.name == "sqlite":
            largest_rowid: Select[tuple[Any]] = select(func.max(literal_column("rowid"))).select_from(Person)
            everyone = int(conn.execute(largest_rowid).scalar_one() or 0)
            if limit * everyone <= total * total:
                q = _people_query(community_id, in_name_order=True)
        rows = _fetch(conn, q.limit(limit))
    return index_of(rows), total
