"""An activity must lie inside its plan's period (issue 16, problem 4): the data core refuses it."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.errors import ValidationError
from strive_desktop.services import plans
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def plan_id(store: Store) -> str:
    acts = [plans.ActivityInput("Мектептерде маалымат сааттары", start=dt.date(2027, 2, 1), end=dt.date(2027, 3, 28))]
    draft = plans.PlanDraft("Ноокат 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31), activities=acts)
    return plans.create_plan(store, NOOKAT, draft)


def test_the_service_refuses_an_activity_outside_the_period(store, plan_id):
    info = plans.get_plan(store, plan_id)
    late = plans.ActivityInput("Late", end=dt.date(2029, 1, 1))
    early = plans.ActivityInput("Early", start=dt.date(2026, 12, 1))
    draft = plans.PlanDraft(info.draft.title, info.draft.period_start, info.draft.period_end,
                            activities=[late, early])
    with pytest.raises(ValidationError) as caught:
        plans.save_draft(store, plan_id, draft)
    assert set(caught.value.errors) == {"activities.0.end", "activities.1.start"}
    assert plans.get_plan(store, plan_id).draft.activities[0].title == "Мектептерде маалымат сааттары"


def test_an_open_period_or_an_activity_without_dates_is_fine(store, plan_id):
    info = plans.get_plan(store, plan_id)
    acts = [plans.ActivityInput("No dates"), plans.ActivityInput("Late", end=dt.date(2029, 1, 1))]
    open_end = plans.PlanDraft(info.draft.title, dt.date(2027, 1, 1), None, activities=acts)
    assert [a.title for a in plans.save_draft(store, plan_id, open_end).draft.activities] == ["No dates", "Late"]


def test_a_reversed_period_is_the_one_error_shown(store, plan_id):
    draft = plans.PlanDraft("Ноокат", dt.date(2027, 12, 31), dt.date(2027, 1, 1),
                            activities=[plans.ActivityInput("A", end=dt.date(2029, 1, 1))])
    with pytest.raises(ValidationError) as caught:
        plans.save_draft(store, plan_id, draft)
    assert set(caught.value.errors) == {"period_end"}
