"""PDFs a trainer prints: certificates (register, serials, QR), attendance sheets, plans, donor summary."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.pdf.common import Cancelled
from strive_desktop.services import (
    certificates,
    rosters,
    trainings,
)
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


# ---- the certificate register --------------------------------------------------------------------


# ---- certificate PDFs -------------------------------------------------------------------------------


def test_one_pdf_per_person_named_by_serial_and_name(store, training, tmp_path):
    files = documents.certificates_pdf(store, training, None, lang="ru", per_person_dir=tmp_path / "each")
    assert len(files) == 4
    recs = {r.serial: r.full_name for r in certificates.list_certificates(store, training)}
    for f in files:
        serial = f.name[:len("NOO-2026-XXXXXX-0001")]
        assert recs[serial] in f.name
        (page,) = text_of(f)
        assert " ".join(recs[serial].split()) in " ".join(page.split())  # on one or two lines
        qpdf_ok(f)


def test_cancelled_batch_leaves_no_file(store, training, tmp_path):
    from strive_desktop.pdf.certificate import render_certificates

    recs = certificates.issue_certificates(store, training)
    look = documents.certificate_look(store, "en")
    out = tmp_path / "out" / "c.pdf"
    with pytest.raises(Cancelled):
        render_certificates(out, recs, look, cancelled=lambda: True)
    assert list(out.parent.iterdir()) == []


def test_nobody_completed_is_a_clear_message(store, tmp_path):
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="other", title="Empty", sessions=[trainings.SessionInput(SESSIONS[0], 2)]))
    with pytest.raises(UserError, match="Nobody completed"):
        documents.certificates_pdf(store, tid, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# ---- attendance sheet -----------------------------------------------------------------------------


# ---- local plan -------------------------------------------------------------------------------------


# ---- donor summary ----------------------------------------------------------------------------------


# ---- command line -------------------------------------------------------------------------------------
