"""The words on the PDFs come from the one catalog of texts (resources/translations, context
"pdf"): every word the code prints has a finished Kyrgyz and Russian translation, the compiled
catalog is the one the .ts files describe, and a document in Kyrgyz shows the Kyrgyz words."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pdfplumber
import pytest

from strive_desktop.pdf import documents
from strive_desktop.pdf.text import label, sex_short, t
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.seed import community_id

ROOT = Path(__file__).resolve().parents[2]
NOOKAT = community_id("nookat")


def _update_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "resources/translations/update.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PDF_WORDS: list[tuple[str, str | None]] = _update_script().pdf_strings()


def _pdf_context(lang: str) -> dict[tuple[str, str | None], ET.Element]:
    root = ET.parse(ROOT / "resources" / "translations" / f"strive_{lang}.ts").getroot()
    out: dict[tuple[str, str | None], ET.Element] = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") == "pdf":
            for m in ctx.iter("message"):
                out[(m.findtext("source") or "", m.findtext("comment"))] = m.find("translation")  # type: ignore[assignment]
    return out


def test_the_pdf_code_prints_a_hundred_or_so_catalog_words():
    words = {text for text, _ in PDF_WORDS}
    assert len(words) >= 90
    # words of every document, the two uses of "Total" told apart
    assert {"CERTIFICATE", "Attendance sheet", "Local prevention plan", "Programme summary for donors",
            "Page {x} of {y}"} <= words
    assert ("Total", "column") in PDF_WORDS and ("Total", None) in PDF_WORDS


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_pdf_word_has_a_finished_translation(lang):
    ts = _pdf_context(lang)
    missing = [w for w in PDF_WORDS if w not in ts]
    unfinished = [w for w in PDF_WORDS if w in ts and (ts[w].get("type") == "unfinished" or not (ts[w].text or "").strip())]
    lost = [w for w in PDF_WORDS if w in ts and set(re.findall(r"\{\w+\}", w[0])) != set(re.findall(r"\{\w+\}", ts[w].text or ""))]
    assert (missing, unfinished, lost) == ([], [], [])


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_compiled_catalog_gives_the_translations_of_the_ts_file(lang):
    ts = _pdf_context(lang)
    stale = [(text, t(lang, text, note), ts[(text, note)].text) for text, note in PDF_WORDS
             if t(lang, text, note) != ts[(text, note)].text]
    assert stale == []  # run resources/translations/update.py --release after editing a .ts file


def test_words_in_each_language():
    assert t("ky", "Attendance sheet") == "Катышуучуларды каттоо баракчасы"
    assert t("ru", "Attendance sheet") == "Лист регистрации участников"
    assert t("en", "Attendance sheet") == "Attendance sheet"
    assert t("ru", "Page {x} of {y}", x=2, y=5) == "Страница 2 из 5"
    assert t("ky", "Page {x} of {y}", x=2, y=5) == "5 беттин 2-бети"
    # one English word, two Russian ones: the total of a sum row and a column of people
    assert (t("ru", "Total"), t("ru", "Total", "column")) == ("Итого", "Всего")
    # statuses and sectors print the interface's words; age bands and short sexes the PDF's
    assert (label("ky", "submitted"), label("ru", "youth"), label("ky", "60+")) == \
        ("Жөнөтүлгөн", "Молодёжь", "60 жана андан улуу")
    assert [sex_short(lang, "f") for lang in ("en", "ru", "ky")] == ["F", "Ж", "А"]
    assert label("ky", "no-such-value") == "no-such-value" and t("ky", "A word nobody wrote") == "A word nobody wrote"


@pytest.fixture
def training(store) -> str:
    gid = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")
    rosters.add_person(store, rosters.PersonInput(full_name="Гүлзат Үсөнова", sex="f", sector="youth",
                                                  community_id=NOOKAT, birth_year=1990),
                       group_id=gid, joined_on=dt.date(2025, 1, 1))
    return trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))


def _text(path: Path) -> str:
    with pdfplumber.open(str(path)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_an_attendance_sheet_in_kyrgyz_shows_the_kyrgyz_words(store, training, tmp_path):
    text = _text(documents.attendance_sheet_pdf(store, training, tmp_path / "sheet-ky.pdf", lang="ky"))
    for word in ("КАТЫШУУЧУЛАРДЫ КАТТОО БАРАКЧАСЫ", "Өткөрүлгөн жери", "Аты-жөнү", "Жаштар",
                 "Тренер тизмени тастыктайт", "1 беттин 1-бети"):
        assert word in text, word
    assert "Attendance" not in text and "Full name" not in text and "Лист регистрации" not in text
    russian = _text(documents.attendance_sheet_pdf(store, training, tmp_path / "sheet-ru.pdf", lang="ru"))
    assert "ЛИСТ РЕГИСТРАЦИИ УЧАСТНИКОВ" in russian and "Молодёжь" in russian and "Страница 1 из 1" in russian
