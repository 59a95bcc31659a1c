"""Headquarters: two offices each entered the same three people. The review list shows them,
a merge counts each once, moves their records, and can be undone; "keep apart" is remembered."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.domain import matching as mt
from strive_desktop.errors import UserError
from strive_desktop.services import certificates, people_merge, rosters, stats, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")

NOOKAT_PEOPLE = [("Асанов Айбек", "m", 1985), ("Токтогулова Жылдыз", "f", 1990), ("Азамат Бакыт уулу", "m", 1979),
                 ("Сыдыков Бакыт", "m", 1970), ("Чолпон Исакова", "f", 1995)]
KOCHKOR_PEOPLE = [("Aibek Asanov", "m", 1985), ("Jyldyz Toktogulova", "f", 1990), ("Azamat Bakyt uulu", "m", 1979),
                  ("Сидиков Бакыт", "m", 1970), ("Шолпон Исакова", "f", 1995), ("Бакыт Азамат уулу", "m", 1979),
                  ("Асанова Айгүл", "f", 1985), ("Мамытов Нурлан", "m", 1988)]


def _people(store, rows, community: str, group: str) -> list[str]:  # type: ignore[no-untyped-def]
    ids = []
    for name, sex, year in rows:
        res = rosters.add_person(store, rosters.PersonInput(name, sex, "youth", community, year),
                                 group_id=group, allow_duplicate=True)
        assert res.person_id
        ids.append(res.person_id)
    return ids


@pytest.fixture
def offices(hq_store):  # type: ignore[no-untyped-def]
    g1 = rosters.create_group(hq_store, NOOKAT, "Ноокат тобу")
    g2 = rosters.create_group(hq_store, KOCHKOR, "Кочкор тобу")
    return _people(hq_store, NOOKAT_PEOPLE, NOOKAT, g1), _people(hq_store, KOCHKOR_PEOPLE, KOCHKOR, g2), g1, g2


def test_review_lists_the_three_same_people_across_communities_and_nobody_else(hq_store, offices) -> None:
    nookat, kochkor, _g1, _g2 = offices
    pairs = people_merge.review_pairs(hq_store)
    got = {frozenset((p.a.id, p.b.id)) for p in pairs}
    assert got == {frozenset((nookat[i], kochkor[i])) for i in range(3)}
    first = pairs[0]
    assert first.likely and mt.R_YEAR in first.reasons
    assert {first.a.community_name, first.b.community_name} == {"Nookat", "Kochkor"}
    assert first.a.groups and first.b.groups
    # only the pairs touching a community
    assert len(people_merge.review_pairs(hq_store, community_id=KOCHKOR)) == 3
    assert people_merge.review_pairs(hq_store, community_id=community_id("balykchy")) == []


def test_merging_counts_each_person_once_and_undo_gives_both_back(hq_store, offices) -> None:
    nookat, kochkor, g1, g2 = offices
    assert stats.summary(hq_store).members == 13
    for i in range(3):
        people_merge.merge_people(hq_store, nookat[i], kochkor[i])
    assert stats.summary(hq_store).members == 10
    assert stats.summary(hq_store, KOCHKOR).members == 8  # still members of the Kochkor group
    assert people_merge.review_pairs(hq_store) == []
    # the survivor is a member of both groups; the other is gone from every list
    assert nookat[0] in {m.person_id for m in rosters.list_members(hq_store, g2)}
    assert kochkor[0] not in set(load_people_index(hq_store).filtered("Asanov").ids)
    merged = people_merge.merged_people(hq_store)
    assert {(m.id, m.merged_into) for m in merged} == {(kochkor[i], nookat[i]) for i in range(3)}
    # undo: both back, each in their own group, and the pair is not offered again
    assert people_merge.unmerge(hq_store, kochkor[0]) == nookat[0]
    assert stats.summary(hq_store).members == 11
    assert kochkor[0] in {m.person_id for m in rosters.list_members(hq_store, g2)}
    assert nookat[0] not in {m.person_id for m in rosters.list_members(hq_store, g2)}
    assert people_merge.review_pairs(hq_store) == []


def test_attendance_and_certificates_move_and_move_back(hq_store, offices) -> None:
    nookat, kochkor, _g1, _g2 = offices
    tid = trainings.create_training(hq_store, trainings.TrainingInput(
        KOCHKOR, "basics_ve", "Укук боюнча тренинг", sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4.0)]))
    session = trainings.get_training(hq_store, tid).sessions[0].id
    trainings.record_attendance(hq_store, session, kochkor[0], True)
    [cert] = certificates.issue_certificates(hq_store, tid, [kochkor[0]])
    result = people_merge.merge_people(hq_store, nookat[0], kochkor[0])
    assert (result.attendance, result.certificates) == (1, 1)
    sheet = trainings.attendance_sheet(hq_store, tid)
    assert {p.person_id for p in sheet.participants if p.present.get(session)} == {nookat[0]}
    assert certificates.lookup(hq_store, cert.serial).full_name == "Асанов Айбек"
    people_merge.unmerge(hq_store, kochkor[0])
    assert certificates.lookup(hq_store, cert.serial).full_name == "Aibek Asanov"
    sheet = trainings.attendance_sheet(hq_store, tid)
    assert {p.person_id for p in sheet.participants if p.present.get(session)} == {kochkor[0]}


def test_keep_apart_is_remembered(hq_store, offices) -> None:
    nookat, kochkor, _g1, _g2 = offices
    people_merge.keep_apart(hq_store, nookat[1], kochkor[1])
    got = {frozenset((p.a.id, p.b.id)) for p in people_merge.review_pairs(hq_store)}
    assert frozenset((nookat[1], kochkor[1])) not in got and len(got) == 2


def test_refusals(hq_store, offices) -> None:
    nookat, kochkor, _g1, _g2 = offices
    with pytest.raises(UserError):
        people_merge.merge_people(hq_store, nookat[0], nookat[0])
    with pytest.raises(UserError):
        people_merge.unmerge(hq_store, nookat[0])
    people_merge.merge_people(hq_store, nookat[0], kochkor[0])
    with pytest.raises(UserError):
        people_merge.merge_people(hq_store, nookat[1], kochkor[0])  # already merged
