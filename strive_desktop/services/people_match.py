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

from sqlalchemy import and_, or_, select

from ..domain.matching import (
    LIKELY,
    POSSIBLE,
    Match,
    Profile,
    Word,
    name_blocking_keys,
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


@dataclass(frozen=True)
class PairScore:
    a: int
    b: int
    match: Match


def profiles_of(rows: Sequence[tuple]) -> list[Profile]:
    """Profiles from (id, full_name, birth_year, sex, pin, phone, community_id) rows."""
    return [Profile(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def blocks(profiles: Sequence[Profile]) -> dict[str, list[int]]:
    """Blocking key -> positions of the people carrying it (see domain.matching.blocking_keys)."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for k in name_blocking_keys(p.full_name):
            out[k].append(i)
        if p.pin:
            out["pin:" + p.pin].append(i)
        if p.phone:
            out["tel:" + p.phone].append(i)
    return out


def _block_pairs(members: list[int], profiles: Sequence[Profile]) -> Iterable[tuple[int, int]]:
    """Pairs of one block worth scoring: the same birth year, or one of the two unknown
    (another birth year is someone else), so a common name never costs a quadratic scan."""
    by_year: dict[int | None, list[int]] = defaultdict(list)
    for i in members:
        by_year[profiles[i].birth_year].append(i)
    unknown = by_year.pop(None, [])
    for group in by_year.values():
        yield from combinations(group, 2)
        for i in group:
            for j in unknown:
                yield i, j
    yield from combinations(unknown, 2)


def scored_pairs(profiles: Sequence[Profile], *, threshold: float = POSSIBLE) -> list[PairScore]:
    """Every pair sharing a blocking key and scoring at least *threshold*, best first.

    Python's cyclic garbage collector is paused meanwhile: the blocks are some 10^5 small
    lists and strings, none of them in a cycle, and its repeated passes over them cost more
    than the work itself (1.3 s -> 0.5 s for the blocks of 20,000 people)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _scored_pairs(profiles, threshold)
    finally:
        if was_enabled:
            gc.enable()


def _scored_pairs(profiles: Sequence[Profile], threshold: float) -> list[PairScore]:
    seen: set[tuple[int, int]] = set()
    out: list[PairScore] = []
    # The keys of one name (a word with each other word, their one-letter deletions) mostly
    # hold the same people: each set of people is paired once.
    groups = {tuple(m) for m in blocks(profiles).values() if len(m) > 1}
    for members in groups:
        for x, y in _block_pairs(list(members), profiles):
            pair = (x, y) if x < y else (y, x)
            if pair in seen:
                continue
            seen.add(pair)
            pa, pb = profiles[x], profiles[y]
            if pa.sex and pb.sex and pa.sex != pb.sex:
                continue
            m = score(pa, pb)
            if m.score >= threshold:
                out.append(PairScore(pair[0], pair[1], m))
    out.sort(key=lambda p: -p.match.score)
    return out


__all__ = ["LIKELY", "POSSIBLE", "Candidate", "PairScore", "blocks", "candidates_for", "profiles_of",
           "scored_pairs"]
