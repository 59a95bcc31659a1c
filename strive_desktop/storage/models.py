"""ORM tables (SQLAlchemy 2.x typed declarative).

Every record that travels between installations carries the sync columns of ``Synced``:
a UUID key, created/updated time (UTC), the installation that last changed it, that
installation's change counter at the time, and a tombstone flag instead of a hard delete.
Local-only state (this installation, settings, sync bookkeeping) lives in tables without them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Namespace for ids that must be the same at every installation (seeded communities,
# attendance of one person at one session), so two offices never create rival records.
STRIVE_NS = uuid.UUID("6f1c2a34-5e2b-4c1e-9a4e-0d4f3b7a9c11")


def new_id() -> str:
    return str(uuid.uuid4())


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(STRIVE_NS, "/".join(parts)))


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Columns every travelling record carries (Morango-style sync metadata)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(36), default="")
    # indexed with changed_by (see _index_own_changes below), not alone
    change_counter: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


SYNC_COLUMNS = ("id", "created_at", "updated_at", "changed_by", "change_counter", "deleted")


class Community(Synced, Base):
    __tablename__ = "communities"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_ky: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    oblast_ky: Mapped[str] = mapped_column(String(100), default="")
    oblast_ru: Mapped[str] = mapped_column(String(100), default="")
    oblast_en: Mapped[str] = mapped_column(String(100), default="")


class AdvisoryGroup(Synced, Base):
    __tablename__ = "advisory_groups"
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    cpc_name: Mapped[str] = mapped_column(String(200), default="")
    formed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Person(Synced, Base):
    __tablename__ = "people"
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))
    full_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    # domain.names.sort_key(full_name): name order in the user's alphabet (not synced: derived).
    # Indexed with name_key: a search walks the index in name order and tests the name key
    # there, without a table lookup per person (15 ms -> 3 ms at 100,000 people).
    sort_key: Mapped[str] = mapped_column(String(400), default="", server_default="")
    dup_key: Mapped[str] = mapped_column(String(200), index=True)
    sex: Mapped[str] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    pin: Mapped[str | None] = mapped_column(String(14), nullable=True, index=True)
    sector: Mapped[str] = mapped_column(String(40))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    consent_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # services/people_merge.py: a merged person is a tombstone pointing to the survivor, with
    # the records moved to them (JSON) so the merge can be undone; "keep apart" decisions are
    # the ids of people this one is not, space-separated. All three travel with the person.
    merged_into: Mapped[str | None] = mapped_column(String(36), nullable=True)
    merge_moves: Mapped[str] = mapped_column(Text, default="", server_default="")
    kept_apart: Mapped[str] = mapped_column(Text, default="", server_default="")

    # ix_people_community_live (0015_people_live_count; it replaced ix_people_community_id): with
    # ``deleted`` in the index, how many live people a community has (the People page's total at
    # start) is counted in the index alone, not by a scan of the encrypted table (~400 ms -> ~15 ms
    # at 100,000 people). Community first, so a query that names no community (the duplicate
    # check's OR of names, PIN and phone) cannot use it: tests/services/test_people_index.py.
    # ix_people_figures and ix_people_gone (0019_report_indexes): the reports read the living
    # people's sex, birth year and sector from the first, not from the encrypted rows (the id
    # first, so that no other query on people is drawn to it), and find the people deleted or
    # merged, which they count apart, in the second (partial: only they are in it).
    __table_args__ = (Index("ix_people_sort_key", "sort_key", "name_key"),
                      Index("ix_people_community_live", "community_id", "deleted"),
                      Index("ix_people_figures", "id", "deleted", "merged_into", "sex", "birth_year", "sector"),
                      Index("ix_people_gone", "id", "merged_into", sqlite_where=text("deleted IS 1"),
                            postgresql_where=text("deleted IS true")))


class Membership(Synced, Base):
    __tablename__ = "memberships"
    # Who is a current member where, read from the index alone (the dashboard: migration
    # 0021_member_index); also the index of a person's memberships.
    __table_args__ = (Index("ix_memberships_person_current", "person_id", "group_id", "deleted", "left_on"),)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    group_id: Mapped[str] = mapped_column(ForeignKey("advisory_groups.id"), index=True)
    role: Mapped[str] = mapped_column(String(40), default="member")
    joined_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class VulnerableGroup(Synced, Base):
    __tablename__ = "vulnerable_groups"
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"), index=True)
    category: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class Training(Synced, Base):
    __tablename__ = "trainings"
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"), index=True)
    phase: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    # The title in Russian and English (0012_titles, optional): printed on a document in that language
    title_ru: Mapped[str] = mapped_column(String(300), default="", server_default="")
    title_en: Mapped[str] = mapped_column(String(300), default="", server_default="")
    venue: Mapped[str] = mapped_column(String(300), default="")
    trainers: Mapped[str] = mapped_column(String(300), default="")


class TrainingSession(Synced, Base):
    __tablename__ = "training_sessions"
    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)


class Attendance(Synced, Base):
    """One person at one session. The id is ``stable_id(session_id, person_id)``."""

    __tablename__ = "attendance"
    # ix_attendance_person_sessions (0019_report_indexes; it replaced ix_attendance_person_id): a
    # person's sessions and whether they were present, read from the index alone (the reports
    # read the attendance of the people of a merge this way).
    __table_args__ = (UniqueConstraint("session_id", "person_id"),
                      Index("ix_attendance_person_sessions", "person_id", "session_id", "present", "deleted"))
    session_id: Mapped[str] = mapped_column(ForeignKey("training_sessions.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)


class LocalPlan(Synced, Base):
    __tablename__ = "local_plans"
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    period_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    context: Mapped[str] = mapped_column(Text, default="")
    vulnerable_groups: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)


class PlanActivity(Synced, Base):
    __tablename__ = "plan_activities"
    plan_id: Mapped[str] = mapped_column(ForeignKey("local_plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    responsible: Mapped[str] = mapped_column(String(300), default="")
    partners: Mapped[str] = mapped_column(String(300), default="")
    start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    budget_project: Mapped[int] = mapped_column(Integer, default=0)
    budget_local: Mapped[int] = mapped_column(Integer, default=0)
    budget_other: Mapped[int] = mapped_column(Integer, default=0)
    indicator: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")


class PlanRevision(Synced, Base):
    """A frozen copy of a plan (sections and activities) as JSON."""

    __tablename__ = "plan_revisions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    plan_id: Mapped[str] = mapped_column(ForeignKey("local_plans.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    saved_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)


class Certificate(Synced, Base):
    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("person_id", "training_id"),)
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    verification_code: Mapped[str] = mapped_column(String(40))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    # The signers, extra lines and logos printed when it was issued (JSON, services/certificates.py
    # look_json), so a reprint matches the original; "" for certificates issued before 0009.
    look: Mapped[str] = mapped_column(Text, default="", server_default="")


class AuditEntry(Base):
    """Append-only: who changed what, when. Travels with sync packages (UUID key)."""

    __tablename__ = "audit_log"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    installation_id: Mapped[str] = mapped_column(String(36))
    user_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(20))  # insert / update / delete / bulk
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    counter: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


Index("ix_audit_entity", AuditEntry.entity, AuditEntry.entity_id)


# ---- local-only state -------------------------------------------------------------------


class Installation(Base):
    """This installation's identity (exactly one row)."""

    __tablename__ = "installation"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    community_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    is_hq: Mapped[bool] = mapped_column(Boolean, default=False)
    user_name: Mapped[str] = mapped_column(String(200), default="")
    counter: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AttendedTotal(Base):
    """Derived, local: one person's attended totals at one training (storage/attended.py).

    Kept current by :func:`storage.attended.recompute` in the unit of work of every change to
    attendance, sessions or trainings, so that the dashboard and the donor summary read about
    one row per (training, person) instead of every attendance row. Never travels: each
    installation computes its own (migration 0016_attended_totals fills it)."""

    __tablename__ = "attended_totals"
    __table_args__ = (
        # a person's rows, for keeping ``attended_people`` current and for the few people of a
        # merge or deleted; only equality on the person reads it
        Index("ix_attended_totals_person_id", "person_id"),
        {"sqlite_with_rowid": False},  # rows in key order: a training's people together
    )
    training_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # as recorded (not its survivor)
    community_id: Mapped[str] = mapped_column(String(36))  # the training's
    phase: Mapped[str] = mapped_column(String(40))  # the training's
    training_hours: Mapped[float] = mapped_column(Float)  # hours of the training's live sessions
    hours_present: Mapped[float] = mapped_column(Float)  # hours of the sessions ticked present
    first_present: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # first session ticked present


class AttendedPerson(Base):
    """Derived, local: one person's attended totals over every training (storage/attended.py),
    for the donor summary of everything, which counts people, not rows: about one row per person
    instead of one per (training, person). Only people present at least once have a row.

    Kept current with ``attended_totals`` (the people of the trainings recomputed), never travels
    (migration 0018_attended_people fills it). Whether a training was completed depends on the
    completion share: the share judged by is kept on each row, and a summary falls back to the
    totals when it is not the share in force."""

    __tablename__ = "attended_people"
    __table_args__ = {"sqlite_with_rowid": False}  # one lookup by person, not an index then the row
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # as recorded (not its survivor)
    first_present: Mapped[dt.date] = mapped_column(Date)  # first session ticked present
    communities: Mapped[str] = mapped_column(Text)  # of the trainings attended, comma-separated, any order
    phases: Mapped[str] = mapped_column(Text)  # of the trainings attended, comma-separated, any order
    completed_phases: Mapped[str] = mapped_column(Text)  # of the trainings completed ("" none), the same
    completion_share: Mapped[float] = mapped_column(Float)  # the share "completed" was judged by


class AttendedPlace(Base):
    """Derived, local: the hours of the sheets one person is on among one community's trainings
    (storage/attended.py), for the dashboard's sheets: a sheet's cells are its community's
    current members plus anyone else on it, and the members' own rows are summed here per
    (person, community) instead of testing every row of ``attended_totals`` for membership.

    Kept current with ``attended_people`` (the people of the trainings recomputed), never travels
    (migration 0018_attended_people fills it)."""

    __tablename__ = "attended_places"
    __table_args__ = {"sqlite_with_rowid": False}
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # as recorded (not its survivor)
    community_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the trainings'
    sheet_hours: Mapped[float] = mapped_column(Float)  # hours of those of its trainings with hours > 0


class AttendedTraining(Base):
    """Derived, local: one training's attended totals summed (storage/attended.py), for the
    dashboard and the donor summary: one row per training instead of its ``attended_totals`` rows
    (720,000 at national scale, read twice per report).

    Kept current with ``attended_totals`` (the trainings recomputed), never travels (migration
    0020_attended_trainings fills it). Like the totals, it counts every person recorded,
    deleted or merged too: the reports take the few rows of those people off."""

    __tablename__ = "attended_trainings"
    __table_args__ = {"sqlite_with_rowid": False}
    training_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    community_id: Mapped[str] = mapped_column(String(36))  # the training's
    training_hours: Mapped[float] = mapped_column(Float)  # hours of the training's live sessions
    hours_present: Mapped[float] = mapped_column(Float)  # person-hours ticked present
    on_sheet: Mapped[int] = mapped_column(Integer)  # people recorded on its sheet (rows of the totals)
    present: Mapped[int] = mapped_column(Integer)  # of them, ticked present at least once


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Account(Base):
    """A person who logs in to this installation (local: never travels). The password is not
    here: it unlocks the account's slot of the vault (storage/vault.py)."""

    __tablename__ = "accounts"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # domain.roles.Role
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


SYNCED_MODELS: tuple[type[Base], ...] = (
    Community,
    AdvisoryGroup,
    Person,
    Membership,
    VulnerableGroup,
    Training,
    TrainingSession,
    Attendance,
    LocalPlan,
    PlanActivity,
    PlanRevision,
    Certificate,
)
"""In dependency order: a record's parents come before it."""


class Attachment(Synced, Base):
    """A file (photo or scan of a signed sheet) kept in attachments/ under its SHA-256 name."""

    __tablename__ = "attachments"
    training_id: Mapped[str | None] = mapped_column(ForeignKey("trainings.id"), nullable=True, index=True)
    plan_id: Mapped[str | None] = mapped_column(ForeignKey("local_plans.id"), nullable=True, index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")


SYNCED_MODELS = (*SYNCED_MODELS, Attachment)


def _index_own_changes() -> None:
    """Every synced table's rows by (changed_by, change_counter): sync capture asks for this
    installation's own changes since a counter (sync/merge.py ``capture``, before every export and
    import). At headquarters nearly every row was written by another installation, with that
    installation's counter: an index of the counter alone made each capture walk every row
    received so far, so a national inbox took longer with every package (migration
    0017_own_changes)."""
    for model in SYNCED_MODELS:
        table = model.__table__
        Index(f"ix_{model.__tablename__}_own_changes", table.c.changed_by, table.c.change_counter)


_index_own_changes()
