"""Tests of attendance_sheet."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.formatting import fmt_date, fmt_day
from strive_desktop.pdf import documents
from strive_desktop.pdf.attendance_sheet import session_blocks
from strive_desktop.pdf.text import t
from strive_desktop.services import (
    rosters,
    trainings,
)
from strive_desktop.storage.seed import community_id

from .conftest import LONG, NAMES, qpdf_ok, text_of  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


def test_attendance_sheet_rows_signature_columns_and_header_on_every_page(store, training, tmp_path):
    out = tmp_path / "a.pdf"
    documents.attendance_sheet_pdf(store, training, out, lang="en", blank_rows=60)
    pages = text_of(out)
    assert len(pages) >= 2
    for i, page in enumerate(pages, 1):
        assert "Зордук-зомбулук экстремизминин негиздери" in page
        assert "Ноокат, айыл өкмөтүнүн залы" in page
        assert "Икбалжан Мирсайитов" in page
        assert f"Page {i} of {len(pages)}" in page
        # one column per session, header repeated; the trainer's sign-off under the last page's list
        assert page.count("Signature") == 3 + (i == len(pages))
    first = pages[0]
    for name in NAMES:
        if name != LONG:
            assert name in first
    assert "Aksakal court" in first and "Youth" in first
    assert fmt_date(dt.date(2026, 3, 10), "en") in first and fmt_date(dt.date(2026, 3, 12), "en") in first
    qpdf_ok(out)


def test_attendance_sheet_in_kyrgyz_with_many_sessions_goes_landscape(store, tmp_path, training):
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо",
        sessions=[trainings.SessionInput(dt.date(2026, 4, d), 3) for d in range(1, 7)]))
    out = tmp_path / "a.pdf"
    documents.attendance_sheet_pdf(store, tid, out, lang="ky")
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = reader.pages[0].extract_text()
    assert "Катышуучуларды каттоо баракчасы".upper() in text
    assert text.count("Колу") == 6
    assert "Өмүрбек Түлөгөнов" in text and "Айнура Ңу" in text
    qpdf_ok(out)


LONG_NAMES = ["Абдыкадыров Бекболот Түлөгөнович", "Жумабаева Гүлнара Асановна", "Үсөнов Чыңгыз Өмүрбекович",
         "Ташиева Айнура Мамытовна", "Ковалёв Сергей", "Smith-Kozhomkulova Aigerim"]
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")


def _training(store, n_sessions: int) -> str:
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    for i, name in enumerate(LONG_NAMES):
        rosters.add_person(store, rosters.PersonInput(name, "f" if i % 2 else "m", "youth", NOOKAT, 1980 + i),
                           group_id=gid)
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Жаңжалдарды талдоо", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2) + dt.timedelta(days=d), 1.5 if d % 3 else 6)
                  for d in range(n_sessions)]))


def _pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return out.split("\f")[:-1]


@needs_pdftotext
@pytest.mark.parametrize("lang", ["ky", "en"])
def test_fourteen_sessions_keep_every_name_whole_and_every_session(store, tmp_path, lang):
    tid = _training(store, 14)
    out = documents.attendance_sheet_pdf(store, tid, tmp_path / f"sheet-{lang}.pdf", lang=lang)
    pages = _pages(out)
    text = "\n".join(pages)
    sessions = trainings.get_training(store, tid).sessions
    for s in sessions:  # each session has its signature column, with its date and hours
        assert f"{fmt_day(s.date, lang)}," in text
    assert len(PdfReader(str(out)).pages) == len(pages)
    # Two tables of seven sessions, each with the names (whole, on one line) in front.
    with_names = [p for p in pages if LONG_NAMES[0] in p]
    assert len(with_names) == 2
    for page in with_names:
        for name in LONG_NAMES:
            assert name in page, name
        assert sum(f"{fmt_day(s.date, lang)}," in page for s in sessions) == 7
    first, second = with_names
    assert "1–7" in first and "8–14" in second  # which sessions each table has


def test_few_sessions_stay_on_one_table_many_are_split_evenly():
    landscape = 841.89 - 60
    assert session_blocks(4, landscape) == [(0, 4)]
    assert session_blocks(8, landscape) == [(0, 8)]
    assert session_blocks(14, landscape) == [(0, 7), (7, 14)]
    assert session_blocks(20, landscape) == [(0, 7), (7, 14), (14, 20)]


LANGS = ("en", "ru", "ky")


@pytest.fixture
def headed_training(store) -> str:
    gid = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")
    people = [("Өмүрбек Түлөгөнов", "m", "aksakal_court"), ("Айнура Ңу", "f", "youth"),
              ("Гүлзат Үсөнова", "f", "local_self_government"), ("Ковалёв Сергей", "m", "law_enforcement")]
    for name, sex, sector in people:
        rosters.add_person(store, rosters.PersonInput(full_name=name, sex=sex, sector=sector,
                                                      community_id=NOOKAT, birth_year=1980),
                           group_id=gid, joined_on=dt.date(2025, 1, 1), allow_duplicate=True)
    return trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10 + i), 4.0) for i in range(3)]))


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _whole(word: str, text: str) -> bool:
    """*word* appears in *text* with nothing of a word glued to either side."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _broken(labels: list[str], text: str) -> list[str]:
    return [w for label in labels for w in label.split() if not _whole(w, text)]


@pytest.mark.parametrize("lang", LANGS)
def test_attendance_sheet_headers_are_whole_words(store, headed_training, tmp_path, lang):
    out = documents.attendance_sheet_pdf(store, headed_training, tmp_path / f"sheet-{lang}.pdf", lang=lang)
    text = _text(out)
    labels = [t(lang, k) for k in ("No.", "Full name", "Sector", "Sex", "Signature")]
    assert _broken(labels, text) == []
    # a session's hours keep their unit on the same line: "4 саат", not "4" / "саат"
    assert re.search(rf"(?<!\w)4[ \u00a0]{re.escape(t(lang, 'h'))}(?!\w)", text)
