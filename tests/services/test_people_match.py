"""The duplicate warning at entry finds the spellings the issue listed, ranks them and says why."""

from __future__ import annotations

from strive_desktop.domain import matching as mt
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def _p(name: str, year: int | None = 1985, sex: str = "m", community: str = NOOKAT, **kw) -> rosters.PersonInput:  # type: ignore[no-untyped-def]
    return rosters.PersonInput(name, sex, "lawyer", community, year, **kw)


def _add(store, name: str, year: int | None = 1985, sex: str = "m", community: str = NOOKAT, **kw) -> str:  # type: ignore[no-untyped-def]
    res = rosters.add_person(store, _p(name, year, sex, community, **kw), allow_duplicate=True)
    assert res.person_id
    return res.person_id


def test_the_spellings_the_old_warning_missed_are_found_in_another_community(store) -> None:
    cases = [
        ("Айбек Ногойбаев", "Ajbek Nogojbaev", "m"),
        ("Үсөн Мамытов", "Усен Мамытов", "m"),
        ("Азамат Бакыт уулу", "Azamat Bakyt uulu", "m"),
        ("Азамат Бакыт уулу", "Азамат Бакыт улы", "m"),
        ("Юлия Ким", "Julia Kim", "f"),
        ("Абдул-Керим Осмонов", "Абдулкерим Осмонов", "m"),
        ("Нурлан Сапаров", "Hурлан Cапаров", "m"),
        ("Асанов Эрмек", "Асамов Эрмек", "m"),
    ]
    for stored, typed, sex in cases:
        pid = _add(store, stored, 1980, sex, KOCHKOR)
        res = rosters.add_person(store, _p(typed, 1980, sex))
        assert not res.created, typed
        assert res.duplicates[0].id == pid, typed
        rosters.delete_person(store, pid)


def test_the_wrongly_offered_are_not_offered(store) -> None:
    _add(store, "Чолпон Асанова", 1990, "f")
    _add(store, "Анна Ким", 1990, "f")
    _add(store, "Сыдыков Бакыт", 1990)
    _add(store, "Азамат Бакыт уулу", 1990)
    _add(store, "Асанов Талант", 1990)
    for name, sex in [("Шолпон Асанова", "f"), ("Ана Ким", "f"), ("Сидиков Бакыт", "m"),
                      ("Бакыт Азамат уулу", "m"), ("Асанова Талант", "f")]:
        assert rosters.add_person(store, _p(name, 1990, sex)).created, name


def test_candidates_are_ranked_by_score_and_say_why(store) -> None:
    close = _add(store, "Асамов Айбек", 1985, community=KOCHKOR)
    latin = _add(store, "Aibek Asanov", 1985, community=KOCHKOR)
    res = rosters.add_person(store, _p("Асанов Айбек", 1985))
    assert [m.id for m in res.duplicates] == [latin, close]
    first, second = res.duplicates
    assert first.score > second.score
    assert mt.R_NAME_LATIN in first.reasons and mt.R_YEAR in first.reasons
    assert mt.R_NAME_CLOSE in second.reasons


def test_a_shared_phone_counts_for_the_match(store) -> None:
    pid = _add(store, "Асамов Айбек", 1985, phone="0700112233", community=KOCHKOR)
    res = rosters.add_person(store, _p("Асанов Айбек", 1985, phone="0700 11 22 33"))
    assert res.duplicates[0].id == pid and mt.R_PHONE in res.duplicates[0].reasons
    assert res.duplicates[0].score >= mt.LIKELY
