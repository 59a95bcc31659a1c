"""Who a record counts as in the figures: a merged person counts as their survivor.

A merge (services/people_merge.py) moves the other person's memberships, attendance and
certificates to the person kept. A record of the merged person may still come later: an
office that had not yet received the merge recorded attendance for them and sent it. Such a
record is the survivor's: the donor figures and the dashboard count it for the survivor, once,
whatever the number of communities or records.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.models import Person


def survivors(s: Session) -> dict[str, str]:
    """{id of a merged person (tombstone): id of the person they count as}, following a merge
    of a merged person's survivor too (B into A, then A into C: B counts as C)."""
    merged: dict[str, str] = {pid: into for pid, into in s.execute(
        select(Person.id, Person.merged_into).where(Person.merged_into.is_not(None), Person.deleted.is_(True)))
        if into is not None}
    out: dict[str, str] = {}
    for pid in merged:
        seen, cur = {pid}, merged[pid]
        while cur in merged and cur not in seen:
            seen.add(cur)
            cur = merged[cur]
        out[pid] = cur
    return out


def living(s: Session, ids: set[str]) -> set[str]:
    """The people of *ids* who are not deleted."""
    need, out = sorted(ids), set[str]()
    for i in range(0, len(need), 5000):
        out.update(s.scalars(select(Person.id).where(Person.id.in_(need[i:i + 5000]),
                                                     Person.deleted.is_(False))))
    return out
