"""A merge made at headquarters of two people entered by two offices reaches both offices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from strive_desktop.services import installation, people_merge, rosters, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store
from strive_desktop.storage.models import Person
from strive_desktop.sync import export, importer

from ..conftest import KOCHKOR, NOOKAT, link


def aibek(store: Store, name: str, community: str) -> str:
    res = rosters.add_person(store, rosters.PersonInput(name, "m", "youth", community, 1985),
                             allow_duplicate=True)
    assert res.person_id
    return res.person_id


def send(src: Store, *offices: Store) -> None:
    """Export at *src*; each office imports the package addressed to it."""
    names = {installation.get_installation(o).name: o for o in offices}
    results = export.export(src)
    for r in results:
        if r.recipient in names:
            out = importer.import_file(names[r.recipient], r.path)
            assert out.status == "applied", out.message


def test_a_merge_across_two_communities_reaches_both_offices(store, kochkor_store, hq_store, tmp_path: Path):
    nookat, kochkor, hq = store, kochkor_store, hq_store
    (tmp_path / "k").mkdir()
    link(nookat, hq, tmp_path)
    link(kochkor, hq, tmp_path / "k")
    # Nookat entered Aibek in its group; Kochkor entered him again, in its group and a training.
    g_nookat = rosters.create_group(nookat, NOOKAT, "Ноокат тобу")
    a = aibek(nookat, "Асанов Айбек", NOOKAT)
    rosters.add_member(nookat, a, g_nookat)
    g_kochkor = rosters.create_group(kochkor, KOCHKOR, "Кочкор тобу")
    b = aibek(kochkor, "Aibek Asanov", KOCHKOR)
    rosters.add_member(kochkor, b, g_kochkor)
    tid = trainings.create_training(kochkor, trainings.TrainingInput(
        KOCHKOR, "conflict_analysis", "Чыр-чатакты талдоо",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 4.0)]))
    session = trainings.get_training(kochkor, tid).sessions[0].id
    trainings.record_bulk(kochkor, [(session, b, True)])
    send(nookat, hq)
    send(kochkor, hq)
    send(hq, nookat, kochkor)  # everything so far, so that the merge below is a change of its own

    people_merge.merge_people(hq, a, b)  # Aibek of Nookat is kept
    send(hq, nookat, kochkor)

    for office in (nookat, kochkor):
        # one Aibek, the one kept, member of both groups; the other a tombstone pointing to him
        assert load_people_index(office).filtered("Айбек").ids == [a]
        assert {m.person_id for m in rosters.list_members(office, g_kochkor)} == {a}
        with office.read() as s:
            gone = s.get(Person, b)
            assert gone is None or (gone.deleted and gone.merged_into == a)
    assert {m.person_id for m in rosters.list_members(nookat, g_nookat)} == {a}
    # Kochkor's training: the attendance now names the person kept, present
    sheet = trainings.attendance_sheet(kochkor, tid)
    assert [(p.person_id, p.present.get(session)) for p in sheet.participants] == [(a, True)]
