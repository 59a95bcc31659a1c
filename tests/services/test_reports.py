"""Donor summary figures (services/reports.py), on SQLite and on PostgreSQL: each person once,
a merged person's records counted as the person kept's, completion judged on the whole training."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from unittest import mock

import pytest
from sqlalchemy import event

from strive_desktop.services import (
    installation,
    people_merge,
    preferences,
    reports,
    rosters,
    trainings,
)
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.models import AttendedPerson, Setting
from strive_desktop.storage.seed import community_id

KOCHKOR = community_id("kochkor")
NOOKAT = community_id("nookat")
D = dt.date
pytestmark = pytest.mark.usefixtures("db_engine")


@pytest.fixture
def hq(tmp_path):
    st = open_store(tmp_path / "data")
    installation.init_installation(st, name="Test HQ", hq=True, user_name="Tester")
    yield st
    st.close()


def _person(store: Store, name: str, sex: str, community: str, year: int | None = 1990) -> str:
    res = rosters.add_person(store, rosters.PersonInput(name, sex, "youth", community, year), allow_duplicate=True)
    assert res.person_id
    return res.person_id


def _training(store: Store, community: str, phase: str, start: dt.date, hours: list[float]) -> list[str]:
    tid = trainings.create_training(store, trainings.TrainingInput(
        community, phase, f"Тренинг {start}",
        sessions=[trainings.SessionInput(start + dt.timedelta(days=i), h) for i, h in enumerate(hours)]))
    return [x.id for x in trainings.get_training(store, tid).sessions]


def test_a_merged_persons_sessions_complete_the_training_of_the_person_kept(hq: Store) -> None:
    kept = _person(hq, "Асанов Айбек", "m", NOOKAT, 1990)
    other = _person(hq, "Aibek Asanov", "m", KOCHKOR, 1990)
    s1, s2, s3, s4 = _training(hq, NOOKAT, "basics_ve", D(2026, 3, 2), [2.0, 2.0, 2.0, 2.0])
    trainings.record_bulk(hq, [(s2, kept, True), (s3, kept, True)])
    people_merge.merge_people(hq, kept, other)
    # An office had not received the merge: it ticked the other record at two sessions (one
    # the person kept has too) and sent it; written here as the import writes it.
    trainings.record_bulk(hq, [(s1, other, True), (s3, other, True), (s4, other, False)])

    s = reports.donor_summary(hq)
    assert (s.participants, s.sessions, s.hours) == (1, 4, 6.0)  # s3 once: 3 sessions x 2 h present
    assert s.completed == 0  # 6 of 8 hours < 80 %
    trainings.record_bulk(hq, [(s4, other, True)])
    s = reports.donor_summary(hq)
    assert (s.participants, s.hours, s.completed, s.by_sex["m"]) == (1, 8.0, 1, 1)
    (row,) = s.people
    assert (row.person_id, row.first_attended, row.completed, row.phases) == (kept, D(2026, 3, 2), True,
                                                                              ("basics_ve",))
    phase = {r.phase: r for r in s.by_phase}["basics_ve"]
    assert (phase.participants, phase.completed, phase.hours, phase.men) == (1, 1, 8.0, 1)


def test_people_counted_once_overall_once_per_community_and_phase_and_the_deleted_not_at_all(hq: Store) -> None:
    aigul = _person(hq, "Асанова Айгүл", "f", NOOKAT, 2000)
    nurlan = _person(hq, "Осмонов Нурлан", "m", KOCHKOR, None)
    gone = _person(hq, "Жумабаева Өмүр", "f", NOOKAT, 1960)
    n1, n2 = _training(hq, NOOKAT, "basics_ve", D(2026, 3, 2), [3.0, 3.0])
    (k1,) = _training(hq, KOCHKOR, "lsg_roles", D(2026, 4, 6), [4.0])
    trainings.record_bulk(hq, [(n1, aigul, True), (n2, aigul, True), (n1, nurlan, True), (n2, nurlan, False),
                               (k1, aigul, True), (k1, nurlan, True), (n1, gone, True), (n2, gone, True)])
    rosters.delete_person(hq, gone)

    s = reports.donor_summary(hq)
    assert (s.participants, s.women, s.trainings, s.sessions, s.hours) == (2, 1, 2, 3, 17.0)
    assert s.by_age["25-34"] == 1 and s.by_age["18-24"] == 0 and s.by_age["unknown"] == 1  # 26 in 2026
    assert s.by_age_sex["25-34"] == {"f": 1, "m": 0} and s.by_age_sex["unknown"] == {"f": 0, "m": 1}
    com = {r.community_id: (r.trainings, r.participants, r.women, r.men, r.hours) for r in s.by_community}
    assert com[NOOKAT] == (1, 2, 1, 1, 9.0) and com[KOCHKOR] == (1, 2, 1, 1, 8.0)
    phases = {r.phase: (r.trainings, r.participants, r.completed, r.women, r.men) for r in s.by_phase}
    assert phases["basics_ve"] == (1, 2, 1, 1, 1)  # Nurlan: 3 of 6 hours, not completed
    assert phases["lsg_roles"] == (1, 2, 2, 1, 1)
    assert (s.completed, s.completed_women) == (2, 1)
    assert [(p.full_name, p.community_ids == tuple(sorted((NOOKAT, KOCHKOR))), p.phases) for p in s.people] == [
        ("Асанова Айгүл", True, ("basics_ve", "lsg_roles")), ("Осмонов Нурлан", True, ("basics_ve", "lsg_roles"))]


def test_a_period_counts_its_sessions_but_judges_completion_on_the_whole_training(hq: Store) -> None:
    aigul = _person(hq, "Асанова Айгүл", "f", NOOKAT, 2008)
    s1, s2, s3 = _training(hq, NOOKAT, "conflict_analysis", D(2025, 12, 30), [4.0, 4.0, 2.0])  # 30, 31 Dec, 1 Jan
    (empty,) = _training(hq, NOOKAT, "local_plan", D(2026, 2, 2), [2.0])
    trainings.record_bulk(hq, [(s1, aigul, True), (s2, aigul, True), (s3, aigul, True), (empty, aigul, False)])

    s = reports.donor_summary(hq, D(2026, 1, 1), D(2026, 12, 31), NOOKAT)
    assert (s.participants, s.trainings, s.sessions, s.hours, s.completed) == (1, 1, 1, 2.0, 1)
    (row,) = s.people
    assert (row.first_attended, row.age, row.age_band) == (D(2026, 1, 1), 18, "18-24")
    assert [e.sessions for e in s.empty_trainings] == [1]
    earlier = reports.donor_summary(hq, D(2025, 1, 1), D(2025, 12, 31))
    assert (earlier.people[0].first_attended, earlier.people[0].age_band, earlier.hours) == (D(2025, 12, 30), "<18",
                                                                                            8.0)


def _everything(store: Store, per_person: bool = True) -> tuple[dict[str, Any], tuple[reports.ParticipantRow, ...]]:
    """Every field of the donor summary of everything, and its people: counted from
    attended_people (checked), or from the attended totals per training."""
    if per_person:
        s = reports.donor_summary(store)
        assert s.participants_of is not None and s.participants_of._counted is not None
    else:
        with mock.patch.object(reports, "_rolled_up", return_value=False):
            s = reports.donor_summary(store)
        assert s.participants_of is not None and s.participants_of._counted is None
    return {f.name: getattr(s, f.name) for f in dataclasses.fields(s) if f.name != "participants_of"}, s.people


def test_the_summary_of_everything_counted_per_person_is_the_one_counted_per_training(hq: Store) -> None:
    aigul = _person(hq, "Асанова Айгүл", "f", NOOKAT, 2000)
    nurlan = _person(hq, "Осмонов Нурлан", "m", KOCHKOR, None)
    bakyt = _person(hq, "Токтогулов Бакыт", "m", NOOKAT, 1958)
    twice = _person(hq, "Aigul Asanova", "f", KOCHKOR, 2000)  # merged into Aigul below
    gone = _person(hq, "Жумабаева Өмүр", "f", NOOKAT, 1960)
    unticked = _person(hq, "Сыдыкова Динара", "f", NOOKAT, 1999)  # on a sheet, never present
    n1, n2 = _training(hq, NOOKAT, "basics_ve", D(2025, 3, 2), [3.0, 3.0])
    n3, n4 = _training(hq, NOOKAT, "conflict_analysis", D(2025, 6, 2), [2.0, 4.0])
    (k1,) = _training(hq, KOCHKOR, "lsg_roles", D(2026, 4, 6), [4.0])
    trainings.record_bulk(hq, [(n1, aigul, True), (n2, aigul, True), (n3, aigul, False), (n4, aigul, True),
                               (n1, nurlan, True), (n2, nurlan, False), (k1, nurlan, True),
                               (n3, bakyt, True), (n4, bakyt, False), (k1, bakyt, True),
                               (n1, gone, True), (n1, unticked, False)])
    people_merge.merge_people(hq, aigul, twice)
    trainings.record_bulk(hq, [(k1, twice, True), (n3, twice, True)])  # sent before the merge arrived
    rosters.delete_person(hq, gone)

    fast, people = _everything(hq)
    assert (fast, people) == _everything(hq, per_person=False)
    assert (fast["participants"], fast["women"], fast["completed"], fast["completed_women"]) == (3, 1, 3, 1)
    assert fast["by_age"] == {"<18": 0, "18-24": 0, "25-34": 1, "35-59": 0, "60+": 1, "unknown": 1}  # 25 in 2025
    phases = {r.phase: (r.participants, r.completed, r.women, r.men) for r in fast["by_phase"]}
    # Aigul: 6 of 6 h and, with her merged record's 2 h, 6 of 6 h; Bakyt 2 of 6 h; Nurlan 3 of 6 h
    assert phases["basics_ve"] == (2, 1, 1, 1) and phases["conflict_analysis"] == (2, 1, 1, 1)
    assert phases["lsg_roles"] == (3, 3, 1, 2)
    com = {r.community_id: (r.participants, r.women, r.men) for r in fast["by_community"]}
    assert com[NOOKAT] == (3, 1, 2) and com[KOCHKOR] == (3, 1, 2)
    assert [(p.full_name, p.first_attended, p.age_band, p.completed) for p in people] == [
        ("Асанова Айгүл", D(2025, 3, 2), "25-34", True), ("Осмонов Нурлан", D(2025, 3, 2), "unknown", True),
        ("Токтогулов Бакыт", D(2025, 6, 2), "60+", True)]


def test_a_new_completion_share_judges_everyone_again(hq: Store) -> None:
    aigul = _person(hq, "Асанова Айгүл", "f", NOOKAT, 2000)
    s1, s2, s3, s4 = _training(hq, NOOKAT, "basics_ve", D(2026, 3, 2), [2.0, 2.0, 2.0, 2.0])
    trainings.record_bulk(hq, [(s1, aigul, True), (s2, aigul, True), (s3, aigul, True), (s4, aigul, False)])
    assert _everything(hq)[0]["completed"] == 0  # 6 of 8 hours < 80 %
    trainings.set_completion_share(hq, 0.75)
    assert _everything(hq)[0]["completed"] == 1
    preferences.save_preferences(hq, completion_share=0.9)
    assert _everything(hq)[0]["completed"] == 0
    with hq.read() as s:
        assert set(s.scalars(AttendedPerson.__table__.select().with_only_columns(
            AttendedPerson.completion_share))) == {0.9}
    # a share written around the unit of work's hook: the rows judged by another share are not
    # read, the totals are
    with hq.uow() as s:
        s.execute(Setting.__table__.update().where(Setting.key == "training.completion_share").values(value="0.7"))
    s_ = reports.donor_summary(hq)
    assert s_.completed == 1 and s_.participants_of is not None and s_.participants_of._counted is None


def test_the_summary_of_everything_reads_people_and_a_merge_from_indexes_not_the_tables(hq: Store) -> None:
    """At national scale (bench/bench_reports.py) the summary of everything is read from the
    rollups and indexes: the living people's sex, age and sector from ix_people_figures, the
    attendance of the people of a merge from ix_attendance_person_sessions. A pass over the
    people's encrypted rows or a row of the 4,000,000 attendance rows read per tick is what
    made it take 2 s (SQLite's plans, EXPLAIN QUERY PLAN)."""
    if hq.url:
        pytest.skip("SQLite's query plans")
    kept = _person(hq, "Асанов Айбек", "m", NOOKAT, 1990)
    other = _person(hq, "Aibek Asanov", "m", KOCHKOR, 1990)
    women = [_person(hq, f"Осмонова Гүлнара {i}", "f", NOOKAT, 1980 + i) for i in range(3)]
    s1, s2 = _training(hq, NOOKAT, "basics_ve", D(2026, 3, 2), [2.0, 2.0])
    trainings.record_bulk(hq, [(s1, kept, True), *((s, w, True) for s in (s1, s2) for w in women)])
    people_merge.merge_people(hq, kept, other)
    trainings.record_bulk(hq, [(s2, other, True)])

    sent: list[str] = []

    def trace(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.set_trace_callback(sent.append)

    hq.engine.dispose()  # new connections, traced
    event.listen(hq.engine, "connect", trace)
    try:
        s = reports.donor_summary(hq)
    finally:
        event.remove(hq.engine, "connect", trace)
        hq.engine.dispose()
    assert (s.participants, s.women, s.hours, s.completed) == (4, 3, 16.0, 4)
    con = hq.raw_connection()
    try:
        found = {sql: [row[-1] for row in con.execute("EXPLAIN QUERY PLAN " + sql)]
                 for sql in sent if sql.lstrip().upper().startswith("SELECT")}
    finally:
        con.close()
    steps = [step for plan in found.values() for step in plan]
    assert "SCAN people" not in steps and "SCAN attendance" not in steps, found
    reads = [plan for sql, plan in found.items() if "FROM attendance" in sql]
    assert reads and all(any("COVERING INDEX ix_attendance_person_sessions" in step for step in plan)
                         for plan in reads), reads
    # the living people from ix_people_figures, the people deleted or merged from ix_people_gone
    assert any("COVERING INDEX ix_people_figures" in step for step in steps), found
    assert any("COVERING INDEX ix_people_gone" in step for step in steps), found
