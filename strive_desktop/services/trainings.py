"""Trainings, their sessions, attendance and who completed them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, func, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..domain.enums import Phase
from ..domain.names import sort_key
from ..domain.rules import (
    COMPLETION_SETTING,
    DEFAULT_COMPLETION_SHARE,
    CompletionRule,
    completion_rule_of,
)
from ..domain.validation import Errors, require_text
from ..errors import NotFound, UserError, ValidationError
from ..i18n import N_, Message
from ..storage import attended
from ..storage.db import Store, allocate_counters
from ..storage.models import (
    AdvisoryGroup,
    Attendance,
    AuditEntry,
    Certificate,
    Community,
    Membership,
    Person,
    Training,
    TrainingSession,
    new_id,
    stable_id,
    utcnow,
)
from .installation import get_setting, set_setting
from .rosters import AddPersonResult, PersonInput, add_person


@dataclass
class SessionInput:
    date: dt.date
    hours: float
    id: str | None = None


@dataclass
class TrainingInput:
    community_id: str
    phase: str
    title: str
    venue: str = ""
    trainers: str = ""
    sessions: Sequence[SessionInput] = ()
    title_ru: str = ""  # the title in Russian and English (optional; the title is the fallback)
    title_en: str = ""


@dataclass(frozen=True)
class SessionInfo:
    id: str
    date: dt.date
    hours: float


@dataclass(frozen=True)
class TrainingInfo:
    id: str
    community_id: str
    community_name: str
    phase: str
    title: str
    venue: str
    trainers: str
    sessions: tuple[SessionInfo, ...]
    title_ru: str = ""
    title_en: str = ""

    def title_in(self, lang: str) -> str:
        """The title to print on a document in *lang* (ky, ru, en; bilingual = ky first): the
        Russian or English one where given, else the title as typed."""
        return {"ru": self.title_ru, "en": self.title_en}.get(lang, "") or self.title

    @property
    def start(self) -> dt.date | None:
        return self.sessions[0].date if self.sessions else None

    @property
    def end(self) -> dt.date | None:
        return self.sessions[-1].date if self.sessions else None

    @property
    def total_hours(self) -> float:
        return sum(x.hours for x in self.sessions)


def completion_rule(store: Store) -> CompletionRule:
    return completion_rule_of(get_setting(store, COMPLETION_SETTING, str(DEFAULT_COMPLETION_SHARE)))


def set_completion_share(store: Store, share: float) -> None:
    if not 0 < share <= 1:
        raise UserError(N_("The completion rule must be a share between 1% and 100% of the hours."))
    set_setting(store, COMPLETION_SETTING, str(share))


def _validate(inp: TrainingInput) -> tuple[str, list[SessionInput]]:
    errors = Errors()
    title = require_text(errors, "title", inp.title, N_("The training title"))
    for field, text, what in (("title_ru", inp.title_ru, N_("The title in Russian")),
                              ("title_en", inp.title_en, N_("The title in English"))):
        if text.strip():
            require_text(errors, field, text, what)
    if inp.phase not in {p.value for p in Phase}:
        errors.add("phase", N_("Choose the phase of the programme."))
    sessions = list(inp.sessions)
    if not sessions:
        errors.add("sessions", N_("A training needs at least one session (a date and its hours)."))
    for sess in sessions:
        if not sess.date:
            errors.add("sessions", N_("Every session needs a date."))
        if not (0 < sess.hours <= 24):
            errors.add("sessions", N_("Session hours must be more than 0 and at most 24."))
    dates = [x.date for x in sessions]
    if len(set(dates)) != len(dates):
        errors.add("sessions", N_("Two sessions have the same date."))
    errors.raise_if_any()
    return title, sorted(sessions, key=lambda x: x.date)


def create_training(store: Store, inp: TrainingInput) -> str:
    title, sessions = _validate(inp)
    with store.uow() as s:
        if s.get(Community, inp.community_id) is None:
            raise NotFound(N_("That community no longer exists."))
        t = Training(id=new_id(), community_id=inp.community_id, phase=inp.phase, title=title,
                     venue=inp.venue.strip(), trainers=inp.trainers.strip(), title_ru=_one_line(inp.title_ru),
                     title_en=_one_line(inp.title_en))
        s.add(t)
        for sess in sessions:
            s.add(TrainingSession(id=new_id(), training_id=t.id, date=sess.date, hours=float(sess.hours)))
        return t.id


def update_training(store: Store, training_id: str, inp: TrainingInput) -> None:
    """Edit details and sessions. Sessions are matched by id; a removed session that has
    attendance recorded is refused rather than losing the ticks."""
    title, sessions = _validate(inp)
    with store.uow() as s:
        t = _get_training(s, training_id)
        t.title, t.phase, t.venue, t.trainers = title, inp.phase, inp.venue.strip(), inp.trainers.strip()
        t.title_ru, t.title_en = _one_line(inp.title_ru), _one_line(inp.title_en)
        existing = {x.id: x for x in s.scalars(select(TrainingSession).where(
            TrainingSession.training_id == training_id, TrainingSession.deleted.is_(False)))}
        keep = {x.id for x in sessions if x.id}
        for sid, row in existing.items():
            if sid not in keep:
                ticks = s.scalar(select(func.count()).select_from(Attendance).where(
                    Attendance.session_id == sid, Attendance.present.is_(True), Attendance.deleted.is_(False)))
                if ticks:
                    raise UserError(N_("The session of {date} has attendance recorded; "
                                       "untick it first if it really has to go."), date=row.date)
                row.deleted = True
        for sess in sessions:
            if sess.id and sess.id in existing:
                row = existing[sess.id]
                if row.date != sess.date:
                    row.date = sess.date
                if row.hours != float(sess.hours):
                    row.hours = float(sess.hours)
            else:
                s.add(TrainingSession(id=new_id(), training_id=training_id, date=sess.date, hours=float(sess.hours)))


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def delete_training(store: Store, training_id: str) -> None:
    with store.uow() as s:
        _get_training(s, training_id).deleted = True


def _get_training(s: Session, training_id: str) -> Training:
    t = s.get(Training, training_id)
    if t is None or t.deleted:
        raise NotFound(N_("The training was not found; it may have been deleted."))
    return t


def get_training(store: Store, training_id: str) -> TrainingInfo:
    with store.read() as s:
        t = _get_training(s, training_id)
        c = s.get(Community, t.community_id)
        sess = s.scalars(select(TrainingSession).where(TrainingSession.training_id == training_id,
                                                       TrainingSession.deleted.is_(False))
                         .order_by(TrainingSession.date))
        return TrainingInfo(t.id, t.community_id, c.name_en if c else "", t.phase, t.title, t.venue, t.trainers,
                            tuple(SessionInfo(x.id, x.date, x.hours) for x in sess), t.title_ru, t.title_en)


def list_trainings(store: Store, community_id: str | None = None) -> list[TrainingInfo]:
    """Every training (of one community, or all), newest first; two queries however many."""
    wanted = select(Training.id).where(Training.deleted.is_(False))
    if community_id:
        wanted = wanted.where(Training.community_id == community_id)
    with store.read() as s:
        rows = s.execute(select(Training, Community.name_en)
                         .join(Community, Community.id == Training.community_id)
                         .where(Training.id.in_(wanted))).all()
        sessions: dict[str, list[SessionInfo]] = {}
        for x in s.scalars(select(TrainingSession).where(TrainingSession.training_id.in_(wanted),
                                                          TrainingSession.deleted.is_(False))
                           .order_by(TrainingSession.date)):
            sessions.setdefault(x.training_id, []).append(SessionInfo(x.id, x.date, x.hours))
        out = [TrainingInfo(t.id, t.community_id, cname, t.phase, t.title, t.venue, t.trainers,
                            tuple(sessions.get(t.id, ())), t.title_ru, t.title_en) for t, cname in rows]
    out.sort(key=lambda t: (t.start or dt.date.max), reverse=True)
    return out


# ---- attendance ----------------------------------------------------------------------


def record_attendance(store: Store, session_id: str, person_id: str, present: bool, *,
                      walk_in: bool | None = None) -> None:
    """Tick or untick one person at one session (creates the row the first time)."""
    with store.uow() as s:
        sess = s.get(TrainingSession, session_id)
        if sess is None or sess.deleted:
            raise NotFound(N_("The session was not found; it may have been deleted."))
        p = s.get(Person, person_id)
        if p is None or p.deleted:
            raise NotFound(N_("The record was not found; it may have been deleted."))
        aid = stable_id("attendance", session_id, person_id)
        row = s.get(Attendance, aid)
        if row is None:
            s.add(Attendance(id=aid, session_id=session_id, person_id=person_id, present=present,
                             walk_in=bool(walk_in)))
        else:
            if row.present != present:
                row.present = present
            if row.deleted:
                row.deleted = False
            if walk_in is not None and row.walk_in != walk_in:
                row.walk_in = walk_in


def add_walk_in(store: Store, training_id: str, person_id: str) -> None:
    """Put a non-member on the training's sheet (absent everywhere until ticked).

    Someone removed from the sheet before comes back on the same records (un-deleted, absent
    again), never as a second row: the attendance id is stable per session and person.
    """
    info = _sheet_training(store, training_id)
    with store.uow() as s:
        _put_on_sheet(s, info, person_id)


def add_walk_in_person(store: Store, training_id: str, inp: PersonInput, *,
                       allow_duplicate: bool = False) -> AddPersonResult:
    """A new person who walked in: added to the roster and put on the sheet in one unit of
    work. As :func:`rosters.add_person`: if they may already exist, nothing is saved and the
    matches are returned (then :func:`add_walk_in` for the one chosen, or ``allow_duplicate``)."""
    info = _sheet_training(store, training_id)
    result = add_person(store, inp, allow_duplicate=allow_duplicate, then=lambda s, pid: _put_on_sheet(s, info, pid))
    return result


def _sheet_training(store: Store, training_id: str) -> TrainingInfo:
    info = get_training(store, training_id)
    if not info.sessions:
        raise UserError(N_("Add a session to the training first."))
    return info


def _put_on_sheet(s: Session, info: TrainingInfo, person_id: str) -> None:
    for sess in info.sessions:
        aid = stable_id("attendance", sess.id, person_id)
        row = s.get(Attendance, aid)
        if row is None:
            s.add(Attendance(id=aid, session_id=sess.id, person_id=person_id, present=False, walk_in=True))
        elif row.deleted:
            row.deleted = False
            if row.present:
                row.present = False
            if not row.walk_in:
                row.walk_in = True


@dataclass(frozen=True)
class WalkInRemoval:
    """What ``remove_walk_in`` took off a sheet: enough to put it back exactly."""

    training_id: str
    person_id: str
    full_name: str
    attendance_ids: tuple[str, ...]
    ticks: int  # sessions the person was ticked present at


def _current_member(s: Session, community_id: str, person_id: str) -> bool:
    return (s.scalar(
        select(func.count()).select_from(Membership)
        .join(AdvisoryGroup, AdvisoryGroup.id == Membership.group_id)
        .where(AdvisoryGroup.community_id == community_id, AdvisoryGroup.deleted.is_(False),
               Membership.person_id == person_id, Membership.deleted.is_(False),
               Membership.left_on.is_(None))) or 0) > 0


def remove_walk_in(store: Store, training_id: str, person_id: str) -> WalkInRemoval:
    """Take a walk-in added by mistake off the training's sheet, ticks included.

    Their attendance records of this training are marked deleted (a tombstone that travels
    with the next sync), not erased. Members of the community's advisory group are on every
    sheet of its trainings and cannot be removed here. ``restore_walk_in`` undoes it.
    """
    with store.uow() as s:
        t = _get_training(s, training_id)
        p = s.get(Person, person_id)
        name = p.full_name if p is not None else ""
        if _current_member(s, t.community_id, person_id):
            raise ValidationError({"person": Message(N_(
                "{name} is a member of the advisory group, not a walk-in, and stays on the sheet. "
                "Untick their sessions instead, or remove them from the group on the Advisory group page."),
                name=name)})
        rows = list(s.scalars(
            select(Attendance).join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(TrainingSession.training_id == training_id, TrainingSession.deleted.is_(False),
                   Attendance.person_id == person_id, Attendance.deleted.is_(False))))
        if p is None or p.deleted or not any(a.walk_in for a in rows):
            raise ValidationError({"person": Message(N_(
                "Only a walk-in can be removed from the sheet, and {name} is not one on this training."),
                name=name or "?")})
        serial = s.scalar(select(Certificate.serial).where(
            Certificate.training_id == training_id, Certificate.person_id == person_id,
            Certificate.deleted.is_(False), Certificate.revoked.is_(False)))
        if serial:  # a printed certificate must not outlive the attendance that earned it
            raise ValidationError({"person": Message(N_(
                "Certificate {serial} was issued to {name} for this training. Revoke it first "
                "(Certificates), then remove them from the sheet."), serial=serial, name=name)})
        for a in rows:
            a.deleted = True
        return WalkInRemoval(training_id, person_id, name, tuple(sorted(a.id for a in rows)),
                             sum(1 for a in rows if a.present))


def restore_walk_in(store: Store, removal: WalkInRemoval) -> None:
    """Undo ``remove_walk_in``: the same records come back with their ticks."""
    with store.uow() as s:
        _get_training(s, removal.training_id)
        for aid in removal.attendance_ids:
            row = s.get(Attendance, aid)
            if row is not None and row.deleted:
                row.deleted = False


def record_bulk(store: Store, rows: Iterable[tuple[str, str, bool]]) -> int:
    """Insert or update many (session_id, person_id, present) rows in one transaction.

    For loading paper sheets in bulk and for the benchmark: Core upsert, one audit entry.
    """
    now = utcnow()
    data = list(rows)
    if not data:
        return 0
    with store.uow() as s:
        inst_id = s.info["installation_id"]
        first = allocate_counters(s, len(data))
        values = [dict(id=stable_id("attendance", sid, pid), session_id=sid, person_id=pid, present=present,
                       walk_in=False, created_at=now, updated_at=now, changed_by=inst_id,
                       change_counter=first + i, deleted=False)
                  for i, (sid, pid, present) in enumerate(data)]
        stmt = sqlite_insert(Attendance)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Attendance.id],
            set_=dict(present=stmt.excluded.present, updated_at=stmt.excluded.updated_at,
                      changed_by=stmt.excluded.changed_by, change_counter=stmt.excluded.change_counter,
                      deleted=False))
        conn = s.connection()
        conn.execute(stmt, values)
        attended.mark(s, session_ids={sid for sid, _pid, _present in data})  # recomputed before the commit
        conn.execute(insert(AuditEntry), [dict(
            id=new_id(), at=now, installation_id=inst_id, user_name=s.info.get("user_name", ""),
            action="bulk", entity="attendance", entity_id="", counter=first + len(data) - 1,
            changes={"recorded": len(data), "counters": [first, first + len(data) - 1]})])
        return len(data)


@dataclass(frozen=True)
class ParticipantAttendance:
    person_id: str
    full_name: str
    sex: str
    sector: str
    birth_year: int | None
    walk_in: bool
    present: dict[str, bool]  # session id -> ticked
    hours_attended: float
    hours_total: float
    completed: bool

    @property
    def rate(self) -> float:
        return self.hours_attended / self.hours_total if self.hours_total else 0.0


@dataclass(frozen=True)
class AttendanceSheet:
    training: TrainingInfo
    participants: tuple[ParticipantAttendance, ...]
    rule: CompletionRule

    def present_count(self, session_id: str) -> int:
        return sum(1 for p in self.participants if p.present.get(session_id))

    @property
    def completed(self) -> tuple[ParticipantAttendance, ...]:
        return tuple(p for p in self.participants if p.completed)

    @property
    def average_rate(self) -> float:
        if not self.participants:
            return 0.0
        return sum(p.rate for p in self.participants) / len(self.participants)


def attendance_sheet(store: Store, training_id: str) -> AttendanceSheet:
    """Participants (current members of the community's groups, plus anyone with attendance
    recorded, e.g. walk-ins), their ticks, hours, rate and completion under the rule."""
    info = get_training(store, training_id)
    rule = completion_rule(store)
    session_ids = [x.id for x in info.sessions]
    hours = {x.id: x.hours for x in info.sessions}
    total = sum(hours.values())
    with store.read() as s:
        members = set(s.scalars(
            select(Membership.person_id).join(AdvisoryGroup, AdvisoryGroup.id == Membership.group_id)
            .where(AdvisoryGroup.community_id == info.community_id, AdvisoryGroup.deleted.is_(False),
                   Membership.deleted.is_(False), Membership.left_on.is_(None))))
        ticks: dict[str, dict[str, bool]] = {}
        walk_ins: set[str] = set()
        if session_ids:
            for a in s.scalars(select(Attendance).where(Attendance.session_id.in_(session_ids),
                                                        Attendance.deleted.is_(False))):
                ticks.setdefault(a.person_id, {})[a.session_id] = a.present
                if a.walk_in:
                    walk_ins.add(a.person_id)
        ids = members | set(ticks)
        people: Iterable[Person] = (
            s.scalars(select(Person).where(Person.id.in_(ids), Person.deleted.is_(False))) if ids else [])
        out = []
        for p in people:
            pres = {sid: ticks.get(p.id, {}).get(sid, False) for sid in session_ids}
            attended = sum(hours[sid] for sid, ok in pres.items() if ok)
            out.append(ParticipantAttendance(p.id, p.full_name, p.sex, p.sector, p.birth_year,
                                             p.id in walk_ins and p.id not in members, pres, attended, total,
                                             rule.completed(attended, total)))
    out.sort(key=lambda x: (x.walk_in, sort_key(x.full_name)))
    return AttendanceSheet(info, tuple(out), rule)


def completed_participants(store: Store, training_id: str) -> list[ParticipantAttendance]:
    return list(attendance_sheet(store, training_id).completed)


# ---- list figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingFigures:
    """What the trainings list shows of each sheet, without building the sheet."""

    participants: int
    average_rate: float
    completed: int
    recorded: bool = False  # anything at all recorded on the sheet (a tick, a walk-in)


def training_figures(store: Store, community_id: str | None = None) -> dict[str, TrainingFigures]:
    """Participants, average attendance rate and completed count of every training (of one
    community, or all): the numbers ``attendance_sheet`` gives, in three queries however many
    trainings (hours per training; members per community; attendance summed per person and
    training, then per training, inside SQLite).

    The sheet's participants are the community's current group members plus anyone with a
    live attendance record; a member with no record attended nothing (rate 0, not completed).
    """
    rule = completion_rule(store)
    live: ColumnElement[bool] = Training.deleted.is_(False)
    if community_id:
        live = live & (Training.community_id == community_id)
    hours = (select(Training.id.label("tid"), Training.community_id.label("cid"),
                    func.sum(TrainingSession.hours).label("total"))
             .outerjoin(TrainingSession, (TrainingSession.training_id == Training.id)
                        & TrainingSession.deleted.is_(False))
             .where(live).group_by(Training.id).subquery())
    member_rows = (select(AdvisoryGroup.community_id.label("cid"), Membership.person_id.label("pid"))
               .join(Membership, Membership.group_id == AdvisoryGroup.id)
               .join(Person, Person.id == Membership.person_id)
               .where(AdvisoryGroup.deleted.is_(False), Membership.deleted.is_(False),
                      Membership.left_on.is_(None), Person.deleted.is_(False)))
    if community_id:
        member_rows = member_rows.where(AdvisoryGroup.community_id == community_id)
    members = member_rows.distinct().subquery()
    per_person = (select(TrainingSession.training_id.label("tid"), Attendance.person_id.label("pid"),
                         func.sum(case((Attendance.present.is_(True), TrainingSession.hours),
                                       else_=0.0)).label("attended"))
                  .select_from(Attendance)
                  .join(TrainingSession, TrainingSession.id == Attendance.session_id)
                  .join(Training, Training.id == TrainingSession.training_id)
                  .where(live, Attendance.deleted.is_(False), TrainingSession.deleted.is_(False))
                  .group_by(TrainingSession.training_id, Attendance.person_id).subquery())
    # CompletionRule.completed in SQL: attended + 1e-9 >= share x total, never for 0 hours.
    done = case(((hours.c.total > 0)
                 & (per_person.c.attended + 1e-9 >= rule.min_share * hours.c.total), 1), else_=0)
    per_training = (select(per_person.c.tid, func.count(), func.count(members.c.pid),
                           func.sum(per_person.c.attended), func.sum(done))
                    .join(hours, hours.c.tid == per_person.c.tid)
                    .join(Person, (Person.id == per_person.c.pid) & Person.deleted.is_(False))
                    .outerjoin(members, (members.c.cid == hours.c.cid) & (members.c.pid == per_person.c.pid))
                    .group_by(per_person.c.tid))
    with store.read() as s:
        totals = {tid: (cid, float(total or 0.0)) for tid, cid, total in s.execute(select(hours))}
        member_count: dict[str, int] = dict(s.execute(select(members.c.cid, func.count()).group_by(members.c.cid)).all())
        on_sheets = {row[0]: row[1:] for row in s.execute(per_training)}
    out: dict[str, TrainingFigures] = {}
    for tid, (cid, total) in totals.items():
        seen, members_seen, attended, completed = on_sheets.get(tid, (0, 0, 0.0, 0))
        n = member_count.get(cid, 0) + seen - members_seen
        rate = float(attended or 0.0) / total / n if n and total else 0.0
        out[tid] = TrainingFigures(n, rate, int(completed or 0), bool(seen))
    return out
