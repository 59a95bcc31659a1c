"""Donor figures count each person once: a person entered by two offices and merged at
headquarters, with records of the merged person that arrived after the merge, is one person in
the dashboard, the donor summary and the donor workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from strive_desktop.services import people_merge, reports, rosters, stats, trainings
from strive_desktop.services.sheets.donor_workbook import donor_workbook
from strive_desktop.storage.db import Store
from strive_desktop.storage.models import Membership, new_id
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")
DAY = dt.date(2026, 3, 2)


def aibek(store: Store, name: str, community: str) -> str:
    res = rosters.add_person(store, rosters.PersonInput(name, "m", "youth", community, 1985),
                             allow_duplicate=True)
    assert res.person_id
    return res.person_id


def training(store: Store, community: str, title: str) -> str:
    tid = trainings.create_training(store, trainings.TrainingInput(
        community, "conflict_analysis", title, sessions=[trainings.SessionInput(DAY, 4.0)]))
    return trainings.get_training(store, tid).sessions[0].id


def test_a_merged_person_counts_once_as_the_survivor_everywhere(hq_store: Store, tmp_path: Path):
    hq = hq_store
    a = aibek(hq, "Асанов Айбек", NOOKAT)  # entered in Nookat
    b = aibek(hq, "Aibek Asanov", KOCHKOR)  # the same man, entered again in Kochkor
    rosters.add_member(hq, a, rosters.create_group(hq, NOOKAT, "Ноокат тобу"))
    kochkor_group = rosters.create_group(hq, KOCHKOR, "Кочкор тобу")
    both = training(hq, KOCHKOR, "Чыр-чатакты талдоо")
    trainings.record_bulk(hq, [(both, a, True), (both, b, True)])  # on one sheet twice
    trainings.record_bulk(hq, [(training(hq, NOOKAT, "Диалог"), a, True)])
    people_merge.merge_people(hq, a, b)
    # Kochkor had not received the merge yet: it put the other record in its group and on a
    # later training's sheet, and sent both (written here as the import writes them).
    with hq.uow() as s:
        s.add(Membership(id=new_id(), person_id=b, group_id=kochkor_group, role="member", joined_on=DAY))
    late = training(hq, KOCHKOR, "Медиация")
    trainings.record_bulk(hq, [(late, b, True)])

    summary = reports.donor_summary(hq, DAY, DAY)
    assert (summary.participants, summary.trainings, summary.sessions) == (1, 3, 3)
    assert summary.by_sex == {"f": 0, "m": 1}
    assert summary.hours == 12.0  # three sessions of 4 hours, the shared one counted once
    by_community = {r.community_id: (r.trainings, r.participants, r.men) for r in summary.by_community}
    assert by_community[NOOKAT] == (1, 1, 1) and by_community[KOCHKOR] == (2, 1, 1)

    dashboard = stats.summaries(hq)
    assert dashboard[NOOKAT].members == 1 and dashboard[KOCHKOR].members == 1
    assert stats.total(dashboard).members == 1

    out = tmp_path / "donor.xlsx"
    assert donor_workbook(hq, out, date_from=DAY, date_to=DAY) == 1
    wb = openpyxl.load_workbook(out)
    key = dict(wb["Key figures"].iter_rows(min_row=2, values_only=True))
    assert key["Participants"] == 1 and key["Trainings"] == 3
    rows = list(wb["Participants"].iter_rows(values_only=True))[1:]
    assert len(rows) == 1 and rows[0][0] == "Асанов Айбек"
