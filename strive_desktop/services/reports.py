"""Figures for donors: who was trained in a period, broken down by sex, age, sector, phase, community.

A participant is a person marked present at one or more sessions dated in the period. People
are counted once in each total (a person trained in two phases counts once overall and once in
each phase). Age is the age reached in the year of the first session the person attended in the
period (birth year only is known), so a 2021 training printed today shows the ages of 2021.
A training in the period at which nobody was marked present counts neither as a training nor
for its sessions; it is listed in ``empty_trainings`` instead. Certificates count when issued
in the period (revoked ones left out); plans count when their period overlaps the report's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    case,
    cast,
    extract,
    func,
    literal_column,
    or_,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from ..domain.enums import ActivityStatus, Phase, PlanStatus, Sector, Sex
from ..domain.rules import CompletionRule, age_band
from ..errors import UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.dialect import driver_rows, is_postgres
from ..storage.models import (
    Attendance,
    AttendedPerson,
    AttendedTotal,
    AttendedTraining,
    Certificate,
    Community,
    LocalPlan,
    Person,
    PlanActivity,
    Training,
    TrainingSession,
)
from .survivors import living, survivors
from .trainings import completion_rule

AGE_BANDS = ("<18", "18-24", "25-34", "35-59", "60+", "unknown")
_BAND_TOPS = ((18, "<18"), (25, "18-24"), (35, "25-34"), (60, "35-59"))  # domain.rules.age_band, in SQL


@dataclass(frozen=True)
class CommunityRow:
    community_id: str
    name_en: str
    name_ru: str
    name_ky: str
    trainings: int
    participants: int
    women: int
    men: int
    hours: float

    def name(self, lang: str) -> str:
        return {"ky": self.name_ky, "ru": self.name_ru}.get(lang, self.name_en)


@dataclass(frozen=True)
class PhaseRow:
    phase: str
    trainings: int
    sessions: int
    participants: int
    completed: int
    hours: float
    women: int = 0
    men: int = 0


@dataclass(frozen=True)
class EmptyTraining:
    """A training in the period at which nobody was marked present (left out of the counts)."""

    training_id: str
    title: str
    community_id: str
    start: dt.date | None
    sessions: int


@dataclass(frozen=True)
class PlanStatusRow:
    status: str
    plans: int
    activities: int
    budget_project: int
    budget_local: int
    budget_other: int

    @property
    def budget_total(self) -> int:
        return self.budget_project + self.budget_local + self.budget_other


@dataclass(frozen=True)
class ParticipantRow:
    """One person counted in the summary, with every dimension a figure is broken down by, so
    that each number can be checked against this list (the donor workbook prints it)."""

    person_id: str
    full_name: str
    sex: str
    birth_year: int | None
    first_attended: dt.date  # first session attended in the period
    age: int | None  # at first_attended
    age_band: str
    sector: str
    phases: tuple[str, ...]
    community_ids: tuple[str, ...]  # communities of the trainings attended in the period
    completed: bool  # completed at least one training held in the period


@dataclass(frozen=True)
class DonorSummary:
    date_from: dt.date | None
    date_to: dt.date | None
    community_id: str | None
    community_names: tuple[str, str, str] | None  # en, ru, ky; None for all communities
    participants: int
    women: int
    trainings: int
    sessions: int
    hours: float  # person-hours attended
    completed: int  # people who completed at least one training held in the period
    by_sex: dict[str, int] = field(default_factory=dict)
    by_age: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    by_phase: tuple[PhaseRow, ...] = ()
    by_community: tuple[CommunityRow, ...] = ()
    by_age_sex: dict[str, dict[str, int]] = field(default_factory=dict)  # band -> sex -> people
    by_sector_sex: dict[str, dict[str, int]] = field(default_factory=dict)
    empty_trainings: tuple[EmptyTraining, ...] = ()
    certificates: int = 0  # issued in the period, not revoked
    certificates_women: int = 0
    plans: tuple[PlanStatusRow, ...] = ()
    completed_women: int = 0
    participants_of: _People | None = field(default=None, repr=False, compare=False)

    @cached_property
    def people(self) -> tuple[ParticipantRow, ...]:
        """Everyone counted, in name order (built on first use: the figures do not need it)."""
        return self.participants_of.rows() if self.participants_of is not None else ()

    def community_name(self, lang: str) -> str | None:
        if self.community_names is None:
            return None
        return {"ru": self.community_names[1], "ky": self.community_names[2]}.get(lang, self.community_names[0])


def _ordered(counts: dict[str, int], order: tuple[str, ...] | list[str]) -> dict[str, int]:
    out = {k: counts.get(k, 0) for k in order}
    for k, v in sorted(counts.items()):
        if k not in out:
            out[k] = v
    return out


def donor_summary(store: Store, date_from: dt.date | None = None, date_to: dt.date | None = None,
                  community_id: str | None = None) -> DonorSummary:
    """The figures for the period [date_from, date_to] (either end open) and one or all communities."""
    if date_from and date_to and date_from > date_to:
        raise UserError(N_("The period starts after it ends."))
    rule = completion_rule(store)
    with store.read() as s:
        communities = {row.id: row for row in s.execute(
            select(Community.id, Community.name_en, Community.name_ru, Community.name_ky)
            .where(Community.deleted.is_(False)))}
        if community_id is not None and community_id not in communities:
            raise UserError(N_("That community no longer exists."))
        q = (select(Training.id, Training.community_id, Training.phase, TrainingSession.id, TrainingSession.hours,
                    TrainingSession.date, Training.title)
             .join(TrainingSession, TrainingSession.training_id == Training.id)
             .where(Training.deleted.is_(False), TrainingSession.deleted.is_(False)))
        if community_id:
            q = q.where(Training.community_id == community_id)
        if date_from:
            q = q.where(TrainingSession.date >= date_from)
        if date_to:
            q = q.where(TrainingSession.date <= date_to)
        sessions: dict[str, tuple[str, str, str, float]] = {}
        session_day: dict[str, dt.date] = {}
        titles: dict[str, str] = {}
        for tid, cid, phase, sid, hours, day, title in s.connection().execute(q):
            sessions[sid] = (tid, cid, phase, hours)
            session_day[sid] = day
            titles[tid] = title
        # Completion is judged on the whole training, not only the sessions in the period.
        training_ids = {v[0] for v in sessions.values()}
        full_hours: dict[str, float] = defaultdict(float)
        all_sessions: dict[str, tuple[str, float]] = {}
        if training_ids and not date_from and not date_to:
            # no period: the trainings' sessions are those just read
            for sid, (tid, _cid, _phase, hours) in sessions.items():
                full_hours[tid] += hours
                all_sessions[sid] = (tid, hours)
        elif training_ids:
            for sid, tid, hours in s.execute(select(TrainingSession.id, TrainingSession.training_id,
                                                    TrainingSession.hours)
                                             .where(TrainingSession.training_id.in_(training_ids),
                                                    TrainingSession.deleted.is_(False))):
                full_hours[tid] += hours
                all_sessions[sid] = (tid, hours)
        people, hours_in, held = _attendance(s, rule, sessions, session_day, all_sessions,
                                             full_hours, community_id, date_from, date_to, store)
        certs = _certificates(s, date_from, date_to, community_id)
        plans = _plans(s, date_from, date_to, community_id)

    phase_hours: dict[str, float] = defaultdict(float)
    com_hours: dict[str, float] = defaultdict(float)
    training_of = {tid: (cid, phase) for tid, cid, phase, _hours in sessions.values()}
    for tid, hours in hours_in.items():
        if tid not in training_of:
            continue
        cid, phase = training_of[tid]
        phase_hours[phase] += hours
        com_hours[cid] += hours
    female, male = Sex.FEMALE.value, Sex.MALE.value
    by_sex: dict[str, int] = defaultdict(int)
    by_age: dict[str, int] = defaultdict(int)
    by_sector: dict[str, int] = defaultdict(int)
    by_age_sex: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_sector_sex: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    phase_people: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # people, women, men
    com_people: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    phase_done: dict[str, int] = defaultdict(int)
    completed = completed_women = participants = 0
    # people alike counted together: by sex, age band, sector and phases (a few hundred kinds
    # for 90,000 people), and by sex and communities
    n_ph = len(people.phases)
    alike, by_place = people.tally()
    for key, k in alike.items():
        sex, band, sector, done = key[:4]
        participants += k
        by_sex[sex] += k
        by_age[band] += k
        by_sector[sector] += k
        by_age_sex[band][sex] += k
        by_sector_sex[sector][sex] += k
        woman, man = k * (sex == female), k * (sex == male)
        for i, ph in enumerate(people.phases):
            if key[4 + i]:
                row = phase_people[ph]
                row[0] += k
                row[1] += woman
                row[2] += man
            if key[4 + n_ph + i]:
                phase_done[ph] += k
        if done:
            completed += k
            completed_women += woman
    for (sex, coms), k in by_place.items():
        woman, man = k * (sex == female), k * (sex == male)
        for cid in coms.split(","):
            row = com_people[cid]
            row[0] += k
            row[1] += woman
            row[2] += man

    phase_trainings: dict[str, set[str]] = defaultdict(set)
    phase_sessions: dict[str, int] = defaultdict(int)
    com_trainings: dict[str, set[str]] = defaultdict(set)
    for tid, cid, phase, _hours in sessions.values():
        if tid not in held:
            continue
        phase_trainings[phase].add(tid)
        phase_sessions[phase] += 1
        com_trainings[cid].add(tid)

    phases = [x.value for x in Phase] + sorted(set(phase_trainings) - {x.value for x in Phase})
    by_phase = tuple(PhaseRow(ph, len(phase_trainings[ph]), phase_sessions[ph], phase_people[ph][0],
                              phase_done.get(ph, 0), phase_hours[ph], phase_people[ph][1], phase_people[ph][2])
                     for ph in phases)
    empty: dict[str, list[Any]] = {}  # training -> [community, first day, sessions]
    for sid, (tid, cid, _phase, _hours) in sessions.items():
        if tid not in held:
            e = empty.setdefault(tid, [cid, session_day[sid], 0])
            e[1] = min(e[1], session_day[sid])
            e[2] += 1
    empty_trainings = tuple(sorted((EmptyTraining(tid, titles[tid], cid, start, n)
                                    for tid, (cid, start, n) in empty.items()),
                                   key=lambda e: (e.start or dt.date.min, e.title)))
    shown = [communities[community_id]] if community_id else sorted(communities.values(),
                                                                     key=lambda c: c.name_en)
    by_community = tuple(
        CommunityRow(c.id, c.name_en, c.name_ru, c.name_ky, len(com_trainings[c.id]), com_people[c.id][0],
                     com_people[c.id][1], com_people[c.id][2], com_hours[c.id])
        for c in shown)
    names = None
    if community_id:
        c = communities[community_id]
        names = (c.name_en, c.name_ru, c.name_ky)
    return DonorSummary(
        date_from, date_to, community_id, names, participants, by_sex.get(female, 0),
        len(held), sum(1 for v in sessions.values() if v[0] in held), sum(com_hours.values()),
        completed,
        _ordered(by_sex, [x.value for x in Sex]), _ordered(by_age, AGE_BANDS),
        _ordered(by_sector, [x.value for x in Sector]), by_phase, by_community,
        {b: _ordered(by_age_sex.get(b, {}), [x.value for x in Sex]) for b in AGE_BANDS},
        {k: _ordered(by_sector_sex.get(k, {}), [x.value for x in Sex]) for k in _ordered(by_sector, [
            x.value for x in Sector])},
        empty_trainings, certs[0], certs[1], plans, completed_women, people)


_PHASES = [x.value for x in Phase]


def _phase_order(phase: str) -> int:
    return _PHASES.index(phase) if phase in _PHASES else 99


def _attendance(s: Session, rule: CompletionRule, sessions: dict[str, tuple[str, str, str, float]],
                session_day: dict[str, dt.date], all_sessions: dict[str, tuple[str, float]],
                full_hours: dict[str, float], community_id: str | None, date_from: dt.date | None,
                date_to: dt.date | None, store: Store) -> tuple[_People, dict[str, float], set[str]]:
    """The people present at a session of *sessions* (the period's); by training, the
    person-hours attended at its sessions in the period; and the trainings at which someone was
    present in the period.

    A training whose sessions all fall in the period is read from the attended totals
    (storage/attended.py: one row per training and person), never from its attendance rows
    (about 4,000,000 at national scale); the few trainings that straddle an end of the period
    are aggregated from their attendance, per training and person, inside the database. The few
    people touched by a merge (a merged person, who counts as the person kept, and the person
    kept) are counted from their own rows instead, each session once, as
    :mod:`services.survivors` says.

    Over everything (no period, all communities) the people are counted from
    ``attended_people`` instead (one row per person, storage/attended.py), grouped in the
    database, and their list is read only when asked for (:meth:`_People.rows`)."""
    if not all_sessions:
        return _People((), [], []), {}, set()
    in_period: ColumnElement[bool] = true()
    if date_from:
        in_period = in_period & (TrainingSession.date >= date_from)
    if date_to:
        in_period = in_period & (TrainingSession.date <= date_to)
    period_sessions = (select(TrainingSession.id).join(Training, Training.id == TrainingSession.training_id)
                       .where(TrainingSession.deleted.is_(False), Training.deleted.is_(False), in_period))
    if community_id:
        period_sessions = period_sessions.where(Training.community_id == community_id)
    kept = select(Person.merged_into).where(Person.deleted.is_(True), Person.merged_into.is_not(None))
    deleted = select(Person.id).where(Person.deleted.is_(True))
    ticked = Attendance.present.is_(True) & Attendance.deleted.is_(False)

    # The trainings of the period with a session outside it (read from their attendance).
    n_in: dict[str, int] = defaultdict(int)
    n_all: dict[str, int] = defaultdict(int)
    for tid, _cid, _phase, _hours in sessions.values():
        n_in[tid] += 1
    for tid, _hours in all_sessions.values():
        n_all[tid] += 1
    edge = sorted(tid for tid in n_in if n_in[tid] < n_all[tid])
    edge_sessions = [sid for sid, v in sessions.items() if v[0] in edge]

    # Anyone deleted or kept by a merge is counted apart (below); everyone else is alive and
    # has one row per session at most. The people are left out once their rows are grouped by
    # person (a lookup for each of 90,000 people, not two for each of 720,000 rows on SQLite);
    # the hours by training look each row up once, in one list of them.
    t = AttendedTotal
    apart: CompoundSelect[tuple[str]] = union(deleted, kept)
    whole: list[ColumnElement[bool]] = [t.first_present.is_not(None)]
    if community_id:
        whole.append(t.community_id == community_id)
    if date_from or date_to:
        whole.append(t.training_id.in_(select(TrainingSession.training_id)
                                       .where(TrainingSession.id.in_(period_sessions))))
        if edge:
            whole.append(t.training_id.not_in(edge))
    from_totals = select(t.training_id.label("tid"), t.person_id.label("pid"), t.community_id.label("cid"),
                         t.phase.label("phase"), t.training_hours.label("total"),
                         t.hours_present.label("attended"), t.first_present.label("first")).where(*whole)
    per_training: Any = from_totals
    if edge:
        plain = (Attendance.person_id.not_in(deleted) & Attendance.person_id.not_in(kept))
        rows_ = (select(TrainingSession.training_id.label("tid"), Attendance.person_id.label("pid"),
                        func.sum(TrainingSession.hours).label("attended"),
                        func.min(case((in_period, TrainingSession.date))).label("first"))
                 .select_from(Attendance)
                 .join(TrainingSession, TrainingSession.id == Attendance.session_id)
                 .where(ticked, plain, TrainingSession.deleted.is_(False), TrainingSession.training_id.in_(edge))
                 .group_by(TrainingSession.training_id, Attendance.person_id).subquery())
        totals = (select(TrainingSession.training_id.label("tid"), func.sum(TrainingSession.hours).label("total"))
                  .where(TrainingSession.deleted.is_(False), TrainingSession.training_id.in_(edge))
                  .group_by(TrainingSession.training_id).subquery())
        from_rows = (select(rows_.c.tid, rows_.c.pid, Training.community_id, Training.phase, totals.c.total,
                            rows_.c.attended, rows_.c.first)
                     .join(totals, totals.c.tid == rows_.c.tid)
                     .join(Training, Training.id == rows_.c.tid)
                     .where(rows_.c.first.is_not(None)))
        per_training = union_all(from_totals, from_rows)
    pt = per_training.subquery()

    phases = sorted({v[2] for v in sessions.values()}, key=lambda ph: (_phase_order(ph), ph))
    # CompletionRule.completed, in SQL
    done = case(((pt.c.total > 0) & (pt.c.attended + 1e-9 >= rule.min_share * pt.c.total), 1), else_=0)
    # per person and community first, then per person: no DISTINCT aggregate, so that
    # PostgreSQL can hash the groups instead of sorting 700,000 rows by a text id
    per_place = (select(pt.c.pid, pt.c.cid, func.min(pt.c.first).label("first"), func.max(done).label("done"),
                        *(func.max(case((pt.c.phase == ph, 1), else_=0)).label(f"in{i}")
                          for i, ph in enumerate(phases)),
                        *(func.max(case((pt.c.phase == ph, done), else_=0)).label(f"done{i}")
                          for i, ph in enumerate(phases)))
                 .group_by(pt.c.pid, pt.c.cid).subquery())
    pp = per_place.c
    if is_postgres(s):
        coms = func.string_agg(pp.cid, literal_column("','"))
    else:
        coms = func.group_concat(pp.cid)
    per_person = (select(pp.pid, func.min(pp.first).label("first"), func.max(pp.done).label("done"),
                         coms.label("coms"),
                         *(func.max(pp[f"in{i}"]).label(f"in{i}") for i in range(len(phases))),
                         *(func.max(pp[f"done{i}"]).label(f"done{i}") for i in range(len(phases))))
                  .group_by(pp.pid).subquery())
    # what the figures are broken down by first (see _People), as plain values: the age in SQL
    found: Sequence[Any] | None = None
    counted: tuple[Counter[tuple[Any, ...]], Counter[tuple[str, str]]] | None = None
    load: Callable[[], list[tuple[Any, ...]]] | None = None
    if community_id is None and not date_from and not date_to and _rolled_up(s, rule, phases):
        counted = _count_rolled_up(s, tuple(phases), kept)

        def load() -> list[tuple[Any, ...]]:
            with store.read() as again:
                return _rolled_up_rows(again, tuple(phases), kept)
    else:
        first_year = extract("year", per_person.c.first)
        age = case((Person.birth_year != 0, cast(first_year - Person.birth_year, Integer)))
        band = case((age.is_(None), "unknown"), *((age < top, name) for top, name in _BAND_TOPS),
                    else_=AGE_BANDS[-2])
        found = s.connection().execute(
            select(Person.sex, band, Person.sector, per_person.c.done,
                   *(per_person.c[f"in{i}"] for i in range(len(phases))),
                   *(per_person.c[f"done{i}"] for i in range(len(phases))),
                   per_person.c.coms, age, per_person.c.pid, per_person.c.first, Person.full_name,
                   Person.birth_year, Person.sort_key)
            .join(Person, Person.id == per_person.c.pid)
            # on the person's id, not the group's: SQLite would test each row of the totals
            .where(Person.deleted.is_(False), Person.id.not_in(kept))).all()

    # Person-hours attended in the period, and whether anyone was there, by training. PostgreSQL
    # tests each row's person against a hash of the people counted apart; SQLite would look each
    # one up, so there it is every row, less the rows of the people counted apart (a few, read by
    # the person index).
    hours_in: dict[str, float] = defaultdict(float)
    held: set[str] = set()
    per_sheet: dict[str, list[Any]] = {}  # training -> [hours, rows]
    postgres = is_postgres(s)
    # with no period, from the totals summed per training (attended_trainings), less the people
    # counted apart as on SQLite
    summed = not date_from and not date_to
    if summed:
        a = AttendedTraining
        for tid, hours, n in s.connection().execute(
                select(a.training_id, a.hours_present, a.present)
                .where(a.present > 0, *([a.community_id == community_id] if community_id else []))):
            per_sheet[tid] = [hours or 0.0, n]
    else:
        for tid, hours, n in s.execute(select(t.training_id, func.sum(t.hours_present), func.count())
                                       .where(*whole, *([t.person_id.not_in(apart)] if postgres else []))
                                       .group_by(t.training_id)):
            per_sheet[tid] = [hours or 0.0, n]
    # (whole's other terms are the trainings': kept by the lookup, not given to SQLite, which
    # would probe the person index once per person and training)
    for tid, hours, n in ([] if postgres and not summed else s.execute(
            select(t.training_id, func.sum(t.hours_present), func.count())
            .where(t.first_present.is_not(None), t.person_id.in_(apart)).group_by(t.training_id))):
        if tid in per_sheet:
            per_sheet[tid][0] -= hours or 0.0
            per_sheet[tid][1] -= n
    for tid, (hours, n) in per_sheet.items():
        if n > 0:
            hours_in[tid] += float(hours)
            held.add(tid)
    if edge_sessions:
        plain = (Attendance.person_id.not_in(deleted) & Attendance.person_id.not_in(kept))
        for sid, cnt in s.execute(select(Attendance.session_id, func.count())
                                  .where(ticked, plain, Attendance.session_id.in_(edge_sessions))
                                  .group_by(Attendance.session_id)):
            if cnt:
                tid, _cid, _phase, hours = sessions[sid]
                hours_in[tid] += hours * cnt
                held.add(tid)

    # The people of a merge: each session once, for the person kept (if alive).
    alias = survivors(s)
    # their ids first, then their rows by the person index (an OR of two IN subqueries read
    # the whole attendance table on SQLite)
    touched = sorted({x for pair in s.execute(select(Person.id, Person.merged_into).where(
        Person.deleted.is_(True), Person.merged_into.is_not(None))) for x in pair if x})
    ticks: set[tuple[str, str]] = set()
    for i in range(0, len(touched), 500):
        ticks.update((sid, alias.get(pid, pid)) for sid, pid in driver_rows(s.connection(), (
            select(Attendance.session_id, Attendance.person_id)
            .where(ticked, Attendance.person_id.in_(touched[i:i + 500]))))
            if sid in all_sessions)
    alive = living(s, {pid for _sid, pid in ticks})
    # by training and person: the hours attended (completion is judged on the whole training),
    # and the hours and first day in the period
    attended_full: dict[tuple[str, str], float] = defaultdict(float)
    in_period_of: dict[tuple[str, str], list[Any]] = {}
    for sid, pid in ticks:
        if pid not in alive:
            continue
        tid, hours = all_sessions[sid]
        attended_full[(tid, pid)] += hours
        if sid in sessions:
            day = session_day[sid]
            got = in_period_of.get((tid, pid))
            if got is None:
                in_period_of[(tid, pid)] = [hours, day]
            else:
                got[0] += hours
                got[1] = min(got[1], day)
    first_day: dict[str, dt.date] = {}
    mine_phases: dict[str, set[str]] = defaultdict(set)
    done_phases: dict[str, set[str]] = defaultdict(set)
    mine_coms: dict[str, set[str]] = defaultdict(set)
    training_of = {tid: (cid, phase) for tid, cid, phase, _hours in sessions.values()}
    for (tid, pid), (hours, day) in sorted(in_period_of.items()):
        cid, phase = training_of[tid]
        hours_in[tid] += hours
        held.add(tid)
        if pid not in first_day or day < first_day[pid]:
            first_day[pid] = day
        mine_phases[pid].add(phase)
        mine_coms[pid].add(cid)
        if rule.completed(attended_full[(tid, pid)], full_hours[tid]):
            done_phases[pid].add(phase)
    merged: list[tuple[tuple[Any, ...], tuple[str, ParticipantRow]]] = []
    if first_day:
        for p in s.execute(select(Person.id, Person.sex, Person.birth_year, Person.sector, Person.full_name,
                                  Person.sort_key).where(Person.id.in_(list(first_day)))):
            day = first_day[p.id]
            years = day.year - p.birth_year if p.birth_year else None
            key = (p.sex, age_band(years), p.sector, int(bool(done_phases[p.id])),
                   *(int(ph in mine_phases[p.id]) for ph in phases),
                   *(int(ph in done_phases[p.id]) for ph in phases), ",".join(sorted(mine_coms[p.id])))
            merged.append((key, (p.sort_key, ParticipantRow(
                p.id, p.full_name, p.sex, p.birth_year, day, years, age_band(years), p.sector,
                tuple(sorted(mine_phases[p.id], key=lambda x: (_phase_order(x), x))),
                tuple(sorted(mine_coms[p.id])), bool(done_phases[p.id])))))
    return _People(tuple(phases), found, merged, counted, load), dict(hours_in), held


def _rolled_up(s: Session, rule: CompletionRule, phases: list[str]) -> bool:
    """Whether ``attended_people`` can count everyone: every row judged by the completion share
    in force, and no phase with a comma (its lists are comma-separated)."""
    if any("," in ph for ph in phases):
        return False
    ap = AttendedPerson
    return s.execute(select(ap.person_id).where(ap.completion_share != rule.min_share).limit(1)).first() is None


def _rolled_up_people(kept: Any, *extra: Any) -> Any:
    """The living people of ``attended_people`` (the people of a merge left out: they are counted
    apart), with what the figures are broken down by: sex, age band, sector, phases attended,
    phases completed, communities, then the age (when *extra*) and *extra*. The age in SQL, as
    for the totals."""
    ap = AttendedPerson
    age = case((Person.birth_year != 0, cast(extract("year", ap.first_present) - Person.birth_year, Integer)))
    band = case((age.is_(None), "unknown"), *((age < top, name) for top, name in _BAND_TOPS), else_=AGE_BANDS[-2])
    cols = [Person.sex.label("sex"), band.label("band"), Person.sector.label("sector"), ap.phases,
            ap.completed_phases, ap.communities]
    return (select(*cols, *((age.label("age"), *extra) if extra else ()))
            .join(Person, Person.id == ap.person_id)
            .where(Person.deleted.is_(False), Person.id.not_in(kept)))


def _flags(phases: tuple[str, ...], attended: str, completed: str) -> tuple[int, ...]:
    """completed (0/1), then for each of *phases* whether attended, then whether completed (the
    layout of :class:`_People`'s keys) from the comma-separated lists."""
    mine, done = set(attended.split(",")), set(completed.split(",")) if completed else set()
    return (int(bool(done)), *(int(ph in mine) for ph in phases), *(int(ph in done) for ph in phases))


def _count_rolled_up(s: Session, phases: tuple[str, ...],
                     kept: Any) -> tuple[Counter[tuple[Any, ...]], Counter[tuple[str, str]]]:
    """:meth:`_People.tally` of the living people of ``attended_people``, grouped in the database."""
    # counted two ways: on PostgreSQL grouped in one statement (the people read once, into a
    # CTE used twice); SQLite is faster sending every person's row than grouping them twice
    alike: Counter[tuple[Any, ...]] = Counter()
    by_place: Counter[tuple[str, str]] = Counter()
    if not is_postgres(s):
        rows = driver_rows(s.connection(), _rolled_up_people(kept))  # text only
        flags: dict[tuple[str, str], tuple[int, ...]] = {}  # a few dozen kinds of phase lists
        for (sex, band, sector, attended, completed), n in Counter(map(itemgetter(0, 1, 2, 3, 4), rows)).items():
            if (attended, completed) not in flags:
                flags[(attended, completed)] = _flags(phases, attended, completed)
            alike[(sex, band, sector, *flags[(attended, completed)])] += n
        by_place.update(map(itemgetter(0, 5), rows))
        return alike, by_place
    p = _rolled_up_people(kept).cte("counted")
    nothing: ColumnElement[Any] = literal_column("NULL")
    alike_q = (select(literal_column("1").label("kind"), p.c.sex, p.c.band, p.c.sector, p.c.phases,
                      p.c.completed_phases, nothing.label("communities"), func.count().label("n"))
               .group_by(p.c.sex, p.c.band, p.c.sector, p.c.phases, p.c.completed_phases))
    place_q = (select(literal_column("2"), p.c.sex, nothing, nothing, nothing, nothing, p.c.communities, func.count())
               .group_by(p.c.sex, p.c.communities))
    for kind, sex, band, sector, attended, completed, coms, n in s.execute(union_all(alike_q, place_q)):
        if kind == 1:
            alike[(sex, band, sector, *_flags(phases, attended, completed))] += n
        else:
            by_place[(sex, coms)] += n
    return alike, by_place


def _rolled_up_rows(s: Session, phases: tuple[str, ...], kept: Any) -> list[tuple[Any, ...]]:
    """The living people of ``attended_people`` in :class:`_People`'s layout."""
    out: list[tuple[Any, ...]] = []
    for r in s.connection().execute(_rolled_up_people(
            kept, Person.id, AttendedPerson.first_present, Person.full_name, Person.birth_year, Person.sort_key)):
        sex, band, sector, attended, completed, coms, *rest = r
        out.append((sex, band, sector, *_flags(phases, attended, completed), coms, *rest))
    return out


class _People:
    """The people of a summary as the database returned them, one plain row each: sex, age band,
    sector, completed (0/1), for each of *phases* whether they attended it, then whether they
    completed a training of it; their communities (comma-separated), age, id, first session
    attended, name, birth year, sort key. The people of a merge are counted apart (their key in
    the same layout, and their row). The figures count the keys; :meth:`rows` builds the list
    the donor workbook prints, only when asked."""

    def __init__(self, phases: tuple[str, ...], found: Sequence[Any] | None,
                 merged: list[tuple[tuple[Any, ...], tuple[str, ParticipantRow]]],
                 counted: tuple[Counter[tuple[Any, ...]], Counter[tuple[str, str]]] | None = None,
                 load: Callable[[], list[tuple[Any, ...]]] | None = None) -> None:
        """*found* the rows, or None with *counted* (their tally, made in the database) and
        *load* (reads their rows when :meth:`rows` is asked)."""
        self.phases = phases
        self._found = found
        self._merged = merged
        self._counted = counted
        self._load = load

    def tally(self) -> tuple[Counter[tuple[Any, ...]], Counter[tuple[str, str]]]:
        """How many people share each (sex, age band, sector, completed, phases attended,
        phases completed), and each (sex, communities)."""
        width = 4 + 2 * len(self.phases)
        keys = [*(r[:width + 1] for r in self._found or ()), *(key for key, _row in self._merged)]
        alike = Counter(key[:width] for key in keys)
        by_place = Counter((key[0], key[width]) for key in keys)
        if self._counted is not None:
            alike.update(self._counted[0])
            by_place.update(self._counted[1])
        return alike, by_place

    def rows(self) -> tuple[ParticipantRow, ...]:
        """Everyone counted, in name order."""
        n = len(self.phases)
        rows: list[tuple[str, ParticipantRow]] = [row for _key, row in self._merged]
        found = self._found if self._found is not None else self._load() if self._load is not None else []
        for r in found:
            sex, band, sector, done = r[:4]
            coms, years, pid, first, name, birth_year, sort_key = r[4 + 2 * n:]
            mine = tuple(ph for i, ph in enumerate(self.phases) if r[4 + i])
            rows.append((sort_key, ParticipantRow(pid, name, sex, birth_year, first, years, band, sector,
                                                  mine, tuple(sorted(coms.split(","))), bool(done))))
        rows.sort(key=lambda r: (r[0], r[1].person_id))
        return tuple(r[1] for r in rows)


def _certificates(s, date_from: dt.date | None, date_to: dt.date | None,  # type: ignore[no-untyped-def]
                  community_id: str | None) -> tuple[int, int]:
    """Certificates issued in the period and not revoked: (all, to women)."""
    q = (select(Person.sex, func.count())
         .select_from(Certificate)
         .join(Person, Person.id == Certificate.person_id)
         .join(Training, Training.id == Certificate.training_id)
         .where(Certificate.deleted.is_(False), Certificate.revoked.is_(False), Person.deleted.is_(False),
                Training.deleted.is_(False))
         .group_by(Person.sex))
    if community_id:
        q = q.where(Training.community_id == community_id)
    if date_from:
        q = q.where(Certificate.issued_on >= date_from)
    if date_to:
        q = q.where(Certificate.issued_on <= date_to)
    counts = dict(s.execute(q).all())
    return sum(counts.values()), counts.get(Sex.FEMALE.value, 0)


def _plans(s, date_from: dt.date | None, date_to: dt.date | None,  # type: ignore[no-untyped-def]
           community_id: str | None) -> tuple[PlanStatusRow, ...]:
    """Plans whose period overlaps the report's, by status, with the budgets of their activities
    (cancelled activities left out) by source: project, local budget, other co-funding."""
    q = select(LocalPlan.id, LocalPlan.status).where(LocalPlan.deleted.is_(False))
    if community_id:
        q = q.where(LocalPlan.community_id == community_id)
    if date_from:
        q = q.where(or_(LocalPlan.period_end.is_(None), LocalPlan.period_end >= date_from))
    if date_to:
        q = q.where(or_(LocalPlan.period_start.is_(None), LocalPlan.period_start <= date_to))
    status = dict(s.execute(q).all())
    rows: dict[str, list[int]] = {st.value: [0, 0, 0, 0, 0] for st in PlanStatus}
    for st in status.values():
        rows.setdefault(st, [0, 0, 0, 0, 0])[0] += 1
    if status:
        for pid, n, bp, bl, bo in s.execute(
                select(PlanActivity.plan_id, func.count(), func.sum(PlanActivity.budget_project),
                       func.sum(PlanActivity.budget_local), func.sum(PlanActivity.budget_other))
                .where(PlanActivity.plan_id.in_(list(status)), PlanActivity.deleted.is_(False),
                       PlanActivity.status != ActivityStatus.CANCELLED.value)
                .group_by(PlanActivity.plan_id)):
            r = rows[status[pid]]
            r[1] += n
            r[2] += bp or 0
            r[3] += bl or 0
            r[4] += bo or 0
    return tuple(PlanStatusRow(st, *v) for st, v in rows.items())
