"""Local prevention plans: drafts, activities, revisions and status changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.enums import ActivityStatus, PlanStatus
from ..domain.rules import check_plan_transition
from ..domain.validation import Errors, check_budget, check_period, check_within, require_text
from ..errors import NotFound, UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import Community, LocalPlan, PlanActivity, PlanRevision, new_id

SECTIONS = ("context", "vulnerable_groups", "objectives")


@dataclass
class ActivityInput:
    title: str
    responsible: str = ""
    partners: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    budget_project: int = 0
    budget_local: int = 0
    budget_other: int = 0
    indicator: str = ""
    status: str = ActivityStatus.PLANNED.value
    id: str | None = None

    @property
    def budget_total(self) -> int:
        return self.budget_project + self.budget_local + self.budget_other


@dataclass
class PlanDraft:
    """Everything the plan editor shows and saves in one go."""

    title: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    context: str = ""
    vulnerable_groups: str = ""
    objectives: str = ""
    activities: list[ActivityInput] = field(default_factory=list)
    # The plan's status frozen with a revision ("draft", "submitted", ...); "" where it is not
    # part of the text (the editor's content, ``get_plan``'s draft).
    status: str = ""


@dataclass(frozen=True)
class BudgetTotals:
    project: int
    local: int
    other: int

    @property
    def total(self) -> int:
        return self.project + self.local + self.other


@dataclass(frozen=True)
class PlanInfo:
    id: str
    community_id: str
    community_name: str
    status: str
    revision: int
    updated_at: dt.datetime
    draft: PlanDraft

    @property
    def title(self) -> str:
        return self.draft.title

    @property
    def totals(self) -> BudgetTotals:
        return totals(self.draft.activities)


@dataclass(frozen=True)
class RevisionInfo:
    id: str
    number: int
    saved_at: dt.datetime
    saved_by: str
    note: str
    status: str


def totals(activities: Sequence[ActivityInput]) -> BudgetTotals:
    return BudgetTotals(sum(a.budget_project for a in activities), sum(a.budget_local for a in activities),
                        sum(a.budget_other for a in activities))


def validate_draft(draft: PlanDraft) -> PlanDraft:
    errors = Errors()
    title = require_text(errors, "title", draft.title, N_("The plan title"))
    check_period(errors, "period_end", draft.period_start, draft.period_end)
    acts = []
    for i, a in enumerate(draft.activities):
        key = f"activities.{i}"
        atitle = " ".join((a.title or "").split())
        if not atitle:
            errors.add(f"{key}.title", N_("Activity {n} needs a title."), n=i + 1)
        check_period(errors, f"{key}.end", a.start, a.end)
        check_within(errors, key, a.start, a.end, draft.period_start, draft.period_end, i + 1)
        for col in ("budget_project", "budget_local", "budget_other"):
            check_budget(errors, f"{key}.{col}", getattr(a, col))
        if a.status not in {s.value for s in ActivityStatus}:
            errors.add(f"{key}.status", N_("Unknown activity status."))
        acts.append(ActivityInput(**{**asdict(a), "title": atitle}))
    errors.raise_if_any()
    return PlanDraft(title, draft.period_start, draft.period_end, draft.context.strip(),
                     draft.vulnerable_groups.strip(), draft.objectives.strip(), acts)


def create_plan(store: Store, community_id: str, draft: PlanDraft) -> str:
    clean = validate_draft(draft)
    with store.uow() as s:
        if s.get(Community, community_id) is None:
            raise NotFound(N_("That community no longer exists."))
        plan = LocalPlan(id=new_id(), community_id=community_id, status=PlanStatus.DRAFT.value, revision=0)
        s.add(plan)
        _apply(s, plan, clean)
        return plan.id


def save_draft(store: Store, plan_id: str, draft: PlanDraft) -> PlanInfo:
    """Save the editor's content (autosave and Ctrl+S). Only a draft can be edited."""
    clean = validate_draft(draft)
    with store.uow() as s:
        plan = _get_plan(s, plan_id)
        if plan.status != PlanStatus.DRAFT.value:
            raise UserError(N_("Only a draft can be edited. Send the plan back to draft first."))
        _apply(s, plan, clean)
    return get_plan(store, plan_id)


def _apply(s: Session, plan: LocalPlan, d: PlanDraft) -> None:
    for attr in ("title", "period_start", "period_end", *SECTIONS):
        value = getattr(d, attr)
        if getattr(plan, attr) != value:
            setattr(plan, attr, value)
    existing = {a.id: a for a in s.scalars(select(PlanActivity).where(
        PlanActivity.plan_id == plan.id, PlanActivity.deleted.is_(False)))} if plan.id else {}
    seen = set()
    for pos, a in enumerate(d.activities):
        values = {k: v for k, v in asdict(a).items() if k != "id"}
        values["position"] = pos
        row = existing.get(a.id) if a.id else None
        if row is None:
            row = PlanActivity(id=a.id or new_id(), plan_id=plan.id, **values)
            s.add(row)
            a.id = row.id
        else:
            for k, v in values.items():
                if getattr(row, k) != v:
                    setattr(row, k, v)
        seen.add(row.id)
    for aid, row in existing.items():
        if aid not in seen:
            row.deleted = True


def _get_plan(s: Session, plan_id: str) -> LocalPlan:
    plan = s.get(LocalPlan, plan_id)
    if plan is None or plan.deleted:
        raise NotFound(N_("The plan was not found; it may have been deleted."))
    return plan


def _activities(s: Session, plan_id: str) -> list[ActivityInput]:
    rows = s.scalars(select(PlanActivity).where(PlanActivity.plan_id == plan_id, PlanActivity.deleted.is_(False))
                     .order_by(PlanActivity.position, PlanActivity.created_at))
    return [ActivityInput(a.title, a.responsible, a.partners, a.start, a.end, a.budget_project, a.budget_local,
                          a.budget_other, a.indicator, a.status, a.id) for a in rows]


def get_plan(store: Store, plan_id: str) -> PlanInfo:
    with store.read() as s:
        p = _get_plan(s, plan_id)
        c = s.get(Community, p.community_id)
        draft = PlanDraft(p.title, p.period_start, p.period_end, p.context, p.vulnerable_groups, p.objectives,
                          _activities(s, plan_id))
        return PlanInfo(p.id, p.community_id, c.name_en if c else "", p.status, p.revision, p.updated_at, draft)


def list_plans(store: Store, community_id: str | None = None) -> list[PlanInfo]:
    with store.read() as s:
        q = select(LocalPlan.id).where(LocalPlan.deleted.is_(False)).order_by(LocalPlan.updated_at.desc())
        if community_id:
            q = q.where(LocalPlan.community_id == community_id)
        ids = list(s.scalars(q))
    return [get_plan(store, i) for i in ids]


def delete_plan(store: Store, plan_id: str) -> None:
    with store.uow() as s:
        plan = _get_plan(s, plan_id)
        if plan.status != PlanStatus.DRAFT.value:
            raise UserError(N_("Only a draft plan can be deleted."))
        plan.deleted = True


def _snapshot(plan: PlanInfo) -> dict[str, Any]:
    d = asdict(plan.draft)
    d["status"] = plan.status
    return {k: _jsonable(v) for k, v in d.items()}


def _jsonable(value: object) -> object:
    """*value* with dates as ISO text and tuples as lists (the snapshot is stored as JSON)."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def save_revision(store: Store, plan_id: str, note: str = "") -> int:
    """Freeze the plan as it is now as the next revision; return its number."""
    plan = get_plan(store, plan_id)
    with store.uow() as s:
        row = _get_plan(s, plan_id)
        last = s.scalar(select(func.max(PlanRevision.number)).where(PlanRevision.plan_id == plan_id)) or 0
        number = last + 1
        s.add(PlanRevision(id=new_id(), plan_id=plan_id, number=number, saved_by=s.info.get("user_name", ""),
                           note=note.strip(), snapshot=_snapshot(plan)))
        row.revision = number
        return number


def _same_as_last_revision(store: Store, plan_id: str) -> bool:
    """Whether the plan as it is now (status included) is exactly its latest revision."""
    now = _snapshot(get_plan(store, plan_id))
    with store.read() as s:
        last = s.scalar(select(PlanRevision).where(PlanRevision.plan_id == plan_id,
                                                   PlanRevision.deleted.is_(False))
                        .order_by(PlanRevision.number.desc()).limit(1))
        return last is not None and last.snapshot == now


def list_revisions(store: Store, plan_id: str) -> list[RevisionInfo]:
    with store.read() as s:
        rows = s.scalars(select(PlanRevision).where(PlanRevision.plan_id == plan_id,
                                                    PlanRevision.deleted.is_(False))
                         .order_by(PlanRevision.number.desc()))
        return [RevisionInfo(r.id, r.number, r.created_at, r.saved_by, r.note, r.snapshot.get("status", ""))
                for r in rows]


def revision_draft(store: Store, plan_id: str, number: int) -> PlanDraft:
    with store.read() as s:
        r = s.scalar(select(PlanRevision).where(PlanRevision.plan_id == plan_id, PlanRevision.number == number))
        if r is None:
            raise NotFound(N_("Revision {n} does not exist."), n=number)
        return draft_from_snapshot(r.snapshot)


def draft_from_snapshot(snap: dict[str, Any]) -> PlanDraft:
    def d(v: str | None) -> dt.date | None:
        return dt.date.fromisoformat(v) if v else None

    acts = [ActivityInput(**{**a, "start": d(a.get("start")), "end": d(a.get("end"))})
            for a in snap.get("activities", [])]
    return PlanDraft(snap.get("title", ""), d(snap.get("period_start")), d(snap.get("period_end")),
                     snap.get("context", ""), snap.get("vulnerable_groups", ""), snap.get("objectives", ""), acts,
                     snap.get("status", ""))


@dataclass(frozen=True)
class Difference:
    """One changed item between two revisions: where, old value, new value."""

    where: str  # "title", "context", "activity:<title>", ...
    field: str
    old: object
    new: object
    key: str = ""  # the activity's id (or title when it has none); "" for the plan's own fields


def compare_drafts(a: PlanDraft, b: PlanDraft) -> list[Difference]:
    """What changed from *a* to *b*: title, status, period, sections, then each activity.

    The status counts when both versions carry one (two revisions): the revision frozen on
    Submit differs from the draft revision before it even when the text is the same."""
    diffs: list[Difference] = []
    if a.status and b.status and a.status != b.status:
        diffs.append(Difference("plan", "status", a.status, b.status))
    for attr in ("title", "period_start", "period_end", *SECTIONS):
        if getattr(a, attr) != getattr(b, attr):
            diffs.append(Difference("plan", attr, getattr(a, attr), getattr(b, attr)))
    old = {x.id or x.title: x for x in a.activities}
    new = {x.id or x.title: x for x in b.activities}
    for key, act in new.items():
        if key not in old:
            diffs.append(Difference(act.title, "added", None, act.title, key))
            continue
        before = old[key]
        for col in ("title", "responsible", "partners", "start", "end", "budget_project", "budget_local",
                    "budget_other", "indicator", "status"):
            if getattr(before, col) != getattr(act, col):
                diffs.append(Difference(act.title, col, getattr(before, col), getattr(act, col), key))
    for key, act in old.items():
        if key not in new:
            diffs.append(Difference(act.title, "removed", act.title, None, key))
    return diffs


def compare_revisions(store: Store, plan_id: str, a: int, b: int) -> list[Difference]:
    return compare_drafts(revision_draft(store, plan_id, a), revision_draft(store, plan_id, b))


def change_status(store: Store, plan_id: str, new_status: str, note: str = "") -> PlanInfo:
    """Move a plan along draft -> submitted -> approved (or back to draft from submitted).

    Submitting needs objectives and at least one activity, and freezes a revision so the
    submitted text is kept exactly; approval freezes one too.
    """
    try:
        target = PlanStatus(new_status)
    except ValueError:
        raise UserError(N_("Unknown plan status.")) from None
    if target == PlanStatus.APPROVED:
        from ..domain.roles import Permission
        from .accounts import require

        require(store, Permission.APPROVE_PLAN)  # only headquarters' administrator approves
    plan = get_plan(store, plan_id)
    check_plan_transition(PlanStatus(plan.status), target)
    if target == PlanStatus(plan.status):
        return plan
    if target == PlanStatus.SUBMITTED:
        errors = Errors()
        if not plan.draft.objectives:
            errors.add("objectives", N_("Write the objectives before submitting the plan."))
        if not plan.draft.activities:
            errors.add("activities", N_("Add at least one activity before submitting the plan."))
        errors.raise_if_any()
    with store.uow() as s:
        _get_plan(s, plan_id).status = target.value
    if target in (PlanStatus.SUBMITTED, PlanStatus.APPROVED) and not _same_as_last_revision(store, plan_id):
        # Submitted again with nothing changed since the last revision (returned to draft and
        # submitted as it was): that revision already holds this text, no identical second one.
        # The note is stored as the status value ("submitted", "approved"): stable in the database
        # and in sync packages; the GUI shows it as the status in the UI language.
        save_revision(store, plan_id, note or target.value)
    return get_plan(store, plan_id)
