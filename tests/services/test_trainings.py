"""Walk-ins taken off a sheet (tombstoned, undoable, re-addable, gone from every figure and
from headquarters after a sync) and the trainings list figures computed without the sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from strive_desktop.catalog import translator
from strive_desktop.errors import NotFound, UserError, ValidationError
from strive_desktop.formatting import fmt_date
from strive_desktop.services import certificates, installation, reports, rosters, stats, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.models import Attendance, AuditEntry
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")
D = dt.date


def _person(store: Store, name: str, group_id: str | None = None, community: str = NOOKAT) -> str:
    inp = rosters.PersonInput(full_name=name, sex="f", sector="women", community_id=community,
                              birth_year=1990)
    return rosters.add_person(store, inp, group_id=group_id, allow_duplicate=True).person_id


@pytest.fixture
def sheet(store: Store) -> tuple[str, list[str], str]:
    """A 3-session training (4 + 4 + 2 hours), two members and a walk-in ticked at two sessions."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    members = [_person(store, n, gid) for n in ("Асанова Айгүл", "Бакытова Нургүл")]
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Негиздер",
        sessions=[trainings.SessionInput(D(2026, 3, 2), 4.0), trainings.SessionInput(D(2026, 3, 3), 4.0),
                  trainings.SessionInput(D(2026, 3, 4), 2.0)]))
    guest = _person(store, "Мамытова Чолпон")
    trainings.add_walk_in(store, tid, guest)
    sessions = trainings.get_training(store, tid).sessions
    for sess in sessions[:2]:
        trainings.record_attendance(store, sess.id, guest, True)
    for sess in sessions:
        trainings.record_attendance(store, sess.id, members[0], True)
    return tid, members, guest


def _names(store: Store, tid: str) -> list[str]:
    return [p.full_name for p in trainings.attendance_sheet(store, tid).participants]


def _rows(store: Store, tid: str, pid: str) -> list[tuple[str, bool, bool]]:
    """(id, present, deleted) of the person's attendance records on the training."""
    sessions = [s.id for s in trainings.get_training(store, tid).sessions]
    with store.read() as s:
        return [tuple(r) for r in s.execute(
            select(Attendance.id, Attendance.present, Attendance.deleted)
            .where(Attendance.person_id == pid, Attendance.session_id.in_(sessions)))]


def test_removed_walk_in_leaves_the_sheet_and_is_tombstoned(store, sheet):
    tid, _members, guest = sheet
    assert "Мамытова Чолпон" in _names(store, tid)
    removal = trainings.remove_walk_in(store, tid, guest)
    assert removal.full_name == "Мамытова Чолпон" and removal.ticks == 2
    assert len(removal.attendance_ids) == 3
    assert _names(store, tid) == ["Асанова Айгүл", "Бакытова Нургүл"]
    rows = _rows(store, tid, guest)
    assert len(rows) == 3 and all(deleted for _id, _p, deleted in rows)  # kept as tombstones, not erased
    with store.read() as s:
        audited = set(s.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity == "attendance", AuditEntry.entity_id.in_(removal.attendance_ids),
            AuditEntry.action == "delete")))
    assert audited == set(removal.attendance_ids)  # audited as deletions, by whom and when
    assert guest in set(load_people_index(store, NOOKAT).filtered("Мамытова").ids)  # the person stays


def test_restore_puts_back_the_same_ticks(store, sheet):
    tid, _members, guest = sheet
    before = {p.person_id: p for p in trainings.attendance_sheet(store, tid).participants}[guest]
    removal = trainings.remove_walk_in(store, tid, guest)
    trainings.restore_walk_in(store, removal)
    after = {p.person_id: p for p in trainings.attendance_sheet(store, tid).participants}[guest]
    assert after == before and after.walk_in and after.hours_attended == 8.0


def test_re_adding_un_deletes_instead_of_duplicating(store, sheet):
    tid, _members, guest = sheet
    trainings.remove_walk_in(store, tid, guest)
    trainings.add_walk_in(store, tid, guest)
    rows = _rows(store, tid, guest)
    assert len(rows) == 3 and not any(deleted for _id, _p, deleted in rows)
    p = {p.person_id: p for p in trainings.attendance_sheet(store, tid).participants}[guest]
    assert p.walk_in and not any(p.present.values())  # back on the sheet, absent until ticked
    assert _names(store, tid).count("Мамытова Чолпон") == 1
    trainings.remove_walk_in(store, tid, guest)  # and can go again
    assert "Мамытова Чолпон" not in _names(store, tid)


def test_a_walk_in_ticked_at_a_session_added_later_goes_completely(store, sheet):
    tid, _members, guest = sheet
    info = trainings.get_training(store, tid)
    sessions = [trainings.SessionInput(s.date, s.hours, s.id) for s in info.sessions]
    trainings.update_training(store, tid, trainings.TrainingInput(
        NOOKAT, info.phase, info.title, sessions=[*sessions, trainings.SessionInput(D(2026, 3, 5), 2.0)]))
    new_session = trainings.get_training(store, tid).sessions[-1].id
    trainings.record_attendance(store, new_session, guest, True)  # a plain tick, not marked walk-in
    removal = trainings.remove_walk_in(store, tid, guest)
    assert removal.ticks == 3 and len(removal.attendance_ids) == 4
    assert "Мамытова Чолпон" not in _names(store, tid)


def test_members_cannot_be_removed_as_walk_ins(store, sheet):
    tid, members, _guest = sheet
    with pytest.raises(ValidationError) as err:
        trainings.remove_walk_in(store, tid, members[0])
    assert "Асанова Айгүл is a member of the advisory group" in err.value.render()
    assert "Асанова Айгүл" in _names(store, tid)
    with pytest.raises(ValidationError) as err:  # a member with no attendance recorded yet
        trainings.remove_walk_in(store, tid, members[1])
    assert "member" in err.value.render()


def test_someone_not_on_the_sheet_or_a_missing_training(store, sheet):
    tid, _members, guest = sheet
    stranger = _person(store, "Садыкова Айжан")
    with pytest.raises(ValidationError) as err:
        trainings.remove_walk_in(store, tid, stranger)
    assert "Садыкова Айжан is not one on this training" in err.value.render()
    trainings.remove_walk_in(store, tid, guest)
    with pytest.raises(ValidationError):  # twice: nothing left to remove
        trainings.remove_walk_in(store, tid, guest)
    with pytest.raises(NotFound):
        trainings.remove_walk_in(store, "no-such-training", guest)


def test_removed_walk_in_is_gone_from_certificates_reports_and_dashboard(store, sheet):
    tid, members, guest = sheet
    trainings.set_completion_share(store, 0.5)  # the guest's 8 of 10 hours complete it
    assert {p.person_id for p in trainings.completed_participants(store, tid)} == {members[0], guest}
    rate_before = stats.summaries(store)[NOOKAT].attendance_rate  # the sheet's: 3 people x 10 h
    trainings.remove_walk_in(store, tid, guest)
    assert {p.person_id for p in trainings.completed_participants(store, tid)} == {members[0]}
    batch = certificates.batch_preview(store, tid)
    assert {e.participant.person_id for e in batch.included} == {members[0]}
    summary = reports.donor_summary(store)
    assert summary.participants == 1
    rate_after = stats.summaries(store)[NOOKAT].attendance_rate
    assert rate_before == pytest.approx(18 / 30) and rate_after == pytest.approx(10 / 20)


def test_a_walk_in_with_a_certificate_is_removed_only_after_it_is_revoked(store, sheet):
    tid, _members, guest = sheet
    trainings.set_completion_share(store, 0.5)
    [cert] = certificates.issue_certificates(store, tid, [guest])
    with pytest.raises(ValidationError) as err:
        trainings.remove_walk_in(store, tid, guest)
    assert f"Certificate {cert.serial} was issued to Мамытова Чолпон" in err.value.render()
    assert "Мамытова Чолпон" in _names(store, tid)
    certificates.revoke(store, cert.serial, "added to the sheet by mistake")
    trainings.remove_walk_in(store, tid, guest)
    assert "Мамытова Чолпон" not in _names(store, tid)


# ---- list figures ---------------------------------------------------------------------------


def _from_sheets(store: Store, cid: str | None) -> dict[str, tuple[int, float, int]]:
    out = {}
    for info in trainings.list_trainings(store, cid):
        sh = trainings.attendance_sheet(store, info.id)
        out[info.id] = (len(sh.participants), sh.average_rate, len(sh.completed))
    return out


def _figures(store: Store, cid: str | None) -> dict[str, tuple[int, float, int]]:
    return {tid: (f.participants, f.average_rate, f.completed)
            for tid, f in trainings.training_figures(store, cid).items()}


def _same(a: dict[str, tuple[int, float, int]], b: dict[str, tuple[int, float, int]]) -> None:
    assert a.keys() == b.keys()
    for tid in a:
        assert a[tid][0] == b[tid][0] and a[tid][2] == b[tid][2], tid
        assert a[tid][1] == pytest.approx(b[tid][1], abs=1e-12), tid


def test_list_figures_match_the_sheets_on_the_demo_data(demo_store):
    every = _from_sheets(demo_store, None)
    assert len(every) == 36 and sum(n for n, _r, _c in every.values()) > 100
    assert any(c for _n, _r, c in every.values()) and any(r for _n, r, _c in every.values())
    _same(_figures(demo_store, None), every)
    for cid in (NOOKAT, KOCHKOR):
        mine = _from_sheets(demo_store, cid)
        assert len(mine) == 4
        _same(_figures(demo_store, cid), mine)


def test_list_figures_after_changes_in_the_demo_data(demo_store):
    """A removed walk-in, a member who left, a deleted person, a dropped session, another rule."""
    tid = trainings.list_trainings(demo_store, NOOKAT)[0].id
    sheet = trainings.attendance_sheet(demo_store, tid)
    guest = _person(demo_store, "Мамытова Чолпон")
    trainings.add_walk_in(demo_store, tid, guest)
    trainings.record_attendance(demo_store, sheet.training.sessions[0].id, guest, True)
    other = _person(demo_store, "Садыкова Айжан")
    trainings.add_walk_in(demo_store, tid, other)
    _same(_figures(demo_store, NOOKAT), _from_sheets(demo_store, NOOKAT))
    trainings.remove_walk_in(demo_store, tid, guest)
    assert len(trainings.attendance_sheet(demo_store, tid).participants) == len(sheet.participants) + 1
    _same(_figures(demo_store, NOOKAT), _from_sheets(demo_store, NOOKAT))
    members = rosters.list_members(demo_store, rosters.list_groups(demo_store, NOOKAT)[0].id)
    rosters.remove_member(demo_store, members[0].membership_id)
    rosters.delete_person(demo_store, members[1].person_id)
    trainings.set_completion_share(demo_store, 0.5)
    _same(_figures(demo_store, None), _from_sheets(demo_store, None))
    info = trainings.get_training(demo_store, tid)
    empty = trainings.create_training(demo_store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Жаңы", sessions=[trainings.SessionInput(D(2027, 1, 1), 3.0)]))
    assert trainings.training_figures(demo_store, NOOKAT)[empty].completed == 0
    trainings.delete_training(demo_store, info.id)
    figures = trainings.training_figures(demo_store, NOOKAT)
    assert info.id not in figures and empty in figures
    _same(_figures(demo_store, NOOKAT), _from_sheets(demo_store, NOOKAT))


def test_list_figures_of_an_empty_training_and_an_empty_community(store):
    assert trainings.training_figures(store, NOOKAT) == {}
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Бош", sessions=[trainings.SessionInput(D(2026, 1, 1), 2.0)]))
    assert trainings.training_figures(store, NOOKAT)[tid] == trainings.TrainingFigures(0, 0.0, 0)


# ---- the trip to headquarters ------------------------------------------------------------------


@pytest.fixture
def hq(tmp_path: Path) -> Store:
    st = open_store(tmp_path / "hq")
    installation.init_installation(st, name="Bishkek HQ", hq=True, user_name="Aida")
    yield st
    st.close()


def _ship(src: Store, dst: Store) -> None:
    for res in export.export(src):
        importer.import_file(dst, res.path)


def test_a_removal_travels_to_headquarters(store, hq, sheet, tmp_path):
    tid, _members, guest = sheet
    keys.import_hq_key(store, keys.export_hq_key(hq, tmp_path / "hq.strivekey"))
    _ship(store, hq)
    keys.accept_installation(hq, installation.get_installation(store).id)
    importer.apply_waiting(hq)
    assert "Мамытова Чолпон" in _names(hq, tid)
    trainings.remove_walk_in(store, tid, guest)
    _ship(store, hq)
    assert _names(hq, tid) == _names(store, tid) == ["Асанова Айгүл", "Бакытова Нургүл"]
    _same(_figures(hq, NOOKAT), _from_sheets(store, NOOKAT))


def _add_person(store, name: str, group_id: str | None = None) -> str:
    inp = rosters.PersonInput(full_name=name, sex="f", sector="women", community_id=NOOKAT, birth_year=1990)
    res = rosters.add_person(store, inp, group_id=group_id, allow_duplicate=True)
    return res.person_id


@pytest.fixture
def training(store):
    """A 5-session training (2+2+2+2+2 = 10 hours) and a group of three members."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    people = [_add_person(store, n, gid) for n in ("Асанова Айгүл", "Бакытова Нургүл", "Өмүрова Чолпон")]
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Зордук-зомбулук экстремизминин негиздери",
        venue="Ноокат", trainers="Т. Тренер",
        sessions=[trainings.SessionInput(D(2024, 3, d), 2.0) for d in (5, 1, 2, 3, 4)]))
    return tid, people, gid


def _tick(store, tid, pid, n_sessions):
    info = trainings.get_training(store, tid)
    for sess in info.sessions[:n_sessions]:
        trainings.record_attendance(store, sess.id, pid, True)


def test_training_sessions_sorted_and_totals(store, training):
    tid, _, _ = training
    info = trainings.get_training(store, tid)
    assert [s.date.day for s in info.sessions] == [1, 2, 3, 4, 5]
    assert info.total_hours == 10.0 and info.start == D(2024, 3, 1) and info.end == D(2024, 3, 5)


def test_attendance_rate_and_default_80_percent_rule(store, training):
    tid, (a, b, c), _ = training
    _tick(store, tid, a, 5)
    _tick(store, tid, b, 4)
    _tick(store, tid, c, 3)
    sheet = trainings.attendance_sheet(store, tid)
    by = {p.person_id: p for p in sheet.participants}
    assert [by[x].rate for x in (a, b, c)] == [1.0, 0.8, 0.6]
    assert {p.person_id for p in sheet.completed} == {a, b}
    assert sheet.rule.min_share == 0.8
    first = trainings.get_training(store, tid).sessions[0].id
    assert sheet.present_count(first) == 3
    assert sheet.average_rate == pytest.approx(0.8)


def test_changed_completion_rule(store, training):
    tid, (a, b, c), _ = training
    _tick(store, tid, a, 5)
    _tick(store, tid, b, 4)
    _tick(store, tid, c, 3)
    trainings.set_completion_share(store, 0.6)
    assert {p.person_id for p in trainings.completed_participants(store, tid)} == {a, b, c}
    trainings.set_completion_share(store, 1.0)
    assert {p.person_id for p in trainings.completed_participants(store, tid)} == {a}
    with pytest.raises(UserError, match="share between"):
        trainings.set_completion_share(store, 0)
    with pytest.raises(UserError):
        trainings.set_completion_share(store, 1.5)


def test_unequal_session_hours_weight_the_rate(store):
    pid = _add_person(store, "Асанова Айгүл")
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов",
        sessions=[trainings.SessionInput(D(2024, 1, 1), 8.0), trainings.SessionInput(D(2024, 1, 2), 2.0)]))
    _tick(store, tid, pid, 1)  # 8 of 10 hours
    sheet = trainings.attendance_sheet(store, tid)
    assert sheet.participants[0].hours_attended == 8.0 and sheet.participants[0].completed


def test_untick_and_walk_in(store, training):
    tid, (a, _, _), _ = training
    first = trainings.get_training(store, tid).sessions[0].id
    trainings.record_attendance(store, first, a, True)
    trainings.record_attendance(store, first, a, False)
    sheet = trainings.attendance_sheet(store, tid)
    assert {p.person_id: p.present[first] for p in sheet.participants}[a] is False
    guest = _add_person(store, "Садыкова Мээрим")  # not a member of any group
    trainings.add_walk_in(store, tid, guest)
    trainings.record_attendance(store, first, guest, True)
    sheet = trainings.attendance_sheet(store, tid)
    g = {p.person_id: p for p in sheet.participants}[guest]
    assert g.walk_in and g.present[first] and len(sheet.participants) == 4
    assert sheet.participants[-1].person_id == guest  # walk-ins listed after members


def test_training_validation(store):
    with pytest.raises(ValidationError) as err:
        trainings.create_training(store, trainings.TrainingInput(NOOKAT, "dancing", " ", sessions=[]))
    e = {k: v.render() for k, v in err.value.errors.items()}
    assert e["title"] == "The training title is required."
    assert e["phase"] == "Choose the phase of the programme."
    assert "at least one session" in e["sessions"]
    with pytest.raises(ValidationError, match="same date"):
        trainings.create_training(store, trainings.TrainingInput(NOOKAT, "other", "X", sessions=[
            trainings.SessionInput(D(2024, 1, 1), 2), trainings.SessionInput(D(2024, 1, 1), 3)]))
    with pytest.raises(ValidationError, match="hours"):
        trainings.create_training(store, trainings.TrainingInput(NOOKAT, "other", "X", sessions=[
            trainings.SessionInput(D(2024, 1, 1), 0)]))


def test_session_with_ticks_cannot_be_dropped(store, training):
    tid, (a, _, _), _ = training
    info = trainings.get_training(store, tid)
    trainings.record_attendance(store, info.sessions[0].id, a, True)
    keep = [trainings.SessionInput(s.date, s.hours, s.id) for s in info.sessions[1:]]
    inp = trainings.TrainingInput(NOOKAT, info.phase, info.title, sessions=keep)
    with pytest.raises(UserError, match="attendance recorded"):
        trainings.update_training(store, tid, inp)
    assert len(trainings.get_training(store, tid).sessions) == 5


def test_the_session_with_ticks_is_named_by_its_date_in_the_readers_language(store, sheet):
    tid, _members, _guest = sheet  # ticks at the session of 2 March 2026
    info = trainings.get_training(store, tid)
    keep = [trainings.SessionInput(s.date, s.hours, s.id) for s in info.sessions[1:]]
    with pytest.raises(UserError) as err:
        trainings.update_training(store, tid, trainings.TrainingInput(NOOKAT, info.phase, info.title, sessions=keep))

    def shown(lang: str) -> str:
        return err.value.render(translator(lang), date=lambda d: fmt_date(d, lang))

    assert shown("ru").startswith("На занятии 02.03.2026 уже отмечена посещаемость")
    assert "02.03.2026" in shown("ky") and "2026-03-02" not in shown("ky")
    assert shown("en").startswith("The session of Mar 2, 2026 has attendance recorded")
    assert "2026-03-02" not in str(err.value)  # without a reader: Babel's English, not ISO


def test_deleted_training_is_gone_from_lists(store, training):
    tid, _, _ = training
    trainings.delete_training(store, tid)
    assert trainings.list_trainings(store, NOOKAT) == []
    with pytest.raises(NotFound):
        trainings.get_training(store, tid)


def test_record_bulk_upserts_attendance(store, training):
    tid, people, _ = training
    info = trainings.get_training(store, tid)
    rows = [(s.id, p, True) for s in info.sessions for p in people]
    assert trainings.record_bulk(store, rows) == 15
    rows = [(info.sessions[0].id, people[0], False)]
    trainings.record_bulk(store, rows)
    sheet = trainings.attendance_sheet(store, tid)
    assert {p.person_id: p.rate for p in sheet.participants}[people[0]] == pytest.approx(0.8)


def test_list_trainings_newest_first_with_sessions(demo_store):
    everything = trainings.list_trainings(demo_store)
    assert len(everything) == 36
    assert everything == [trainings.get_training(demo_store, t.id) for t in everything]
    starts = [t.start for t in everything]
    assert starts == sorted(starts, reverse=True)
    nookat = trainings.list_trainings(demo_store, NOOKAT)
    assert len(nookat) == 4 and {t.community_name for t in nookat} == {"Nookat"}
    assert {t.phase for t in nookat} == {"basics_ve", "conflict_analysis", "lsg_roles", "local_plan"}
    trainings.delete_training(demo_store, nookat[0].id)
    assert len(trainings.list_trainings(demo_store, NOOKAT)) == 3
