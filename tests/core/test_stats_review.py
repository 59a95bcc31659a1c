"""One attendance rate everywhere: the dashboard's figure is the attendance sheet's
(hours attended / hours of every participant x session cell), cells never touched included."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.services import rosters, stats, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
D = dt.date


def _people(store: Store, names: list[str]) -> list[str]:
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    return [rosters.add_person(store, rosters.PersonInput(
        full_name=n, sex="f", sector="women", community_id=NOOKAT, birth_year=1990),
        group_id=gid, allow_duplicate=True).person_id for n in names]


def _training(store: Store, title: str, hours: list[float], start: dt.date) -> tuple[str, list[str]]:
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", title,
        sessions=[trainings.SessionInput(start + dt.timedelta(days=i), h) for i, h in enumerate(hours)]))
    return tid, [x.id for x in trainings.get_training(store, tid).sessions]


def test_untouched_cells_count_as_missed_like_on_the_sheet(store: Store) -> None:
    """Four members, two 4-hour sessions: one ticked at both, one ticked then unticked, two
    never touched. The sheet says 8 of 32 hours (25 %); the old dashboard said 8 of 16."""
    a, b, _c, _d = _people(store, ["Асанова Айгүл", "Бакытова Нургүл", "Жумабаева Өмүр", "Үсөнова Аңжы"])
    tid, (s1, s2) = _training(store, "Негиздер", [4.0, 4.0], D(2026, 3, 2))
    trainings.record_attendance(store, s1, a, True)
    trainings.record_attendance(store, s2, a, True)
    trainings.record_attendance(store, s1, b, True)
    trainings.record_attendance(store, s1, b, False)  # ticked by mistake, unticked

    sheet = trainings.attendance_sheet(store, tid)
    listed = trainings.training_figures(store, NOOKAT)[tid]
    dashboard = stats.summary(store, NOOKAT).attendance_rate
    assert sheet.average_rate == pytest.approx(0.25)
    assert listed.average_rate == pytest.approx(sheet.average_rate)
    assert dashboard == pytest.approx(sheet.average_rate)
    assert stats.summary(store).attendance_rate == pytest.approx(0.25)  # headquarters' total too


def test_trainings_are_pooled_by_their_sheets_hours_and_an_empty_sheet_does_not_count(store: Store) -> None:
    a, b = _people(store, ["Асанова Айгүл", "Бакытова Нургүл"])
    t1, (s1, s2) = _training(store, "Негиздер", [6.0, 2.0], D(2026, 3, 2))  # 2 x 8 = 16 hours
    t2, (s3,) = _training(store, "Пландоо", [4.0], D(2026, 4, 1))  # 2 x 4 = 8 hours
    _training(store, "Келерки", [4.0], D(2026, 12, 1))  # not held yet: nothing on its sheet
    trainings.record_bulk(store, [(s1, a, True), (s2, a, True), (s2, b, True)])  # 10 of 16
    trainings.record_attendance(store, s3, b, True)  # 4 of 8
    sheets = [trainings.attendance_sheet(store, t) for t in (t1, t2)]
    attended = sum(p.hours_attended for sh in sheets for p in sh.participants)
    cells = sum(p.hours_total for sh in sheets for p in sh.participants)
    assert (attended, cells) == (14.0, 24.0)
    assert stats.summary(store, NOOKAT).attendance_rate == pytest.approx(14 / 24)


def test_a_walk_in_counts_on_the_dashboard_as_on_the_sheet(store: Store) -> None:
    (a,) = _people(store, ["Асанова Айгүл"])
    guest = rosters.add_person(store, rosters.PersonInput(
        full_name="Мамытова Чолпон", sex="f", sector="youth", community_id=NOOKAT, birth_year=2001)).person_id
    tid, (s1, s2) = _training(store, "Негиздер", [3.0, 3.0], D(2026, 3, 2))
    trainings.add_walk_in(store, tid, guest)
    trainings.record_attendance(store, s1, guest, True)
    sheet = trainings.attendance_sheet(store, tid)
    assert len(sheet.participants) == 2 and sheet.average_rate == pytest.approx(3 / 12)
    assert stats.summary(store, NOOKAT).attendance_rate == pytest.approx(sheet.average_rate)
    assert a in {p.person_id for p in sheet.participants}
