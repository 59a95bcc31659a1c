"""The signers, extra lines and logos printed on a certificate are kept with its register entry:
a reprint matches the original, later settings apply to new certificates only, and the look
travels with the certificate to headquarters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pikepdf
from PIL import Image

from strive_desktop.pdf import documents
from strive_desktop.services import certificates, installation, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

NOOKAT = community_id("nookat")


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
