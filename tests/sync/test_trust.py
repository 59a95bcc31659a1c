"""Headquarters sends every office its signed list of accepted keys and revoked certificates:
a certificate printed at one office verifies at another after a round trip through
headquarters, a revoked one fails there with its reason, and a tampered list is refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from strive_desktop import cli
from strive_desktop.catalog import translator
from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.services import certificate_signing as signing
from strive_desktop.services import certificates, trainings
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, importer, keys, trust

from ..conftest import KOCHKOR, NOOKAT, link, person, ship


def _certificates(store: Store, tmp_path) -> list[certificates.CertificateRecord]:  # type: ignore[no-untyped-def]
    ids = [person(store, n, NOOKAT, birth_year=1990) for n in ("Мамыржанова Гүлүмкан Өмүрбек кызы", "Ысмайылов Чыңгыз")]
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="lsg_roles", title="Жергиликтүү өз алдынча башкаруу",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0), trainings.SessionInput(dt.date(2026, 3, 11), 3.5)]))
    info = trainings.get_training(store, tid)
    trainings.record_bulk(store, [(s.id, p, True) for s in info.sessions for p in ids])
    documents.certificates_pdf(store, tid, tmp_path / "c.pdf", lang="en")
    return signing.sign_records(store, certificates.list_certificates(store, tid))


def _returns(hq: Store, office: Store) -> list[importer.ImportResult]:
    """Headquarters' return packages; the one for *office* is imported there."""
    name = keys.load_identity(office).name
    return [importer.import_file(office, r.path) for r in export.export_returns(hq) if r.recipient == name]


def _printed(rec: certificates.CertificateRecord) -> signing.PrintedFacts:
    """The facts as a person at another office reads them off the paper."""
    return signing.PrintedFacts(rec.full_name, f"«{rec.training_title}»", rec.start, rec.end, rec.hours_attended,
                                rec.hours_total, rec.community.name("ru"), rec.issued_on)


@pytest.fixture
def three(store: Store, hq_store: Store, kochkor_store: Store, tmp_path) -> tuple[Store, Store, Store]:  # type: ignore[no-untyped-def]
    link(store, hq_store, tmp_path)
    link(kochkor_store, hq_store, tmp_path)
    return store, hq_store, kochkor_store


def test_a_certificate_of_another_office_verifies_after_a_round_trip_and_a_revoked_one_fails(three, tmp_path):
    nookat, hq, kochkor = three
    recs = _certificates(nookat, tmp_path)
    qr = [r.qr_text for r in recs]
    # Before headquarters' list arrives, Kochkor does not know Nookat's key.
    with pytest.raises(UserError, match="does not know yet"):
        signing.verify_qr(kochkor, qr[0], _printed(recs[0]))
    ship(nookat, hq)
    assert all(r.status == "applied" for r in _returns(hq, kochkor))
    names = {p.name for p in keys.list_peers(kochkor)}
    assert "Nookat office" in names
    # Kochkor has no Nookat register: the facts are read off the paper, the signature is checked.
    with pytest.raises(UserError, match="not in this installation's register"):
        signing.verify_qr(kochkor, qr[0])
    v = signing.verify_qr(kochkor, qr[0], _printed(recs[0]))
    assert v.signed_by == "Nookat office" and recs[0].full_name in v.facts
    # A fact read wrongly (or changed on the paper) does not verify.
    wrong = signing.PrintedFacts(**{**_printed(recs[0]).__dict__, "hours_attended": 8.0})
    with pytest.raises(UserError, match="does not match the facts given"):
        signing.verify_qr(kochkor, qr[0], wrong)
    # Nookat revokes the second certificate; the revocation reaches Kochkor through headquarters.
    certificates.revoke(nookat, recs[1].serial, "Printed with a wrong name")
    assert signing.verify_qr(kochkor, qr[1], _printed(recs[1])).record.serial == recs[1].serial
    ship(nookat, hq)
    assert _returns(hq, kochkor)[0].status == "applied"
    with pytest.raises(UserError, match="was revoked: Printed with a wrong name"):
        signing.verify_qr(kochkor, qr[1], _printed(recs[1]))
    with pytest.raises(UserError, match="was revoked: Printed with a wrong name"):
        signing.verify_qr(kochkor, qr[1])  # even without the facts
    assert signing.verify_qr(kochkor, qr[0], _printed(recs[0])).signed_by == "Nookat office"
    # From the command line, with the facts as printed.
    r = recs[0]
    folder = str(kochkor.folder.root)
    kochkor.close()
    args = ["--data-dir", folder, "verify-certificate", "--qr", qr[0], "--name", r.full_name,
            "--title", r.training_title, "--first-day", "2026-03-10", "--last-day", "2026-03-11",
            "--hours", "7.5", "--total-hours", "7.5", "--community", "Ноокат", "--issued", r.issued_on.isoformat()]
    assert cli.main(args) == 0
    assert cli.main([*args[:-1], "2020-01-01"]) == 1


def test_a_new_office_key_and_a_revocation_make_headquarters_write_a_package(three, tmp_path):
    nookat, hq, kochkor = three
    _returns(hq, kochkor)
    _returns(hq, nookat)
    assert export.export_returns(hq) == []  # nothing new: no package
    recs = _certificates(nookat, tmp_path)
    ship(nookat, hq)
    # Nookat gets its receipt; Kochkor nothing: certificates are not keys, its list did not change
    assert [r.recipient for r in export.export_returns(hq)] == ["Nookat office"]
    certificates.revoke(nookat, recs[0].serial, "Duplicate")
    ship(nookat, hq)
    assert [r.status for r in _returns(hq, kochkor)] == ["applied"]
    assert signing.revoked_by_hq(kochkor) == {recs[0].serial: "Duplicate"}


def test_a_tampered_key_list_is_refused_and_changes_nothing(three, tmp_path, monkeypatch):
    nookat, hq, kochkor = three
    real = trust.sign_list

    def tampered(me, doc):  # type: ignore[no-untyped-def]
        signed = json.loads(real(me, doc))
        # someone slips a key of their own into the signed list on the way
        forged = keys.load_identity(kochkor)
        signed["list"]["installations"].append({"id": "f" * 36, "name": "Forged", "community_id": KOCHKOR,
                                                "sign_pub": keys.b64(forged.sign_pub),
                                                "box_pub": keys.b64(forged.box_pub)})
        return json.dumps(signed).encode()

    monkeypatch.setattr(trust, "sign_list", tampered)
    monkeypatch.setattr(export, "sign_trust_list", tampered)
    peers_before = {p.installation_id for p in keys.list_peers(kochkor)}
    [res] = _returns(hq, kochkor)
    assert res.status == "rejected" and "not signed by headquarters" in res.message
    assert res.summary().render(translator("ru")).endswith(
        "отклонён, ничего из него не применено: список принятых ключей не подписан головным офисом.")
    assert res.summary().render(translator("ky")).endswith(
        "кабыл алынган жок, андан эч нерсе колдонулган жок: кабыл алынган ачкычтардын тизмесине башкы кеңсе кол "
        "койгон эмес.")
    assert {p.installation_id for p in keys.list_peers(kochkor)} == peers_before
    # A list signed by another key than headquarters' is refused too.
    me = keys.load_identity(nookat)
    doc = trust.build_list  # the real builder, signed by the wrong installation
    with kochkor.uow() as s:
        conn = s.connection()
        raw = real(me, doc(conn, keys.load_identity(hq), {}))
        with pytest.raises(trust.TrustListRefused, match="not signed by headquarters"):
            trust.apply_list(conn, keys.load_identity(kochkor), raw)
