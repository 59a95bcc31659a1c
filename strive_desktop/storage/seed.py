"""Reference data every installation starts with: the 9 pilot communities.

Their ids are stable (uuid5 of the code) and their change counter is 0, so all installations
hold identical copies and never send them to each other as changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from .models import Community, stable_id, utcnow

if TYPE_CHECKING:
    from .db import Store

PILOT_COMMUNITIES: tuple[dict[str, str], ...] = (
    dict(code="balykchy", name_ky="Балыкчы", name_ru="Балыкчы", name_en="Balykchy", kind="city",
         oblast_ky="Ысык-Көл облусу", oblast_ru="Иссык-Кульская область", oblast_en="Issyk-Kul oblast"),
    dict(code="kochkor", name_ky="Кочкор", name_ru="Кочкор", name_en="Kochkor", kind="aiyl_okmotu",
         oblast_ky="Нарын облусу", oblast_ru="Нарынская область", oblast_en="Naryn oblast"),
    dict(code="kara-balta", name_ky="Кара-Балта", name_ru="Кара-Балта", name_en="Kara-Balta", kind="city",
         oblast_ky="Чүй облусу", oblast_ru="Чуйская область", oblast_en="Chui oblast"),
    dict(code="kara-buura", name_ky="Кара-Буура", name_ru="Кара-Буура", name_en="Kara-Buura",
         kind="aiyl_okmotu",
         oblast_ky="Талас облусу", oblast_ru="Таласская область", oblast_en="Talas oblast"),
    dict(code="chek-abad", name_ky="Чек-Абад", name_ru="Чек-Абад", name_en="Chek-Abad", kind="aiyl_okmotu",
         oblast_ky="Ош облусу", oblast_ru="Ошская область", oblast_en="Osh oblast"),
    dict(code="nookat", name_ky="Ноокат", name_ru="Ноокат", name_en="Nookat", kind="city",
         oblast_ky="Ош облусу", oblast_ru="Ошская область", oblast_en="Osh oblast"),
    dict(code="bazar-korgon", name_ky="Базар-Коргон", name_ru="Базар-Коргон", name_en="Bazar-Korgon",
         kind="aiyl_okmotu",
         oblast_ky="Жалал-Абад облусу", oblast_ru="Джалал-Абадская область", oblast_en="Jalal-Abad oblast"),
    dict(code="aidarken", name_ky="Айдаркен", name_ru="Айдаркен", name_en="Aidarken", kind="town",
         oblast_ky="Баткен облусу", oblast_ru="Баткенская область", oblast_en="Batken oblast"),
    dict(code="isfana", name_ky="Исфана", name_ru="Исфана", name_en="Isfana", kind="town",
         oblast_ky="Баткен облусу", oblast_ru="Баткенская область", oblast_en="Batken oblast"),
)


def community_id(code: str) -> str:
    return stable_id("community", code)


def seed_reference_data(store: Store) -> None:
    """Insert the pilot communities that are missing (all of them in a new database)."""
    with store.engine.begin() as conn:
        have = set(conn.execute(select(Community.code)).scalars())
        missing = [c for c in PILOT_COMMUNITIES if c["code"] not in have]
        if not missing:
            return
        epoch = utcnow().replace(year=2020, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
        conn.execute(
            insert(Community),
            [
                dict(c, id=community_id(c["code"]), created_at=epoch, updated_at=epoch,
                     changed_by="", change_counter=0, deleted=False)
                for c in missing
            ],
        )
