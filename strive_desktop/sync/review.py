"""Conflict review at headquarters: both values side by side, and "reverse" (an ordinary change
that travels back like any other edit)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select

from ..errors import NotFound, UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import SYNCED_MODELS, Synced
from ..storage.sync_models import SyncConflict, SyncPeer
from .merge import TABLES, recomputed, to_db

MODELS = {m.__tablename__: m for m in SYNCED_MODELS}
LABEL_FIELDS = ("full_name", "name", "title", "name_en", "serial", "file_name", "category")


@dataclass(frozen=True)
class ConflictRow:
    id: int
    table: str
    record_id: str
    record_label: str
    field: str
    kind: str  # edit / delete
    winner_value: Any
    winner_by: str
    loser_value: Any
    loser_by: str
    status: str


def _who(stamp: str, names: dict[str, str]) -> str:
    inst, _, n = stamp.partition(":")
    return f"{names.get(inst, inst[:8] or 'seed')} #{n}"


def list_conflicts(store: Store, status: str | None = "open") -> list[ConflictRow]:
    with store.read() as s:
        names = {p.installation_id: p.name for p in s.scalars(select(SyncPeer))}
        inst = store.installation()
        if inst is not None:
            names[inst.id] = inst.name
        q = select(SyncConflict).order_by(SyncConflict.detected_at.desc(), SyncConflict.id.desc())
        if status:
            q = q.where(SyncConflict.status == status)
        out = []
        for c in s.scalars(q):
            label = c.rid[:8]
            model = MODELS.get(c.tbl)
            obj = s.get(model, c.rid) if model is not None else None
            if obj is not None:
                for f in LABEL_FIELDS:
                    if hasattr(obj, f):
                        label = str(getattr(obj, f))
                        break
            out.append(ConflictRow(c.id, c.tbl, c.rid, label, c.field, c.kind, json.loads(c.winner_value or "null"),
                                   _who(c.winner_stamp, names), json.loads(c.loser_value or "null"),
                                   _who(c.loser_stamp, names), c.status))
        return out


def reverse(store: Store, conflict_id: int) -> None:
    """Make the losing value the current one (deletion conflicts: restore the record)."""
    with store.uow() as s:
        c = s.get(SyncConflict, conflict_id)
        if c is None:
            raise NotFound(N_("That conflict no longer exists."))
        if c.status != "open":
            raise UserError(N_("This conflict was already settled."))
        model = MODELS[c.tbl]
        obj = cast(Synced | None, s.get(model, c.rid))  # every synced model is Synced
        if obj is None:
            raise NotFound(N_("The record of this conflict no longer exists."))
        col = TABLES[c.tbl].cols[c.field]
        value = to_db(col, json.loads(c.loser_value))
        if c.kind == "delete":
            obj.deleted = False
        setattr(obj, c.field, value)
        for derived, (source, fn) in recomputed(c.tbl).items():
            if source == c.field:  # e.g. the sort key of a name taken back
                setattr(obj, derived, fn(value or ""))
        c.status = "reversed"


def dismiss(store: Store, conflict_id: int) -> None:
    """Keep the winning value; the conflict leaves the review list."""
    with store.uow() as s:
        c = s.get(SyncConflict, conflict_id)
        if c is None:
            raise NotFound(N_("That conflict no longer exists."))
        c.status = "kept"
