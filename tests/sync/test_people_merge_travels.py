"""A merge (and its undo, and a "keep apart") made at headquarters reaches the office."""

from __future__ import annotations

from strive_desktop.services import people_merge, rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store
from strive_desktop.storage.models import Person
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer

NOOKAT = community_id("nookat")


def ship(src: Store, dst: Store) -> list[importer.ImportResult]:
    return [importer.import_file(dst, r.path) for r in export.export(src)]


def person(store: Store, name: str, *, sex: str = "f", birth_year: int | None = None) -> str:
    res = rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, birth_year),
                             allow_duplicate=True)
    assert res.person_id
    return res.person_id


def test_merge_undo_and_keep_apart_travel_to_the_office(linked) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    g1 = rosters.create_group(field, NOOKAT, "Биринчи топ")
    g2 = rosters.create_group(field, NOOKAT, "Экинчи топ")
    a = person(field, "Асанов Айбек", sex="m", birth_year=1985)
    b = person(field, "Aibek Asanov", sex="m", birth_year=1985)
    c = person(field, "Токтогулова Жылдыз", birth_year=1990)
    d = person(field, "Jyldyz Toktogulova", birth_year=1990)
    rosters.add_member(field, a, g1)
    rosters.add_member(field, b, g2)
    ship(field, hq)
    assert len(people_merge.review_pairs(hq)) == 2
    people_merge.merge_people(hq, a, b)
    people_merge.keep_apart(hq, c, d)
    results = ship(hq, field)
    assert results and all(r.status == "applied" for r in results), [r.message for r in results]
    # the office: one Aibek, member of both groups; the other record a tombstone pointing to him
    assert {m.person_id for m in rosters.list_members(field, g2)} == {a}
    assert load_people_index(field).filtered("Айбек").ids == [a]
    with field.read() as s:
        gone = s.get(Person, b)
        assert gone is not None and gone.deleted and gone.merged_into == a
    assert people_merge.review_pairs(field) == []  # the keep-apart decision travelled too
    # undo at headquarters travels the same way
    people_merge.unmerge(hq, b)
    ship(hq, field)
    assert {m.person_id for m in rosters.list_members(field, g2)} == {b}
    assert set(load_people_index(field).filtered("Айбек").ids) == {a, b}
