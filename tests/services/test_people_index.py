"""services.people_index: the People page's first screenful (load_people_head), read at once
while everyone else is read in the background, must be exactly the start of the full list, and
read through indexes (no pass over the whole encrypted table, no sorting of everyone); the
search over everyone (load_people_index)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import event

from strive_desktop.domain.matching import Profile
from strive_desktop.services import people_match, rosters
from strive_desktop.services.people_index import load_people_head, load_people_index, parse_query
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
        for limit in (1, 5):  # Kochkor with 1: the few of a community, not the walk in name order
            head, total = load_people_head(hq_store, cid, limit)
            assert total == len(full)
            assert head.ids == full.ids[:limit]
            assert head.full_names == full.full_names[:limit] and head.name_keys == full.name_keys[:limit]
            assert head.community_names == full.community_names[:limit]
    assert load_people_head(hq_store, NOOKAT, 100)[1] == len(names) - 1  # the deleted one not counted
    head, total = load_people_head(hq_store, KOCHKOR, 100)
    assert total == 2 and len(head) == 2


def test_head_of_an_empty_community(store):
    head, total = load_people_head(store, KOCHKOR, 10)
    assert total == 0 and len(head) == 0 and head.match("") == []


# ---- how the first screenful is read -------------------------------------------------------------


def plans(store, action: Callable[[], object]) -> list[str]:
    """SQLite's plan (EXPLAIN QUERY PLAN) of every statement about people that *action* sent."""
    sent: list[str] = []

    def trace(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.set_trace_callback(sent.append)

    store.engine.dispose()  # new connections, traced
    event.listen(store.engine, "connect", trace)
    try:
        action()
    finally:
        event.remove(store.engine, "connect", trace)
        store.engine.dispose()
    con = store.raw_connection()
    try:
        return [" / ".join(row[-1] for row in con.execute("EXPLAIN QUERY PLAN " + sql))
                for sql in sent if " people" in sql and sql.lstrip().upper().startswith("SELECT")]
    finally:
        con.close()


def test_a_field_offices_first_screen_is_read_in_name_order_without_reading_everyone(store):
    add(store, [f"Асанова {i:03}" for i in range(30)], NOOKAT)
    head, total = load_people_head(store, NOOKAT, 10)
    assert total == 30 and head.full_names == [f"Асанова {i:03}" for i in range(10)]
    found = plans(store, lambda: load_people_head(store, NOOKAT, 10))
    assert len(found) == 3, found  # the community's total, everyone's, the first rows
    for plan in found:
        assert "TEMP B-TREE" not in plan, plan  # nobody sorted: the rows come in index order
        assert "SCAN people" not in plan.split(" / "), plan  # no pass over the table itself
        # nothing counted by a walk over a whole index: the community's total is a range of
        # ix_people_community_live, everyone's the largest rowid
        assert "SCAN people USING COVERING INDEX" not in plan, plan
    assert any("SEARCH people USING COVERING INDEX ix_people_community_live" in plan for plan in found), found
    assert any("ix_people_sort_key" in plan for plan in found), found


def test_headquarters_first_screen_of_one_community_counts_only_that_community(hq_store):
    add(hq_store, [f"Асанова {i:03}" for i in range(30)], NOOKAT)
    add(hq_store, [f"Кочкорова {i:03}" for i in range(3)], KOCHKOR)
    for cid, names in ((NOOKAT, 30), (KOCHKOR, 3)):
        head, total = load_people_head(hq_store, cid, 2)
        assert total == names and head.ids == load_people_index(hq_store, cid).ids[:2]
        found = plans(hq_store, lambda cid=cid: load_people_head(hq_store, cid, 2))
        assert len(found) == 3, found  # the community's total, everyone's, the first rows
        assert all("SCAN people USING COVERING INDEX" not in plan for plan in found), found


def test_headquarters_total_of_everyone_is_counted_in_an_index(hq_store):
    add(hq_store, [f"Асанова {i:03}" for i in range(12)], NOOKAT)
    found = plans(hq_store, lambda: load_people_head(hq_store, None, 10))
    assert len(found) == 2, found
    assert all("TEMP B-TREE" not in plan for plan in found), found
    assert all("SCAN people" not in plan.split(" / ") for plan in found), found
    assert any("COVERING INDEX ix_people_community_live" in plan for plan in found), found


def test_the_duplicate_check_does_not_use_the_index_of_live_people(store):
    """ix_people_community_live leads with the community: the duplicate check's query (names, PIN
    or phone, of every community) cannot scan it for the live people. An index leading with
    ``deleted`` made SQLite do that: a new entry's check took 1.15 s at 100,000 people."""
    _add(store, "Асанов Айбек", phone="0700112233")
    found = plans(store, lambda: people_match.candidates_for(
        store, Profile("Асанов Айбек", 1985, "m", "12345678901234", "+996700112233")))
    assert found and all("ix_people_community_live" not in plan for plan in found), found
    assert any("ix_people_name_key" in plan and "ix_people_phone" in plan and "ix_people_pin" in plan
               for plan in found), found


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


def test_typing_on_searches_among_what_the_shorter_text_found(store):
    """Each keystroke that narrows the query searches only among the previous keystroke's
    people (Query.narrows) and finds exactly what a search over everyone finds; backspace, and
    a letter after phone digits (names, sectors and phones then), do not narrow."""
    for name, sector, phone in (("Асанов Айбек", "youth", "0555111213"), ("Асанова Айгүл", "women", "0700987654"),
                                ("Бакиев Нурлан", "law_enforcement", "0555987001"),
                                ("Жумабаев Нурлан", "religious_leader", None)):
        _add(store, name, sector=sector, phone=phone)
    ix = load_people_index(store)
    seen = 0
    for typed in ("асанов айбек", "nurlan zhu", "0555 98", "wom", "0700 a"):
        wider, found = parse_query(""), ix.match("")
        for end in [*range(1, len(typed) + 1), *range(len(typed) - 1, -1, -1)]:  # typed, then erased
            text = typed[:end]
            q = parse_query(text)
            everyone_searched = ix.match(text)
            if q.narrows(wider):
                assert ix.select(q, found) == everyone_searched, text
                seen += 1
            wider, found = q, everyone_searched
    assert seen > 20
    assert [ix.full_names[i] for i in ix.match("нурлан")] == ["Бакиев Нурлан", "Жумабаев Нурлан"]
    assert not parse_query("asa").narrows(parse_query("asan"))  # backspace widens
    assert not parse_query("0555").narrows(parse_query("asan"))  # a phone is not a name
    assert parse_query("0555 12").narrows(parse_query("0555 1"))
    assert not parse_query("05").narrows(parse_query("055"))  # under 3 digits: no phone at all
    assert not parse_query("0700 a").narrows(parse_query("0700"))
