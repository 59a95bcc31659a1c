"""services.people_index.load_people_head: the People page's first screenful, read at once
while everyone else is read in the background, must be exactly the start of the full list."""

from __future__ import annotations

from strive_desktop.services import rosters
from strive_desktop.services.people_index import load_people_head, load_people_index
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
        head, total = load_people_head(hq_store, cid, 5)
        assert total == len(full)
        assert head.ids == full.ids[:5]
        assert head.full_names == full.full_names[:5] and head.name_keys == full.name_keys[:5]
        assert head.community_names == full.community_names[:5]
    assert load_people_head(hq_store, NOOKAT, 100)[1] == len(names) - 1  # the deleted one not counted
    head, total = load_people_head(hq_store, KOCHKOR, 100)
    assert total == 2 and len(head) == 2


def test_head_of_an_empty_community(store):
    head, total = load_people_head(store, KOCHKOR, 10)
    assert total == 0 and len(head) == 0 and head.match("") == []
