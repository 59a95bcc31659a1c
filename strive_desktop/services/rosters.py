"""Advisory groups, people, memberships and the duplicate warning (search: people_index)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..domain.enums import GroupRole, Sector, Sex
from ..domain.matching import Profile as MatchProfile
from ..domain.names import clean_name, search_key, sort_key
from ..domain.validation import (
    Errors,
    FieldProblem,
    check_birth_year,
    check_pin,
    normalise_phone,
    pin_birth_year,
    require_text,
)
from ..errors import NotFound, UserError
from ..i18n import N_
from ..storage.db import Store, allocate_counters
from ..storage.models import (
    AdvisoryGroup,
    AuditEntry,
    Community,
    Membership,
    Person,
    new_id,
    utcnow,
)

_M = TypeVar("_M")

# ---- groups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupInfo:
    id: str
    community_id: str
    community_name: str
    name: str
    cpc_name: str
    formed_on: dt.date | None
    member_count: int


def create_group(store: Store, community_id: str, name: str, cpc_name: str = "",
                 formed_on: dt.date | None = None) -> str:
    errors = Errors()
    name = require_text(errors, "name", name, N_("The group name"))
    errors.raise_if_any()
    with store.uow() as s:
        if s.get(Community, community_id) is None:
            raise NotFound(N_("That community no longer exists."))
        g = AdvisoryGroup(id=new_id(), community_id=community_id, name=name, cpc_name=cpc_name.strip(),
                          formed_on=formed_on)
        s.add(g)
        return g.id


def list_groups(store: Store, community_id: str | None = None) -> list[GroupInfo]:
    with store.read() as s:
        active = (
            select(Membership.group_id, func.count().label("n"))
            .where(Membership.deleted.is_(False), Membership.left_on.is_(None))
            .group_by(Membership.group_id)
            .subquery()
        )
        q = (
            select(AdvisoryGroup, Community.name_en, func.coalesce(active.c.n, 0))
            .join(Community, Community.id == AdvisoryGroup.community_id)
            .outerjoin(active, active.c.group_id == AdvisoryGroup.id)
            .where(AdvisoryGroup.deleted.is_(False))
            .order_by(Community.name_en, AdvisoryGroup.name)
        )
        if community_id:
            q = q.where(AdvisoryGroup.community_id == community_id)
        return [GroupInfo(g.id, g.community_id, cname, g.name, g.cpc_name, g.formed_on, n)
                for g, cname, n in s.execute(q)]


# ---- people ----------------------------------------------------------------------------


@dataclass
class PersonInput:
    full_name: str
    sex: str
    sector: str
    community_id: str
    birth_year: int | None = None
    phone: str | None = None
    pin: str | None = None
    organisation: str = ""
    position: str = ""
    consent_date: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class PersonRecord:
    id: str
    full_name: str
    sex: str
    sector: str
    community_id: str
    community_name: str
    birth_year: int | None
    phone: str | None
    pin: str | None
    organisation: str
    position: str
    consent_date: dt.date | None
    notes: str

    def to_input(self) -> PersonInput:
        return PersonInput(self.full_name, self.sex, self.sector, self.community_id, self.birth_year,
                           self.phone, self.pin, self.organisation, self.position, self.consent_date,
                           self.notes)


@dataclass(frozen=True)
class PersonMatch:
    """An existing person who may be the one being added."""

    id: str
    full_name: str
    birth_year: int | None
    community_name: str
    groups: tuple[str, ...]
    reason: str  # "pin" or "name"
    score: float = 1.0
    reasons: tuple[str, ...] = ()  # domain.matching reason codes, strongest first


@dataclass(frozen=True)
class AddPersonResult:
    person_id: str | None
    duplicates: tuple[PersonMatch, ...] = ()

    @property
    def created(self) -> bool:
        return self.person_id is not None


_SEXES = frozenset(s.value for s in Sex)
_SECTORS = frozenset(s.value for s in Sector)


def validate_person(inp: PersonInput, today: dt.date | None = None) -> PersonInput:
    """Return a cleaned copy of *inp* or raise ValidationError naming each bad field."""
    errors = Errors()
    name = require_text(errors, "full_name", inp.full_name, N_("The full name"))
    if name and len(name.split()) < 2:
        errors.add("full_name", N_("Enter the surname and the given name."))
    if inp.sex not in _SEXES:
        errors.add("sex", N_("Choose female or male."))
    if inp.sector not in _SECTORS:
        errors.add("sector", N_("Choose a sector."))
    if not inp.community_id:
        errors.add("community_id", N_("Choose a community."))
    phone = pin = year = None
    try:
        phone = normalise_phone(inp.phone)
    except FieldProblem as exc:
        errors.errors.setdefault("phone", exc.message)
    try:
        pin = check_pin(inp.pin)
    except FieldProblem as exc:
        errors.errors.setdefault("pin", exc.message)
    try:
        year = check_birth_year(inp.birth_year, today)
    except FieldProblem as exc:
        errors.errors.setdefault("birth_year", exc.message)
    if pin and year and pin_birth_year(pin) != year:
        errors.add("pin", N_("The personal number (PIN) says the person was born in {year}."),
                   year=pin_birth_year(pin))
    if pin and inp.sex in {"f", "m"} and pin[0] != ("1" if inp.sex == "f" else "2"):
        errors.add("pin", N_("The personal number (PIN) does not match the sex chosen."))
    if inp.consent_date and inp.consent_date > (today or dt.date.today()):
        errors.add("consent_date", N_("The consent date cannot be in the future."))
    errors.raise_if_any()
    if year is None and pin:
        year = pin_birth_year(pin)
    return replace(inp, full_name=clean_name(name), phone=phone, pin=pin, birth_year=year,
                   organisation=inp.organisation.strip(), position=inp.position.strip(),
                   notes=inp.notes.strip())


def _person_values(inp: PersonInput) -> dict[str, Any]:
    key = search_key(inp.full_name)
    return dict(
        full_name=inp.full_name, name_key=key, dup_key=" ".join(sorted(key.split())),  # = duplicate_key
        sort_key=sort_key(inp.full_name),
        sex=inp.sex, sector=inp.sector, community_id=inp.community_id, birth_year=inp.birth_year,
        phone=inp.phone, pin=inp.pin, organisation=inp.organisation, position=inp.position,
        consent_date=inp.consent_date, notes=inp.notes,
    )


def find_duplicates(store: Store, full_name: str, birth_year: int | None = None, pin: str | None = None,
                    exclude_id: str | None = None, *, sex: str | None = None, phone: str | None = None,
                    community_id: str | None = None) -> list[PersonMatch]:
    """People anywhere who may be this person, most likely first (see domain/matching.py).

    The name matches in any word order, script and common spelling (Айбек / Ajbek, Үсөн /
    Усен, Юлия / Julia), with a patronymic more or less, or one letter typed wrong; a PIN,
    birth year, sex or phone that differs rules a person out, a shared one counts for them.
    Each match says why (``reasons``: codes of domain.matching).
    """
    from .people_match import candidates_for

    profile = MatchProfile(full_name, birth_year, sex, pin, phone, community_id)
    found = candidates_for(store, profile, exclude_ids=[exclude_id] if exclude_id else ())
    if not found:
        return []
    with store.read() as s:
        out = []
        for c in found:
            p = s.get(Person, c.id)
            if p is None:
                continue
            cname = s.scalar(select(Community.name_en).where(Community.id == p.community_id)) or ""
            groups = tuple(s.scalars(
                select(AdvisoryGroup.name).join(Membership, Membership.group_id == AdvisoryGroup.id)
                .where(Membership.person_id == p.id, Membership.deleted.is_(False), Membership.left_on.is_(None))
            ))
            reason = "pin" if pin and p.pin == pin else "name"
            out.append(PersonMatch(p.id, p.full_name, p.birth_year, cname, groups, reason, c.score, c.reasons))
        return out


def add_person(store: Store, inp: PersonInput, *, group_id: str | None = None, role: str = GroupRole.MEMBER,
               joined_on: dt.date | None = None, allow_duplicate: bool = False,
               then: Callable[[Session, str], None] | None = None) -> AddPersonResult:
    """Add a person (and optionally their membership of a group).

    If the person may already exist, nothing is saved and the matches are returned, unless
    ``allow_duplicate`` is set ("create anyway"). *then(session, person_id)* lets another
    service add to the same unit of work (e.g. put the new person on an attendance sheet).
    """
    clean = validate_person(inp)
    if not allow_duplicate:
        matches = find_duplicates(store, clean.full_name, clean.birth_year, clean.pin, sex=clean.sex,
                                  phone=clean.phone, community_id=clean.community_id)
        if matches:
            return AddPersonResult(None, tuple(matches))
    with store.uow() as s:
        if s.get(Community, clean.community_id) is None:
            raise NotFound(N_("That community no longer exists."))
        p = Person(id=new_id(), **_person_values(clean))
        s.add(p)
        if group_id:
            _get(s, AdvisoryGroup, group_id)
            s.add(Membership(id=new_id(), person_id=p.id, group_id=group_id, role=str(role),
                             joined_on=joined_on or dt.date.today()))
        if then is not None:
            s.flush()
            then(s, p.id)
        return AddPersonResult(p.id)


def update_person(store: Store, person_id: str, inp: PersonInput, *, membership_id: str | None = None,
                  role: str | None = None) -> PersonRecord:
    """Save a person's details and, given a *membership_id* and a *role*, their role in that
    group: one unit of work, so the edit is saved whole or not at all."""
    clean = validate_person(inp)
    if membership_id is not None and role is not None:
        _check_role(role)
    with store.uow() as s:
        p = _get(s, Person, person_id)
        for k, v in _person_values(clean).items():
            if getattr(p, k) != v:
                setattr(p, k, v)
        if membership_id is not None and role is not None:
            m = _get(s, Membership, membership_id)
            if m.role != role:
                m.role = role
    return get_person(store, person_id)


def get_person(store: Store, person_id: str) -> PersonRecord:
    with store.read() as s:
        p = _get(s, Person, person_id)
        c = s.get(Community, p.community_id)
        return PersonRecord(p.id, p.full_name, p.sex, p.sector, p.community_id, c.name_en if c else "",
                            p.birth_year, p.phone, p.pin, p.organisation, p.position, p.consent_date, p.notes)


def delete_person(store: Store, person_id: str) -> None:
    """Tombstone a person and close their memberships (history stays)."""
    today = dt.date.today()
    with store.uow() as s:
        p = _get(s, Person, person_id)
        p.deleted = True
        for m in s.scalars(select(Membership).where(Membership.person_id == person_id,
                                                     Membership.left_on.is_(None),
                                                     Membership.deleted.is_(False))):
            m.left_on = today


def restore_person(store: Store, person_id: str) -> None:
    with store.uow() as s:
        p = s.get(Person, person_id)
        if p is None:
            raise NotFound(N_("That person no longer exists."))
        p.deleted = False


def bulk_add_people(store: Store, inputs: Iterable[PersonInput], *, group_id: str | None = None,
                    joined_on: dt.date | None = None) -> list[str]:
    """Add many people in one transaction (import, demo). Validates every row first.

    Uses Core executemany: the ORM's per-object bookkeeping is ~10x slower for 100,000 rows.
    Writes one audit entry for the batch.
    """
    cleaned = [validate_person(i) for i in inputs]
    if not cleaned:
        return []
    now = utcnow()
    with store.uow() as s:
        inst_id = s.info["installation_id"]
        n = len(cleaned) * (2 if group_id else 1)
        first = allocate_counters(s, n)
        ids = [new_id() for _ in cleaned]
        rows = []
        for i, (pid, c) in enumerate(zip(ids, cleaned, strict=True)):
            rows.append(dict(_person_values(c), id=pid, created_at=now, updated_at=now, changed_by=inst_id,
                             change_counter=first + i, deleted=False))
        conn = s.connection()
        conn.execute(insert(Person), rows)
        if group_id:
            base = first + len(cleaned)
            conn.execute(insert(Membership), [
                dict(id=new_id(), person_id=pid, group_id=group_id, role="member",
                     joined_on=joined_on or dt.date.today(), left_on=None, created_at=now, updated_at=now,
                     changed_by=inst_id, change_counter=base + i, deleted=False)
                for i, pid in enumerate(ids)
            ])
        conn.execute(insert(AuditEntry), [dict(
            id=new_id(), at=now, installation_id=inst_id, user_name=s.info.get("user_name", ""),
            action="bulk", entity="people", entity_id="", counter=first + n - 1,
            changes={"added": len(ids), "counters": [first, first + n - 1], "group_id": group_id})])
        return ids


# ---- memberships -----------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    membership_id: str
    person_id: str
    full_name: str
    sex: str
    birth_year: int | None
    sector: str
    role: str
    phone: str | None
    joined_on: dt.date | None
    left_on: dt.date | None
    group_name: str = ""

    def age(self, today: dt.date | None = None) -> int | None:
        if self.birth_year is None:
            return None
        return (today or dt.date.today()).year - self.birth_year


def list_members(store: Store, group_id: str, *, include_former: bool = False) -> list[MemberRow]:
    q = (select(Membership, Person, AdvisoryGroup.name)
         .join(Person, Person.id == Membership.person_id)
         .join(AdvisoryGroup, AdvisoryGroup.id == Membership.group_id)
         .where(Membership.group_id == group_id, Membership.deleted.is_(False), Person.deleted.is_(False))
         .order_by(Person.sort_key))
    if not include_former:
        q = q.where(Membership.left_on.is_(None))
    with store.read() as s:
        return [_member_row(m, p, gname) for m, p, gname in s.execute(q)]


def _member_row(m: Membership, p: Person, gname: str) -> MemberRow:
    return MemberRow(m.id, p.id, p.full_name, p.sex, p.birth_year, p.sector, m.role, p.phone, m.joined_on,
                     m.left_on, gname)


def membership_history(store: Store, person_id: str) -> list[MemberRow]:
    """Every group the person was ever in, newest first."""
    q = (select(Membership, Person, AdvisoryGroup.name)
         .join(Person, Person.id == Membership.person_id)
         .join(AdvisoryGroup, AdvisoryGroup.id == Membership.group_id)
         .where(Membership.person_id == person_id, Membership.deleted.is_(False))
         .order_by(Membership.joined_on.desc(), Membership.created_at.desc()))
    with store.read() as s:
        return [_member_row(m, p, gname) for m, p, gname in s.execute(q)]


def add_member(store: Store, person_id: str, group_id: str, *, role: str = GroupRole.MEMBER,
               joined_on: dt.date | None = None) -> str:
    with store.uow() as s:
        _get(s, Person, person_id)
        _get(s, AdvisoryGroup, group_id)
        if _active_membership(s, person_id, group_id) is not None:
            raise UserError(N_("This person is already a member of the group."))
        m = Membership(id=new_id(), person_id=person_id, group_id=group_id, role=str(role),
                       joined_on=joined_on or dt.date.today())
        s.add(m)
        return m.id


def _check_role(role: str) -> None:
    if role not in {r.value for r in GroupRole}:
        raise UserError(N_("Unknown role."))


def set_role(store: Store, membership_id: str, role: str) -> None:
    _check_role(role)
    with store.uow() as s:
        _get(s, Membership, membership_id).role = role


def remove_member(store: Store, membership_id: str, *, left_on: dt.date | None = None) -> None:
    """End a membership (kept in the history); undo with :func:`undo_remove_member`."""
    with store.uow() as s:
        m = _get(s, Membership, membership_id)
        end = left_on or dt.date.today()
        if m.joined_on and end < m.joined_on:
            raise UserError(N_("The end date cannot be before the start date."))
        m.left_on = end


def undo_remove_member(store: Store, membership_id: str) -> None:
    with store.uow() as s:
        m = _get(s, Membership, membership_id)
        if _active_membership(s, m.person_id, m.group_id) is not None:
            return
        m.left_on = None


def move_member(store: Store, membership_id: str, to_group_id: str, *, on: dt.date | None = None) -> str:
    """Close the membership and open one in another group, same role, on the same day."""
    day = on or dt.date.today()
    with store.uow() as s:
        m = _get(s, Membership, membership_id)
        _get(s, AdvisoryGroup, to_group_id)
        if m.group_id == to_group_id:
            raise UserError(N_("The person is already in that group."))
        if _active_membership(s, m.person_id, to_group_id) is not None:
            raise UserError(N_("This person is already a member of the group."))
        if m.joined_on and day < m.joined_on:
            raise UserError(N_("The move date cannot be before the person joined the group ({date})."),
                            date=m.joined_on)
        m.left_on = day
        new = Membership(id=new_id(), person_id=m.person_id, group_id=to_group_id, role=m.role, joined_on=day)
        s.add(new)
        return new.id


def _active_membership(s: Session, person_id: str, group_id: str) -> Membership | None:
    return s.scalar(select(Membership).where(
        Membership.person_id == person_id, Membership.group_id == group_id,
        Membership.left_on.is_(None), Membership.deleted.is_(False)))


def _get(s: Session, model: type[_M], key: str) -> _M:
    obj = s.get(model, key)
    if obj is None or getattr(obj, "deleted", False):
        raise NotFound(N_("The record was not found; it may have been deleted."))
    return obj

