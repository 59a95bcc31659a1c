"""One user action = one unit of work: what a dialog saves is saved whole or not at all."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.errors import UserError
from strive_desktop.services import preferences, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def _person(name: str = "Асанов Айбек") -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex="m", sector="youth", community_id=NOOKAT, birth_year=1985)


def _training(store, sessions: int = 2) -> str:  # type: ignore[no-untyped-def]
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "local_plan", "Жергиликтүү пландоо",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2 + i), 4.0) for i in range(sessions)]))


def test_editing_a_member_saves_the_details_and_the_role_together(store):
    gid = rosters.create_group(store, NOOKAT, "Ноокат жаштары")
    pid = rosters.add_person(store, _person(), group_id=gid).person_id
    mid = rosters.list_members(store, gid)[0].membership_id
    rosters.update_person(store, pid, _person("Асанов Айбек Бакытович"), membership_id=mid, role="chair")
    member = rosters.list_members(store, gid)[0]
    assert (member.full_name, member.role) == ("Асанов Айбек Бакытович", "chair")
    with pytest.raises(UserError):
        rosters.update_person(store, pid, _person("Someone Else"), membership_id=mid, role="king")
    assert rosters.get_person(store, pid).full_name == "Асанов Айбек Бакытович"  # nothing half-saved


def test_a_new_walk_in_is_added_and_put_on_the_sheet_together(store):
    tid = _training(store)
    result = trainings.add_walk_in_person(store, tid, _person("Мамытова Чолпон"))
    sheet = trainings.attendance_sheet(store, tid)
    assert [(p.full_name, p.walk_in) for p in sheet.participants] == [("Мамытова Чолпон", True)]
    assert result.created


def test_a_walk_in_for_a_training_that_is_gone_leaves_no_stray_person(store):
    with pytest.raises(UserError):
        trainings.add_walk_in_person(store, "no-such-training", _person("Мамытова Чолпон"))
    assert rosters.find_duplicates(store, "Мамытова Чолпон", 1985) == []


def test_a_possible_duplicate_walk_in_saves_nothing_until_the_user_decides(store):
    tid = _training(store)
    rosters.add_person(store, _person())
    result = trainings.add_walk_in_person(store, tid, _person())
    assert not result.created and result.duplicates
    assert len(trainings.attendance_sheet(store, tid).participants) == 0
    again = trainings.add_walk_in_person(store, tid, _person(), allow_duplicate=True)
    assert again.created
    assert len(trainings.attendance_sheet(store, tid).participants) == 1


def test_the_settings_page_saves_the_name_and_the_rule_together(store):
    with pytest.raises(UserError):
        preferences.save_preferences(store, user_name="Айгүл", completion_share=1.5)
    assert store.installation().user_name == "Gulnara"  # the name was not saved without the rule
    preferences.save_preferences(store, user_name="Айгүл", completion_share=0.7)
    assert store.installation().user_name == "Айгүл"
    assert trainings.completion_rule(store).min_share == pytest.approx(0.7)
