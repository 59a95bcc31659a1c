"""Who may change what: the ownership rules of every synced table, and the checks a package's
records and audit rows must pass before anything of them is applied.

The sender's identity (installation, community, headquarters or not) is the one stored when its
key was accepted, never what its package says. A field office owns the records of its own
community; reference data shared by all communities and moves of a record between communities
belong to headquarters. Each table's owning community is found either in a column of the record
itself or through its parent records (the rule's ``via``): every non-empty ``via`` column must
lead to the same community. The rules are checked on the record as received *and* on the record
as stored here, so a record cannot be taken over by claiming another community for it.

``RULES`` must name every table of ``SYNCED_MODELS`` (a test checks it): a table without a rule
is refused entirely (fail closed). docs/sync-format.md, section 12, has the same table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from ..errors import Refusal
from ..i18n import N_, Message
from ..storage.dialect import in_ids
from .scope import DELIVERY_EXTRA_SQL, SCOPE_SQL

HQ_ONLY = "hq"
COMMUNITY = "community"
"""A field office of the owning community may create, change and delete; headquarters may too."""


@dataclass(frozen=True)
class Rule:
    """``via``: (column, table it points to) pairs that lead to the owning community
    (``communities`` means the column holds the community id itself). ``writer``: ``community``
    (a field office of that community, and headquarters) or ``hq`` (headquarters only)."""

    via: tuple[tuple[str, str], ...]
    writer: str = COMMUNITY


RULES: dict[str, Rule] = {
    "communities": Rule((), HQ_ONLY),
    "advisory_groups": Rule((("community_id", "communities"),)),
    "people": Rule((("community_id", "communities"),)),
    "memberships": Rule((("person_id", "people"), ("group_id", "advisory_groups"))),
    "vulnerable_groups": Rule((("community_id", "communities"),)),
    "trainings": Rule((("community_id", "communities"),)),
    "training_sessions": Rule((("training_id", "trainings"),)),
    "attendance": Rule((("session_id", "training_sessions"),)),
    "local_plans": Rule((("community_id", "communities"),)),
    "plan_activities": Rule((("plan_id", "local_plans"),)),
    "plan_revisions": Rule((("plan_id", "local_plans"),)),
    "certificates": Rule((("training_id", "trainings"), ("person_id", "people"))),
    "attachments": Rule((("training_id", "trainings"), ("plan_id", "local_plans"))),
}

# Reasons a record is set aside (English, stored with the record and shown in sync-status and
# on the Sync page).
NO_RULE = N_("there is no ownership rule for this table, so nobody but headquarters may send it")
HQ_ONLY_REASON = N_("only headquarters changes shared reference data")
OTHER_COMMUNITY = N_("it belongs to another community than its sender")
STORED_OTHER = N_("the record belongs to another community here; only headquarters moves records between "
                  "communities")
NO_OWNER = N_("its community cannot be determined")
NOT_MINE = N_("it belongs to another community than this installation")
REASONS = frozenset({NO_RULE, HQ_ONLY_REASON, OTHER_COMMUNITY, STORED_OTHER, NO_OWNER, NOT_MINE})
"""The set-aside reasons the interface translates (the others name a field or a value)."""
PARENT_ASIDE = N_("its parent record ({parent}) was set aside, so it can never be applied")
PARENT_NEVER = N_("its parent record ({parent}) is in no package of its sender up to this one, so it can never "
                  "arrive")
PARENT_REASONS = (PARENT_ASIDE, PARENT_NEVER)
"""Set-aside reasons naming the missing parent (``table:id``): translated with it filled in."""

TOLERANCE = dt.timedelta(days=1)
"""How far a change's time may lie after its package's creation, and a package's creation after
the receiver's clock (clocks of office laptops drift; a change cannot be dated later than this)."""

CHUNK = 900


@dataclass(frozen=True)
class Sender:
    """The sender as headquarters accepted it (or, at a field office, its headquarters)."""

    installation_id: str
    name: str
    community_id: str | None
    is_hq: bool


def stored_owners(conn: Connection, tbl: str, ids: set[str] | list[str]) -> dict[str, str | None]:
    """{id: owning community} of the records of *tbl* stored here (missing ids are left out)."""
    out: dict[str, str | None] = {}
    if tbl == "communities":
        return {i: i for i in ids}  # a community is its own owner
    need = list(ids)
    sql = SCOPE_SQL[tbl]
    for i in range(0, len(need), CHUNK):
        part = need[i:i + CHUNK]
        cond, params = in_ids(conn, "id", part)
        q = f"SELECT id, cid FROM ({sql}) AS scope WHERE {cond}"  # noqa: S608
        out.update((r[0], r[1]) for r in conn.exec_driver_sql(q, params))
    return out


def incoming_owners(conn: Connection, tbl: str, winners: dict[str, dict[str, Any]]) -> dict[str, set[str | None]]:
    """{id: the communities the record's ``via`` columns lead to}, from the parents stored here
    (the caller made sure they exist). *winners*: {id: the record's current field values}."""
    rule = RULES[tbl]
    out: dict[str, set[str | None]] = {rid: set() for rid in winners}
    for col, ptbl in rule.via:
        refs: set[str] = {ref for w in winners.values() if (ref := w.get(col)) is not None}
        found = stored_owners(conn, ptbl, refs) if ptbl != "communities" else {r: r for r in refs}
        for rid, w in winners.items():
            v = w.get(col)
            if v is not None:
                out[rid].add(found.get(v))
    return out


def _pointed_to(tbl: str, owners: set[str | None], me_community: str | None) -> bool:
    """A record of another community that headquarters sends because this community's records
    point to it (scope.DELIVERY_EXTRA_SQL): a person (the survivor of a merge, entered
    elsewhere) or a group, or a membership of one of this community's people or groups."""
    if tbl == "memberships":
        return me_community in owners
    return tbl in DELIVERY_EXTRA_SQL


def ownership_problems(conn: Connection, tbl: str, winners: dict[str, dict[str, Any]], sender: Sender,
                       me_is_hq: bool, me_community: str | None, *, unstored: bool = False) -> dict[str, str]:
    """{id: reason} for the records of *tbl* (their winners as received) that *sender* may not
    write here. Headquarters may write anything; at a field office every record must be of its
    own community (shared reference data excepted).

    *unstored*: the caller knows none of the records is stored here (it writes them with a plain
    insert that fails on any stored one, and then asks again without it): their stored owners
    are not looked up."""
    if not winners:
        return {}
    rule = RULES.get(tbl)
    bad: dict[str, str] = {}
    if sender.is_hq:
        if me_is_hq or rule is None or not rule.via:
            return {}
        for rid, owners in incoming_owners(conn, tbl, winners).items():
            if owners != {me_community} and not _pointed_to(tbl, owners, me_community):
                bad[rid] = NOT_MINE
        return bad
    if rule is None:
        return dict.fromkeys(winners, NO_RULE)
    if rule.writer == HQ_ONLY or not rule.via:
        return dict.fromkeys(winners, HQ_ONLY_REASON)
    mine = sender.community_id
    for rid, owners in incoming_owners(conn, tbl, winners).items():
        if not owners or None in owners:
            bad[rid] = NO_OWNER
        elif owners != {mine}:
            bad[rid] = OTHER_COMMUNITY
    rest = [rid for rid in winners if rid not in bad] if not unstored else []
    for rid, cid in stored_owners(conn, tbl, rest).items():
        if cid != mine:
            bad[rid] = STORED_OTHER
    return bad


# ---- authorship of the records and audit rows of a field office's package ---------------------

class Refused(Refusal):
    """A record or audit row names an author, counter or time its sender cannot have written
    (its reason: ``message``, see :class:`errors.Refusal`)."""


def parse_time(value: Any) -> dt.datetime:
    d = dt.datetime.fromisoformat(str(value))
    if d.tzinfo is not None:
        d = d.astimezone(dt.UTC).replace(tzinfo=None)
    return d


def _seen_never_made(rec: dict[str, Any]) -> Message:
    return Message(N_("a record ({id}) claims to have seen changes that were never made"), id=str(rec.get("id")))


def check_record_writes(rec: dict[str, Any], sender: str, first: int, last: int, latest: str,
                        known: dict[str, int] | None) -> None:
    """Raise Refused unless every write of *rec* is the sender's own, numbered within the
    package's range and dated no later than *latest* (canonical text), or a write already known
    here (*known*: the record's version vector here, None if the record is new here); every
    "seen" claim (a write's ctx, the record's vv) must stay within what the sender wrote and
    what is known here. The record must hold a write of the sender within the range."""
    known = known or {}
    stamps, vv = rec["s"], rec["vv"]
    own = vv.get(sender, 0)
    if type(own) is not int or not first <= own <= last:
        raise Refused(Message(N_("a record ({id}) carries no change of its sender within the package's range"),
                              id=str(rec.get("id"))))
    for inst, n, ts, ctx in stamps:
        if inst == sender:
            if type(n) is not int or not 1 <= n <= last:
                raise Refused(Message(N_("a change is numbered {n}, outside the package's range {first}-{last}"),
                                      n=str(n), first=first, last=last))
            if type(ts) is not str or ts > latest:
                raise Refused(Message(N_("a change is dated {at}, after the package was written"), at=str(ts)))
        elif type(n) is not int or known.get(inst, -1) < n:
            raise Refused(Message(N_("a record ({id}) carries a change of another installation ({installation} #{n}) "
                                  "that this installation never received"),
                               id=str(rec.get("id")), installation=str(inst)[:8], n=str(n)))
        for k, v in ctx.items():
            if type(v) is not int or v > (last if k == sender else known.get(k, 0)):
                raise Refused(_seen_never_made(rec))
    for k, v in vv.items():
        if k != sender and (type(v) is not int or v > known.get(k, 0)):
            raise Refused(_seen_never_made(rec))


def check_audit_row(row: Any, sender: str, first: int, last: int, latest: dt.datetime) -> None:
    if not isinstance(row, dict):
        raise Refused(Message(N_("an audit entry is not readable")))
    if row.get("installation_id") != sender:
        raise Refused(Message(N_("an audit entry names another installation as its author")))
    n = row.get("counter")
    if type(n) is not int or not first <= n <= last:
        raise Refused(Message(N_("an audit entry is numbered {n}, outside the package's range {first}-{last}"),
                              n=str(n), first=first, last=last))
    try:
        at = parse_time(row.get("at"))
    except (TypeError, ValueError):
        raise Refused(Message(N_("an audit entry has no readable time"))) from None
    if at > latest:
        raise Refused(Message(N_("an audit entry is dated {at}, after the package was written"), at=str(row.get("at"))))
