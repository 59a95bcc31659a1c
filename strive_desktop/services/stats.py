"""Aggregate figures for the dashboard and donor reports.

Members are people with a current membership of an advisory group (not former members).

The attendance rate is the attendance sheet's: hours attended divided by the hours of every
(participant, session) cell of the sheet, participants being the community's current group
members plus anyone with attendance recorded (a cell never touched counts as not attended,
like an unticked one). For a single training it is the rate the Trainings page and the sheet
show (``trainings.training_figures``, computed here the same way, summed per community in
the database); several trainings are pooled by their cells' hours. A training whose sheet has nothing recorded yet (e.g. not held yet)
does not count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from ..domain.enums import Phase, PlanStatus, Sector, Sex
from ..storage.db import Store
from ..storage.models import (
    AdvisoryGroup,
    AttendedPlace,
    AttendedTotal,
    AttendedTraining,
    Community,
    LocalPlan,
    Membership,
    Person,
    Training,
)
from .survivors import survivors


@dataclass(frozen=True)
class Summary:
    """Figures for one community, or for all of them (``community_id`` None)."""

    community_id: str | None
    community_name: str
    by_sex: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    trainings_by_phase: dict[str, int] = field(default_factory=dict)
    plans_by_status: dict[str, int] = field(default_factory=dict)
    hours_present: float = 0.0  # hours attended, summed over the sheets' participants
    hours_recorded: float = 0.0  # participants x hours of the sessions, summed over the sheets

    @property
    def members(self) -> int:
        return sum(self.by_sex.values())

    @property
    def trainings(self) -> int:
        return sum(self.trainings_by_phase.values())

    @property
    def plans(self) -> int:
        return sum(self.plans_by_status.values())

    @property
    def attendance_rate(self) -> float | None:
        """Share of the sheets' hours attended, or None when no sheet has anything recorded."""
        if self.hours_recorded <= 0:
            return None
        return self.hours_present / self.hours_recorded

    @property
    def women_share(self) -> float | None:
        return self.by_sex.get(Sex.FEMALE.value, 0) / self.members if self.members else None


def _ordered(counts: dict[str, int], order: list[str]) -> dict[str, int]:
    """Every known key in *order* (zeros included), then any unknown keys."""
    out = {k: counts.get(k, 0) for k in order}
    for k, v in counts.items():
        if k not in out:
            out[k] = v
    return out


class Summaries(dict[str, Summary]):
    """Summaries by community id, with the members of all communities counted once each."""

    everyone_by_sex: dict[str, int] | None = None
    everyone_by_sector: dict[str, int] | None = None


Tally = dict[str, dict[str, int]]

#: the people deleted or merged into another (``ix_people_gone``), counted apart by every figure
_GONE = select(Person.id).where(Person.deleted.is_(True))


def _add(tally: Tally, sex: str, sector: str, n: int) -> None:
    tally["sex"][sex] = tally["sex"].get(sex, 0) + n
    tally["sector"][sector] = tally["sector"].get(sector, 0) + n


def _members(s: Session, data: dict[str, Tally]) -> tuple[Tally, dict[str, tuple[int, float]]]:
    """Count the current members of the live advisory groups: per community by sex and by sector
    (into *data*), all communities together (returned first: a person who is a member in two
    communities, moved or merged after two offices entered them, is one person), and per
    community those on its trainings' sheets with the hours of the sheets they are on (returned
    second, for :func:`_sheet_hours`).

    A person in two groups of one community counts once; a membership of a merged person (sent
    before the merge reached the office) counts for the person kept; people deleted or merged are
    on no sheet. Counted inside the database, a few rows back: at national scale (90,000
    memberships) sending every (community, person) pair to be counted here takes longer than the
    counting. The memberships of merged people, a few, are read apart (from ``ix_people_gone``)
    and added for the person each counts as (:func:`survivors.survivors`, as in the donor
    summary) where that person is not a member there already."""
    g, m, p = AdvisoryGroup, Membership, Person
    current = (g.deleted.is_(False), m.deleted.is_(False), m.left_on.is_(None))
    living = select().select_from(m).join(g, g.id == m.group_id).join(p, p.id == m.person_id).where(
        *current, p.deleted.is_(False))
    people = func.count(distinct(p.id))
    for cid, sex, sector, n in s.execute(living.add_columns(g.community_id, p.sex, p.sector, people)
                                         .group_by(g.community_id, p.sex, p.sector)):
        _add(data[cid], sex, sector, n)
    once: Tally = {"sex": {}, "sector": {}}
    for sex, sector, n in s.execute(living.add_columns(p.sex, p.sector, people).group_by(p.sex, p.sector)):
        _add(once, sex, sector, n)
    to = survivors(s)
    if to:
        moved = {(cid, to[pid]) for cid, pid in s.execute(
            select(g.community_id, m.person_id).join(m, m.group_id == g.id)
            .where(*current, m.person_id.in_(select(Person.id).where(Person.deleted.is_(True),
                                                                     Person.merged_into.is_not(None)))))}
        kept = sorted({pid for _, pid in moved})
        figures = {pid: (sex, sector) for pid, sex, sector in s.execute(
            select(p.id, p.sex, p.sector).where(p.id.in_(kept), p.deleted.is_(False)))}
        there = {(cid, pid) for cid, pid in s.execute(
            select(g.community_id, m.person_id).join(m, m.group_id == g.id).where(*current, m.person_id.in_(kept)))}
        anywhere = {pid for _, pid in there}
        for cid, pid in sorted(moved):
            if pid not in figures:  # the person kept was deleted since
                continue
            if (cid, pid) not in there:
                there.add((cid, pid))
                _add(data[cid], *figures[pid], 1)
            if pid not in anywhere:
                anywhere.add(pid)
                _add(once, *figures[pid], 1)
    on_sheets = {cid: n for cid, n in s.execute(
        select(g.community_id, func.count(distinct(m.person_id))).join(m, m.group_id == g.id)
        .where(*current, m.person_id.not_in(_GONE)).group_by(g.community_id))}
    place = AttendedPlace
    member_there = (select(m.id).join(g, g.id == m.group_id)
                    .where(m.person_id == place.person_id, g.community_id == place.community_id, *current).exists())
    hours = {cid: float(h or 0.0) for cid, h in s.execute(
        select(place.community_id, func.sum(place.sheet_hours))
        .where(place.person_id.not_in(_GONE), member_there).group_by(place.community_id))}
    return once, {cid: (n, hours.get(cid, 0.0)) for cid, n in on_sheets.items()}


def _sheet_hours(s: Session, listed: dict[str, tuple[int, float]]) -> dict[str, tuple[float, float]]:
    """By community: (hours attended, hours of the sheets' cells) over the trainings whose sheet
    has something recorded: a sheet's participants are the community's current group members plus
    anyone with a live attendance record on it (``trainings.training_figures``), its cells every
    participant at every session. People deleted (or merged into another) are not on any sheet.

    Read from the attended totals summed per training (storage/attended.py: ``attended_trainings``,
    one row per training), never from the attendance itself (about 4,000,000 rows at national scale), and without
    testing each of their rows for its person: a sheet's cells are (members + people on it) x its
    hours, less the members on it, whose sheets' hours per community are *listed* with their
    number (:func:`_members`, from ``attended_places``); the few deleted people's rows are read by
    person and taken off."""
    t, a = AttendedTotal, AttendedTraining
    with_hours = t.training_hours > 0
    sheets: dict[str, list[Any]] = {}  # training -> [community, hours, hours attended, people on it]
    for tid, cid, total, present, n in s.connection().execute(
            select(a.training_id, a.community_id, a.training_hours, a.hours_present, a.on_sheet)
            .where(a.training_hours > 0)):
        sheets[tid] = [cid, total, present, n]
    for tid, present, n in s.execute(select(t.training_id, func.sum(t.hours_present), func.count())
                                     .where(with_hours, t.person_id.in_(_GONE)).group_by(t.training_id)):
        sheets[tid][2] -= present
        sheets[tid][3] -= n
    out: dict[str, list[float]] = {}
    for cid, total, present, n in sheets.values():
        if n <= 0:  # only deleted people on it
            continue
        row = out.setdefault(cid, [0.0, 0.0])
        row[0] += float(present or 0.0)
        row[1] += (listed.get(cid, (0, 0.0))[0] + n) * total
    for cid, row in out.items():
        row[1] -= listed.get(cid, (0, 0.0))[1]  # the members on a sheet were counted twice
    return {cid: (present, recorded) for cid, (present, recorded) in out.items()}


def summaries(store: Store) -> dict[str, Summary]:
    """One summary per community (keyed by community id), every community included."""
    data: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    hours: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    with store.read() as s:
        communities = s.execute(select(Community.id, Community.name_en).where(Community.deleted.is_(False))
                                .order_by(Community.name_en)).all()
        once, listed = _members(s, data)
        for cid, phase, n in s.execute(select(Training.community_id, Training.phase, func.count())
                                       .where(Training.deleted.is_(False))
                                       .group_by(Training.community_id, Training.phase)):
            data[cid]["phase"][phase] = n
        for cid, status, n in s.execute(select(LocalPlan.community_id, LocalPlan.status, func.count())
                                        .where(LocalPlan.deleted.is_(False))
                                        .group_by(LocalPlan.community_id, LocalPlan.status)):
            data[cid]["status"][status] = n
        # The sheets' hours: what services.trainings.training_figures gives per training, summed
        # per community inside the database (one pass over the attended totals).
        for cid, (present, recorded) in _sheet_hours(s, listed).items():
            hours[cid][0] += present
            hours[cid][1] += recorded
    sexes = [x.value for x in Sex]
    sectors = [x.value for x in Sector]
    phases = [x.value for x in Phase]
    statuses = [x.value for x in PlanStatus]
    out = Summaries(
        (cid, Summary(cid, name, _ordered(data[cid]["sex"], sexes), _ordered(data[cid]["sector"], sectors),
                      _ordered(data[cid]["phase"], phases), _ordered(data[cid]["status"], statuses),
                      hours[cid][0], hours[cid][1]))
        for cid, name in communities
    )
    out.everyone_by_sex = _ordered(once["sex"], sexes)
    out.everyone_by_sector = _ordered(once["sector"], sectors)
    return out


def total(parts: dict[str, Summary]) -> Summary:
    """All communities added up; members counted once each (a person who is a member in two
    communities is one person) when *parts* comes from :func:`summaries`."""

    def add(key: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in parts.values():
            for k, v in getattr(p, key).items():
                out[k] = out.get(k, 0) + v
        return out

    by_sex, by_sector = add("by_sex"), add("by_sector")
    if isinstance(parts, Summaries) and parts.everyone_by_sex is not None and parts.everyone_by_sector is not None:
        by_sex, by_sector = parts.everyone_by_sex, parts.everyone_by_sector
    return Summary(None, "", by_sex, by_sector, add("trainings_by_phase"),
                   add("plans_by_status"), sum(p.hours_present for p in parts.values()),
                   sum(p.hours_recorded for p in parts.values()))


def summary(store: Store, community_id: str | None = None) -> Summary:
    """Figures for one community, or all communities added up when *community_id* is None."""
    parts = summaries(store)
    if community_id is None:
        return total(parts)
    if community_id not in parts:
        return Summary(community_id, "")
    return parts[community_id]
