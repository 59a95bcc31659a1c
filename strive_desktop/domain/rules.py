"""Business rules that matter, kept free of storage and Qt so they have plain unit tests."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UserError
from ..i18n import N_
from .enums import PlanStatus

DEFAULT_COMPLETION_SHARE = 0.8
#: the settings key of the completion share (services.trainings; storage.attended reads it too)
COMPLETION_SETTING = "training.completion_share"


@dataclass(frozen=True)
class CompletionRule:
    """A participant completed a training when attended hours >= share x total hours."""

    min_share: float = DEFAULT_COMPLETION_SHARE

    def completed(self, attended_hours: float, total_hours: float) -> bool:
        if total_hours <= 0:
            return False
        return attended_hours + 1e-9 >= self.min_share * total_hours


def completion_rule_of(raw: str | None) -> CompletionRule:
    """The rule of the stored setting *raw* (the default when unset or unreadable)."""
    try:
        return CompletionRule(float(raw)) if raw is not None else CompletionRule()
    except ValueError:
        return CompletionRule()


# Allowed plan status changes: draft -> submitted -> approved; a submitted plan can be sent
# back to draft for changes; an approved plan is final.
PLAN_TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.SUBMITTED}),
    PlanStatus.SUBMITTED: frozenset({PlanStatus.APPROVED, PlanStatus.DRAFT}),
    PlanStatus.APPROVED: frozenset(),
}


def check_plan_transition(current: PlanStatus, new: PlanStatus) -> None:
    if new == current:
        return
    if new not in PLAN_TRANSITIONS[current]:
        if current == PlanStatus.APPROVED:
            raise UserError(N_("This plan is approved; its status can no longer change."))
        raise UserError(
            N_("A plan cannot go from {old} to {new}."), old=current.value, new=new.value
        )


def age_band(age: int | None) -> str:
    """Donor age bands: under 18, 18-24, 25-34, 35-59, 60+ (or 'unknown')."""
    if age is None:
        return "unknown"
    if age < 18:
        return "<18"
    if age < 25:
        return "18-24"
    if age < 35:
        return "25-34"
    if age < 60:
        return "35-59"
    return "60+"
