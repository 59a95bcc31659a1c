"""Finding the people who may be one person: at entry (one new name) and across the whole table.

At entry, a handful of ``LIKE`` tests on the stored search keys (the first letters of two of
the name's words, in the spellings the matcher folds together), the PIN and the phone pick
the candidates in SQL; :func:`domain.matching.score` ranks them. Across the whole table
(headquarters), every person gets the matcher's blocking keys and only people sharing a key
are scored.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, or_, select

from ..domain.matching import (
    EVIDENCE_MAX,
    LIKELY,
    NO_NAME,
    POSSIBLE,
    SAME_NAME,
    Match,
    NameScore,
    NameTable,
    Profile,
    Word,
    evidence_match,
    parse_name,
    score,
)
from ..domain.names import search_key
from ..storage.db import Store
from ..storage.models import Person

# my forms -> the letters search_key writes
_TO_SEARCH = str.maketrans({"c": "ch", "w": "sh", "q": "ts", "y": "i", "ï": "i"})
_REPEAT = re.compile(r"(.)\1+")
_MARKERS = frozenset({"uulu", "ulu", "uly", "ugli", "ogli", "ogly", "kyzy", "kizi", "kyzi", "kizy", "qizi"})


def _prefixes(word: Word) -> set[str]:
    """Three-letter starts under which a spelling of *word* may be stored in ``name_key``."""
    out: set[str] = set()
    sources = [search_key(word.text)] + [_REPEAT.sub(r"\1", f.translate(_TO_SEARCH)) for f in word.forms]
    for src in sources:
        src = src.replace(" ", "")
        if not src:
            continue
        head = src[:3]
        out.add(head)
        # Үсөн stored as "uson", Усен typed: the Russian spelling of a Kyrgyz front vowel
        out |= {head[:1] + head[1:].replace("e", "o"), head[:1] + head[1:].replace("o", "e")}
        if head[:2] in ("iu", "ia"):  # Юлия / Julia
            out.add("j" + head[1:])
        if head[:2] in ("ju", "ja"):
            out.add("i" + head[1:])
        if len(head) == 3 and head[1] == "i" and head[0] in "aeiou":  # Айбек / Ajbek
            out.add(head[0] + "j" + head[2])
    return {p for p in out if p}


def _name_condition(full_name: str) -> ColumnElement[bool] | None:
    """People whose stored name starts with a spelling of one of the name's words and holds
    a spelling of another: one index range scan of ``name_key`` per start, so the cost follows
    the number of people sharing the start, not the size of the table."""
    p = parse_name(full_name)
    words = [w for w in p.words if w.text not in _MARKERS]
    if p.patronymic is not None:
        words.append(p.patronymic.root)
    words = words[:4]
    if not words:
        return None
    padded = " " + Person.name_key
    prefixes = [sorted(_prefixes(w)) for w in words]
    likes = [or_(*(padded.like(f"% {pre}%") for pre in pres)) for pres in prefixes]
    terms = []
    for i, pres in enumerate(prefixes):
        others = [like for j, like in enumerate(likes) if j != i]
        for pre in pres:
            start = and_(Person.name_key >= pre, Person.name_key < pre + "{")
            terms.append(and_(start, or_(*others)) if others else start)
    return or_(*terms)


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float
    reasons: tuple[str, ...]


def candidates_for(store: Store, profile: Profile, *, exclude_ids: Iterable[str] = (),
                   limit: int = 10) -> list[Candidate]:
    """People (not deleted) who may be *profile*, best first, scored at least POSSIBLE."""
    conds = []
    name_cond = _name_condition(profile.full_name)
    if name_cond is not None:
        conds.append(name_cond)
    if profile.pin:
        conds.append(Person.pin == profile.pin)
    if profile.phone:
        conds.append(Person.phone == profile.phone)
    if not conds:
        return []
    exclude = set(exclude_ids)
    q = (select(Person.id, Person.full_name, Person.birth_year, Person.sex, Person.pin, Person.phone,
                Person.community_id)
         .where(Person.deleted.is_(False), or_(*conds)).limit(2000))
    out = []
    with store.read() as s:
        rows = s.execute(q).all()
    for pid, name, year, sex, pin, phone, cid in rows:
        if pid in exclude:
            continue
        m = score(profile, Profile(name, year, sex, pin, phone, cid))
        if m.score >= POSSIBLE:
            out.append(Candidate(pid, m.score, m.reasons))
    out.sort(key=lambda c: -c.score)
    return out[:limit]


# ---- the whole table ---------------------------------------------------------------------------


class PairScore(NamedTuple):
    """Two people (positions in the rows or profiles searched, a < b) and their match."""

    a: int
    b: int
    match: Match


def profiles_of(rows: Sequence[tuple[Any, ...]]) -> list[Profile]:
    """Profiles from (id, full_name, birth_year, sex, pin, phone, community_id) rows."""
    return [Profile(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def _years_meet(a: int | None, b: int | None) -> bool:
    """Two people of one block are compared if born the same year or one year is unknown
    (another birth year is someone else), so a common name never costs a quadratic scan."""
    return a is None or b is None or a == b


def _sexes_meet(a: str | None, b: str | None) -> bool:
    return not (a and b and a != b)


def scored_pairs(profiles: Sequence[Profile], *, threshold: float = POSSIBLE) -> list[PairScore]:
    """Every pair of people sharing a blocking key, born the same year (or one year unknown),
    not of different sexes and scoring at least *threshold*; best first, ties in the order of
    the profiles (``a < b``: positions in *profiles*)."""
    return scored_rows([(None, p.full_name, p.birth_year, p.sex, p.pin, p.phone, p.community_id)
                        for p in profiles], threshold=threshold)


def scored_rows(rows: Sequence[Sequence[Any]], *, threshold: float = POSSIBLE) -> list[PairScore]:
    """:func:`scored_pairs` of people given as (id, full_name, birth_year, sex, pin, phone,
    community_id, ...) rows (a raw query's), without a Profile for everyone.

    The work follows the distinct words and names, not the people: 100,000 people carry some
    45,000 names made of some 2,000 words. :class:`domain.matching.NameTable` finds the pairs
    of names sharing a key and leaves out those that cannot reach *threshold* (a cheap bound
    on the words); each remaining pair of names is scored once, and only the pairs that may
    reach *threshold* are paired person by person (the names' score with the year and
    community, the same figure as ``score``). PINs and phones are blocked person by person.

    Python's cyclic garbage collector is paused meanwhile: the blocks are some 10^5 small
    lists and strings, none of them in a cycle, and its repeated passes over them cost more
    than the work itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        found = _id_pairs(rows, threshold) + _name_pairs(rows, threshold)
        # (-score, a, b, match): best first, ties by position (a pair is found once). Three
        # stable sorts on one field each: twice as fast as comparing the tuples.
        for field in (2, 1, 0):
            found.sort(key=itemgetter(field))
        return [PairScore(a, b, m) for _s, a, b, m in found]
    finally:
        if was_enabled:
            gc.enable()


_Found = tuple[float, int, int, Match]  # (-score, a, b, match), a < b
_TWO_PINS = Match(0.0, ())  # two personal numbers: two people (score_with_names)


def _id_pairs(rows: Sequence[Sequence[Any]], threshold: float) -> list[_Found]:
    """Pairs sharing a PIN or a phone (whatever their names), fully scored."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r[4]:
            by_id["pin:" + r[4]].append(i)
        if r[5]:
            by_id["tel:" + r[5]].append(i)
    seen: set[tuple[int, int]] = set()
    out: list[_Found] = []
    for members in by_id.values():
        for x, y in combinations(members, 2):  # positions ascending: x < y
            ra, rb = rows[x], rows[y]
            if (x, y) in seen or not _years_meet(ra[2], rb[2]) or not _sexes_meet(ra[3], rb[3]):
                continue
            seen.add((x, y))
            m = score(Profile(*ra[1:7]), Profile(*rb[1:7]))
            if m.score >= threshold:
                out.append((-m.score, x, y, m))
    return out


def _name_pairs(rows: Sequence[Sequence[Any]], threshold: float) -> list[_Found]:
    """Pairs sharing a name key and not a PIN or phone (those are _id_pairs')."""
    people: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        people[r[1]].append(i)
    names = list(people)
    members = list(people.values())
    table = NameTable(names)
    # The birth years of each name's people; None if one of them has none (meets every year).
    year_col = [r[2] for r in rows]
    year_of = year_col.__getitem__
    one: dict[int | None, frozenset[int] | None] = {y: frozenset([y]) for y in set(year_col) if y is not None}
    one[None] = None

    def name_years(m: list[int]) -> frozenset[int] | None:
        ys = frozenset(map(year_of, m))
        return None if None in ys else ys

    years = [one[year_col[m[0]]] if len(m) == 1 else name_years(m) for m in members]
    # The name must reach what the evidence (year, phone, community) cannot make up for;
    # 0.0005: the final score is rounded to three places.
    floor = threshold - EVIDENCE_MAX - 0.0005
    out: list[_Found] = []

    def pair_people(pairs: Iterable[tuple[int, int]], ns: NameScore, cases: dict[tuple[bool, bool], Match]) -> None:
        """score_with_names of each pair of people of the two names (born the same year or
        one year unknown, not of different sexes, no PIN or phone in common): the names'
        score with the year and community: one Match per case (*cases*) of the pair of names."""
        for x, y in pairs:
            ra, rb = rows[x], rows[y]
            ya, yb = ra[2], rb[2]
            if ya is not None and yb is not None and ya != yb:
                continue
            sa, sb = ra[3], rb[3]
            if sa and sb and sa != sb:
                continue
            pa, pb = ra[4], rb[4]
            if (pa and pa == pb) or (ra[5] and ra[5] == rb[5]):
                continue
            if pa and pb:
                m = _TWO_PINS
            else:
                case = (bool(ya and yb), bool(ra[6] and ra[6] == rb[6]))
                known = cases.get(case)
                if known is None:
                    known = cases[case] = evidence_match(ns, 0 if case[0] else None, sexes_differ=False,
                                                         same_phone=False, same_community=case[1])
                m = known
            if m.score >= threshold:
                out.append((-m.score, x, y, m) if x < y else (-m.score, y, x, m))

    same_cases: dict[NameScore, dict[tuple[bool, bool], Match]] = {SAME_NAME: {}, NO_NAME: {}}
    for k, (m, ys) in enumerate(zip(members, years, strict=True)):
        # people of one name; none born the same year if as many years are known as people
        if len(m) > 1 and (ys is None or len(ys) < len(m)) and table.keyed(k):
            ns = SAME_NAME if table.has_words(k) else NO_NAME  # names_score(name, name)
            if ns.score >= floor:
                pair_people(combinations(m, 2), ns, same_cases[ns])
    for k, j in table.pairs_that_may_reach(floor, years):
        ns = table.names_score(k, j)
        if ns.score >= floor:
            pair_people(((x, y) for x in members[k] for y in members[j]), ns, {})
    return out


__all__ = ["LIKELY", "POSSIBLE", "Candidate", "PairScore", "candidates_for", "profiles_of",
           "scored_pairs", "scored_rows"]
