"""Export (sync/export.py): a return package carries the people of another community that the
office's records name, however many (their ids go to the database in slices on SQLite and as
one array on PostgreSQL, storage/dialect.py ``in_ids``)."""

from __future__ import annotations

import itertools
from pathlib import Path

from strive_desktop.services import rosters
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, importer

from ..conftest import KOCHKOR, NOOKAT, link

GIVEN = ["Айбек", "Нурлан", "Бакыт", "Төлөгөн", "Чыңгыз", "Үсөн", "Азамат", "Эрлан", "Данияр", "Тилек",
         "Мирлан", "Улан", "Жаныбек", "Марат", "Кубан", "Талант", "Бекзат", "Нурбек", "Алмаз", "Самат",
         "Руслан", "Женишбек", "Канат", "Эмил", "Арстан", "Медер", "Дастан", "Өмүр", "Ислам", "Адилет"]
SURNAMES = ["Асанов", "Токтогулов", "Жумабаев", "Сыдыков", "Мамытов", "Осмонов", "Өмүрбеков", "Үсөнов",
            "Абдыкадыров", "Бейшеналиев", "Кадыров", "Мусаев", "Сатыбалдиев", "Турдубаев", "Эсенов",
            "Жапаров", "Карабаев", "Ниязов", "Орозов", "Рысбеков", "Сулайманов", "Тагаев", "Уметов",
            "Чотонов", "Шаршеев"]


def test_a_return_package_carries_every_person_of_another_community_its_group_names(
        kochkor_store: Store, hq_store: Store, tmp_path: Path) -> None:
    """700 people entered in Nookat, sent out long ago, join a Kochkor group at headquarters:
    Kochkor's next return package brings all 700 with their memberships (more ids than one
    SQLite statement takes)."""
    kochkor = kochkor_store
    link(kochkor, hq_store, tmp_path)
    names = [f"{s} {g}" for s, g in itertools.islice(itertools.product(SURNAMES, GIVEN), 700)]
    people = rosters.bulk_add_people(hq_store, [rosters.PersonInput(n, "m", "youth", NOOKAT, 1990)
                                                for n in names])
    group = rosters.create_group(hq_store, KOCHKOR, "Кочкор тобу")
    for r in export.export(hq_store):  # the people are old news by the time they join the group
        if r.recipient == "Kochkor office":
            assert importer.import_file(kochkor, r.path).status == "applied"
    for pid in people:
        rosters.add_member(hq_store, pid, group)
    [package] = [r for r in export.export(hq_store) if r.recipient == "Kochkor office"]
    out = importer.import_file(kochkor, package.path)
    assert out.status == "applied", out.message
    assert sorted(m.full_name for m in rosters.list_members(kochkor, group)) == sorted(names)
