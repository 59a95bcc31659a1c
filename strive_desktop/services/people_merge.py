"""One person, counted once: the review list of likely same people, merge, undo, keep apart.

A merge keeps one person (the survivor) and makes the other a tombstone (``deleted``) whose
``merged_into`` names the survivor. The other's memberships, attendance and certificates are
repointed to the survivor; where the survivor already has the same one (a membership of the
same group, attendance at the same session, a certificate for the same training) the other's
copy is tombstoned instead. What was moved is written on the tombstone (``merge_moves``), so
:func:`unmerge` puts everything back. Every change is an ordinary change of synced records,
so it travels in the next sync package like any edit.

"Keep apart" is remembered on both people (``kept_apart``) and travels the same way; the pair
then no longer appears in the review list. Undoing a merge keeps the two apart as well.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.matching import LIKELY, POSSIBLE
from ..errors import NotFound, UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import (
    AdvisoryGroup,
    Attendance,
    Certificate,
    Community,
    Membership,
    Person,
    Training,
    TrainingSession,
)
from .people_index import _fetch as fetch_rows  # the raw-cursor read of the people list
from .people_match import scored_rows

# The records a merge moves from one person to the other.
Record = Membership | Attendance | Certificate


@dataclass(frozen=True)
class PersonSide:
    """One person of a pair, as the review list shows them side by side."""

    id: str
    full_name: str
    birth_year: int | None
    sex: str
    phone: str | None
    pin: str | None
    community_id: str
    community_name: str
    groups: tuple[str, ...]
    trainings: tuple[str, ...]


@dataclass(frozen=True)
class ReviewPair:
    a: PersonSide
    b: PersonSide
    score: float
    reasons: tuple[str, ...]

    @property
    def likely(self) -> bool:
        return self.score >= LIKELY


@dataclass(frozen=True)
class MergeResult:
    survivor_id: str
    merged_id: str
    memberships: int
    attendance: int
    certificates: int


def _person(s: Session, pid: str) -> Person:
    p = s.get(Person, pid)
    if p is None:
        raise NotFound(N_("That person no longer exists."))
    return p


def _ids(text: str) -> set[str]:
    return set(text.split())


def kept_apart(a_kept: str, b_id: str) -> bool:
    return b_id in _ids(a_kept)


# ---- review ------------------------------------------------------------------------------------


def people_rows(session: Session) -> list[tuple[Any, ...]]:
    """(id, full_name, birth_year, sex, pin, phone, community_id, kept_apart) of everyone not
    deleted, in table order: what the whole-table search reads (straight through the DBAPI
    cursor, as the people list does)."""
    return fetch_rows(session.connection(), select(Person.id, Person.full_name, Person.birth_year, Person.sex,
                                                   Person.pin, Person.phone, Person.community_id, Person.kept_apart)
                      .where(Person.deleted.is_(False)))


def review_pairs(store: Store, *, community_id: str | None = None, threshold: float = POSSIBLE,
                 limit: int = 500) -> list[ReviewPair]:
    """People who may be one person, most likely first, leaving out pairs kept apart.

    With *community_id*, only pairs with at least one person of that community.
    """
    with store.read() as s:
        rows = people_rows(s)
    pairs = []
    for ps in scored_rows(rows, threshold=threshold):
        ra, rb = rows[ps.a], rows[ps.b]
        if community_id and community_id not in (ra[6], rb[6]):
            continue
        if kept_apart(ra[7], rb[0]) or kept_apart(rb[7], ra[0]):
            continue
        pairs.append((ra[0], rb[0], ps.match.score, ps.match.reasons))
        if len(pairs) >= limit:
            break
    if not pairs:
        return []
    sides = _sides(store, {pid for a, b, _s, _r in pairs for pid in (a, b)})
    return [ReviewPair(sides[a], sides[b], sc, rs) for a, b, sc, rs in pairs]


def _sides(store: Store, ids: set[str]) -> dict[str, PersonSide]:
    groups: dict[str, list[str]] = defaultdict(list)
    trainings: dict[str, set[str]] = defaultdict(set)
    out: dict[str, PersonSide] = {}
    id_list = sorted(ids)
    with store.read() as s:
        for i in range(0, len(id_list), 500):
            chunk = id_list[i:i + 500]
            for pid, gname in s.execute(
                    select(Membership.person_id, AdvisoryGroup.name)
                    .join(AdvisoryGroup, AdvisoryGroup.id == Membership.group_id)
                    .where(Membership.person_id.in_(chunk), Membership.deleted.is_(False),
                           Membership.left_on.is_(None))
                    .order_by(AdvisoryGroup.name)):
                groups[pid].append(gname)
            for pid, title in s.execute(
                    select(Attendance.person_id, Training.title)
                    .join(TrainingSession, TrainingSession.id == Attendance.session_id)
                    .join(Training, Training.id == TrainingSession.training_id)
                    .where(Attendance.person_id.in_(chunk), Attendance.deleted.is_(False),
                           Training.deleted.is_(False))):
                trainings[pid].add(title)
            for p, cname in s.execute(select(Person, Community.name_en)
                                      .join(Community, Community.id == Person.community_id)
                                      .where(Person.id.in_(chunk))):
                out[p.id] = PersonSide(p.id, p.full_name, p.birth_year, p.sex, p.phone, p.pin, p.community_id,
                                       cname, tuple(groups[p.id]), tuple(sorted(trainings[p.id])))
    return out


# ---- decisions ---------------------------------------------------------------------------------


def keep_apart(store: Store, a_id: str, b_id: str) -> None:
    """Remember that *a_id* and *b_id* are two people (both records carry the decision)."""
    if a_id == b_id:
        raise UserError(N_("Choose two different people."))
    with store.uow() as s:
        a, b = _person(s, a_id), _person(s, b_id)
        for x, y in ((a, b), (b, a)):
            ids = _ids(x.kept_apart)
            if y.id not in ids:
                x.kept_apart = " ".join(sorted(ids | {y.id}))


def merge_people(store: Store, keep_id: str, other_id: str) -> MergeResult:
    """Keep *keep_id*; *other_id* becomes a tombstone pointing to them, their records move."""
    if keep_id == other_id:
        raise UserError(N_("Choose two different people."))
    with store.uow() as s:
        keep, other = _person(s, keep_id), _person(s, other_id)
        if keep.deleted or other.deleted:
            raise UserError(N_("Only people still on the lists can be merged; "
                               "a deleted or already merged person cannot."))
        if keep.pin and other.pin and keep.pin != other.pin:
            raise UserError(N_("These two have different personal numbers (PIN): they are two people."))
        moves: dict[str, list[str]] = {"memberships": [], "memberships_dropped": [], "attendance": [],
                                       "attendance_dropped": [], "attendance_marked": [],
                                       "certificates": [], "certificates_dropped": []}
        have_groups = {m.group_id for m in s.scalars(select(Membership).where(
            Membership.person_id == keep.id, Membership.deleted.is_(False), Membership.left_on.is_(None)))}
        for m in s.scalars(select(Membership).where(Membership.person_id == other.id,
                                                    Membership.deleted.is_(False))):
            if m.left_on is None and m.group_id in have_groups:
                m.deleted = True
                moves["memberships_dropped"].append(m.id)
            else:
                m.person_id = keep.id
                moves["memberships"].append(m.id)
        have_sessions = {a.session_id: a for a in s.scalars(select(Attendance).where(
            Attendance.person_id == keep.id))}
        for a in s.scalars(select(Attendance).where(Attendance.person_id == other.id,
                                                    Attendance.deleted.is_(False))):
            mine = have_sessions.get(a.session_id)
            if mine is not None:
                # one row per (session, person): the survivor's row stays, present if either was
                if a.present and (mine.deleted or not mine.present):
                    moves["attendance_marked"].append(
                        json.dumps([mine.id, bool(mine.present), bool(mine.deleted)]))
                    mine.present, mine.deleted = True, False
                a.deleted = True
                moves["attendance_dropped"].append(a.id)
            else:
                a.person_id = keep.id
                moves["attendance"].append(a.id)
        have_certs = {c.training_id for c in s.scalars(select(Certificate).where(
            Certificate.person_id == keep.id))}
        for c in s.scalars(select(Certificate).where(Certificate.person_id == other.id,
                                                     Certificate.deleted.is_(False))):
            if c.training_id in have_certs:
                c.deleted = True
                moves["certificates_dropped"].append(c.id)
            else:
                c.person_id = keep.id
                moves["certificates"].append(c.id)
        s.flush()
        other.deleted = True
        other.merged_into = keep.id
        other.merge_moves = json.dumps(moves, sort_keys=True)
        return MergeResult(keep.id, other.id, len(moves["memberships"]), len(moves["attendance"]),
                           len(moves["certificates"]))


def unmerge(store: Store, merged_id: str) -> str:
    """Undo the merge of *merged_id*: they are back with their own records, and the two are
    kept apart from then on. Returns the id of the person they had been merged into."""
    with store.uow() as s:
        other = _person(s, merged_id)
        if not other.merged_into:
            raise UserError(N_("This person was not merged into anyone."))
        keep = _person(s, other.merged_into)
        moves = json.loads(other.merge_moves or "{}")
        records: tuple[tuple[type[Record], str, str], ...] = (
            (Membership, "memberships", "memberships_dropped"),
                                      (Attendance, "attendance", "attendance_dropped"),
            (Certificate, "certificates", "certificates_dropped"))
        for model, moved, dropped in records:
            for rid in moves.get(moved, []):
                r = cast(Record | None, s.get(model, rid))
                if r is not None and r.person_id == keep.id:
                    r.person_id = other.id
            for rid in moves.get(dropped, []):
                r = cast(Record | None, s.get(model, rid))
                if r is not None:
                    r.deleted = False
        for item in moves.get("attendance_marked", []):
            rid, present, deleted = json.loads(item)
            r = s.get(Attendance, rid)
            if r is not None:
                r.present, r.deleted = present, deleted
        s.flush()
        other.deleted = False
        other.merged_into = None
        other.merge_moves = ""
        for x, y in ((keep, other), (other, keep)):
            ids = _ids(x.kept_apart)
            if y.id not in ids:
                x.kept_apart = " ".join(sorted(ids | {y.id}))
        return keep.id


@dataclass(frozen=True)
class MergedPerson:
    id: str
    full_name: str
    community_name: str
    merged_into: str
    survivor_name: str


def merged_people(store: Store) -> list[MergedPerson]:
    """Every merged person (tombstone) with the person they were merged into."""
    with store.read() as s:
        rows = s.execute(select(Person, Community.name_en).join(Community, Community.id == Person.community_id)
                         .where(Person.merged_into.is_not(None), Person.deleted.is_(True))
                         .order_by(Person.sort_key)).all()
        out = []
        for p, cname in rows:
            survivor = s.get(Person, p.merged_into)
            out.append(MergedPerson(p.id, p.full_name, cname, p.merged_into or "",
                                    survivor.full_name if survivor else ""))
        return out


def resolve_person(store: Store, text: str) -> str:
    """The id of the person whose id is *text* or starts with it (the first 8 characters the
    ``duplicates`` command prints are enough)."""
    text = (text or "").strip().lower()
    if len(text) < 4:
        raise UserError(N_("Give at least the first 4 characters of the person's id."))
    with store.read() as s:
        ids = list(s.scalars(select(Person.id).where(Person.id.like(text.replace("%", "") + "%")).limit(2)))
    if not ids:
        raise NotFound(N_("No person has the id {id}."), id=text)
    if len(ids) > 1:
        raise UserError(N_("More than one person's id starts with {id}; give more of it."), id=text)
    return ids[0]
