"""The donor summary: ages at the training, empty trainings left out, breakdowns by sex,
certificates, plans and budgets by source, charts, logos, definitions; numbers by Babel."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from strive_desktop.pdf import documents
from strive_desktop.services import certificates, plans, reports, rosters, trainings
from strive_desktop.services.rosters import PersonInput
from strive_desktop.services.trainings import SessionInput, TrainingInput

from ..conftest import NOOKAT  # type: ignore[import-not-found]

DAYS = [dt.date(2021, 5, 10), dt.date(2021, 5, 11)]


@pytest.fixture
def year_2021(store):  # type: ignore[no-untyped-def]
    """A 2021 training: a woman born 1962 (59 then, 64 today), a man born 2004 (17 then),
    a woman born 1999; and a training the same year at which nobody was marked present."""
    ids = [rosters.add_person(store, PersonInput(n, sx, sec, NOOKAT, birth_year=y)).person_id
           for n, sx, sec, y in [("Асанова Гүлнара", "f", "women", 1962), ("Токтогулов Бакыт", "m", "youth", 2004),
                                 ("Осмонова Айжан", "f", "youth", 1999)]]
    tid = trainings.create_training(store, TrainingInput(community_id=NOOKAT, phase="basics_ve", title="Негиздер",
                                                         sessions=[SessionInput(d, 4.0) for d in DAYS]))
    s1, s2 = [x.id for x in trainings.get_training(store, tid).sessions]
    trainings.record_bulk(store, [(s, p, True) for s in (s1, s2) for p in ids[:2]] + [(s1, ids[2], True)])
    empty = trainings.create_training(store, TrainingInput(community_id=NOOKAT, phase="conflict_analysis",
                                                           title="Бош тренинг",
                                                           sessions=[SessionInput(dt.date(2021, 6, 1), 3.0)]))
    certificates.issue_certificates(store, tid, issued_on=dt.date(2021, 5, 12))
    act = plans.ActivityInput
    plans.create_plan(store, NOOKAT, plans.PlanDraft(
        "План 2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31),
        activities=[act("Тренинг", budget_project=120000, budget_local=30000, budget_other=5000),
                    act("Отменено", budget_project=99999, status="cancelled")]))
    return tid, empty


def test_ages_at_the_training_and_empty_trainings_left_out(store, year_2021):
    tid, empty = year_2021
    s = reports.donor_summary(store)  # printed "today", years after the training
    assert s.by_age["35-59"] == 1 and s.by_age["60+"] == 0  # 59 in 2021, not 64
    assert s.by_age["<18"] == 1 and s.by_age["18-24"] == 1
    assert (s.trainings, s.sessions) == (1, 2)
    assert [(e.training_id, e.title, e.sessions) for e in s.empty_trainings] == [(empty, "Бош тренинг", 1)]
    conflict = next(r for r in s.by_phase if r.phase == "conflict_analysis")
    assert (conflict.trainings, conflict.sessions) == (0, 0)


def test_sex_inside_age_sector_phase_certificates_and_plans(store, year_2021):
    s = reports.donor_summary(store, dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert s.by_age_sex["35-59"] == {"f": 1, "m": 0} and s.by_age_sex["<18"] == {"f": 0, "m": 1}
    assert s.by_sector_sex["youth"] == {"f": 1, "m": 1}
    basics = next(r for r in s.by_phase if r.phase == "basics_ve")
    assert (basics.women, basics.men, basics.completed) == (2, 1, 2)
    assert (s.certificates, s.certificates_women) == (2, 1)
    draft = next(r for r in s.plans if r.status == "draft")
    assert (draft.plans, draft.activities, draft.budget_project, draft.budget_local, draft.budget_other) == (
        1, 1, 120000, 30000, 5000)
    later = reports.donor_summary(store, dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert later.certificates == 0 and sum(r.plans for r in later.plans) == 0


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_pdf_has_the_new_sections_in_russian_with_babel_numbers(store, year_2021, tmp_path):
    logos = store.folder.root / "logos"
    logos.mkdir()
    shutil.copy(__file__.replace("test_summary_report.py", "") + "../../resources/fonts/LICENSE-DejaVu.txt",
                logos / "not-an-image.png")  # a broken logo is left out, not fatal
    out = tmp_path / "s.pdf"
    documents.summary_pdf(store, out, lang="ru")
    text = _text(out)
    for words in ("Завершили хотя бы один тренинг", "Выдано сертификатов", "Участники по возрасту и полу",
                  "Не учтённые тренинги", "Бош тренинг", "Определения", "Местный бюджет",
                  "Другие источники"):
        assert words in text, words
    assert "120 000" in text and "155 000" in text  # Russian thousands: a (no-break) space
    assert re.search(r"Софинансирование .*23 %", text)  # 35,000 of 155,000
    en = tmp_path / "en.pdf"
    documents.summary_pdf(store, en, lang="en")
    assert "120,000" in _text(en) and "Completed at least one training" in _text(en)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdf_renders_with_logos(store, year_2021, tmp_path):
    import zlib
    from struct import pack

    def png(path, rgb):  # type: ignore[no-untyped-def]
        raw = b"".join(b"\x00" + bytes(rgb) * 80 for _ in range(40))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", pack(">IIBBBBB", 80, 40, 8, 2, 0, 0, 0))
                         + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

    (store.folder.root / "logos").mkdir()
    png(store.folder.root / "logos" / "a.png", (0, 158, 219))
    out = tmp_path / "s.pdf"
    documents.summary_pdf(store, out, lang="ky")
    assert len(PdfReader(str(out)).pages[0].images) == 1
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
                   check=True, timeout=60)
    assert list(tmp_path.glob("p*.png"))
