"""Tests of plans."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.domain.validation import FieldProblem, parse_whole_som
from strive_desktop.errors import NotFound, UserError, ValidationError
from strive_desktop.services import plans
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
D = dt.date


def _draft(**kw) -> plans.PlanDraft:
    base = dict(title="Ноокат: жергиликтүү план", period_start=D(2025, 1, 1), period_end=D(2025, 12, 31),
                context="Жумушсуз жаштар көп.", objectives="Жаштарды колдоо.",
                activities=[plans.ActivityInput("Маалымат сааттары", "Адис", "Мектеп", D(2025, 2, 1),
                                                D(2025, 3, 1), 15000, 5000, 0)])
    base.update(kw)
    return plans.PlanDraft(**base)


def test_plan_draft_save_and_totals(store):
    pid = plans.create_plan(store, NOOKAT, _draft())
    d = plans.get_plan(store, pid).draft
    d.activities.append(plans.ActivityInput("Круглый стол", budget_project=1000, budget_other=250))
    info = plans.save_draft(store, pid, d)
    assert info.status == "draft"
    assert [a.title for a in info.draft.activities] == ["Маалымат сааттары", "Круглый стол"]
    assert (info.totals.project, info.totals.local, info.totals.other, info.totals.total) == (
        16000, 5000, 250, 21250)


def test_removed_activity_is_tombstoned(store):
    pid = plans.create_plan(store, NOOKAT, _draft())
    d = plans.get_plan(store, pid).draft
    d.activities = []
    assert plans.save_draft(store, pid, d).draft.activities == []


def test_revisions_freeze_the_plan_and_compare(store):
    pid = plans.create_plan(store, NOOKAT, _draft())
    assert plans.save_revision(store, pid, "first") == 1
    d = plans.get_plan(store, pid).draft
    d.activities[0].budget_project = 20000
    d.objectives = "Жаштарды жана аялдарды колдоо."
    plans.save_draft(store, pid, d)
    assert plans.save_revision(store, pid, "budget") == 2
    revs = plans.list_revisions(store, pid)
    assert [(r.number, r.note, r.saved_by) for r in revs] == [(2, "budget", "Gulnara"), (1, "first", "Gulnara")]
    assert plans.revision_draft(store, pid, 1).activities[0].budget_project == 15000
    diffs = {(x.field, x.old, x.new) for x in plans.compare_revisions(store, pid, 1, 2)}
    assert ("budget_project", 15000, 20000) in diffs
    assert ("objectives", "Жаштарды колдоо.", "Жаштарды жана аялдарды колдоо.") in diffs
    with pytest.raises(NotFound, match="Revision 7"):
        plans.revision_draft(store, pid, 7)


def test_status_rules(store):
    pid = plans.create_plan(store, NOOKAT, _draft())
    with pytest.raises(UserError, match="cannot go from draft to approved"):
        plans.change_status(store, pid, "approved")
    info = plans.change_status(store, pid, "submitted")
    assert info.status == "submitted" and info.revision == 1
    with pytest.raises(UserError, match="Only a draft can be edited"):
        plans.save_draft(store, pid, info.draft)
    with pytest.raises(UserError, match="Only a draft plan can be deleted"):
        plans.delete_plan(store, pid)
    assert plans.change_status(store, pid, "draft").status == "draft"
    plans.change_status(store, pid, "submitted")
    info = plans.change_status(store, pid, "approved")
    assert info.status == "approved"
    assert [r.status for r in plans.list_revisions(store, pid)][0] == "approved"
    for target in ("draft", "submitted"):
        with pytest.raises(UserError, match="approved; its status can no longer change"):
            plans.change_status(store, pid, target)
    with pytest.raises(UserError, match="Unknown plan status"):
        plans.change_status(store, pid, "archived")


def test_submit_requires_objectives_and_an_activity(store):
    pid = plans.create_plan(store, NOOKAT, _draft(objectives="", activities=[]))
    with pytest.raises(ValidationError) as err:
        plans.change_status(store, pid, "submitted")
    e = {k: v.render() for k, v in err.value.errors.items()}
    assert e == {"objectives": "Write the objectives before submitting the plan.",
                 "activities": "Add at least one activity before submitting the plan."}
    assert plans.get_plan(store, pid).status == "draft"


def test_plan_validation_messages(store):
    bad = _draft(title=" ", period_start=D(2025, 12, 1), period_end=D(2025, 1, 1), activities=[
        plans.ActivityInput("", start=D(2025, 5, 1), end=D(2025, 4, 1), budget_local=-5)])
    with pytest.raises(ValidationError) as err:
        plans.create_plan(store, NOOKAT, bad)
    e = {k: v.render() for k, v in err.value.errors.items()}
    assert e["title"] == "The plan title is required."
    assert e["period_end"] == "The end date cannot be before the start date."
    assert e["activities.0.title"] == "Activity 1 needs a title."
    assert e["activities.0.end"] == "The end date cannot be before the start date."
    assert e["activities.0.budget_local"] == "A budget cannot be negative."
    assert plans.list_plans(store, NOOKAT) == []


def test_delete_draft_plan(store):
    pid = plans.create_plan(store, NOOKAT, _draft())
    plans.delete_plan(store, pid)
    assert plans.list_plans(store) == []


NOT_WHOLE = "is not a whole number of som"


@pytest.mark.parametrize(("typed", "amount"), [
    ("", 0), ("  ", 0), ("0", 0), ("12500", 12500),
    ("12 500", 12500), ("12\u00a0500", 12500), ("1\u202f250\u00a0000", 1250000), ("1'250'000", 1250000),
    ("12,500", 12500), ("1,250,000", 1250000), ("1.250.000", 1250000), ("12.500", 12500),
    (" 7 500 ", 7500), ("-300", -300), ("\u2212300", -300),
])


def test_whole_som_as_people_write_them(typed, amount):
    assert parse_whole_som(typed) == amount


@pytest.mark.parametrize("typed", ["1,5", "12 500,50", "12.5", "12,50", "1,2345", "1,250.000", "1.250,000",
                                   ".5", "5.", "12 500.00", "1 250,000"])


def test_a_comma_or_dot_that_is_not_thousands_is_refused_not_dropped(typed):
    """ "1,5" once became 15 and "12 500,50" 1 250 050 som without a word."""
    with pytest.raises(FieldProblem) as problem:
        parse_whole_som(typed)
    assert NOT_WHOLE in str(problem.value)
    assert typed.strip() in str(problem.value)  # the message quotes what was typed
    assert problem.value.message.args == {"amount": typed.strip()}  # filled in after translation


@pytest.mark.parametrize(("typed", "says"), [
    ("abc", "whole number, e.g. 12 500"), ("12 кг", "whole number, e.g. 12 500"), ("-", "whole number"),
    ("--5", "whole number"), ("١٢", "whole number"), ("9" * 16, "too large"),
])


def test_other_text_gets_a_message_too(typed, says):
    with pytest.raises(FieldProblem, match=says):
        parse_whole_som(typed)


def test_submitting_keeps_the_stored_note_stable(store: Store):
    """The revision frozen on Submit / Approve keeps its stored note ("submitted", "approved"):
    packages already sent carry it. The GUI translates it when it shows it."""
    draft = plans.PlanDraft("План 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31), objectives="1. Цель.",
                            activities=[plans.ActivityInput("Тренинг", budget_project=1000)])
    pid = plans.create_plan(store, NOOKAT, draft)
    plans.change_status(store, pid, "submitted")
    plans.change_status(store, pid, "approved")
    assert [(r.number, r.status, r.note) for r in plans.list_revisions(store, pid)] == [
        (2, "approved", "approved"), (1, "submitted", "submitted")]


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
