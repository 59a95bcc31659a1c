"""Small fixes from the reviewers, data side: the certificate register's hours come from a
direct query and say exactly what the attendance sheet says."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def held(store: Store) -> tuple[str, list[str]]:
    """A training with uneven session hours, some ticks, an absence recorded and a walk-in."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    people = [rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, year),
                                 group_id=gid).person_id
              for name, sex, year in (("Осмонов Нурбек", "m", 1990), ("Жумабаева Гүлнара", "f", 1979),
                                      ("Үсөнов Чыңгыз", "m", 1968), ("Асанова Айнура", "f", 2001))]
    guest = rosters.add_person(store, rosters.PersonInput("Мамытова Чолпон", "f", "women", NOOKAT, 1995)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6), trainings.SessionInput(dt.date(2026, 3, 3), 1.5),
                  trainings.SessionInput(dt.date(2026, 3, 4), 2.25), trainings.SessionInput(dt.date(2026, 3, 5), 0.1)]))
    trainings.add_walk_in(store, tid, guest)
    sessions = trainings.get_training(store, tid).sessions
    ticks = {people[0]: (1, 1, 1, 1), people[1]: (1, 0, 1, 1), people[2]: (0, 1, 0, 0), guest: (1, 1, 1, 0)}
    for pid, row in ticks.items():
        for sess, on in zip(sessions, row, strict=True):
            trainings.record_attendance(store, sess.id, pid, bool(on))
    trainings.set_completion_share(store, 0.5)
    return tid, [*people, guest]


def _sheet_hours(store: Store, tid: str) -> dict[str, float]:
    return {p.person_id: p.hours_attended for p in trainings.attendance_sheet(store, tid).participants}


def test_certificate_hours_are_the_sheets_hours(store, held):
    tid, people = held
    issued = certificates.issue_certificates(store, tid)
    assert len(issued) == 3  # three attended at least half the 9.85 hours
    expected = _sheet_hours(store, tid)
    listed = certificates.list_certificates(store, tid)
    assert {c.person_id: c.hours_attended for c in listed} == {c.person_id: expected[c.person_id] for c in issued}
    for c in issued:
        found = certificates.lookup(store, c.serial)
        assert found.hours_attended == expected[c.person_id]  # the same float, not just close
        assert found == c == next(x for x in listed if x.serial == c.serial)
    assert {c.full_name: c.hours_attended for c in listed} == {
        "Осмонов Нурбек": 6 + 1.5 + 2.25 + 0.1, "Жумабаева Гүлнара": 6 + 2.25 + 0.1, "Мамытова Чолпон": 9.75}


def test_a_later_untick_shows_in_the_register_as_on_the_sheet(store, held):
    tid, people = held
    [cert] = certificates.issue_certificates(store, tid, [people[0]])
    first = trainings.get_training(store, tid).sessions[0]
    trainings.record_attendance(store, first.id, people[0], False)
    assert certificates.lookup(store, cert.serial).hours_attended == _sheet_hours(store, tid)[people[0]] == 3.85
    assert [c.hours_attended for c in certificates.list_certificates(store, tid)] == [3.85]


def test_a_person_deleted_later_has_no_hours_as_on_the_sheet(store, held):
    tid, people = held
    [cert] = certificates.issue_certificates(store, tid, [people[1]])
    rosters.delete_person(store, people[1])
    assert people[1] not in _sheet_hours(store, tid)
    assert certificates.lookup(store, cert.serial).hours_attended == 0.0
    assert [c.hours_attended for c in certificates.list_certificates(store, tid)] == [0.0]


def test_demo_register_hours_match_the_sheets(demo_store):
    for info in trainings.list_trainings(demo_store)[:6]:
        issued = certificates.issue_certificates(demo_store, info.id)
        expected = _sheet_hours(demo_store, info.id)
        assert [c.hours_attended for c in certificates.list_certificates(demo_store, info.id)] == \
            [expected[c.person_id] for c in sorted(issued, key=lambda c: c.serial)]
        for c in issued[:3]:
            assert certificates.lookup(demo_store, c.serial).hours_attended == expected[c.person_id]
