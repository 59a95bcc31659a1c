"""A training's title in Russian and English: a certificate or an attendance sheet in that
language prints it (the title as typed where none is given), and a certificate printed in
Russian still verifies from its QR code (the signature covers the title printed)."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from strive_desktop.pdf import documents
from strive_desktop.services import certificate_signing, certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KY = "Зордук-зомбулук экстремизминин негиздери"
RU = "Основы профилактики насильственного экстремизма для консультативной группы айыл окмоту и молодёжи"
EN = "Basics of preventing violent extremism"


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return " ".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\u00a0", " ")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _training(store, ru: str = RU, en: str = EN) -> str:  # type: ignore[no-untyped-def]
    pid = rosters.add_person(store, rosters.PersonInput(full_name="Абдырахманова-Жумабекова Мээримгүл кызы",
                                                        sex="f", sector="youth", community_id=NOOKAT)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title=KY, title_ru=ru, title_en=en,
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    return tid


def test_a_certificate_in_russian_shows_the_russian_title_and_verifies(store, tmp_path):
    tid = _training(store)
    info = trainings.get_training(store, tid)
    assert (info.title_ru, info.title_en) == (RU, EN)
    for lang in ("ru", "ky", "en", "bilingual"):
        documents.certificates_pdf(store, tid, tmp_path / f"c-{lang}.pdf", lang=lang)
    ru, ky, en = (_flat(_text(tmp_path / f"c-{x}.pdf")) for x in ("ru", "ky", "en"))
    assert "Основы профилактики" in ru and "консультативной группы" in ru and KY not in ru
    assert KY in ky and "Основы" not in ky
    assert EN in en and KY not in en
    assert KY in _flat(_text(tmp_path / "c-bilingual.pdf"))
    # the QR code of the Russian certificate verifies: its signature covers the Russian title
    (rec,) = certificates.list_certificates(store, tid)
    signed = certificate_signing.sign_records(store, [rec.in_language("ru")])[0]
    got = certificate_signing.verify_qr(store, signed.qr_text)
    assert got.record.training_title == RU
    assert certificate_signing.verify_qr(store, certificate_signing.sign_records(store, [rec])[0].qr_text)


def test_without_a_russian_title_the_title_as_typed_is_printed(store, tmp_path):
    tid = _training(store, ru="", en="")
    documents.certificates_pdf(store, tid, tmp_path / "c.pdf", lang="ru")
    assert KY in _flat(_text(tmp_path / "c.pdf"))


def test_the_attendance_sheet_in_russian_has_the_russian_title(store, tmp_path):
    tid = _training(store)
    documents.attendance_sheet_pdf(store, tid, tmp_path / "a-ru.pdf", lang="ru")
    documents.attendance_sheet_pdf(store, tid, tmp_path / "a-ky.pdf", lang="ky")
    assert "Основы профилактики" in _flat(_text(tmp_path / "a-ru.pdf"))
    assert KY in _flat(_text(tmp_path / "a-ky.pdf")) and "Основы" not in _text(tmp_path / "a-ky.pdf")
