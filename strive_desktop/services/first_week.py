"""A new field office's first steps, as the dashboard lists them until every one is done:
the advisory group, its members, the first training, the first attendance, the first export."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select

from ..storage.db import Store
from ..storage.models import (
    AdvisoryGroup,
    Attendance,
    Installation,
    Membership,
    Training,
    TrainingSession,
)
from ..storage.sync_models import SyncPackage

STEPS = ("group", "members", "training", "attendance", "export")


@dataclass(frozen=True)
class FirstWeek:
    """Which first steps are done (``done`` in the order of :data:`STEPS`); ``applies`` is False
    at headquarters and on a folder not set up yet."""

    applies: bool
    done: tuple[bool, ...] = (False,) * len(STEPS)

    @property
    def finished(self) -> bool:
        return all(self.done)

    @property
    def next_step(self) -> str | None:
        return next((k for k, d in zip(STEPS, self.done, strict=True) if not d), None)

    @property
    def shown(self) -> bool:
        return self.applies and not self.finished


def first_week(store: Store) -> FirstWeek:
    with store.read() as s:
        inst = s.scalar(select(Installation))
        if inst is None or inst.is_hq or not inst.community_id:
            return FirstWeek(False)
        cid = inst.community_id
        groups = select(AdvisoryGroup.id).where(AdvisoryGroup.community_id == cid, AdvisoryGroup.deleted.is_(False))
        trainings = select(Training.id).where(Training.community_id == cid, Training.deleted.is_(False))
        sessions = select(TrainingSession.id).where(TrainingSession.training_id.in_(trainings),
                                                    TrainingSession.deleted.is_(False))
        done = (
            bool(s.scalar(select(exists(groups)))),
            bool(s.scalar(select(exists().where(Membership.group_id.in_(groups), Membership.deleted.is_(False))))),
            bool(s.scalar(select(exists(trainings)))),
            bool(s.scalar(select(exists().where(Attendance.session_id.in_(sessions), Attendance.present.is_(True),
                                                Attendance.deleted.is_(False))))),
            bool(s.scalar(select(exists().where(SyncPackage.direction == "out")))),
        )
    return FirstWeek(True, done)
