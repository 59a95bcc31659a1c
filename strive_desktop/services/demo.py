"""Realistic, deterministic demo data for training, screenshots and support."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import select

from ..domain.enums import ActivityStatus, Phase, Sector
from ..errors import UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import AdvisoryGroup, Person
from ..storage.seed import PILOT_COMMUNITIES, community_id
from . import installation, plans, rosters, trainings, vulnerable

MALE = ["Айбек", "Нурлан", "Бакыт", "Эрлан", "Улан", "Төлөгөн", "Мирлан", "Азамат", "Данияр", "Жоомарт",
        "Нурбек", "Үсөн", "Чыңгыз", "Эмил", "Бекжан", "Таалайбек", "Күбанычбек", "Сергей", "Алексей"]
FEMALE = ["Айгүл", "Жылдыз", "Гүлнара", "Айнура", "Чолпон", "Нургүл", "Айжан", "Бермет", "Мээрим", "Асел",
          "Гүлзат", "Салтанат", "Өмүркан", "Елена", "Ольга", "Динара"]
SURNAMES = ["Асанов", "Токтогулов", "Жумабаев", "Сыдыков", "Мамытов", "Осмонов", "Абдыраев", "Турдубаев",
            "Өмүрбеков", "Үсөнов", "Садыков", "Эсенов", "Мырзабеков", "Ташиев", "Ковалёв", "Фёдоров",
            "Чоргоев", "Бердибеков", "Шамшиев", "Ыскаков"]
PATRONYM_ROOTS = ["Бакыт", "Таалай", "Эркин", "Нурлан", "Марат", "Асан"]

ROSTER: tuple[tuple[Sector, str, str], ...] = (
    # sector, organisation, position
    (Sector.LSG, "Айыл өкмөтү", "Жооптуу катчы"),
    (Sector.LSG, "Айыл өкмөтү", "Социалдык маселелер боюнча адис"),
    (Sector.LSG, "Айыл өкмөтү", "Жаштар иштери боюнча адис"),
    (Sector.AKSAKAL_COURT, "Аксакалдар соту", "Төрага"),
    (Sector.AKSAKAL_COURT, "Аксакалдар соту", "Төрага"),
    (Sector.AKSAKAL_COURT, "Аксакалдар соту", "Төрага"),
    (Sector.LAW_ENFORCEMENT, "ОВД", "Участковый инспектор"),
    (Sector.WOMEN, "Аялдар кеңеши", "Мүчө"),
    (Sector.YOUTH, "Жаштар кеңеши", "Төрага"),
    (Sector.SOCIAL_WORKER, "Социалдык өнүктүрүү бөлүмү", "Социалдык кызматкер"),
    (Sector.LAWYER, "Юридическая клиника", "Юрист"),
    (Sector.RELIGIOUS, "Мечит", "Имам"),
)

VULNERABLE = [
    ("Жумушсуз жаштар", "16–25 жаштагы окубаган жана иштебеген жаштар"),
    ("Кайтып келген мигранттар", "Орусиядан жана Казакстандан кайтып келген эмгек мигранттары"),
    ("Женщины из семей мигрантов", "Женщины, на которых остались хозяйство и дети"),
    ("Учащиеся неформальных религиозных школ", ""),
]

TRAININGS = [
    (Phase.BASICS, "Зордук-зомбулук экстремизминин негиздери", 2, 6.0),
    (Phase.CONFLICT_ANALYSIS, "Анализ конфликтов в местном сообществе", 2, 6.0),
    (Phase.LSG_ROLES, "Алдын алууда ЖӨБ органдарынын ролу жана ыйгарым укуктары", 1, 8.0),
    (Phase.LOCAL_PLAN, "Жергиликтүү алдын алуу планын иштеп чыгуу", 2, 5.0),
]

ACTIVITIES = [
    ("Мектептерде маалымат сааттары", "Жаштар иштери боюнча адис", "Мектептер", 15000, 5000, 0),
    ("Круглый стол с религиозными лидерами", "Аксакалдар соту", "Мечит, ОВД", 20000, 10000, 0),
    ("Жаштардын спорттук фестивалы", "Жаштар кеңеши", "Спорт мектеби", 40000, 25000, 5000),
    ("Тренинг для родителей мигрантов", "Социальный работник", "ЖӨБ", 12000, 8000, 0),
]


@dataclass(frozen=True)
class DemoSummary:
    communities: int
    people: int
    trainings: int
    plans: int


def fill(store: Store, seed: int = 1, members_per_group: int = 12) -> DemoSummary:
    """Fill the data folder with the 9 pilot communities' groups, trainings and plans.

    Only into a folder without people or groups: a second run would double every roster.
    """
    with store.read() as s:
        if s.scalar(select(Person.id).limit(1)) or s.scalar(select(AdvisoryGroup.id).limit(1)):
            raise UserError(N_("This data folder already holds people or groups; demo data can only "
                               "be added to an empty data folder."))
    rng = random.Random(seed)
    if not installation.is_initialised(store):
        installation.init_installation(store, name="Бишкек, борбордук кеңсе (демо)", hq=True,
                                       user_name="Демо")
    today = dt.date(2021, 10, 15)
    people = n_trainings = n_plans = 0
    info = installation.get_installation(store)
    # a field office holds (and may send) only its own community's records
    pilots = PILOT_COMMUNITIES if info.is_hq or not info.community_id else \
        [c for c in PILOT_COMMUNITIES if community_id(c["code"]) == info.community_id]
    for c in pilots:
        cid = community_id(c["code"])
        gid = rosters.create_group(store, cid, f"{c['name_ky']} — консультативдик топ",
                                   cpc_name=f"{c['name_ru']} ОПЦ (Общественный центр профилактики)",
                                   formed_on=dt.date(2021, 4, rng.randint(1, 28)))
        batch = []
        for i in range(members_per_group):
            sector, org, pos = ROSTER[i % len(ROSTER)]
            female = sector == Sector.WOMEN or (sector not in (Sector.RELIGIOUS, Sector.AKSAKAL_COURT)
                                                and rng.random() < 0.45)
            given = rng.choice(FEMALE if female else MALE)
            if rng.random() < 0.25:
                full = f"{given} {rng.choice(PATRONYM_ROOTS)} {'кызы' if female else 'уулу'}"
            else:
                sur = rng.choice(SURNAMES)
                full = f"{sur}{'а' if female else ''} {given}"
            if sector == Sector.YOUTH:
                year = rng.randint(1996, 2005)
            elif sector == Sector.AKSAKAL_COURT:
                year = rng.randint(1945, 1962)
            else:
                year = rng.randint(1960, 1995)
            phone = f"0{rng.choice(['555', '700', '770', '772', '509', '220'])}{rng.randint(100000, 999999)}"
            batch.append(rosters.PersonInput(
                full_name=full, sex="f" if female else "m", sector=sector.value, community_id=cid,
                birth_year=year, phone=phone, organisation=org, position=pos,
                consent_date=today - dt.timedelta(days=rng.randint(30, 200))))
        ids = rosters.bulk_add_people(store, batch, group_id=gid, joined_on=dt.date(2021, 5, 1))
        people += len(ids)
        members = rosters.list_members(store, gid)
        if members:
            rosters.set_role(store, members[0].membership_id, "chair")
            if len(members) > 1:
                rosters.set_role(store, members[1].membership_id, "secretary")
        for cat, desc in rng.sample(VULNERABLE, 2):
            vulnerable.add_vulnerable_group(store, cid, cat, desc)
        start = dt.date(2021, 9, rng.randint(6, 20))
        for phase_no, (phase, title, n_sess, hours) in enumerate(TRAININGS):
            first = start + dt.timedelta(days=35 * phase_no)
            tid = trainings.create_training(store, trainings.TrainingInput(
                community_id=cid, phase=phase.value, title=title,
                venue=f"{c['name_ky']}, айыл өкмөтүнүн залы", trainers="Икбалжан Мирсайитов",
                sessions=[trainings.SessionInput(first + dt.timedelta(days=d), hours) for d in range(n_sess)]))
            n_trainings += 1
            training = trainings.get_training(store, tid)
            rows = [(sess.id, pid, rng.random() < 0.85) for sess in training.sessions for pid in ids]
            trainings.record_bulk(store, rows)
        draft = plans.PlanDraft(
            title=f"{c['name_ky']}: зордук-зомбулук экстремизминин алдын алуу боюнча жергиликтүү план",
            period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 12, 31),
            context="Коомчулукта жумушсуз жаштардын саны өсүүдө; мигранттардын үй-бүлөлөрү колдоого муктаж.",
            vulnerable_groups="Жумушсуз жаштар; мигранттардын үй-бүлөлөрү.",
            objectives="1. Жаштардын маалымдуулугун жогорулатуу.\n2. ЖӨБ менен коомчулуктун кызматташтыгы.",
            activities=[plans.ActivityInput(t, r, p, dt.date(2022, m, 1), dt.date(2022, m + 1, 28), bp, bl, bo,
                                            indicator="Катышуучулардын саны", status=ActivityStatus.PLANNED.value)
                        for m, (t, r, p, bp, bl, bo) in zip((2, 4, 6, 9), ACTIVITIES, strict=True)])
        pid = plans.create_plan(store, cid, draft)
        plans.save_revision(store, pid, "Биринчи долбоор")
        draft = plans.get_plan(store, pid).draft
        draft.activities[0].budget_project += 5000
        plans.save_draft(store, pid, draft)
        plans.save_revision(store, pid, "Бюджет тактоо")
        n_plans += 1
    return DemoSummary(len(pilots), people, n_trainings, n_plans)
