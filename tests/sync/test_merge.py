"""Export and import between a field office and headquarters: round trip, idempotence, order,
field-level merge, conflicts and their reversal, deletions, pending parents, set-aside records,
receipts and gaps, return packages that never carry another community's people."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sqlalchemy import text

from strive_desktop.catalog import translator
from strive_desktop.services import installation, maintenance, rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.sync import export, importer, keys, package, receipts, review, status

from ..conftest import KOCHKOR, NOOKAT, community_dump, link, person, ship


def edit(store: Store, pid: str, **changes: object) -> None:
    inp = rosters.get_person(store, pid).to_input()
    rosters.update_person(store, pid, dataclasses.replace(inp, **changes))


def clone(src: Store, dest: Path) -> Store:
    """A second copy of a data folder (same installation, same keys)."""
    from ..conftest import copy_folder_db

    copy_folder_db(src.folder.root, dest)
    return open_store(dest)


def test_round_trip_agrees_on_both_sides(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    g = rosters.create_group(field, NOOKAT, "Жаштар кеңеши")
    p = person(field, "Айгүл Ормонова", birth_year=1990)
    rosters.add_member(field, p, g)
    res = ship(field, hq)[0]
    assert (res.status, res.added, res.conflicts, res.set_aside) == ("applied", 3, 0, 0)
    assert installation.unexported_changes(field) == 0
    back = ship(hq, field)[0]
    # the return package carries the receipt, not the office's own records back
    assert back.status == "applied" and (back.added, back.updated, back.unchanged) == (0, 0, 0)
    assert status.outbox(field)[0].delivered
    assert community_dump(field, NOOKAT) == community_dump(hq, NOOKAT)
    assert rosters.get_person(hq, p).full_name == "Айгүл Ормонова"


def test_receipts_mark_field_packages_delivered(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    person(field, "Nurlan Sadykov")
    first = export.export_changes(field)
    assert receipts.not_delivered(field)[-1][0] == first.path.name
    importer.import_file(hq, first.path)
    ship(hq, field)
    assert receipts.not_delivered(field) == []
    assert all(item.delivered for item in status.outbox(field))


def test_reimporting_the_same_changes_changes_nothing(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    p = person(field, "Aida Beishenova")
    edit(field, p, notes="first")
    a = export.export_changes(field)
    importer.import_file(hq, a.path)
    dump = maintenance.dump(hq)
    again = export.export_changes(field, range_=(a.first, a.last))  # a new package, same content
    res = importer.import_file(hq, again.path)
    assert res.status == "applied" and res.added == res.updated == 0 and res.unchanged >= 1
    assert maintenance.dump(hq) == dump


def test_packages_in_any_order_give_the_same_result(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    hq2 = clone(hq, tmp_path / "hq2")
    try:
        g = rosters.create_group(field, NOOKAT, "Аялдар кеңеши")
        p = person(field, "Бактыгүл Асанова")
        pkg1 = export.export_changes(field).path
        m = rosters.add_member(field, p, g)
        edit(field, p, notes="moved to the women's council")
        pkg2 = export.export_changes(field).path
        for f in (pkg1, pkg2):
            importer.import_file(hq, f)
        r2 = importer.import_file(hq2, pkg2)
        assert r2.pending == 1  # the membership waits for its person and group
        r1 = importer.import_file(hq2, pkg1)
        # the group arrives, the person's older state changes nothing, the membership follows
        assert (r1.added, r1.unchanged) == (2, 1)
        assert maintenance.dump(hq) == maintenance.dump(hq2)
        with hq2.read() as s:
            assert s.execute(text("SELECT count(*) FROM sync_pending")).scalar() == 0
            assert s.execute(text("SELECT count(*) FROM memberships WHERE id = :m"), {"m": m}).scalar() == 1
    finally:
        hq2.close()


def test_edits_of_different_fields_both_survive(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    p = person(field, "Kanybek Osmonov")
    ship(field, hq)
    edit(field, p, organisation="Ayil okmotu")
    edit(hq, p, notes="checked by HQ")
    ship(field, hq)
    ship(hq, field)
    for st in (field, hq):
        rec = rosters.get_person(st, p)
        assert (rec.organisation, rec.notes) == ("Ayil okmotu", "checked by HQ")
    assert review.list_conflicts(hq) == []
    assert community_dump(field, NOOKAT) == community_dump(hq, NOOKAT)


def test_same_field_edited_twice_is_a_conflict_that_can_be_reversed(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    p = person(field, "Zarina Abdyrakhmanova")
    ship(field, hq)
    edit(hq, p, notes="HQ: moved to Osh")
    edit(field, p, notes="Field: still in Nookat")  # later, but concurrent: headquarters' edit wins
    res = ship(field, hq)[0]
    assert res.conflicts == 1
    [c] = review.list_conflicts(hq)
    assert (c.field, c.winner_value, c.loser_value) == ("notes", "HQ: moved to Osh", "Field: still in Nookat")
    assert c.record_label == "Zarina Abdyrakhmanova" and "Nookat" in c.loser_by
    assert rosters.get_person(hq, p).notes == "HQ: moved to Osh"
    ship(hq, field)
    assert rosters.get_person(field, p).notes == "HQ: moved to Osh"
    assert community_dump(field, NOOKAT) == community_dump(hq, NOOKAT)
    review.reverse(hq, c.id)
    assert review.list_conflicts(hq) == []
    ship(hq, field)
    assert rosters.get_person(field, p).notes == "Field: still in Nookat"
    assert community_dump(field, NOOKAT) == community_dump(hq, NOOKAT)


def test_deletion_against_a_concurrent_edit_is_a_conflict(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    p = person(field, "Temir Jumabaev")
    ship(field, hq)
    edit(hq, p, notes="HQ needs his phone")
    rosters.delete_person(field, p)
    res = ship(field, hq)[0]
    assert res.conflicts >= 1
    cs = [c for c in review.list_conflicts(hq) if c.kind == "delete"]
    assert cs and cs[0].loser_value == "HQ needs his phone"
    with hq.read() as s:
        assert s.execute(text("SELECT deleted FROM people WHERE id = :p"), {"p": p}).scalar() == 1
    review.reverse(hq, cs[0].id)
    ship(hq, field)
    with field.read() as s:
        assert s.execute(text("SELECT deleted, notes FROM people WHERE id = :p"), {"p": p}).one() == \
            (0, "HQ needs his phone")


def test_invalid_record_is_set_aside_and_the_rest_applied(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    person(field, "Good Person")
    good = export.export_changes(field)
    pkg = package.open_package(good.path.read_bytes(), "p", keys.load_identity(hq),
                               keys.load_identity(field).sign_pub, True)
    lines = pkg.entries["records/people.jsonl"].splitlines()
    bad = json.loads(lines[0])
    bad["id"] = "00000000-0000-0000-0000-00000000bad1"
    bad["f"]["birth_year"] = [[0, "nineteen ninety"]]
    wrong_comm = json.loads(lines[0])
    wrong_comm["id"] = "00000000-0000-0000-0000-00000000bad2"
    wrong_comm["f"]["community_id"] = [[0, KOCHKOR]]
    entries = dict(pkg.entries)
    entries["records/people.jsonl"] = b"\n".join([*lines, json.dumps(bad).encode(), json.dumps(wrong_comm).encode(),
                                                  b"{not json"]) + b"\n"
    man = {k: v for k, v in pkg.manifest.items() if k != "entries"}
    man["package_id"] = "11111111-2222-3333-4444-555555555555"
    man["counts"] = {"people": len(lines) + 3}
    hdr = {"package_id": man["package_id"], "kind": man["kind"], "range": man["range"], "created_at": man["created_at"]}
    sealed = package.seal(keys.load_identity(field), {"id": keys.load_identity(hq).installation_id,
                                                      "name": "HQ", "box_pub": keys.load_identity(hq).box_pub},
                          hdr, package.build_zip(man, entries))
    f = tmp_path / "mixed.strive"
    f.write_bytes(sealed)
    res = importer.import_file(hq, f)
    assert res.status == "applied" and res.added == 1 and res.set_aside == 3, res
    with hq.read() as s:
        reasons = sorted(r[0] for r in s.execute(text("SELECT reason FROM sync_set_aside")))
    assert reasons == ["birth_year has an invalid value", "it belongs to another community than its sender",
                       "the line is not readable"]


def test_gaps_are_reported_and_closed_by_a_re_export(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    person(field, "First Person")
    p1 = export.export_changes(field)
    assert status.gaps_of([(1, 1), (4, 9), (2, 2), (12, 12)]) == ((3, 3), (10, 11))
    person(field, "Lost Person")
    lost = export.export_changes(field)
    person(field, "Third Person")
    p3 = export.export_changes(field)
    importer.import_file(hq, p1.path)
    importer.import_file(hq, p3.path)
    [st] = [p for p in status.peer_status(hq) if not p.is_hq]
    assert st.gaps == ((lost.first, lost.last),)
    assert lost.first == lost.last
    assert [m.render() for m in st.gap_texts()] == [f"change {lost.first} from Nookat office is missing"]
    assert [m.render(translator("ru")) for m in st.gap_texts()] == [
        f"нет изменения {lost.first} от Nookat office"]
    again = export.export_changes(field, range_=st.gaps[0])
    assert importer.import_file(hq, again.path).added == 1
    [st] = [p for p in status.peer_status(hq) if not p.is_hq]
    assert st.gaps == () and st.last_counter == p3.last


def test_return_packages_never_carry_another_communitys_people(linked: tuple[Store, Store],
                                                               kochkor_store: Store, tmp_path: Path) -> None:
    field, hq = linked
    link(kochkor_store, hq, tmp_path)
    person(field, "Nookat Person")
    person(kochkor_store, "Kochkor Person")
    ship(field, hq)
    ship(kochkor_store, hq)
    hq_person = person(hq, "Added At Hq", community=NOOKAT)
    for r in export.export_returns(hq):
        dest = field if r.recipient == "Nookat office" else kochkor_store
        assert importer.import_file(dest, r.path).status == "applied"
    names_n = {p["full_name"] for p in maintenance.dump(field)["people"]}
    names_k = {p["full_name"] for p in maintenance.dump(kochkor_store)["people"]}
    assert "Kochkor Person" not in names_n and "Added At Hq" in names_n
    assert "Nookat Person" not in names_k and "Added At Hq" not in names_k
    assert rosters.get_person(field, hq_person).full_name == "Added At Hq"
    assert community_dump(field, NOOKAT) == community_dump(hq, NOOKAT)
    assert community_dump(kochkor_store, KOCHKOR) == community_dump(hq, KOCHKOR)


def test_delivery_folder_gets_pending_packages_when_reachable(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, _hq = linked
    person(field, "Delivery Person")
    r = export.export_changes(field)
    share = tmp_path / "share"
    st = status.copy_to_delivery(field, str(share))
    assert not st.reachable and st.waiting >= 1
    share.mkdir()
    st = status.copy_to_delivery(field, str(share))
    assert st.reachable and st.copied_now >= 1 and st.waiting == 0
    assert (share / r.path.name).read_bytes() == r.path.read_bytes()
    assert status.copy_to_delivery(field, str(share)).copied_now == 0


def test_attachments_travel_with_their_record(linked: tuple[Store, Store], tmp_path: Path) -> None:
    import datetime as dt

    from strive_desktop.services import attachments, trainings

    field, hq = linked
    tid = trainings.create_training(field, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Зордук-зомбулукка каршы", sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4)]))
    scan = tmp_path / "катышуу барагы.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"scan of the signed sheet" * 50)
    aid = attachments.add_attachment(field, scan, training_id=tid)
    res = ship(field, hq)[0]
    assert res.status == "applied" and res.set_aside == 0 and res.pending == 0
    info = attachments.get_attachment(hq, aid)
    assert attachments.read_attachment(hq, aid) == scan.read_bytes()
    assert scan.read_bytes() not in info.path.read_bytes()  # sealed at headquarters too
    assert community_dump(field, NOOKAT) == community_dump(hq, NOOKAT)


def test_a_field_office_cannot_change_shared_reference_data(linked: tuple[Store, Store]) -> None:
    from strive_desktop.storage.models import Community

    field, hq = linked
    with field.uow() as s:
        s.get(Community, KOCHKOR).name_en = "Renamed by a field office"
    res = ship(field, hq)[0]  # a field office sends only its community's records (a forged one: test_malicious_office)
    assert res.set_aside == 0 and res.updated == 0 and res.added == 0
    assert installation.get_community(hq, KOCHKOR).name_en == "Kochkor"
