"""Shared by the PDF tests: a Nookat training with five people (one with the longest name form),
three sessions and their attendance, and readers of the PDFs written."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.services import rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")

NAMES = {
    # name: (sex, sector, birth year, sessions attended out of 3)
    "Өмүрбек Түлөгөнов": ("m", "aksakal_court", 1955, 3),
    "Айнура Ңу": ("f", "youth", 2003, 3),
    "Гүлзат Үсөнова": ("f", "women", 1990, 2),  # 8 of 12 hours: below the 80 % rule
    "Ковалёв Сергей": ("m", "law_enforcement", 1980, 3),
    "Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан": ("f", "lsg", 1975, 3),
}
LONG = "Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан"
SESSIONS = [dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 3, 12)]


def _sector(s: str) -> str:
    return "local_self_government" if s == "lsg" else s


@pytest.fixture
def training(store) -> str:
    gid = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")
    ids = {}
    for name, (sex, sector, year, _n) in NAMES.items():
        res = rosters.add_person(store, rosters.PersonInput(full_name=name, sex=sex, sector=_sector(sector),
                                                            community_id=NOOKAT, birth_year=year),
                                 group_id=gid, joined_on=dt.date(2025, 1, 1), allow_duplicate=True)
        ids[name] = res.person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Зордук-зомбулук экстремизминин негиздери",
        venue="Ноокат, айыл өкмөтүнүн залы", trainers="Икбалжан Мирсайитов",
        sessions=[trainings.SessionInput(d, 4.0) for d in SESSIONS]))
    info = trainings.get_training(store, tid)
    rows = [(sess.id, ids[name], i < n) for name, (*_, n) in NAMES.items() for i, sess in enumerate(info.sessions)]
    trainings.record_bulk(store, rows)
    return tid


def text_of(path: Path) -> list[str]:
    """The text of each page (no-break spaces as plain spaces)."""
    return [page.extract_text().replace("\u00a0", " ") for page in PdfReader(str(path)).pages]


def qpdf_ok(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    res = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
