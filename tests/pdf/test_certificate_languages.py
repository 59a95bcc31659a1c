"""Each language's certificate is in that language throughout: the signers' titles and the extra
line under the programme name are chosen per language; the only other text is the names and the
training title as typed (where no translation exists)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pdfplumber

from strive_desktop.pdf import documents
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
NAME = "Жээнбеков-Сооронбаев Нурбек-Алы Токтогулбек уулу"
TITLE = "Жергиликтүү өз алдынча башкаруу органдарынын ролу"
CYRILLIC = re.compile("[\u0400-\u04ff]")
KYRGYZ_ONLY = re.compile("[ңөүҢӨҮ]")


def _training(store: Store) -> str:
    pid = rosters.add_person(store, rosters.PersonInput(full_name=NAME, sex="m", sector="youth",
                                                        community_id=NOOKAT, birth_year=1990)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="lsg_roles", title=TITLE,
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    return tid


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join((pdf.pages[0].extract_text() or "").split())


def _settings(**kw: str) -> certificates.CertificateSettings:
    return certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы", kw.get("ru", ""), kw.get("en", "")),
         certificates.Signatory()),
        issuer="Коомдук фонд «Ынтымак»", issuer_ru=kw.get("issuer_ru", ""), issuer_en=kw.get("issuer_en", ""))


def test_titles_and_the_extra_line_are_printed_in_each_certificates_language(store, tmp_path):
    tid = _training(store)
    certificates.save_certificate_settings(store, _settings(ru="Глава айыл окмоту", en="Head of the aiyl okmotu",
                                                            issuer_ru="Общественный фонд «Ынтымак»",
                                                            issuer_en="Public Foundation Yntymak"))
    texts = {}
    for lang in ("en", "ru", "ky", "bilingual"):
        out = tmp_path / f"{lang}.pdf"
        documents.certificates_pdf(store, tid, out, lang=lang)
        texts[lang] = _text(out)
    en = texts["en"]
    assert "Head of the aiyl okmotu" in en and "Public Foundation Yntymak" in en
    # nothing Cyrillic on the English certificate but the person's name and the training title as typed
    rest = en
    for part in NAME.split() + TITLE.split() + ["Өмүрбек", "Түлөгөнов"]:  # the names and the typed title
        rest = rest.replace(part, "")
    assert not CYRILLIC.search(rest), CYRILLIC.findall(rest)
    ru = texts["ru"]
    assert "Глава айыл окмоту" in ru and "Общественный фонд «Ынтымак»" in ru
    assert "Айыл өкмөтүнүн башчысы" not in ru and "Коомдук фонд" not in ru
    rest = ru
    for part in NAME.split() + TITLE.split() + ["Өмүрбек", "Түлөгөнов"]:
        rest = rest.replace(part, "")
    assert not KYRGYZ_ONLY.search(rest), KYRGYZ_ONLY.findall(rest)
    ky = texts["ky"]
    assert "Айыл өкмөтүнүн башчысы" in ky and "Коомдук фонд «Ынтымак»" in ky
    assert "Глава" not in ky and "Head of" not in ky and "Public Foundation" not in ky
    bi = texts["bilingual"]
    assert "Айыл өкмөтүнүн башчысы / Глава айыл окмоту" in bi and "Head of" not in bi


def test_without_translations_the_typed_text_never_puts_cyrillic_on_the_english_certificate(store, tmp_path):
    tid = _training(store)
    certificates.save_certificate_settings(store, _settings())
    assert certificates.get_certificate_settings(store) == _settings()
    documents.certificates_pdf(store, tid, tmp_path / "en.pdf", lang="en")
    documents.certificates_pdf(store, tid, tmp_path / "ru.pdf", lang="ru")
    en, ru = _text(tmp_path / "en.pdf"), _text(tmp_path / "ru.pdf")
    assert "Өмүрбек Түлөгөнов" in en  # a name is a name
    assert "Айыл өкмөтүнүн башчысы" not in en and "Ынтымак" not in en
    # Russian and Kyrgyz readers share the typed text until a Russian version is given
    assert "Айыл өкмөтүнүн башчысы" in ru and "Коомдук фонд «Ынтымак»" in ru
