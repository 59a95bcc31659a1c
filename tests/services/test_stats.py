"""Dashboard figures: counts by sex/sector/phase/status and the hour-weighted attendance rate."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.services import installation, people_merge, plans, rosters, stats, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.models import Membership, new_id
from strive_desktop.storage.seed import community_id

KOCHKOR = community_id("kochkor")
NOOKAT = community_id("nookat")
# the dashboard of a headquarters on PostgreSQL too (tests/conftest.py db_engine)
pytestmark = pytest.mark.usefixtures("db_engine")


@pytest.fixture
def store(tmp_path):
    st = open_store(tmp_path / "data")
    installation.init_installation(st, name="Test HQ", hq=True, user_name="Tester")
    yield st
    st.close()


def _person(name: str, sex: str, sector: str, cid: str = KOCHKOR, year: int = 1990) -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex=sex, sector=sector, community_id=cid, birth_year=year)


def test_empty_database_gives_zeros_for_every_category(store):
    s = stats.summary(store, KOCHKOR)
    assert s.members == 0 and s.trainings == 0 and s.plans == 0
    assert s.attendance_rate is None
    assert set(s.by_sex) == {"f", "m"} and all(v == 0 for v in s.by_sex.values())
    assert "youth" in s.by_sector and "basics_ve" in s.trainings_by_phase and "draft" in s.plans_by_status


def test_counts_current_members_by_sex_and_sector_per_community(store):
    g = rosters.create_group(store, KOCHKOR, "Kochkor group")
    ids = rosters.bulk_add_people(store, [
        _person("Асанова Айгүл", "f", "women"),
        _person("Осмонов Нурлан", "m", "youth"),
        _person("Сыдыкова Жылдыз", "f", "youth"),
    ], group_id=g)
    rosters.bulk_add_people(store, [_person("Ташиев Бакыт", "m", "lawyer", NOOKAT)],
                            group_id=rosters.create_group(store, NOOKAT, "Nookat group"))
    # A former member no longer counts; a person not in any group never did.
    former = [m for m in rosters.list_members(store, g) if m.person_id == ids[1]][0]
    rosters.remove_member(store, former.membership_id)
    rosters.add_person(store, _person("Мамытов Эрлан", "m", "other"))

    k = stats.summary(store, KOCHKOR)
    assert k.by_sex == {"f": 2, "m": 0}
    assert k.by_sector["women"] == 1 and k.by_sector["youth"] == 1 and k.by_sector["other"] == 0
    assert k.women_share == 1.0
    everyone = stats.summary(store)
    assert everyone.members == 3 and everyone.by_sex == {"f": 2, "m": 1}
    per = stats.summaries(store)
    assert per[NOOKAT].by_sector["lawyer"] == 1 and len(per) == 9


def test_each_member_counts_once_per_community_and_once_in_all_through_two_groups_and_merges(store: Store) -> None:
    """A person in two groups of one community, a member of groups in two communities, people
    merged after both records joined groups (the record merged away still holding a membership,
    as when an office sent it before the merge reached it), a deleted member: each living person
    counts once in each community they are a member of and once in all, by their own sex and
    sector (the person kept's, for a merged record)."""
    n1, n2 = rosters.create_group(store, NOOKAT, "Ноокат 1"), rosters.create_group(store, NOOKAT, "Ноокат 2")
    k1 = rosters.create_group(store, KOCHKOR, "Кочкор")
    aigul = rosters.add_person(store, _person("Асанова Айгүл", "f", "women", NOOKAT), group_id=n1).person_id
    rosters.add_member(store, aigul, n2)
    # The same woman entered again in Nookat, put in the first group, and merged into Aigul.
    again = rosters.add_person(store, _person("Asanova Aigul", "f", "youth", NOOKAT), group_id=n1,
                               allow_duplicate=True).person_id
    # The same man entered twice: in Nookat in no group, in Kochkor as a member there.
    ermek = rosters.add_person(store, _person("Эрмек Токтогулов", "m", "local_self_government", NOOKAT)).person_id
    his_copy = rosters.add_person(store, _person("Ermek Toktogulov", "m", "youth", KOCHKOR), group_id=k1,
                                  allow_duplicate=True).person_id
    both = rosters.add_person(store, _person("Өмүрбек Жумабаев", "m", "religious_leader", NOOKAT),
                              group_id=n2).person_id
    rosters.add_member(store, both, k1)
    gone = rosters.add_person(store, _person("Ташиев Бакыт", "m", "lawyer", KOCHKOR), group_id=k1).person_id
    rosters.delete_person(store, gone)
    people_merge.merge_people(store, aigul, again)
    people_merge.merge_people(store, ermek, his_copy)
    # Memberships of the records merged away that arrive afterwards (sent by an office before the
    # merge reached it; written here as the import writes them).
    with store.uow() as s:
        s.add(Membership(id=new_id(), person_id=again, group_id=n2, role="member"))
        s.add(Membership(id=new_id(), person_id=his_copy, group_id=k1, role="member"))

    per = stats.summaries(store)
    assert per[NOOKAT].members == 2 and per[NOOKAT].by_sex == {"f": 1, "m": 1}
    assert per[NOOKAT].by_sector["women"] == 1 and per[NOOKAT].by_sector["religious_leader"] == 1
    assert per[NOOKAT].by_sector["youth"] == 0
    assert per[KOCHKOR].members == 2 and per[KOCHKOR].by_sex == {"f": 0, "m": 2}
    assert per[KOCHKOR].by_sector["local_self_government"] == 1 and per[KOCHKOR].by_sector["lawyer"] == 0
    everyone = stats.total(per)
    assert everyone.members == 3 and everyone.by_sex == {"f": 1, "m": 2}
    assert everyone.by_sector["local_self_government"] == 1 and everyone.by_sector["religious_leader"] == 1


def test_a_membership_of_a_record_merged_twice_over_counts_for_the_last_person_kept(store: Store) -> None:
    """B merged into A, then A into C: a membership of B that arrives afterwards counts for C
    (with C's sex and sector), as the donor summary counts B's attendance."""
    nookat = rosters.create_group(store, NOOKAT, "Ноокат")
    b = rosters.add_person(store, _person("Asanov Aibek", "m", "youth"), allow_duplicate=True).person_id
    a = rosters.add_person(store, _person("Асанов Айбек", "m", "youth"), allow_duplicate=True).person_id
    c = rosters.add_person(store, _person("Асанов Айбек Бакытович", "m", "lawyer"), allow_duplicate=True).person_id
    people_merge.merge_people(store, a, b)
    people_merge.merge_people(store, c, a)
    with store.uow() as s:
        s.add(Membership(id=new_id(), person_id=b, group_id=nookat, role="member"))

    per = stats.summaries(store)
    assert per[NOOKAT].members == 1 and per[NOOKAT].by_sector["lawyer"] == 1 and per[NOOKAT].by_sector["youth"] == 0
    assert stats.total(per).members == 1


def test_trainings_plans_and_hour_weighted_attendance(store):
    g = rosters.create_group(store, KOCHKOR, "Kochkor group")
    a, b = rosters.bulk_add_people(store, [_person("Асанова Айгүл", "f", "women"),
                                           _person("Осмонов Нурлан", "m", "youth")], group_id=g)
    tid = trainings.create_training(store, trainings.TrainingInput(
        KOCHKOR, "basics_ve", "Basics", sessions=[trainings.SessionInput(dt.date(2021, 9, 1), 6.0),
                                                  trainings.SessionInput(dt.date(2021, 9, 2), 2.0)]))
    s1, s2 = trainings.get_training(store, tid).sessions
    # a: both sessions (8 h); b: only the short one (2 of 8 h) -> 10 of 16 hours.
    trainings.record_bulk(store, [(s1.id, a, True), (s2.id, a, True), (s1.id, b, False), (s2.id, b, True)])
    trainings.create_training(store, trainings.TrainingInput(
        KOCHKOR, "local_plan", "Plan", sessions=[trainings.SessionInput(dt.date(2021, 10, 1), 4.0)]))
    pid = plans.create_plan(store, KOCHKOR, plans.PlanDraft(
        "Plan 2022", objectives="Inform young people.", activities=[plans.ActivityInput("Info hours")]))
    plans.create_plan(store, KOCHKOR, plans.PlanDraft("Plan 2023"))
    plans.change_status(store, pid, "submitted")

    k = stats.summary(store, KOCHKOR)
    assert k.trainings_by_phase["basics_ve"] == 1 and k.trainings_by_phase["local_plan"] == 1
    assert k.trainings == 2
    assert k.attendance_rate == pytest.approx(10 / 16)
    assert k.plans == 2 and k.plans_by_status["submitted"] == 1 and k.plans_by_status["draft"] == 1
    assert stats.summary(store, NOOKAT).attendance_rate is None


def test_people_index_finds_cyrillic_by_latin_and_phone_digits(store):
    rosters.bulk_add_people(store, [
        rosters.PersonInput("Жумабаева Жылдыз", "f", "women", KOCHKOR, 1990, phone="0555 12 34 56"),
        rosters.PersonInput("Осмонов Нурлан", "m", "youth", NOOKAT, 1995),
    ])
    idx = load_people_index(store)
    assert len(idx) == 2
    assert [idx.full_names[i] for i in idx.match("zhyldyz")] == ["Жумабаева Жылдыз"]
    assert [idx.full_names[i] for i in idx.match("551234")] == ["Жумабаева Жылдыз"]
    assert [idx.full_names[i] for i in idx.match("youth")] == ["Осмонов Нурлан"]
    assert [idx.full_names[i] for i in idx.match("молодежь", [("youth", "Молодежь")])] == ["Осмонов Нурлан"]
    assert idx.match("") == [0, 1]
    assert len(load_people_index(store, KOCHKOR)) == 1


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


def test_each_communitys_rate_is_its_own_sheets_with_deleted_people_and_guests_from_elsewhere(store: Store) -> None:
    """The rate is summed per community in the database: a deleted person's ticks leave the
    sheet, a member of two groups is one participant, and a Kochkor member at a Nookat training
    is a participant of the Nookat sheet only."""
    a, b, gone = _people(store, ["Асанова Айгүл", "Бакытова Нургүл", "Жумабаева Өмүр"])
    rosters.add_member(store, b, rosters.create_group(store, NOOKAT, "Жаштар"))  # two groups
    kochkor_group = rosters.create_group(store, KOCHKOR, "Кочкор тобу")
    guest = rosters.add_person(store, _person("Осмонов Нурлан", "m", "youth"), group_id=kochkor_group).person_id
    tid, (s1, s2) = _training(store, "Негиздер", [4.0, 2.0], D(2026, 3, 2))
    trainings.record_bulk(store, [(s1, a, True), (s2, b, True), (s1, gone, True), (s2, gone, True),
                                  (s1, guest, True)])
    rosters.delete_person(store, gone)
    kt = trainings.create_training(store, trainings.TrainingInput(
        KOCHKOR, "lsg_roles", "Ролдор", sessions=[trainings.SessionInput(D(2026, 5, 4), 3.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, kt).sessions[0].id, guest, False)])

    nookat_sheet, kochkor_sheet = trainings.attendance_sheet(store, tid), trainings.attendance_sheet(store, kt)
    assert len(nookat_sheet.participants) == 3  # a, b and the guest; not the deleted one
    assert nookat_sheet.average_rate == pytest.approx(10 / 18)
    per = stats.summaries(store)
    assert per[NOOKAT].attendance_rate == pytest.approx(nookat_sheet.average_rate)
    assert per[KOCHKOR].attendance_rate == pytest.approx(kochkor_sheet.average_rate) == 0.0
    assert stats.total(per).attendance_rate == pytest.approx(10 / 21)


def test_each_sheet_has_its_members_once_and_everyone_else_on_it_with_members_of_two_communities(
        store: Store) -> None:
    """The cells of a sheet are (current members + others on it) x its hours, whoever is on which
    sheet: a member on one of two sheets of her community, a former member, a member of a group in
    each community (a member at both communities' trainings), a member of no training; summed per
    community exactly as the sheets say."""
    a, b, c, _idle = _people(store, ["Асанова Айгүл", "Бакытова Нургүл", "Жумабаева Өмүр", "Ташиева Асель"])
    kochkor_group = rosters.create_group(store, KOCHKOR, "Кочкор тобу")
    both = rosters.add_person(store, _person("Осмонов Нурлан", "m", "youth"), group_id=kochkor_group).person_id
    rosters.add_member(store, both, rosters.create_group(store, NOOKAT, "Жаштар"))
    (former,) = [m.membership_id for m in rosters.membership_history(store, c)]
    rosters.remove_member(store, former)  # c has left: on a sheet, she counts as anyone else on it
    t1, (s1, s2) = _training(store, "Негиздер", [2.5, 1.5], D(2026, 3, 2))
    t2, (s3,) = _training(store, "Пландоо", [3.0], D(2026, 4, 1))
    kt = trainings.create_training(store, trainings.TrainingInput(
        KOCHKOR, "lsg_roles", "Ролдор", sessions=[trainings.SessionInput(D(2026, 5, 4), 2.0)]))
    (k1,) = [x.id for x in trainings.get_training(store, kt).sessions]
    trainings.record_bulk(store, [(s1, a, True), (s2, a, False), (s1, c, True), (s2, both, True),
                                  (s3, b, True), (k1, both, True)])

    per = stats.summaries(store)
    for cid, tids in ((NOOKAT, (t1, t2)), (KOCHKOR, (kt,))):
        sheets = [trainings.attendance_sheet(store, t) for t in tids]
        attended = sum(p.hours_attended for sh in sheets for p in sh.participants)
        cells = sum(p.hours_total for sh in sheets for p in sh.participants)
        assert (per[cid].hours_present, per[cid].hours_recorded) == (attended, cells)
    # Nookat: a, b, the member of both and idle on each sheet, c on the first: 5 x 4 h + 4 x 3 h
    assert (per[NOOKAT].hours_present, per[NOOKAT].hours_recorded) == (2.5 + 2.5 + 1.5 + 3.0, 5 * 4.0 + 4 * 3.0)
    assert (per[KOCHKOR].hours_present, per[KOCHKOR].hours_recorded) == (2.0, 2.0)
