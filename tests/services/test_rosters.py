"""Rosters: people, groups, memberships (add, edit, move, remove, undo, history), validation,
and the duplicate warning (search: tests/services/test_people_index_search.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.domain.validation import (
    FieldProblem,
    check_birth_year,
    check_pin,
    normalise_phone,
)
from strive_desktop.errors import NotFound, UserError, ValidationError
from strive_desktop.services import rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def _p(name: str = "Асанов Айбек", year: int | None = 1985, **kw) -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex=kw.pop("sex", "m"), sector=kw.pop("sector", "youth"),
                               community_id=kw.pop("community_id", NOOKAT), birth_year=year, **kw)


def _add(store, *a, **kw) -> str:
    res = rosters.add_person(store, _p(*a, **kw), allow_duplicate=True)
    assert res.created
    return res.person_id


@pytest.fixture
def groups(store):
    g1 = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу", cpc_name="Ноокат ОПЦ")
    g2 = rosters.create_group(store, NOOKAT, "Ноокат жаштар тобу")
    return g1, g2


# ---- groups and memberships ------------------------------------------------------------


def test_add_person_to_group_lists_them_as_member(store, groups):
    g1, _ = groups
    res = rosters.add_person(store, _p(), group_id=g1, joined_on=dt.date(2024, 3, 1))
    members = rosters.list_members(store, g1)
    assert [(m.full_name, m.role, m.joined_on) for m in members] == [
        ("Асанов Айбек", "member", dt.date(2024, 3, 1))]
    assert members[0].person_id == res.person_id
    info = {g.id: g for g in rosters.list_groups(store, NOOKAT)}
    assert info[g1].member_count == 1 and info[g1].cpc_name == "Ноокат ОПЦ"


def test_edit_person_normalises_and_keeps_the_id(store):
    pid = _add(store)
    inp = rosters.get_person(store, pid).to_input()
    inp.full_name = "  Асанов   Айбек  Бакытович "
    inp.phone = "0 (555) 12-34-56"
    rec = rosters.update_person(store, pid, inp)
    assert rec.id == pid
    assert rec.full_name == "Асанов Айбек Бакытович"
    assert rec.phone == "+996555123456"


def test_role_change_and_unknown_role(store, groups):
    g1, _ = groups
    pid = _add(store)
    mid = rosters.add_member(store, pid, g1)
    rosters.set_role(store, mid, "chair")
    assert rosters.list_members(store, g1)[0].role == "chair"
    with pytest.raises(UserError, match="Unknown role"):
        rosters.set_role(store, mid, "king")


def test_adding_someone_twice_to_a_group_is_refused(store, groups):
    g1, _ = groups
    pid = _add(store)
    rosters.add_member(store, pid, g1)
    with pytest.raises(UserError, match="already a member"):
        rosters.add_member(store, pid, g1)


def test_move_member_closes_old_membership_and_keeps_history(store, groups):
    g1, g2 = groups
    pid = _add(store)
    mid = rosters.add_member(store, pid, g1, role="secretary", joined_on=dt.date(2023, 1, 10))
    new_mid = rosters.move_member(store, mid, g2, on=dt.date(2024, 6, 1))
    assert rosters.list_members(store, g1) == []
    moved = rosters.list_members(store, g2)
    assert [(m.membership_id, m.role, m.joined_on) for m in moved] == [(new_mid, "secretary", dt.date(2024, 6, 1))]
    former = rosters.list_members(store, g1, include_former=True)
    assert [(m.joined_on, m.left_on) for m in former] == [(dt.date(2023, 1, 10), dt.date(2024, 6, 1))]
    hist = rosters.membership_history(store, pid)
    assert [(h.group_name, h.left_on) for h in hist] == [
        ("Ноокат жаштар тобу", None), ("Ноокат консультативдик тобу", dt.date(2024, 6, 1))]
    with pytest.raises(UserError, match="already in that group"):
        rosters.move_member(store, new_mid, g2)


def test_remove_member_then_undo(store, groups):
    g1, _ = groups
    pid = _add(store)
    mid = rosters.add_member(store, pid, g1, joined_on=dt.date(2023, 1, 1))
    rosters.remove_member(store, mid, left_on=dt.date(2024, 2, 2))
    assert rosters.list_members(store, g1) == []
    assert rosters.membership_history(store, pid)[0].left_on == dt.date(2024, 2, 2)
    rosters.undo_remove_member(store, mid)
    assert [m.membership_id for m in rosters.list_members(store, g1)] == [mid]


def test_remove_member_before_joining_is_refused(store, groups):
    g1, _ = groups
    mid = rosters.add_member(store, _add(store), g1, joined_on=dt.date(2024, 5, 1))
    with pytest.raises(UserError, match="end date cannot be before"):
        rosters.remove_member(store, mid, left_on=dt.date(2024, 4, 30))


def test_delete_person_closes_memberships_and_hides_them(store, groups):
    g1, _ = groups
    pid = _add(store)
    rosters.add_member(store, pid, g1)
    rosters.delete_person(store, pid)
    assert rosters.list_members(store, g1) == []
    with pytest.raises(NotFound):
        rosters.get_person(store, pid)


def test_group_needs_a_name_and_an_existing_community(store):
    with pytest.raises(ValidationError) as err:
        rosters.create_group(store, NOOKAT, "   ")
    assert err.value.errors["name"].render() == "The group name is required."
    with pytest.raises(NotFound):
        rosters.create_group(store, "no-such-community", "Group")


# ---- validation ------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["+996 555 12 34 56", "996555123456", "0555 123 456", "0555-12-34-56",
                                 "555123456", "(0555) 12 34 56", "+996(555)123-456", " 0 555 12 34 56 ",
                                 "+996 (0555) 12 34 56"])


def test_phone_forms_are_stored_normalised(raw):
    assert normalise_phone(raw) == "+996555123456"


@pytest.mark.parametrize("raw,words", [
    ("+1 202 555 0101", "neighbouring country"),
    ("12345", "Enter a phone number of Kyrgyzstan"),
    ("0555 12 34 5x", "only digits"),
    ("0055 123 456", "Enter a phone number of Kyrgyzstan"),
    ("555+123456", "only digits"),
])


def test_bad_phones_get_a_clear_message(raw, words):
    with pytest.raises(FieldProblem) as err:
        normalise_phone(raw)
    assert words in str(err.value)


def test_empty_phone_is_none():
    assert normalise_phone("  ") is None and normalise_phone(None) is None


def test_birth_year_range():
    today = dt.date(2025, 6, 1)
    assert check_birth_year(1920, today) == 1920 and check_birth_year(2015, today) == 2015
    for bad in (1919, 2016, 3000):
        with pytest.raises(FieldProblem, match="between 1920 and 2015"):
            check_birth_year(bad, today)


def test_pin_format():
    assert check_pin("2 1505 1985 00123") == "21505198500123"
    with pytest.raises(FieldProblem, match="exactly 14 digits"):
        check_pin("2150519850012")
    with pytest.raises(FieldProblem, match="start with 1 or 2"):
        check_pin("31505198500123")
    with pytest.raises(FieldProblem, match="birth date"):
        check_pin("23113198500123")  # 31.13.1985


def test_person_validation_names_each_bad_field(store):
    bad = rosters.PersonInput(full_name="Айбек", sex="x", sector="astronaut", community_id=NOOKAT,
                              birth_year=1800, phone="12", pin="123")
    with pytest.raises(ValidationError) as err:
        rosters.add_person(store, bad)
    msgs = {k: v.render() for k, v in err.value.errors.items()}
    assert msgs["full_name"] == "Enter the surname and the given name."
    assert msgs["sex"] == "Choose female or male."
    assert msgs["sector"] == "Choose a sector."
    assert "between 1920" in msgs["birth_year"]
    assert "phone number of Kyrgyzstan" in msgs["phone"]
    assert "14 digits" in msgs["pin"]
    assert len(load_people_index(store)) == 0


def test_empty_name_is_required(store):
    with pytest.raises(ValidationError) as err:
        rosters.add_person(store, _p("   "))
    assert err.value.errors["full_name"].render() == "The full name is required."


def test_pin_must_agree_with_birth_year_and_sex(store):
    with pytest.raises(ValidationError) as err:
        rosters.add_person(store, _p(year=1990, pin="21505198500123"))
    assert "born in 1985" in err.value.errors["pin"].render()
    with pytest.raises(ValidationError) as err:
        rosters.add_person(store, _p(year=1985, sex="f", pin="21505198500123"))
    assert "does not match the sex" in err.value.errors["pin"].render()


def test_birth_year_taken_from_pin_when_missing(store):
    pid = _add(store, year=None, pin="21505198500123")
    assert rosters.get_person(store, pid).birth_year == 1985


def test_consent_date_in_the_future_is_refused(store):
    with pytest.raises(ValidationError) as err:
        rosters.add_person(store, _p(consent_date=dt.date.today() + dt.timedelta(days=2)))
    assert "future" in err.value.errors["consent_date"].render()


# ---- duplicates ------------------------------------------------------------------------


def test_same_name_and_year_in_another_community_is_reported(store, groups):
    g1, _ = groups
    first = rosters.add_person(store, _p("Асанов Айбек", 1985, community_id=KOCHKOR))
    assert first.created
    res = rosters.add_person(store, _p("Aibek Asanov", 1985), group_id=g1)
    assert not res.created
    assert [(m.id, m.community_name, m.reason) for m in res.duplicates] == [(first.person_id, "Kochkor", "name")]
    assert rosters.list_members(store, g1) == []
    assert len(load_people_index(store).filtered("Айбек")) == 1
    anyway = rosters.add_person(store, _p("Aibek Asanov", 1985), group_id=g1, allow_duplicate=True)
    assert anyway.created and len(rosters.list_members(store, g1)) == 1


def test_a_patronymic_more_or_less_is_still_a_possible_duplicate(store):
    short = _add(store, "Асанов Айбек", 1985)
    res = rosters.add_person(store, _p("Aibek Bakytovich Asanov", 1985, community_id=KOCHKOR))
    assert [m.id for m in res.duplicates] == [short]
    long_ = _add(store, "Токтогулова Айгүл Эркин кызы", 1990, sex="f")
    res = rosters.add_person(store, _p("Aigul Toktogulova", 1990, sex="f", community_id=KOCHKOR))
    assert [m.id for m in res.duplicates] == [long_]
    # another year, or only one shared word, is someone else
    assert rosters.add_person(store, _p("Асанов Айбек Бакытович", 1986)).created
    assert rosters.add_person(store, _p("Асанов Нурлан", 1985)).created
    # "Asanov" inside "Asanova" is not the word "Asanov"
    assert rosters.add_person(store, _p("Асанова Айбека", 1985, sex="f")).created


def test_same_name_other_year_is_not_a_duplicate(store):
    _add(store, "Асанов Айбек", 1985)
    assert rosters.add_person(store, _p("Асанов Айбек", 1986)).created


def test_same_pin_with_a_different_name_is_a_duplicate(store):
    pid = _add(store, "Асанов Айбек", 1985, pin="21505198500123")
    res = rosters.add_person(store, _p("Совсем Другой", 1985, pin="21505198500123", community_id=KOCHKOR))
    assert [(m.id, m.reason) for m in res.duplicates] == [(pid, "pin")]


def test_duplicate_match_names_the_groups(store, groups):
    g1, _ = groups
    rosters.add_person(store, _p("Токтогулова Жылдыз", 1992, sex="f"), group_id=g1)
    res = rosters.add_person(store, _p("Jyldyz Toktogulova", 1992, sex="f", community_id=KOCHKOR))
    assert res.duplicates[0].groups == ("Ноокат консультативдик тобу",)


def test_deleted_people_are_not_duplicates(store):
    pid = _add(store, "Асанов Айбек", 1985)
    rosters.delete_person(store, pid)
    assert rosters.add_person(store, _p("Асанов Айбек", 1985)).created


def test_editing_a_person_does_not_match_themselves(store):
    pid = _add(store, "Асанов Айбек", 1985)
    assert rosters.find_duplicates(store, "Асанов Айбек", 1985, exclude_id=pid) == []
