"""Headquarters' certificate settings for a community reach its office in the next return
package: the office prints with them, the Sync page says so, a package that says the same
again leaves the office's own later changes alone, and a damaged document refuses the package."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PIL import Image
from pypdf import PdfReader

from strive_desktop.catalog import translator
from strive_desktop.pdf import documents
from strive_desktop.services import branding, certificates, trainings
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, importer, keys, settings_doc

from ..conftest import KOCHKOR, NOOKAT, link, person

Sig = certificates.Signatory


def _returns(hq: Store, office: Store) -> list[importer.ImportResult]:
    name = keys.load_identity(office).name
    return [importer.import_file(office, r.path) for r in export.export_returns(hq) if r.recipient == name]


def _kochkor_settings(hq: Store, tmp_path, name: str = "Бакыт Асанов") -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "undp.png"
    Image.new("RGB", (240, 100), (0, 104, 178)).save(src)
    logo = certificates.import_logo(hq, src)
    certificates.save_certificate_settings(hq, certificates.CertificateSettings(
        (Sig(name, "Кочкор айыл өкмөтүнүн башчысы", "Глава Кочкорского айыл окмоту", "Head of Kochkor ayil okmotu"),
         Sig()), logo_centre=logo), community_id=KOCHKOR)


@pytest.fixture
def offices(store: Store, hq_store: Store, kochkor_store: Store, tmp_path) -> tuple[Store, Store, Store]:  # type: ignore[no-untyped-def]
    link(store, hq_store, tmp_path)
    link(kochkor_store, hq_store, tmp_path)
    _returns(hq_store, store), _returns(hq_store, kochkor_store)  # what linking queued
    return store, hq_store, kochkor_store


def test_the_kochkor_office_receives_its_settings_by_a_return_package_and_prints_with_them(offices, tmp_path):
    nookat, hq, kochkor = offices
    before_nookat = certificates.get_certificate_settings(nookat)
    _kochkor_settings(hq, tmp_path)
    results = _returns(hq, kochkor)
    assert [r.settings_received for r in results] == [True]
    assert results[0].summary().render().endswith(" set aside, 0 waiting for their parent records. "
                                                   "Certificate settings received from headquarters.")
    assert results[0].summary().render(translator("ky")).endswith(
        " негизги жазууларын күтүүдө 0. Башкы кеңседен сертификаттардын жөндөөлөрү алынды.")
    mine = certificates.get_certificate_settings(kochkor)
    assert mine.signatories[0].name == "Бакыт Асанов"
    with (kochkor.folder.root / "logos" / mine.logo_centre).open("rb") as f:
        assert not f.read().startswith(b"\x89PNG")  # sealed at rest like every logo
    got = branding.set_by_headquarters(kochkor)
    assert got is not None and not got.changed_here
    # Nookat keeps the default (nothing set for it): no settings in its package
    assert not _returns(hq, nookat) and certificates.get_certificate_settings(nookat) == before_nookat
    # the office prints with them
    pid = person(kochkor, "Жамила Сапарова", KOCHKOR)
    tid = trainings.create_training(kochkor, trainings.TrainingInput(
        community_id=KOCHKOR, phase="basics_ve", title="Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(kochkor, [(trainings.get_training(kochkor, tid).sessions[0].id, pid, True)])
    documents.certificates_pdf(kochkor, tid, tmp_path / "k.pdf", lang="ru")
    text = PdfReader(str(tmp_path / "k.pdf")).pages[0].extract_text()
    assert "Бакыт Асанов" in text and "Глава Кочкорского айыл окмоту" in text


def test_the_office_may_change_them_until_headquarters_changes_them_again(offices, tmp_path):
    _nookat, hq, kochkor = offices
    _kochkor_settings(hq, tmp_path)
    _returns(hq, kochkor)
    own = certificates.get_certificate_settings(kochkor)
    certificates.save_certificate_settings(kochkor, certificates.CertificateSettings(
        (Sig("Чолпон Абдиева", "Орун басар"), Sig()), own.logo_left, own.logo_right, "", own.logo_centre))
    got = branding.set_by_headquarters(kochkor)
    assert got is not None and got.changed_here
    # a package with the same settings (a full one, say) leaves the office's change alone
    res = [importer.import_file(kochkor, r.path) for r in export.export_returns(hq, full=True)
           if r.recipient == keys.load_identity(kochkor).name]
    assert res and not res[0].settings_received
    assert certificates.get_certificate_settings(kochkor).signatories[0].name == "Чолпон Абдиева"
    # headquarters changes them: they replace the office's again
    _kochkor_settings(hq, tmp_path, name="Эрлан Жумабеков")
    assert [r.settings_received for r in _returns(hq, kochkor)] == [True]
    assert certificates.get_certificate_settings(kochkor).signatories[0].name == "Эрлан Жумабеков"


def test_a_package_with_damaged_settings_is_refused_and_changes_nothing(offices, tmp_path, monkeypatch):
    _nookat, hq, kochkor = offices
    _kochkor_settings(hq, tmp_path)
    before = certificates.get_certificate_settings(kochkor)
    real = settings_doc.for_office

    def damaged(store, cid):  # type: ignore[no-untyped-def]
        found = real(store, cid)
        if found is None:  # Nookat: nothing to send
            return None
        raw, digest = found
        doc = json.loads(raw)
        doc["logos"]["logo_centre"]["data"] = "bm90IGFuIGltYWdl"  # "not an image"
        return json.dumps(doc).encode(), digest

    monkeypatch.setattr(settings_doc, "for_office", damaged)
    [res] = _returns(hq, kochkor)
    assert res.status == "rejected" and "certificate settings from headquarters are not readable" in res.message
    assert res.summary().render(translator("ru")).endswith(
        "отклонён, ничего из него не применено: настройки сертификатов от головного офиса не читаются.")
    assert res.summary().render(translator("ky")).endswith(
        "кабыл алынган жок, андан эч нерсе колдонулган жок: башкы кеңседен келген сертификаттардын жөндөөлөрү "
        "окулбайт.")
    assert not res.settings_received
    assert certificates.get_certificate_settings(kochkor) == before


def test_settings_for_another_community_are_refused(offices):
    nookat, hq, _kochkor = offices
    doc = json.dumps(branding.community_settings(hq, KOCHKOR)).encode()
    with pytest.raises(settings_doc.SettingsRefused, match="another community"):
        settings_doc.read(doc, NOOKAT)
