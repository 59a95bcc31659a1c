"""Who saved a plan last, and where: headquarters must not show a plan an office saved as
"Saved 07:26" as if it had saved it itself (issue 16, problem 8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..errors import NotFound
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import Installation, LocalPlan
from ..storage.sync_models import SyncPeer


@dataclass(frozen=True)
class SavedBy:
    here: bool  # saved by this installation
    where: str  # the name of the installation that saved it ('' if it is not known here)
    at: dt.datetime  # UTC, as stored


def plan_saved_by(store: Store, plan_id: str) -> SavedBy:
    with store.read() as s:
        plan = s.get(LocalPlan, plan_id)
        if plan is None or plan.deleted:
            raise NotFound(N_("The plan was not found; it may have been deleted."))
        me = s.scalar(select(Installation.id))
        here = not plan.changed_by or plan.changed_by == me
        where = "" if here else (s.scalar(select(SyncPeer.name)
                                          .where(SyncPeer.installation_id == plan.changed_by)) or "")
        return SavedBy(here, where, plan.updated_at)
