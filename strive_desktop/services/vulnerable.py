"""Vulnerable groups identified by a community."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.validation import Errors, require_text
from ..errors import NotFound
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import Community, VulnerableGroup, new_id


@dataclass(frozen=True)
class VulnerableGroupInfo:
    id: str
    community_id: str
    category: str
    description: str


def _check(category: str) -> str:
    errors = Errors()
    category = require_text(errors, "category", category, N_("The category"))
    errors.raise_if_any()
    return category


def add_vulnerable_group(store: Store, community_id: str, category: str, description: str = "") -> str:
    category = _check(category)
    with store.uow() as s:
        if s.get(Community, community_id) is None:
            raise NotFound(N_("That community no longer exists."))
        v = VulnerableGroup(id=new_id(), community_id=community_id, category=category,
                            description=description.strip())
        s.add(v)
        return v.id


def update_vulnerable_group(store: Store, vg_id: str, category: str, description: str = "") -> None:
    category = _check(category)
    with store.uow() as s:
        v = s.get(VulnerableGroup, vg_id)
        if v is None or v.deleted:
            raise NotFound(N_("The record was not found; it may have been deleted."))
        if v.category != category:
            v.category = category
        if v.description != description.strip():
            v.description = description.strip()


def remove_vulnerable_group(store: Store, vg_id: str) -> None:
    with store.uow() as s:
        v = s.get(VulnerableGroup, vg_id)
        if v is None:
            raise NotFound(N_("The record was not found; it may have been deleted."))
        v.deleted = True


def list_vulnerable_groups(store: Store, community_id: str | None = None) -> list[VulnerableGroupInfo]:
    with store.read() as s:
        q = select(VulnerableGroup).where(VulnerableGroup.deleted.is_(False)).order_by(VulnerableGroup.category)
        if community_id:
            q = q.where(VulnerableGroup.community_id == community_id)
        return [VulnerableGroupInfo(v.id, v.community_id, v.category, v.description) for v in s.scalars(q)]
