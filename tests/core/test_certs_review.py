"""Review 3: a revoked certificate can be replaced by a new one with a new serial (the old serial
still verifies as revoked), and verify-certificate answers in the interface language."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop import cli
from strive_desktop.errors import NotFound, UserError
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def training(store) -> str:  # type: ignore[no-untyped-def]
    gid = rosters.create_group(store, NOOKAT, "Топ")
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4), trainings.SessionInput(dt.date(2026, 5, 5), 4)]))
    sessions = trainings.get_training(store, tid).sessions
    for name in ("Өмүрбек Түлөгөнов", "Айнура Ңу"):
        pid = rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="youth",
                                                            community_id=NOOKAT, birth_year=1990),
                                 group_id=gid, allow_duplicate=True).person_id
        for sess in sessions:
            trainings.record_attendance(store, sess.id, pid, True)
    return tid


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


def _verify_cli(data_dir, capsys, *args):  # type: ignore[no-untyped-def]
    code = cli.main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


@pytest.mark.parametrize("lang, community", [("ru", "Ноокат"), ("en", "Nookat")])
def test_verify_certificate_names_the_community_in_the_interface_language(
        store, training, data_dir, capsys, lang, community):  # type: ignore[no-untyped-def]
    rec = certificates.issue_certificates(store, training)[0]
    store.close()
    code, out, _ = _verify_cli(data_dir, capsys, "--lang", lang, "verify-certificate", rec.serial,
                               rec.verification_code)
    assert code == 0
    assert rec.serial in out and rec.full_name in out and community in out


def test_verify_certificate_success_line_goes_through_the_translator(
        store, training, data_dir, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    rec = certificates.issue_certificates(store, training)[0]
    store.close()
    asked: list[str] = []

    def fake_translator(lang, _data_dir):  # type: ignore[no-untyped-def]
        asked.append(lang)
        return lambda _ctx, text: ("ЖАРАКТУУ " + text) if text.startswith("Certificate {serial} is genuine") \
            else text

    monkeypatch.setattr(cli, "message_translator", fake_translator)
    code, out, _ = _verify_cli(data_dir, capsys, "--lang", "ky", "verify-certificate", rec.serial,
                               rec.verification_code)
    assert code == 0 and asked[0] == "ky"
    assert out.startswith("ЖАРАКТУУ Certificate " + rec.serial) and "Ноокат" in out


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
