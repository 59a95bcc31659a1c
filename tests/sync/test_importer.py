"""Import writes records in batches: a record that clashes with a unique key of a record already
held is set aside with its reason while the rest of its batch is applied; a package with many
records (more than one batch, new and changed records mixed) ends up exactly as at the sender."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from strive_desktop.catalog import translator
from strive_desktop.formatting import fmt_date
from strive_desktop.i18n import N_
from strive_desktop.services import maintenance, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.models import utcnow
from strive_desktop.sync import export, importer, keys, package

from ..conftest import NOOKAT, person, ship


def _entries(field: Store, hq: Store, path: Path) -> package.Package:
    return package.open_package(path.read_bytes(), path.name, keys.load_identity(hq),
                                keys.load_identity(field).sign_pub, True)


def _reseal(field: Store, hq: Store, pkg: package.Package, entries: dict[str, bytes], dest: Path,
            package_id: str) -> Path:
    """The same package with other entries, under a new package id, sealed by the field office."""
    man = {k: v for k, v in pkg.manifest.items() if k != "entries"}
    man["package_id"] = package_id
    man["range"] = [1, man["range"][1]]  # (records of earlier packages go again: a range that covers them)
    man["counts"] = {n[8:-6]: len([x for x in d.splitlines() if x.strip()]) for n, d in entries.items()
                     if n.startswith("records/")}
    hdr = {"package_id": package_id, "kind": man["kind"], "range": man["range"], "created_at": man["created_at"]}
    me, them = keys.load_identity(field), keys.load_identity(hq)
    sealed = package.seal(me, {"id": them.installation_id, "name": "HQ", "box_pub": them.box_pub}, hdr,
                          package.build_zip(man, entries))
    dest.write_bytes(sealed)
    return dest


def test_a_record_clashing_with_a_unique_key_is_set_aside_and_the_rest_of_its_batch_applied(
        linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    first, second = person(field, "Айгүл Ормонова"), person(field, "Нурлан Өмүров")
    tid = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    sid = trainings.get_training(field, tid).sessions[0].id
    trainings.record_attendance(field, sid, first, True)
    sent = export.export_changes(field)
    assert importer.import_file(hq, sent.path).status == "applied"
    old = next(json.loads(x) for x in _entries(field, hq, sent.path).entries["records/attendance.jsonl"].splitlines())

    trainings.record_attendance(field, sid, second, True)
    pkg = _entries(field, hq, export.export_changes(field).path)
    twin = dict(old, id="00000000-0000-0000-0000-0000000c1a54")  # same session and person, other id
    lines = [json.dumps(twin, ensure_ascii=False).encode(), *pkg.entries["records/attendance.jsonl"].splitlines()]
    entries = dict(pkg.entries)
    entries["records/attendance.jsonl"] = b"\n".join(lines) + b"\n"
    res = importer.import_file(hq, _reseal(field, hq, pkg, entries, tmp_path / "clash.strive",
                                           "22222222-3333-4444-5555-666666666666"))

    assert (res.status, res.added, res.set_aside) == ("applied", 1, 1), res
    with hq.read() as s:
        held = s.execute(text("SELECT person_id FROM attendance WHERE session_id = :s ORDER BY person_id"),
                         {"s": sid}).scalars().all()
        reason = s.execute(text("SELECT reason FROM sync_set_aside WHERE rid = :r"), {"r": twin["id"]}).scalar()
    assert held == sorted([first, second])
    assert reason.startswith("it clashes with an existing record")


def test_many_new_and_changed_records_arrive_exactly_as_sent(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    ids = [person(field, f"Person {i:04d}", birth_year=1960 + i % 40) for i in range(importer.CHUNK + 50)]
    assert ship(field, hq)[0].added == len(ids)
    for i, pid in enumerate(ids[::3]):  # every third one changed, with a new person among them
        inp = rosters.get_person(field, pid).to_input()
        rosters.update_person(field, pid, dataclasses.replace(inp, notes=f"seen {i}", phone=f"+996700{i:06d}"))
        if i % 300 == 0:
            person(field, f"Late Person {i}")
    res = ship(field, hq)[0]
    assert (res.status, res.added, res.updated, res.set_aside) == ("applied", 3, len(ids[::3]), 0), res

    def people(store: Store) -> list[dict]:
        return sorted(maintenance.dump(store)["people"], key=lambda r: r["id"])

    assert people(hq) == people(field)


def test_a_record_with_half_a_surrogate_pair_is_set_aside_and_the_rest_applied(
        linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    person(field, "Айгүл Ормонова")
    pkg = _entries(field, hq, export.export_changes(field).path)
    rec = json.loads(pkg.entries["records/people.jsonl"].splitlines()[0])
    rec["id"] = "00000000-0000-0000-0000-00000000d800"
    rec["f"]["notes"] = [[0, "\ud800"]]  # valid JSON ("\\ud800"), but no text SQLite can store
    entries = dict(pkg.entries)
    entries["records/people.jsonl"] = pkg.entries["records/people.jsonl"] + json.dumps(rec).encode() + b"\n"
    res = importer.import_file(hq, _reseal(field, hq, pkg, entries, tmp_path / "s.strive",
                                           "33333333-4444-5555-6666-777777777777"))
    assert (res.status, res.added, res.set_aside) == ("applied", 1, 1), res
    with hq.read() as s:
        reason = s.execute(text("SELECT reason FROM sync_set_aside WHERE rid = :r"), {"r": rec["id"]}).scalar()
        names = s.execute(text("SELECT full_name FROM people")).scalars().all()
    assert reason == "it contains text that is not valid Unicode"
    assert "Айгүл Ормонова" in names


def test_a_losing_value_with_half_a_surrogate_pair_sets_the_record_aside(
        linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    pid = person(field, "Айгүл Ормонова")
    sent = export.export_changes(field)
    assert importer.import_file(hq, sent.path).status == "applied"
    pkg = _entries(field, hq, sent.path)
    rec = next(json.loads(x) for x in pkg.entries["records/people.jsonl"].splitlines() if json.loads(x)["id"] == pid)
    other = keys.load_identity(field).installation_id  # a concurrent edit (older, so it loses)
    rec["s"].append([other, 1, "2000-01-01T00:00:00.000000", {}])
    rec["f"]["notes"] = [rec["f"]["notes"][0], [len(rec["s"]) - 1, "\ud800"]]
    entries = dict(pkg.entries)
    entries["records/people.jsonl"] = json.dumps(rec).encode() + b"\n"
    res = importer.import_file(hq, _reseal(field, hq, pkg, entries, tmp_path / "l.strive",
                                           "44444444-4444-5555-6666-777777777777"))
    assert (res.status, res.set_aside, res.updated) == ("applied", 1, 0), res
    with hq.read() as s:
        reason = s.execute(text("SELECT reason FROM sync_set_aside WHERE rid = :r"), {"r": pid}).scalar()
    assert reason == "it contains text that is not valid Unicode"


def test_imported_packages_leave_the_inbox(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    person(field, "Нурлан Өмүров")
    pkg = export.export_changes(field).path
    inbox = hq.folder.inbox
    shutil.copy(pkg, inbox / pkg.name)
    shutil.copy(pkg, inbox / "copy-of-it.strive")  # the same package twice: already imported
    results = importer.import_inbox(hq)
    assert sorted(r.status for r in results) == ["already", "applied"]
    assert not list(inbox.glob("*.strive"))
    assert sorted(p.name for p in (inbox / "imported").iterdir()) == ["copy-of-it.strive", pkg.name]
    assert importer.moved_folder(results) == str(inbox / "imported")
    assert importer.import_inbox(hq) == []  # the next run shows only new ones


def test_a_refused_package_in_an_inbox_leaves_the_packages_around_it_applied(
        linked: tuple[Store, Store]) -> None:
    """An inbox is committed a few packages at a time: a package refused in the middle rolls
    back alone, and the packages before and after it arrive whole."""
    field, hq = linked
    person(field, "Нурлан Өмүров")
    first = export.export_changes(field).path
    person(field, "Айгүл Ормонова")
    second = export.export_changes(field).path
    inbox = hq.folder.inbox
    shutil.copy(first, inbox / "1-first.strive")
    damaged = bytearray(second.read_bytes())
    damaged[-40] ^= 0xFF
    (inbox / "2-damaged.strive").write_bytes(bytes(damaged))
    shutil.copy(second, inbox / "3-second.strive")
    shutil.copy(first, inbox / "4-first-again.strive")

    results = importer.import_inbox(hq)

    assert [(r.file, r.status) for r in results] == [
        ("1-first.strive", "applied"), ("2-damaged.strive", "rejected"), ("3-second.strive", "applied"),
        ("4-first-again.strive", "already")]
    arrived = [p["full_name"] for p in maintenance.dump(hq)["people"]]
    assert (arrived.count("Нурлан Өмүров"), arrived.count("Айгүл Ормонова")) == (1, 1)
    assert [p.name for p in inbox.glob("*.strive")] == ["2-damaged.strive"]


def test_people_groups_and_attendance_arrive_exactly_as_sent_through_the_bulk_path(
        linked: tuple[Store, Store]) -> None:
    """The big tables go in by COPY on PostgreSQL and executemany on SQLite: tabs, line breaks,
    backslashes, quotes, empty and missing values, dates and ticks arrive as they were sent."""
    field, hq = linked
    awkward = ["tab\there", "two\nlines", "back\\slash \\N", 'quote " and \'', "", "Өмүр – ёлка"]
    ids = [person(field, f"Person {i:03d}", notes=awkward[i % len(awkward)], birth_year=None if i % 4 else 1980,
                  phone=None if i % 3 else f"+996700{i:06d}") for i in range(60)]
    group = rosters.create_group(field, NOOKAT, "Кеңеш\tтобу", formed_on=dt.date(2026, 2, 1))
    members = [rosters.add_member(field, pid, group, joined_on=dt.date(2026, 3, 1) if n % 2 else None)
               for n, pid in enumerate(ids)]
    rosters.remove_member(field, members[1], left_on=dt.date(2026, 5, 1))
    tid = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 2.5),
                                                  trainings.SessionInput(dt.date(2026, 3, 3), 6)]))
    sessions = [s.id for s in trainings.get_training(field, tid).sessions]
    for n, pid in enumerate(ids):
        trainings.record_attendance(field, sessions[n % 2], pid, n % 5 != 0, walk_in=n % 7 == 0)

    res = ship(field, hq)[0]

    assert (res.status, res.set_aside, res.pending) == ("applied", 0, 0), res
    sent, arrived = maintenance.dump(field), maintenance.dump(hq)
    for tbl in ("people", "advisory_groups", "memberships", "trainings", "training_sessions", "attendance"):
        assert sorted(arrived[tbl], key=lambda r: r["id"]) == sorted(sent[tbl], key=lambda r: r["id"]), tbl
    assert len(arrived["attendance"]) == len(ids)


def test_a_result_without_its_error_still_says_its_message() -> None:
    """summary() of a refused package shows the error's message; one made without the error
    object (a message only, braces and all) shows that message as it is."""
    from strive_desktop.catalog import translator
    from strive_desktop.errors import UserError

    err = UserError(N_("{file} is not a STRIVE sync package."), file="photo.strive")
    res = importer.ImportResult(file="photo.strive", status="rejected", message=err.render(), error=err)
    assert res.summary().render(translator("ru")) == "photo.strive — не пакет обмена STRIVE."
    bare = importer.ImportResult(file="a{b}.strive", status="skipped", message="a{b}.strive: left")
    assert bare.summary().render(translator("ky")) == "a{b}.strive: left"


def test_a_package_from_the_future_is_refused_with_its_date_in_the_readers_language(
        linked: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch) -> None:
    field, hq = linked
    person(field, "Айгүл Ормонова")
    sent = export.export_changes(field)
    day = utcnow().date()  # the package's date, three days ahead of headquarters' clock below
    monkeypatch.setattr(importer, "utcnow", lambda: utcnow() - dt.timedelta(days=3))
    res = importer.import_file(hq, sent.path)
    assert res.status == "rejected"

    def shown(lang: str) -> str:
        return res.summary().render(translator(lang), date=lambda d: fmt_date(d, lang))

    numeric = f"{day.day:02}.{day.month:02}.{day.year}"
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[day.month - 1]
    assert f"отклонён: он датирован {numeric}, то есть будущим" in shown("ru")
    assert numeric in shown("ky") and day.isoformat() not in shown("ky")
    assert f"was refused: it is dated {month} {day.day}, {day.year}, in the future" in shown("en")


def _kept_totals(store: Store, *, with_training_hours: bool = False) -> list[tuple[object, ...]]:
    """The attended totals *store* keeps: (training, person[, training's hours], hours present)."""
    from sqlalchemy import select

    from strive_desktop.storage.models import AttendedTotal

    cols = [AttendedTotal.training_id, AttendedTotal.person_id,
            *([AttendedTotal.training_hours] if with_training_hours else []), AttendedTotal.hours_present]
    with store.read() as s:
        return sorted(tuple(r) for r in s.execute(select(*cols)))


def test_a_package_of_ticks_alone_updates_the_attended_totals_of_a_training_sent_before(linked) -> None:  # type: ignore[no-untyped-def]
    """The second package carries attendance rows only (their training and sessions came in the
    first): headquarters' kept totals follow them, as a recomputation from the rows gives."""

    from strive_desktop.services import stats
    from strive_desktop.storage import attended

    field, hq = linked
    a, b = person(field, "Асанова Гүлнара"), person(field, "Токтогулов Бакыт", sex="m")
    tid = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0),
                                                   trainings.SessionInput(dt.date(2026, 3, 11), 3.0)]))
    s1, s2 = (x.id for x in trainings.get_training(field, tid).sessions)
    trainings.record_attendance(field, s1, a, True)
    assert [r.status for r in ship(field, hq)] == ["applied"]
    assert stats.summary(hq, NOOKAT).hours_present == 4.0

    trainings.record_bulk(field, [(s2, a, True), (s2, b, True), (s1, b, True)])
    (res,) = ship(field, hq)
    assert res.status == "applied" and res.added == 3

    kept = _kept_totals(hq)
    assert kept == sorted([(tid, a, 7.0), (tid, b, 7.0)])
    with hq.uow() as s:
        attended.recompute_all(s)
    assert _kept_totals(hq) == kept
    assert stats.summary(hq, NOOKAT).hours_present == 14.0


def test_an_attendance_row_moved_to_another_training_leaves_the_old_trainings_totals(linked) -> None:  # type: ignore[no-untyped-def]
    """A tick recorded on the wrong training and moved at the office: headquarters' kept totals
    lose it at the first training and gain it at the second, as a recomputation gives."""
    from sqlalchemy import select

    from strive_desktop.services import stats
    from strive_desktop.storage import attended
    from strive_desktop.storage.models import Attendance

    field, hq = linked
    a = person(field, "Асанова Гүлнара")
    first = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    second = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Чыр-чатак", sessions=[trainings.SessionInput(dt.date(2026, 4, 2), 3.0)]))
    s1 = trainings.get_training(field, first).sessions[0].id
    s2 = trainings.get_training(field, second).sessions[0].id
    trainings.record_attendance(field, s1, a, True)
    assert [r.status for r in ship(field, hq)] == ["applied"]

    with field.uow() as s:
        s.execute(select(Attendance).where(Attendance.person_id == a)).scalar_one().session_id = s2
    (res,) = ship(field, hq)
    assert res.status == "applied" and res.updated == 1

    assert _kept_totals(hq) == [(second, a, 3.0)] == _kept_totals(field)
    with hq.uow() as s:
        attended.recompute_all(s)
    assert _kept_totals(hq) == [(second, a, 3.0)]
    assert stats.summary(hq, NOOKAT).hours_present == 3.0


def test_a_session_moved_to_another_training_takes_its_hours_along(linked) -> None:  # type: ignore[no-untyped-def]
    """A session filed under the wrong training and moved at the office: headquarters' kept
    totals follow it, as at the office and as a recomputation gives."""

    from strive_desktop.storage import attended
    from strive_desktop.storage.models import TrainingSession

    field, hq = linked
    a = person(field, "Асанова Гүлнара")
    first = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    second = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Чыр-чатак", sessions=[trainings.SessionInput(dt.date(2026, 4, 2), 3.0)]))
    s1 = trainings.get_training(field, first).sessions[0].id
    trainings.record_attendance(field, s1, a, True)
    assert [r.status for r in ship(field, hq)] == ["applied"]

    with field.uow() as s:
        s.get(TrainingSession, s1).training_id = second
    (res,) = ship(field, hq)
    assert res.status == "applied" and res.updated == 1

    assert _kept_totals(hq, with_training_hours=True) == [(second, a, 7.0, 4.0)]
    assert _kept_totals(field, with_training_hours=True) == [(second, a, 7.0, 4.0)]
    with hq.uow() as s:
        attended.recompute_all(s)
    assert _kept_totals(hq, with_training_hours=True) == [(second, a, 7.0, 4.0)]
