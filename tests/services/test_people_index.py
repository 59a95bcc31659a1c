"""services.people_index.load_people_head: the People page's first screenful, read at once
while everyone else is read in the background, must be exactly the start of the full list."""

from __future__ import annotations

import pytest

from strive_desktop.services import rosters
from strive_desktop.services.people_index import load_people_head, load_people_index
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def add(store, names: list[str], community: str) -> list[str]:
    return rosters.bulk_add_people(store, [
        rosters.PersonInput(full_name=n, sex="f", sector="women", community_id=community, birth_year=1990)
        for n in names])


def test_head_is_the_start_of_the_full_list_with_the_full_count(hq_store):
    names = [f"{s} {g}" for s in ("Өмүрбекова", "Asanova", "Бакиева", "Zhumabaeva")
             for g in ("Айгүл", "Нургүл", "Aida", "Бүбүсара")]
    ids = add(hq_store, names, NOOKAT)
    add(hq_store, ["Кочкорова Асель", "Токтосунова Жибек"], KOCHKOR)
    rosters.delete_person(hq_store, ids[0])
    for cid in (None, NOOKAT, KOCHKOR):
        full = load_people_index(hq_store, cid)
        head, total = load_people_head(hq_store, cid, 5)
        assert total == len(full)
        assert head.ids == full.ids[:5]
        assert head.full_names == full.full_names[:5] and head.name_keys == full.name_keys[:5]
        assert head.community_names == full.community_names[:5]
    assert load_people_head(hq_store, NOOKAT, 100)[1] == len(names) - 1  # the deleted one not counted
    head, total = load_people_head(hq_store, KOCHKOR, 100)
    assert total == 2 and len(head) == 2


def test_head_of_an_empty_community(store):
    head, total = load_people_head(store, KOCHKOR, 10)
    assert total == 0 and len(head) == 0 and head.match("") == []


def _add(store, name: str, year: int | None = 1985, **kw) -> str:  # type: ignore[no-untyped-def]
    res = rosters.add_person(store, rosters.PersonInput(
        full_name=name, sex=kw.pop("sex", "m"), sector=kw.pop("sector", "youth"),
        community_id=kw.pop("community_id", NOOKAT), birth_year=year, **kw), allow_duplicate=True)
    assert res.created
    return res.person_id


@pytest.fixture
def people(store):
    names = {
        "aibek": ("Асанов Айбек", "m", 1985, NOOKAT),
        "omur": ("Өмүрбеков Үсөн", "m", 1960, NOOKAT),
        "chyngyz": ("Чыңгыз Абдыраев", "m", 1990, NOOKAT),
        "fedorov": ("Фёдоров Алексей", "m", 1975, KOCHKOR),
        "zhyldyz": ("Жылдыз Токтогулова", "f", 1992, KOCHKOR),
        "latin": ("Aybek Mamytov", "m", 1999, KOCHKOR),
    }
    return {k: _add(store, n, y, sex=s, community_id=c) for k, (n, s, y, c) in names.items()}


def _found(store, q, community_id=None) -> set[str]:
    return set(load_people_index(store, community_id).filtered(q).full_names)


@pytest.mark.parametrize("query", ["Айбек", "айбек", "АЙБЕК", "Aibek", "aybek", "AIBEK"])
def test_aibek_found_in_any_script_or_spelling(store, people, query):
    assert _found(store, query) == {"Асанов Айбек", "Aybek Mamytov"}


@pytest.mark.parametrize("query,expected", [
    ("өмүр", "Өмүрбеков Үсөн"), ("ӨМҮР", "Өмүрбеков Үсөн"), ("Omur", "Өмүрбеков Үсөн"),
    ("Ömür", "Өмүрбеков Үсөн"), ("омур", "Өмүрбеков Үсөн"), ("усон", "Өмүрбеков Үсөн"),
    ("Чыңгыз", "Чыңгыз Абдыраев"), ("Chyngyz", "Чыңгыз Абдыраев"), ("Чынгыз", "Чыңгыз Абдыраев"),
    ("Федоров", "Фёдоров Алексей"), ("фёдоров", "Фёдоров Алексей"), ("Fedorov", "Фёдоров Алексей"),
    ("Zhyldyz", "Жылдыз Токтогулова"), ("Jyldyz", "Жылдыз Токтогулова"), ("Toktogulova", "Жылдыз Токтогулова"),
])


def test_kyrgyz_letters_and_yo_variants(store, people, query, expected):
    assert expected in _found(store, query)


@pytest.mark.parametrize("query", ["Айбек Асанов", "Асанов Айбек", "aibek asanov", "Asanov, Aibek"])
def test_words_of_a_name_in_any_order(store, people, query):
    assert _found(store, query) == {"Асанов Айбек"}


def test_search_excludes_unrelated_and_can_filter_by_community(store, people):
    assert _found(store, "Айбек", community_id=NOOKAT) == {"Асанов Айбек"}
    assert _found(store, "Петров") == set()
    assert len(load_people_index(store).filtered("")) == 6


def test_search_by_phone_digits(store):
    pid = _add(store, "Сыдыков Бакыт", phone="0700 11 22 33")
    assert load_people_index(store).filtered("0700 112").ids == [pid]
    assert load_people_index(store).filtered("112233").ids == [pid]


def test_sectors_by_value_english_label_or_interface_label(store):
    _add(store, "Осмонов Нурлан", sector="youth")
    _add(store, "Жумабаева Жылдыз", sector="religious_leader", sex="f")
    _add(store, "Сыдыков Бакыт", sector="local_self_government")
    everyone = load_people_index(store)
    assert everyone.filtered("religious leader").full_names == ["Жумабаева Жылдыз"]
    assert everyone.filtered("self-government").full_names == ["Сыдыков Бакыт"]
    assert everyone.filtered("молодежь", [("youth", "Молодёжь")]).full_names == ["Осмонов Нурлан"]
    assert everyone.filtered("жаштар", [("youth", "Жаштар")]).full_names == ["Осмонов Нурлан"]
    assert everyone.filtered("молодежь").full_names == []  # not a label of this interface
