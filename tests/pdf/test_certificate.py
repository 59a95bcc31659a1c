"""Tests of certificate."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.pdf.common import fit_lines
from strive_desktop.pdf.fonts import BOLD
from strive_desktop.services import (
    certificate_signing,
    certificates,
    rosters,
    trainings,
)
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

from .conftest import LONG, qpdf_ok, text_of  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


def fonts_embedded(path: Path) -> set[str]:
    """Names of the fonts in the PDF that carry an embedded font program."""
    out = set()
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for desc_font in font.get("/DescendantFonts", [font]):
                desc = desc_font.get_object().get("/FontDescriptor")
                if desc is not None and "/FontFile2" in desc.get_object():
                    out.add(str(font["/BaseFont"]))
    return out


@pytest.mark.parametrize("lang", ["ky", "ru", "en", "bilingual"])
def test_certificate_pdf_has_the_names_as_real_text_one_page_each(store, training, tmp_path, lang):
    out = tmp_path / f"c-{lang}.pdf"
    documents.certificates_pdf(store, training, out, lang=lang)
    pages = text_of(out)
    assert len(pages) == 4
    text = "\n".join(pages)
    for name in ("Өмүрбек Түлөгөнов", "Айнура Ңу", "Ковалёв Сергей"):
        assert name in text
    assert "Гүлзат Үсөнова" not in text
    assert "Зордук-зомбулук экстремизминин негиздери" in text
    word = {"ky": "Катышкан сааттар", "ru": "Посещено часов", "en": "Hours attended",
            "bilingual": "Катышкан сааттар / Посещено часов"}[lang]
    assert word in text
    assert "12 " in text
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= {f.split("+")[-1] for f in fonts_embedded(out)}
    qpdf_ok(out)


def test_long_name_shrinks_or_wraps_but_stays_inside_the_page(store, training, tmp_path):
    width = 841.89 - 2 * 90
    size, lines = fit_lines(LONG, BOLD, 32, 14, width, max_lines=2)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert size < 32 and all(stringWidth(x, BOLD, size) <= width for x in lines)
    assert " ".join(lines) == LONG
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="en")
    text = " ".join(" ".join(text_of(out)).split())
    assert LONG in text


def test_signatories_from_settings_are_printed(store, training, tmp_path):
    cfg = certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"),
         certificates.Signatory("Айнура Ңу", "Программа координатору")))
    certificates.save_certificate_settings(store, cfg)
    assert certificates.get_certificate_settings(store) == cfg
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="ky")
    assert "Айыл өкмөтүнүн башчысы" in text_of(out)[0]
    assert "Программа координатору" in text_of(out)[0]


def test_logo_is_copied_into_the_data_folder_and_drawn(store, training, tmp_path):
    from PIL import Image

    src = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), (30, 80, 160)).save(src)
    name = certificates.import_logo(store, src)
    certificates.save_certificate_settings(store, certificates.CertificateSettings(logo_left=name))
    src.unlink()  # the copy in the data folder is what prints
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="en")
    page = PdfReader(str(out)).pages[0]
    xobjects = page["/Resources"].get_object().get("/XObject", {})
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    bad = tmp_path / "not-an-image.png"
    bad.write_text("hello")
    with pytest.raises(UserError, match="not an image"):
        certificates.import_logo(store, bad)


def test_qr_code_on_the_printed_certificate_reads_back(store, training, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    import zxingcpp
    from PIL import Image

    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="bilingual")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True)
    img = Image.open(next(tmp_path.glob("page*.png")))
    codes = zxingcpp.read_barcodes(img)
    assert len(codes) == 1
    rec = certificates.list_certificates(store, training)[0]
    scheme, serial, _signature = codes[0].text.split(":")  # serial and signature only
    assert (scheme, serial) == ("SC2", rec.serial)
    assert certificate_signing.verify_qr(store, codes[0].text).record.serial == rec.serial


def test_every_qr_code_of_a_batch_reads_back_at_100_dpi(store, training, tmp_path):
    """Each page's code scans back to that page's certificate."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    import zxingcpp
    from PIL import Image

    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="ky")
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(out), str(tmp_path / "page")], check=True)
    recs = certificates.list_certificates(store, training)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == len(recs) == 4
    for page, rec in zip(pages, recs, strict=True):
        (code,) = zxingcpp.read_barcodes(Image.open(page))
        assert code.text.startswith(f"SC2:{rec.serial}:")
        assert certificate_signing.verify_qr(store, code.text).record.full_name == rec.full_name


def test_pieces_reused_across_a_batch_give_the_same_file_as_drawing_every_page_afresh(
        store, training, tmp_path, monkeypatch):
    """The painter replays what is the same on many pages (frame, headings, signatures, the
    training's lines); the file must be byte for byte the one drawn without that shortcut."""
    from PIL import Image
    from reportlab import rl_config

    from strive_desktop.pdf.certificate import (
        CertificateLook,
        CertificatePainter,
        render_certificates,
    )

    monkeypatch.setattr(rl_config, "invariant", 1)  # no time stamps or random ids in the file
    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), (30, 80, 160)).save(logo)
    look = CertificateLook("bilingual", (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"),
                                         certificates.Signatory("Айнура Ңу", "Программа координатору")),
                           logo_left=logo, issuer="Коомдук фонд «Ынтымак»")
    recs = certificates.issue_certificates(store, training) * 3  # 12 pages, each name three times
    # A name that needs two lines moves the lines under it: page 7 must not get page 1's rule.
    recs[6] = dataclasses.replace(recs[6], full_name=f"{LONG} {LONG}")
    reused = render_certificates(tmp_path / "reused.pdf", recs, look).read_bytes()
    monkeypatch.setattr(CertificatePainter, "max_blocks", 0)
    afresh = render_certificates(tmp_path / "afresh.pdf", recs, look).read_bytes()
    assert reused == afresh
    pages = text_of(tmp_path / "reused.pdf")
    assert len(pages) == 12
    for page, rec in zip(pages, recs, strict=True):
        for text in ("СЕРТИФИКАТ", "Коомдук фонд «Ынтымак»", rec.serial, rec.verification_code,
                     "Айыл өкмөтүнүн башчысы", "Катышкан сааттар / Посещено часов: 12"):
            assert text in " ".join(page.split()), (text, page)
        assert " ".join(rec.full_name.split()) in " ".join(page.split())


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
