"""The attended totals and their roll-up per person (storage/attended.py) stay equal to a
recomputation from the attendance
after every path that writes attendance, sessions or trainings, or merges people: recording a
tick, recording in bulk, a walk-in, a trainer's sheet imported, a sync import (both ways), a
merge and its undo, a session edited, a person and a training deleted. At each step the
dashboard and the donor summary agree with the attendance sheets, which read the attendance
itself, and the donor summary of everything counted per person equals the one counted from the
totals per training."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from sqlalchemy import inspect, select

from strive_desktop.services import people_merge, reports, rosters, stats, trainings
from strive_desktop.services.sheets import attendance_import as ai
from strive_desktop.services.trainings import SessionInput, TrainingInput
from strive_desktop.storage import attended
from strive_desktop.storage.db import Store, run_migrations
from strive_desktop.storage.models import (
    AttendedPerson,
    AttendedPlace,
    AttendedTotal,
    AttendedTraining,
)
from strive_desktop.sync import export, importer

from ..conftest import NOOKAT  # type: ignore[import-not-found]

DAYS = [dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 3, 12)]


@pytest.fixture(autouse=True)
def _both_engines(db_engine: str) -> str:
    return db_engine


def _rows(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as s:
        return [tuple(r) for r in s.execute(
            select(AttendedTotal.training_id, AttendedTotal.person_id, AttendedTotal.community_id,
                   AttendedTotal.phase, AttendedTotal.training_hours, AttendedTotal.hours_present,
                   AttendedTotal.first_present)
            .order_by(AttendedTotal.training_id, AttendedTotal.person_id))]


def _people_rows(store: Store) -> list[tuple[Any, ...]]:
    """attended_people, its comma-separated lists as sets (their order is the database's)."""
    with store.read() as s:
        return [(r.person_id, r.first_present, set(r.communities.split(",")), set(r.phases.split(",")),
                 set(r.completed_phases.split(",")) - {""}, r.completion_share)
                for r in s.scalars(select(AttendedPerson).order_by(AttendedPerson.person_id))]


def _places(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as s:
        return [tuple(r) for r in s.execute(
            select(AttendedPlace.person_id, AttendedPlace.community_id, AttendedPlace.sheet_hours)
            .order_by(AttendedPlace.person_id, AttendedPlace.community_id))]


def _trainings(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as s:
        return [tuple(r) for r in s.execute(
            select(AttendedTraining.training_id, AttendedTraining.community_id, AttendedTraining.training_hours,
                   AttendedTraining.hours_present, AttendedTraining.on_sheet, AttendedTraining.present)
            .order_by(AttendedTraining.training_id))]


def _everything(store: Store, per_person: bool) -> tuple[Any, ...]:
    """The donor summary of everything and its people, counted from attended_people or (not
    *per_person*) from the totals per training."""
    if per_person:
        s = reports.donor_summary(store)
        # the per-person path, once there is anyone to count
        assert s.participants == 0 or (s.participants_of is not None and s.participants_of._counted is not None)
    else:
        with mock.patch.object(reports, "_rolled_up", return_value=False):
            s = reports.donor_summary(store)
    return s, s.people


def _figures(store: Store) -> tuple[Any, ...]:
    return (stats.summaries(store), reports.donor_summary(store),
            reports.donor_summary(store, dt.date(2026, 3, 11), dt.date(2026, 12, 31)))


def check(store: Store) -> tuple[Any, ...]:
    """The totals kept equal the totals recomputed from scratch, and the figures read from them
    equal what the sheets (built from the attendance rows) say."""
    kept, kept_people, kept_places, figures = _rows(store), _people_rows(store), _places(store), _figures(store)
    kept_trainings = _trainings(store)
    with store.uow() as s:
        attended.recompute_all(s.connection())
    assert _rows(store) == kept
    assert _people_rows(store) == kept_people
    assert _places(store) == kept_places
    assert _trainings(store) == kept_trainings
    # attended_trainings sums attended_totals per training
    summed: dict[str, list[Any]] = {}
    for tid, _pid, cid, _phase, hours, present, first in kept:
        row = summed.setdefault(tid, [tid, cid, hours, 0.0, 0, 0])
        row[3] += present
        row[4] += 1
        row[5] += first is not None
    assert [tuple(r) for _tid, r in sorted(summed.items())] == kept_trainings
    assert _figures(store) == figures
    assert _everything(store, per_person=True) == _everything(store, per_person=False)
    # the dashboard against the sheets: hours attended and hours of the cells, pooled
    present = recorded = 0.0
    people: set[str] = set()
    hours = 0.0
    listed = trainings.training_figures(store, NOOKAT)
    for t in trainings.list_trainings(store, NOOKAT):
        sheet = trainings.attendance_sheet(store, t.id)
        ticked = [p for p in sheet.participants if any(p.present.values())]
        people.update(p.person_id for p in ticked)
        hours += sum(p.hours_attended for p in ticked)
        if t.total_hours > 0 and listed[t.id].recorded:
            present += sum(p.hours_attended for p in sheet.participants)
            recorded += len(sheet.participants) * t.total_hours
    dash = figures[0][NOOKAT]
    assert dash.hours_present == present  # whole hours: exact
    assert dash.hours_recorded == recorded
    donor = figures[1]
    assert donor.participants == len(people)
    assert donor.hours == pytest.approx(hours)
    return figures


def _person(store: Store, name: str, group: str | None, sex: str = "f") -> str:
    res = rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, 1990), group_id=group,
                             allow_duplicate=True)
    assert res.person_id
    return res.person_id


def ship(src: Store, dst: Store) -> None:
    for r in export.export(src):
        importer.import_file(dst, r.path)


def test_every_write_path_keeps_the_totals_equal_to_a_recomputation(linked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    g = rosters.create_group(field, NOOKAT, "Жаштар")
    a = _person(field, "Асанова Гүлнара", g)
    b = _person(field, "Токтогулов Бакыт", g, "m")
    c = _person(field, "Осмонов Нурлан", g, "m")
    d = _person(field, "Gulnara Asanova", None)  # entered twice: merged at headquarters below
    tid = trainings.create_training(field, TrainingInput(NOOKAT, "basics_ve", "Негиздер",
                                                         sessions=[SessionInput(x, 4.0) for x in DAYS]))
    s1, s2, s3 = (x.id for x in trainings.get_training(field, tid).sessions)
    empty = check(field)
    assert empty[1].participants == 0

    trainings.record_attendance(field, s1, a, True)  # one tick
    trainings.record_attendance(field, s2, b, True)
    trainings.record_attendance(field, s2, b, False)  # ticked by mistake, unticked
    check(field)
    trainings.record_bulk(field, [(s1, c, True), (s2, c, True), (s3, c, False), (s3, a, True)])
    check(field)
    trainings.add_walk_in(field, tid, d)
    trainings.record_attendance(field, s2, d, True)
    check(field)

    sheet = tmp_path / "sheet.csv"  # a trainer's sheet: a's second day, b all three days
    sheet.write_text("ФИО;10.03.2026;11.03.2026;12.03.2026\nАсанова Гүлнара;+;+;+\nТоктогулов Бакыт;+;+;+\n",
                     encoding="utf-8")
    ai.apply_attendance(field, ai.preview_attendance(field, tid, sheet))
    after_sheet = check(field)
    assert after_sheet[1].participants == 4

    ship(field, hq)  # the sync import at headquarters
    assert check(hq) == after_sheet

    people_merge.merge_people(hq, a, d)  # d's walk-in ticks move to a (both at session 2: one row)
    merged = check(hq)
    assert merged[1].participants == 3
    ship(hq, field)  # the merge reaches the office through its import
    assert check(field)[1].participants == 3
    people_merge.unmerge(hq, d)
    assert check(hq) == after_sheet

    # a session moved and one more added; a session dropped (no ticks on it)
    info = trainings.get_training(hq, tid)
    trainings.update_training(hq, tid, TrainingInput(NOOKAT, "basics_ve", "Негиздер", sessions=[
        *(SessionInput(x.date, x.hours, id=x.id) for x in info.sessions), SessionInput(dt.date(2026, 3, 13), 2.0)]))
    check(hq)
    rosters.delete_person(hq, b)
    assert check(hq)[1].participants == 3
    trainings.delete_training(hq, tid)
    gone = check(hq)
    assert gone[1].participants == 0 and _rows(hq) == []
    ship(hq, field)
    assert check(field)[1].participants == 0


def test_a_headquarters_upgraded_from_0019_gets_its_trainings_summed(linked) -> None:  # type: ignore[no-untyped-def]
    """Migration 0020_attended_trainings fills attended_trainings from the totals already kept,
    and the dashboard and the donor summary read the same figures from it (0021_member_index:
    the memberships' index that replaces the person's)."""
    field, hq = linked
    g = rosters.create_group(field, NOOKAT, "Жаштар")
    a, b = _person(field, "Асанова Гүлнара", g), _person(field, "Токтогулов Бакыт", g, "m")
    tid = trainings.create_training(field, TrainingInput(NOOKAT, "basics_ve", "Негиздер",
                                                         sessions=[SessionInput(x, 2.5) for x in DAYS]))
    s1, s2, _s3 = (x.id for x in trainings.get_training(field, tid).sessions)
    trainings.record_bulk(field, [(s1, a, True), (s2, a, True), (s1, b, False)])
    ship(field, hq)
    kept, figures = _trainings(hq), _figures(hq)
    assert [row[3:] for row in kept] == [(5.0, 2, 1)]  # 2 x 2.5 h; two people on the sheet, one present

    with hq.engine.begin() as conn:  # as a headquarters left by the version before 0020 and 0021
        conn.exec_driver_sql("DROP TABLE attended_trainings")
        conn.exec_driver_sql("DROP INDEX ix_memberships_person_current")
        conn.exec_driver_sql("CREATE INDEX ix_memberships_person_id ON memberships (person_id)")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0019_report_indexes'")
    hq.engine.dispose()
    run_migrations(hq.folder.db_path, key=hq._key, url=hq.url)
    assert _trainings(hq) == kept
    assert _figures(hq) == figures
    indexes = {ix["name"] for ix in inspect(hq.engine).get_indexes("memberships")}
    assert "ix_memberships_person_current" in indexes and "ix_memberships_person_id" not in indexes
