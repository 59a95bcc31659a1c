"""Review 3: a revoked certificate can be replaced by a new one with a new serial (the old serial
still verifies as revoked), and verify-certificate answers in the interface language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from strive_desktop.errors import NotFound, UserError
from strive_desktop.pdf import documents
from strive_desktop.services import certificates, installation, rosters, trainings
from strive_desktop.services.installation import init_installation
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

from ..conftest import NAMES, SESSIONS  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


def _by_name(recs):  # type: ignore[no-untyped-def]
    return {r.full_name: r for r in recs}


def test_revoke_then_print_again_gives_a_new_serial_and_the_old_one_stays_revoked(store, training):
    first = _by_name(certificates.issue_certificates(store, training))
    old = first["Айнура Ңу"]
    certificates.revoke(store, old.serial, "Typo in the name")
    # the person is back among those who get a certificate, without a serial yet
    batch = certificates.batch_preview(store, training)
    assert {x.participant.full_name: x.serial for x in batch.included}["Айнура Ңу"] == ""
    again = _by_name(certificates.issue_certificates(store, training))
    new = again["Айнура Ңу"]
    assert new.serial != old.serial and new.verification_code != old.verification_code
    assert not new.revoked
    assert again["Өмүрбек Түлөгөнов"].serial == first["Өмүрбек Түлөгөнов"].serial  # others unchanged
    # the new one is valid, the old one verifies as revoked with its reason
    assert certificates.verify(store, new.serial, new.verification_code).full_name == "Айнура Ңу"
    with pytest.raises(UserError, match="revoked: Typo in the name"):
        certificates.verify(store, old.serial, old.verification_code)
    with pytest.raises(UserError, match="does not match"):  # the old serial with a forged code
        certificates.verify(store, old.serial, "AAAAAAAAAA")
    withdrawn = certificates.lookup(store, old.serial)
    assert withdrawn.revoked and withdrawn.revoked_reason == "Typo in the name"
    assert withdrawn.full_name == "Айнура Ңу"
    # printing once more keeps the new serial; the register lists the current certificate
    assert _by_name(certificates.issue_certificates(store, training))["Айнура Ңу"].serial == new.serial
    listed = _by_name(certificates.list_certificates(store, training))
    assert listed["Айнура Ңу"].serial == new.serial


def test_a_replacement_can_be_revoked_and_replaced_again(store, training):
    a = _by_name(certificates.issue_certificates(store, training))["Айнура Ңу"]
    certificates.revoke(store, a.serial, "First typo")
    b = _by_name(certificates.issue_certificates(store, training))["Айнура Ңу"]
    certificates.revoke(store, b.serial, "Second typo")
    c = _by_name(certificates.issue_certificates(store, training))["Айнура Ңу"]
    assert len({a.serial, b.serial, c.serial}) == 3
    with pytest.raises(UserError, match="First typo"):
        certificates.verify(store, a.serial, a.verification_code)
    with pytest.raises(UserError, match="Second typo"):
        certificates.verify(store, b.serial, b.verification_code)
    assert certificates.verify(store, c.serial, c.verification_code).serial == c.serial


def test_a_person_named_after_revocation_gets_the_new_certificate(store, training):
    a = _by_name(certificates.issue_certificates(store, training))["Айнура Ңу"]
    certificates.revoke(store, a.serial, "Wrong name")
    [b] = certificates.issue_certificates(store, training, [a.person_id])
    assert b.serial != a.serial and not b.revoked
    with pytest.raises(NotFound):
        certificates.verify(store, "NOO-2026-XXXXXX-9999", "AAAAAAAAAA")


def test_a_replaced_certificate_travels_to_headquarters_with_its_revoked_serial(store, hq_store, training,
                                                                              tmp_path):
    from strive_desktop.services import installation
    from strive_desktop.sync import export, importer, keys

    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path / "hq.strivekey"))
    old = _by_name(certificates.issue_certificates(store, training))["Айнура Ңу"]
    certificates.revoke(store, old.serial, "Typo in the name")
    new = _by_name(certificates.issue_certificates(store, training))["Айнура Ңу"]
    results = [importer.import_file(hq_store, r.path) for r in export.export(store)]
    assert results and results[0].status == "waiting", results[0].message
    keys.accept_installation(hq_store, installation.get_installation(store).id)
    out = importer.apply_waiting(hq_store)
    assert out and out[0].status == "applied", out
    assert certificates.verify(hq_store, new.serial, new.verification_code).full_name == "Айнура Ңу"
    with pytest.raises(UserError, match="revoked: Typo in the name"):
        certificates.verify(hq_store, old.serial, old.verification_code)


@pytest.fixture
def held(store: Store) -> tuple[str, list[str]]:
    """A training with uneven session hours, some ticks, an absence recorded and a walk-in."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    people = [rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, year),
                                 group_id=gid).person_id
              for name, sex, year in (("Осмонов Нурбек", "m", 1990), ("Жумабаева Гүлнара", "f", 1979),
                                      ("Үсөнов Чыңгыз", "m", 1968), ("Асанова Айнура", "f", 2001))]
    guest = rosters.add_person(store, rosters.PersonInput("Мамытова Чолпон", "f", "women", NOOKAT, 1995)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6), trainings.SessionInput(dt.date(2026, 3, 3), 1.5),
                  trainings.SessionInput(dt.date(2026, 3, 4), 2.25), trainings.SessionInput(dt.date(2026, 3, 5), 0.1)]))
    trainings.add_walk_in(store, tid, guest)
    sessions = trainings.get_training(store, tid).sessions
    ticks = {people[0]: (1, 1, 1, 1), people[1]: (1, 0, 1, 1), people[2]: (0, 1, 0, 0), guest: (1, 1, 1, 0)}
    for pid, row in ticks.items():
        for sess, on in zip(sessions, row, strict=True):
            trainings.record_attendance(store, sess.id, pid, bool(on))
    trainings.set_completion_share(store, 0.5)
    return tid, [*people, guest]


def _sheet_hours(store: Store, tid: str) -> dict[str, float]:
    return {p.person_id: p.hours_attended for p in trainings.attendance_sheet(store, tid).participants}


def test_certificate_hours_are_the_sheets_hours(store, held):
    tid, people = held
    issued = certificates.issue_certificates(store, tid)
    assert len(issued) == 3  # three attended at least half the 9.85 hours
    expected = _sheet_hours(store, tid)
    listed = certificates.list_certificates(store, tid)
    assert {c.person_id: c.hours_attended for c in listed} == {c.person_id: expected[c.person_id] for c in issued}
    for c in issued:
        found = certificates.lookup(store, c.serial)
        assert found.hours_attended == expected[c.person_id]  # the same float, not just close
        assert found == c == next(x for x in listed if x.serial == c.serial)
    assert {c.full_name: c.hours_attended for c in listed} == {
        "Осмонов Нурбек": 6 + 1.5 + 2.25 + 0.1, "Жумабаева Гүлнара": 6 + 2.25 + 0.1, "Мамытова Чолпон": 9.75}


def test_a_later_untick_shows_in_the_register_as_on_the_sheet(store, held):
    tid, people = held
    [cert] = certificates.issue_certificates(store, tid, [people[0]])
    first = trainings.get_training(store, tid).sessions[0]
    trainings.record_attendance(store, first.id, people[0], False)
    assert certificates.lookup(store, cert.serial).hours_attended == _sheet_hours(store, tid)[people[0]] == 3.85
    assert [c.hours_attended for c in certificates.list_certificates(store, tid)] == [3.85]


def test_a_person_deleted_later_has_no_hours_as_on_the_sheet(store, held):
    tid, people = held
    [cert] = certificates.issue_certificates(store, tid, [people[1]])
    rosters.delete_person(store, people[1])
    assert people[1] not in _sheet_hours(store, tid)
    assert certificates.lookup(store, cert.serial).hours_attended == 0.0
    assert [c.hours_attended for c in certificates.list_certificates(store, tid)] == [0.0]


def test_demo_register_hours_match_the_sheets(demo_store):
    for info in trainings.list_trainings(demo_store)[:6]:
        issued = certificates.issue_certificates(demo_store, info.id)
        expected = _sheet_hours(demo_store, info.id)
        assert [c.hours_attended for c in certificates.list_certificates(demo_store, info.id)] == \
            [expected[c.person_id] for c in sorted(issued, key=lambda c: c.serial)]
        for c in issued[:3]:
            assert certificates.lookup(demo_store, c.serial).hours_attended == expected[c.person_id]


def test_batch_lists_who_is_in_and_who_is_out_with_the_reason(store, nookat_training):
    batch = certificates.batch_preview(store, nookat_training)
    inside = {x.participant.full_name for x in batch.included}
    assert inside == set(NAMES) - {"Гүлзат Үсөнова"}
    (out,) = batch.excluded
    assert out.participant.full_name == "Гүлзат Үсөнова"
    assert str(out.reason) == "Attended 8 of 12 hours (67%); the rule asks for 9.6 hours (80%)."


def test_serials_are_unique_stable_on_reprint_and_name_community_and_year(store, nookat_training):
    first = certificates.issue_certificates(store, nookat_training, issued_on=dt.date(2026, 3, 12))
    serials = [r.serial for r in first]
    assert len(set(serials)) == len(serials) == 4
    for s in serials:
        assert re.fullmatch(r"NOO-2026-[0-9A-F]{6}-\d{4}", s), s
    again = certificates.issue_certificates(store, nookat_training, issued_on=dt.date(2027, 1, 1))
    assert {(r.full_name, r.serial, r.verification_code, r.issued_on) for r in again} == \
           {(r.full_name, r.serial, r.verification_code, r.issued_on) for r in first}


def test_another_installation_never_produces_the_same_serial(store, nookat_training, tmp_path):
    here = certificates.issue_certificates(store, nookat_training)
    other = open_store(tmp_path / "other")
    try:
        init_installation(other, name="Nookat laptop 2", community=NOOKAT)
        gid = rosters.create_group(other, NOOKAT, "Топ")
        pid = rosters.add_person(other, rosters.PersonInput(full_name="Өмүрбек Түлөгөнов", sex="m",
                                                            sector="youth", community_id=NOOKAT),
                                 group_id=gid).person_id
        tid = trainings.create_training(other, trainings.TrainingInput(
            community_id=NOOKAT, phase="basics_ve", title="T", sessions=[trainings.SessionInput(SESSIONS[0], 2)]))
        trainings.record_attendance(other, trainings.get_training(other, tid).sessions[0].id, pid, True)
        there = certificates.issue_certificates(other, tid)
    finally:
        other.close()
    assert there[0].serial.endswith("-0001") and here[0].serial.endswith("-0001")
    assert there[0].serial != here[0].serial


def test_revoked_certificate_fails_verification_and_a_new_one_gets_a_new_serial(store, nookat_training):
    recs = {r.full_name: r for r in certificates.issue_certificates(store, nookat_training)}
    rec = recs["Ковалёв Сергей"]
    assert certificates.verify(store, rec.serial, rec.verification_code).full_name == "Ковалёв Сергей"
    certificates.revoke(store, rec.serial, "Issued by mistake")
    with pytest.raises(UserError, match="revoked: Issued by mistake"):
        certificates.verify(store, rec.serial, rec.verification_code)
    batch = certificates.batch_preview(store, nookat_training)
    assert "Ковалёв Сергей" in {x.participant.full_name for x in batch.included}
    again = {r.full_name: r for r in certificates.issue_certificates(store, nookat_training)}
    assert again["Ковалёв Сергей"].serial != rec.serial
    assert certificates.lookup(store, rec.serial).revoked


def test_wrong_verification_code_and_unknown_serial_are_reported(store, nookat_training):
    rec = certificates.issue_certificates(store, nookat_training)[0]
    with pytest.raises(UserError, match="not genuine"):
        certificates.verify(store, rec.serial, "AAAAAAAAAA")
    with pytest.raises(UserError, match="no certificate NOO-1999"):
        certificates.lookup(store, "NOO-1999-000000-0001")
    with pytest.raises(UserError, match="reason"):
        certificates.revoke(store, rec.serial, "  ")


def test_a_batch_is_stamped_and_audited_like_single_writes_and_numbers_continue(store, nookat_training):
    from sqlalchemy import select

    from strive_desktop.services.installation import get_installation
    from strive_desktop.storage.models import AuditEntry, Certificate, Installation

    me = get_installation(store).id
    sheet = trainings.attendance_sheet(store, nookat_training)
    two = [p.person_id for p in sheet.participants if p.full_name in ("Айнура Ңу", "Ковалёв Сергей")]
    with store.read() as s:
        before = s.scalar(select(Installation.counter))
    first = certificates.issue_certificates(store, nookat_training, two)
    again = [p.person_id for p in sheet.participants if p.full_name == "Өмүрбек Түлөгөнов"] * 2
    twice = certificates.issue_certificates(store, nookat_training, again)  # named twice: one certificate
    assert twice[0].serial == twice[1].serial and twice[0].serial.endswith("-0003")
    rest = certificates.issue_certificates(store, nookat_training)  # the three again, and one new
    assert sorted(r.serial[-4:] for r in first) == ["0001", "0002"]
    assert sorted(r.serial[-4:] for r in rest) == ["0001", "0002", "0003", "0004"]
    assert {r.serial for r in first} <= {r.serial for r in rest}
    with store.read() as s:
        after = s.scalar(select(Installation.counter))
        rows = s.execute(select(Certificate.id, Certificate.change_counter, Certificate.changed_by,
                                Certificate.deleted, Certificate.created_at, Certificate.updated_at,
                                Certificate.serial, Certificate.verification_code, Certificate.issued_on)).all()
        audit = {a.entity_id: a for a in s.execute(
            select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.counter, AuditEntry.installation_id,
                   AuditEntry.user_name, AuditEntry.changes).where(AuditEntry.entity == "certificates"))}
    assert after - before == 4
    assert sorted(c.change_counter for c in rows) == list(range(before + 1, after + 1))
    for c in rows:
        assert c.changed_by == me and not c.deleted and c.created_at == c.updated_at
        a = audit[c.id]
        assert (a.action, a.counter, a.installation_id, a.user_name) == ("insert", c.change_counter, me, "Gulnara")
        assert a.changes["serial"] == c.serial and a.changes["verification_code"] == c.verification_code
        assert a.changes["issued_on"] == c.issued_on.isoformat()
    codes = certificates.new_verification_codes(2000)
    assert len(set(codes)) == 2000
    assert all(len(c) == 10 and set(c) <= set(certificates.CODE_ALPHABET) for c in codes)
    assert set("".join(codes)) == set(certificates.CODE_ALPHABET)  # every letter is drawn


def test_a_deleted_register_entry_printed_again_comes_back_with_its_serial(store, nookat_training):
    from sqlalchemy import select

    from strive_desktop.storage.models import Certificate

    recs = {r.full_name: r for r in certificates.issue_certificates(store, nookat_training)}
    rec = recs["Айнура Ңу"]
    with store.uow() as s:
        s.scalar(select(Certificate).where(Certificate.id == rec.id)).deleted = True
    assert "Айнура Ңу" not in {r.full_name for r in certificates.list_certificates(store, nookat_training)}
    assert certificates.batch_preview(store, nookat_training).included[0].participant  # still on the list
    again = {r.full_name: r for r in certificates.issue_certificates(store, nookat_training)}
    assert (again["Айнура Ңу"].serial, again["Айнура Ңу"].verification_code) == (rec.serial, rec.verification_code)
    assert len({r.serial for r in again.values()}) == 4
    assert "Айнура Ңу" in {r.full_name for r in certificates.list_certificates(store, nookat_training)}


def test_certificates_issued_in_a_batch_travel_to_headquarters(store, hq_store, nookat_training, tmp_path):
    """The register goes to headquarters with sync: rows written in one batch carry the stamps
    sync needs, so headquarters can verify a printed copy."""
    from strive_desktop.services import installation
    from strive_desktop.sync import export, importer, keys

    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path / "hq.strivekey"))
    recs = certificates.issue_certificates(store, nookat_training)
    results = [importer.import_file(hq_store, r.path) for r in export.export(store)]
    assert results and results[0].status == "waiting", results[0].message
    keys.accept_installation(hq_store, installation.get_installation(store).id)
    out = importer.apply_waiting(hq_store)
    assert out and out[0].status == "applied", out
    for rec in recs:
        there = certificates.verify(hq_store, rec.serial, rec.verification_code)
        assert (there.full_name, there.issued_on) == (rec.full_name, rec.issued_on)


def test_someone_below_the_rule_cannot_be_named_for_a_certificate(store, nookat_training):
    sheet = trainings.attendance_sheet(store, nookat_training)
    pid = next(p.person_id for p in sheet.participants if p.full_name == "Гүлзат Үсөнова")
    with pytest.raises(UserError, match="Attended 8 of 12 hours"):
        certificates.issue_certificates(store, nookat_training, [pid])


@pytest.mark.parametrize("code,prefix", [("nookat", "NOO"), ("kara-balta", "KBA"), ("kara-buura", "KBU"),
                                         ("chek-abad", "CAB"), ("bazar-korgon", "BKO"), ("", "XXX"), ("ab", "ABX")])


def test_community_prefix_in_serials(code, prefix):
    assert certificates.community_prefix(code) == prefix


def _training(store: Store, name: str, title: str) -> str:
    pid = rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="youth",
                                                        community_id=NOOKAT, birth_year=1990),
                             allow_duplicate=True).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title=title, sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    return tid


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join((pdf.pages[0].extract_text() or "").split())


def _images(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return sum(1 for v in pdf.pages[0].Resources.get("/XObject", {}).values() if v.Subtype == "/Image")


def _settings(store: Store, signer: str, title: str, logo: str = "") -> None:
    certificates.save_certificate_settings(store, certificates.CertificateSettings(
        (certificates.Signatory(signer, title, "", "Head of the aiyl okmotu"), certificates.Signatory()),
        logo_left=logo, issuer="Коомдук фонд «Ынтымак»"))


def test_a_reprint_shows_the_signers_and_logos_it_was_issued_with(store, tmp_path):
    src = tmp_path / "undp.png"
    Image.new("RGB", (200, 100), (30, 80, 160)).save(src)
    _settings(store, "Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы", certificates.import_logo(store, src))
    first = _training(store, "Мамыржанова Гүлүмкан", "Негиздер")
    documents.certificates_pdf(store, first, tmp_path / "first.pdf", lang="ky")
    assert "Өмүрбек Түлөгөнов" in _text(tmp_path / "first.pdf") and _images(tmp_path / "first.pdf") == 1
    # A new head of the ayil okmotu, no logo any more.
    _settings(store, "Асанов Бакыт", "Айыл өкмөтүнүн жаңы башчысы")
    documents.certificates_pdf(store, first, tmp_path / "reprint.pdf", lang="en")
    reprint = _text(tmp_path / "reprint.pdf")
    assert "Өмүрбек Түлөгөнов" in reprint and "Head of the aiyl okmotu" in reprint and "Асанов" not in reprint
    assert _images(tmp_path / "reprint.pdf") == 1
    second = _training(store, "Ысмайылов Чыңгыз", "Экинчи окуу")
    documents.certificates_pdf(store, second, tmp_path / "second.pdf", lang="ky")
    text = _text(tmp_path / "second.pdf")
    assert "Асанов Бакыт" in text and "Өмүрбек" not in text and _images(tmp_path / "second.pdf") == 0


def test_the_look_travels_with_the_certificate_to_headquarters(store, hq_store, tmp_path):
    _settings(store, "Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы")
    tid = _training(store, "Мамыржанова Гүлүмкан", "Негиздер")
    documents.certificates_pdf(store, tid, tmp_path / "office.pdf", lang="ky")
    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path / "hq.strivekey"))
    for r in export.export(store):
        importer.import_file(hq_store, r.path)
    keys.accept_installation(hq_store, installation.get_installation(store).id)
    assert importer.apply_waiting(hq_store)[0].status == "applied"
    _settings(hq_store, "Айдай Жумабекова", "Башкы кеңсенин координатору")
    documents.certificates_pdf(hq_store, tid, tmp_path / "hq.pdf", lang="ky")
    text = _text(tmp_path / "hq.pdf")
    assert "Өмүрбек Түлөгөнов" in text and "Айдай" not in text
