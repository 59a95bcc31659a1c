"""Small fixes from the reviewers, printing: an attendance sheet with many sessions keeps the
names whole, by splitting the sessions over several tables with the names repeated."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.formatting import fmt_day
from strive_desktop.pdf import documents
from strive_desktop.pdf.attendance_sheet import session_blocks
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
NAMES = ["Абдыкадыров Бекболот Түлөгөнович", "Жумабаева Гүлнара Асановна", "Үсөнов Чыңгыз Өмүрбекович",
         "Ташиева Айнура Мамытовна", "Ковалёв Сергей", "Smith-Kozhomkulova Aigerim"]
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")


def _training(store, n_sessions: int) -> str:
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    for i, name in enumerate(NAMES):
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
    with_names = [p for p in pages if NAMES[0] in p]
    assert len(with_names) == 2
    for page in with_names:
        for name in NAMES:
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
