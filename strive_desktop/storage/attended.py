"""The attended totals: one row per (training, person recorded on its sheet), derived from the
attendance and kept current in the same unit of work as every change to it.

At national scale (about 4,000,000 attendance rows at headquarters) the dashboard and the donor
summary cannot aggregate the attendance each time they are shown; they read ``attended_totals``
instead (about one row per training and person). It is derived data: it never travels, and
each installation computes its own.

What keeps it current:

* every ORM change to an attendance row, a session or a training (recording attendance, walk-ins,
  editing or deleting a training or a session, merging people and undoing it, a conflict taken
  back) is noted by the flush hook of :mod:`storage.db` (:func:`note`), and the trainings noted are
  recomputed just before the unit of work commits (:func:`before_commit`);
* the bulk paths that write with Core statements (``trainings.record_bulk``, the attendance
  sheet import, the sync import) call :func:`recompute` or :func:`recompute_for` themselves.

A row holds the person as recorded, not their survivor after a merge, and does not depend on the
person's state (deleted, merged): the reports filter people when they read it, so deleting,
restoring or merging people changes no row unless attendance moves.

``attended_people`` rolls the totals up once more, one row per person present at least once:
the first session attended, the communities and phases of the trainings attended, and the phases
of those completed, which the donor summary of everything counts (about 90,000 rows at national
scale instead of 720,000 to sort by person). Recomputing trainings recomputes the rows of every
person on their sheets (before and after), in the same unit of work; "completed" is judged by the
completion share in force, kept on each row, and every row is judged again when a unit of work
changes the share. ``attended_places`` keeps, per (person, community), the hours of the sheets
of that community's trainings the person is on (the dashboard's members' cells), with them.
``attended_trainings`` sums the totals per training (the person-hours present, the people on
the sheet and those present), recomputed with the totals of the same trainings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Float, case, delete, distinct, func, insert, literal, literal_column, select
from sqlalchemy.orm import Session

from ..domain.rules import COMPLETION_SETTING, completion_rule_of
from .dialect import is_postgres
from .models import (
    Attendance,
    AttendedPerson,
    AttendedPlace,
    AttendedTotal,
    AttendedTraining,
    Setting,
    Training,
    TrainingSession,
)

#: session.info key: trainings whose totals this unit of work must recompute before it commits
DIRTY = "attended_trainings"
_DIRTY_SESSIONS = "attended_sessions"
_CHUNK = 500


def _fill(where: Any = None) -> Any:
    """INSERT ... SELECT of the totals of the trainings matching *where* (all when None)."""
    totals = (select(TrainingSession.training_id.label("tid"), func.sum(TrainingSession.hours).label("total"))
              .where(TrainingSession.deleted.is_(False)))
    if where is not None:
        totals = totals.where(where(TrainingSession.training_id))
    tot = totals.group_by(TrainingSession.training_id).subquery()
    rows = (select(TrainingSession.training_id, Attendance.person_id, Training.community_id, Training.phase,
                   tot.c.total,
                   func.sum(case((Attendance.present.is_(True), TrainingSession.hours), else_=0.0)),
                   func.min(case((Attendance.present.is_(True), TrainingSession.date))))
            .select_from(Attendance)
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .join(Training, Training.id == TrainingSession.training_id)
            .join(tot, tot.c.tid == Training.id)
            .where(Attendance.deleted.is_(False), TrainingSession.deleted.is_(False), Training.deleted.is_(False))
            .group_by(TrainingSession.training_id, Attendance.person_id, Training.community_id, Training.phase,
                      tot.c.total))
    if where is not None:
        rows = rows.where(where(TrainingSession.training_id))
    cols = ["training_id", "person_id", "community_id", "phase", "training_hours", "hours_present",
            "first_present"]
    return insert(AttendedTotal).from_select(cols, rows)


def _fill_trainings(where: Any = None) -> Any:
    """INSERT ... SELECT of the ``attended_trainings`` rows of the trainings matching *where*
    (all when None), from their totals."""
    t = AttendedTotal
    rows = (select(t.training_id, func.max(t.community_id), func.max(t.training_hours), func.sum(t.hours_present),
                   func.count(), func.count(t.first_present))
            .group_by(t.training_id))
    if where is not None:
        rows = rows.where(where(t.training_id))
    cols = ["training_id", "community_id", "training_hours", "hours_present", "on_sheet", "present"]
    return insert(AttendedTraining).from_select(cols, rows)


def completion_share(conn: Any) -> float:
    """The completion share in force (``services.trainings.completion_rule``), read in *conn*'s
    transaction."""
    raw = conn.execute(select(Setting.value).where(Setting.key == COMPLETION_SETTING)).scalar()
    return completion_rule_of(raw).min_share


def _fill_people(conn: Any, person_ids: list[str] | None = None) -> Any:
    """INSERT ... SELECT of the ``attended_people`` rows of *person_ids* (all when None)."""
    t = AttendedTotal
    share = completion_share(conn)
    if is_postgres(conn):
        def listed(col: Any) -> Any:
            return func.coalesce(func.string_agg(distinct(col), literal_column("','")), "")
    else:
        def listed(col: Any) -> Any:
            return func.coalesce(func.group_concat(distinct(col)), "")
    # CompletionRule.completed, in SQL, as services.reports judges a training completed
    done = (t.training_hours > 0) & (t.hours_present + 1e-9 >= share * t.training_hours)
    rows = (select(t.person_id, func.min(t.first_present), listed(t.community_id), listed(t.phase),
                   listed(case((done, t.phase))), literal(share, Float))
            .where(t.first_present.is_not(None)).group_by(t.person_id))
    if person_ids is not None:
        rows = rows.where(t.person_id.in_(person_ids))
    cols = ["person_id", "first_present", "communities", "phases", "completed_phases", "completion_share"]
    return insert(AttendedPerson).from_select(cols, rows)


def _fill_places(person_ids: list[str] | None = None) -> Any:
    """INSERT ... SELECT of the ``attended_places`` rows of *person_ids* (all when None)."""
    t = AttendedTotal
    rows = (select(t.person_id, t.community_id, func.sum(t.training_hours))
            .where(t.training_hours > 0).group_by(t.person_id, t.community_id))
    if person_ids is not None:
        rows = rows.where(t.person_id.in_(person_ids))
    return insert(AttendedPlace).from_select(["person_id", "community_id", "sheet_hours"], rows)


def recompute_people(conn: Any, person_ids: Iterable[str]) -> None:
    """Recompute the ``attended_people`` and ``attended_places`` rows of *person_ids* from their
    attended totals."""
    ids = sorted({p for p in person_ids if p})
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        conn.execute(delete(AttendedPerson).where(AttendedPerson.person_id.in_(part)))
        conn.execute(_fill_people(conn, part))
        conn.execute(delete(AttendedPlace).where(AttendedPlace.person_id.in_(part)))
        conn.execute(_fill_places(part))


def recompute_all_people(conn: Any) -> None:
    """Every ``attended_people`` and ``attended_places`` row from the attended totals."""
    conn.execute(delete(AttendedPerson))
    conn.execute(_fill_people(conn))
    conn.execute(delete(AttendedPlace))
    conn.execute(_fill_places())


def _people_of(conn: Any, training_ids: list[str]) -> set[str]:
    return set(conn.execute(select(AttendedTotal.person_id)
                            .where(AttendedTotal.training_id.in_(training_ids))).scalars())


def recompute(conn: Any, training_ids: Iterable[str]) -> None:
    """Recompute the totals of *training_ids* from their attendance (a Connection or Session,
    inside the caller's transaction): their rows deleted, then filled again; then the
    ``attended_people`` rows of everyone on their sheets, before or after."""
    ids = sorted({t for t in training_ids if t})
    people: set[str] = set()
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        people |= _people_of(conn, part)
        conn.execute(delete(AttendedTotal).where(AttendedTotal.training_id.in_(part)))
        conn.execute(_fill(lambda col, part=part: col.in_(part)))
        conn.execute(delete(AttendedTraining).where(AttendedTraining.training_id.in_(part)))
        conn.execute(_fill_trainings(lambda col, part=part: col.in_(part)))
        people |= _people_of(conn, part)
    recompute_people(conn, people)


def recompute_all(conn: Any) -> None:
    """Every total from scratch (a restored or migrated database, a check)."""
    conn.execute(delete(AttendedTotal))
    conn.execute(_fill())
    conn.execute(delete(AttendedTraining))
    conn.execute(_fill_trainings())
    recompute_all_people(conn)


def trainings_of(conn: Any, *, attendance_ids: Iterable[str] = (), session_ids: Iterable[str] = ()) -> set[str]:
    """The trainings of these attendance rows and sessions (as they are stored now)."""
    out: set[str] = set()
    att = sorted(set(attendance_ids))
    for i in range(0, len(att), _CHUNK):
        out.update(conn.execute(select(TrainingSession.training_id).distinct()
                                .join(Attendance, Attendance.session_id == TrainingSession.id)
                                .where(Attendance.id.in_(att[i:i + _CHUNK]))).scalars())
    ses = sorted(set(session_ids))
    for i in range(0, len(ses), _CHUNK):
        out.update(conn.execute(select(TrainingSession.training_id).distinct()
                                .where(TrainingSession.id.in_(ses[i:i + _CHUNK]))).scalars())
    return out


def recompute_for(conn: Any, *, training_ids: Iterable[str] = (), session_ids: Iterable[str] = (),
                  attendance_ids: Iterable[str] = ()) -> None:
    """Recompute the trainings named, and those of the sessions and attendance rows named (the
    sync import: whatever a package wrote)."""
    recompute(conn, set(training_ids) | trainings_of(conn, attendance_ids=attendance_ids, session_ids=session_ids))


def mark(session: Session, *, training_ids: Iterable[str] = (), session_ids: Iterable[str] = ()) -> None:
    """Have this unit of work recompute these trainings (and those of these sessions) before it
    commits: for the bulk paths that write attendance with Core statements, which the flush
    hook does not see."""
    session.info.setdefault(DIRTY, set()).update(training_ids)
    session.info.setdefault(_DIRTY_SESSIONS, set()).update(session_ids)


def note(session: Session, obj: Any, changes: dict[str, Any]) -> None:
    """Called by the flush hook for every synced record inserted or changed: remember the
    training whose totals it may change (*changes*: the changed columns, ``[old, new]``, or the
    new record's values)."""
    if isinstance(obj, Attendance):
        sids = session.info.setdefault(_DIRTY_SESSIONS, set())
        sids.add(obj.session_id)
        old = changes.get("session_id")
        if isinstance(old, list) and old and old[0]:
            sids.add(old[0])
    elif isinstance(obj, TrainingSession):
        tids = session.info.setdefault(DIRTY, set())
        tids.add(obj.training_id)
        old = changes.get("training_id")
        if isinstance(old, list) and old and old[0]:
            tids.add(old[0])
    elif isinstance(obj, Training):
        session.info.setdefault(DIRTY, set()).add(obj.id)


def before_commit(session: Session) -> None:
    """Recompute the trainings noted in this unit of work, just before it commits (and every
    person's ``attended_people`` row when it changes the completion share)."""
    share_set = any(isinstance(obj, Setting) and obj.key == COMPLETION_SETTING
                    for obj in (*session.new, *session.dirty))
    session.flush()  # the flush hook notes what this unit of work changed
    if share_set:
        recompute_all_people(session.connection())
    if not session.info.get(DIRTY) and not session.info.get(_DIRTY_SESSIONS):
        return
    tids: set[str] = session.info.pop(DIRTY, set())
    sids: set[str] = session.info.pop(_DIRTY_SESSIONS, set())
    conn = session.connection()
    recompute(conn, tids | trainings_of(conn, session_ids=sids))
