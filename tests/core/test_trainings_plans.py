"""Trainings and attendance (rate, completion under the 80% rule and a changed rule), local
plans (drafts, revisions, status rules) and vulnerable groups."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.errors import NotFound, UserError, ValidationError
from strive_desktop.services import plans, rosters, trainings, vulnerable
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
D = dt.date


def _person(store, name: str, group_id: str | None = None) -> str:
    inp = rosters.PersonInput(full_name=name, sex="f", sector="women", community_id=NOOKAT, birth_year=1990)
    res = rosters.add_person(store, inp, group_id=group_id, allow_duplicate=True)
    return res.person_id


@pytest.fixture
def training(store):
    """A 5-session training (2+2+2+2+2 = 10 hours) and a group of three members."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    people = [_person(store, n, gid) for n in ("Асанова Айгүл", "Бакытова Нургүл", "Өмүрова Чолпон")]
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Зордук-зомбулук экстремизминин негиздери",
        venue="Ноокат", trainers="Т. Тренер",
        sessions=[trainings.SessionInput(D(2024, 3, d), 2.0) for d in (5, 1, 2, 3, 4)]))
    return tid, people, gid


def _tick(store, tid, pid, n_sessions):
    info = trainings.get_training(store, tid)
    for sess in info.sessions[:n_sessions]:
        trainings.record_attendance(store, sess.id, pid, True)


def test_training_sessions_sorted_and_totals(store, training):
    tid, _, _ = training
    info = trainings.get_training(store, tid)
    assert [s.date.day for s in info.sessions] == [1, 2, 3, 4, 5]
    assert info.total_hours == 10.0 and info.start == D(2024, 3, 1) and info.end == D(2024, 3, 5)


def test_attendance_rate_and_default_80_percent_rule(store, training):
    tid, (a, b, c), _ = training
    _tick(store, tid, a, 5)
    _tick(store, tid, b, 4)
    _tick(store, tid, c, 3)
    sheet = trainings.attendance_sheet(store, tid)
    by = {p.person_id: p for p in sheet.participants}
    assert [by[x].rate for x in (a, b, c)] == [1.0, 0.8, 0.6]
    assert {p.person_id for p in sheet.completed} == {a, b}
    assert sheet.rule.min_share == 0.8
    first = trainings.get_training(store, tid).sessions[0].id
    assert sheet.present_count(first) == 3
    assert sheet.average_rate == pytest.approx(0.8)


def test_changed_completion_rule(store, training):
    tid, (a, b, c), _ = training
    _tick(store, tid, a, 5)
    _tick(store, tid, b, 4)
    _tick(store, tid, c, 3)
    trainings.set_completion_share(store, 0.6)
    assert {p.person_id for p in trainings.completed_participants(store, tid)} == {a, b, c}
    trainings.set_completion_share(store, 1.0)
    assert {p.person_id for p in trainings.completed_participants(store, tid)} == {a}
    with pytest.raises(UserError, match="share between"):
        trainings.set_completion_share(store, 0)
    with pytest.raises(UserError):
        trainings.set_completion_share(store, 1.5)


def test_unequal_session_hours_weight_the_rate(store):
    pid = _person(store, "Асанова Айгүл")
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов",
        sessions=[trainings.SessionInput(D(2024, 1, 1), 8.0), trainings.SessionInput(D(2024, 1, 2), 2.0)]))
    _tick(store, tid, pid, 1)  # 8 of 10 hours
    sheet = trainings.attendance_sheet(store, tid)
    assert sheet.participants[0].hours_attended == 8.0 and sheet.participants[0].completed


def test_untick_and_walk_in(store, training):
    tid, (a, _, _), _ = training
    first = trainings.get_training(store, tid).sessions[0].id
    trainings.record_attendance(store, first, a, True)
    trainings.record_attendance(store, first, a, False)
    sheet = trainings.attendance_sheet(store, tid)
    assert {p.person_id: p.present[first] for p in sheet.participants}[a] is False
    guest = _person(store, "Садыкова Мээрим")  # not a member of any group
    trainings.add_walk_in(store, tid, guest)
    trainings.record_attendance(store, first, guest, True)
    sheet = trainings.attendance_sheet(store, tid)
    g = {p.person_id: p for p in sheet.participants}[guest]
    assert g.walk_in and g.present[first] and len(sheet.participants) == 4
    assert sheet.participants[-1].person_id == guest  # walk-ins listed after members


def test_training_validation(store):
    with pytest.raises(ValidationError) as err:
        trainings.create_training(store, trainings.TrainingInput(NOOKAT, "dancing", " ", sessions=[]))
    e = {k: v.render() for k, v in err.value.errors.items()}
    assert e["title"] == "The training title is required."
    assert e["phase"] == "Choose the phase of the programme."
    assert "at least one session" in e["sessions"]
    with pytest.raises(ValidationError, match="same date"):
        trainings.create_training(store, trainings.TrainingInput(NOOKAT, "other", "X", sessions=[
            trainings.SessionInput(D(2024, 1, 1), 2), trainings.SessionInput(D(2024, 1, 1), 3)]))
    with pytest.raises(ValidationError, match="hours"):
        trainings.create_training(store, trainings.TrainingInput(NOOKAT, "other", "X", sessions=[
            trainings.SessionInput(D(2024, 1, 1), 0)]))


def test_session_with_ticks_cannot_be_dropped(store, training):
    tid, (a, _, _), _ = training
    info = trainings.get_training(store, tid)
    trainings.record_attendance(store, info.sessions[0].id, a, True)
    keep = [trainings.SessionInput(s.date, s.hours, s.id) for s in info.sessions[1:]]
    inp = trainings.TrainingInput(NOOKAT, info.phase, info.title, sessions=keep)
    with pytest.raises(UserError, match="attendance recorded"):
        trainings.update_training(store, tid, inp)
    assert len(trainings.get_training(store, tid).sessions) == 5


def test_deleted_training_is_gone_from_lists(store, training):
    tid, _, _ = training
    trainings.delete_training(store, tid)
    assert trainings.list_trainings(store, NOOKAT) == []
    with pytest.raises(NotFound):
        trainings.get_training(store, tid)


def test_record_bulk_upserts_attendance(store, training):
    tid, people, _ = training
    info = trainings.get_training(store, tid)
    rows = [(s.id, p, True) for s in info.sessions for p in people]
    assert trainings.record_bulk(store, rows) == 15
    rows = [(info.sessions[0].id, people[0], False)]
    trainings.record_bulk(store, rows)
    sheet = trainings.attendance_sheet(store, tid)
    assert {p.person_id: p.rate for p in sheet.participants}[people[0]] == pytest.approx(0.8)


# ---- plans -----------------------------------------------------------------------------


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


# ---- vulnerable groups -----------------------------------------------------------------


def test_vulnerable_groups_add_edit_remove(store):
    vid = vulnerable.add_vulnerable_group(store, NOOKAT, "  Жумушсуз жаштар ", "16-25 жаш")
    other = vulnerable.add_vulnerable_group(store, community_id("kochkor"), "Return migrants")
    assert [(v.category, v.description) for v in vulnerable.list_vulnerable_groups(store, NOOKAT)] == [
        ("Жумушсуз жаштар", "16-25 жаш")]
    vulnerable.update_vulnerable_group(store, vid, "Жумушсуз жаштар", "16-30 жаш")
    assert vulnerable.list_vulnerable_groups(store, NOOKAT)[0].description == "16-30 жаш"
    vulnerable.remove_vulnerable_group(store, vid)
    assert [v.id for v in vulnerable.list_vulnerable_groups(store)] == [other]
    with pytest.raises(ValidationError, match="category is required"):
        vulnerable.add_vulnerable_group(store, NOOKAT, " ")
    with pytest.raises(NotFound):
        vulnerable.update_vulnerable_group(store, vid, "X")


def test_list_trainings_newest_first_with_sessions(demo_store):
    everything = trainings.list_trainings(demo_store)
    assert len(everything) == 36
    assert everything == [trainings.get_training(demo_store, t.id) for t in everything]
    starts = [t.start for t in everything]
    assert starts == sorted(starts, reverse=True)
    nookat = trainings.list_trainings(demo_store, NOOKAT)
    assert len(nookat) == 4 and {t.community_name for t in nookat} == {"Nookat"}
    assert {t.phase for t in nookat} == {"basics_ve", "conflict_analysis", "lsg_roles", "local_plan"}
    trainings.delete_training(demo_store, nookat[0].id)
    assert len(trainings.list_trainings(demo_store, NOOKAT)) == 3
