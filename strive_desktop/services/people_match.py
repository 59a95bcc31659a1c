"""Finding the people who may be one person: at entry (one new name) and across the whole table.

At entry, a handful of ``LIKE`` tests on the stored search keys (the first letters of two of
the name's words, in the spellings the matcher folds together), the PIN and the phone pick
the candidates in SQL; :func:`domain.matching.score` ranks them. Across the whole table
(headquarters), every person gets the matcher's blocking keys and only people sharing a key
are scored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import and_, or_, select

from ..domain.matching import (
    LIKELY,
    POSSIBLE,
    Match,
    Profile,
    Word,
    blocking_keys,
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


def _name_condition(full_name: str):  # type: ignore[no-untyped-def]
    p = parse_name(full_name)
    words = [w for w in p.words if w.text not in _MARKERS]
    if p.patronymic is not None:
        words.append(p.patronymic.root)
    padded = " " + Person.name_key
    conds = []
    for w in words[:5]:
        likes = [padded.like(f"% {pre}%") for pre in sorted(_prefixes(w))]
        conds.append(or_(*likes))
    if not conds:
        return None
    if len(conds) == 1:
        return conds[0]
    return or_(*(and_(a, b) for a, b in combinations(conds, 2)))


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


@dataclass(frozen=True)
class PairScore:
    a: int
    b: int
    match: Match


def profiles_of(rows: Sequence[tuple]) -> list[Profile]:
    """Profiles from (id, full_name, birth_year, sex, pin, phone, community_id) rows."""
    return [Profile(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def blocks(profiles: Sequence[Profile]) -> dict[str, list[int]]:
    """Blocking key -> positions of the people carrying it."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for k in blocking_keys(p):
            out[k].append(i)
    return out


def scored_pairs(profiles: Sequence[Profile], *, threshold: float = POSSIBLE,
                 cross_community_only: bool = False, max_block: int = 400) -> list[PairScore]:
    """Every pair sharing a blocking key and scoring at least *threshold*, best first.

    A key shared by more than *max_block* people (a very common name skeleton) only pairs
    people within the same birth year there, so one popular name never costs a quadratic scan.
    """
    seen: set[tuple[int, int]] = set()
    out: list[PairScore] = []
    for members in blocks(profiles).values():
        if len(members) < 2:
            continue
        groups: Iterable[list[int]]
        if len(members) > max_block:
            by_year: dict[int | None, list[int]] = defaultdict(list)
            for i in members:
                by_year[profiles[i].birth_year].append(i)
            unknown = by_year.pop(None, [])
            groups = [g + unknown for g in by_year.values()] or [unknown]
        else:
            groups = [members]
        for group in groups:
            for x, y in combinations(group, 2):
                pair = (x, y) if x < y else (y, x)
                if pair in seen:
                    continue
                seen.add(pair)
                pa, pb = profiles[x], profiles[y]
                if cross_community_only and pa.community_id == pb.community_id:
                    continue
                if pa.birth_year and pb.birth_year and pa.birth_year != pb.birth_year:
                    if not (pa.pin and pa.pin == pb.pin):
                        continue  # another birth year is someone else
                if pa.sex and pb.sex and pa.sex != pb.sex:
                    continue
                m = score(pa, pb)
                if m.score >= threshold:
                    out.append(PairScore(pair[0], pair[1], m))
    out.sort(key=lambda p: -p.match.score)
    return out


__all__ = ["LIKELY", "POSSIBLE", "Candidate", "PairScore", "blocks", "candidates_for", "profiles_of",
           "scored_pairs"]
