"""Tests of summary."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.pdf.summary import render_summary
from strive_desktop.services import (
    certificates,
    plans,
    reports,
    rosters,
    trainings,
)
from strive_desktop.services.rosters import PersonInput
from strive_desktop.services.trainings import SessionInput, TrainingInput

from ..conftest import NOOKAT  # type: ignore[import-not-found]
from .conftest import SESSIONS, qpdf_ok, text_of  # type: ignore[import-not-found]

# the donor summary of a headquarters on PostgreSQL too (tests/conftest.py db_engine)
pytestmark = pytest.mark.usefixtures("db_engine")


def test_donor_summary_figures_by_sex_age_sector_phase(store, training):
    s = reports.donor_summary(store, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert s.participants == 5  # Гүлзат attended 2 sessions: a participant, not a completer
    assert s.completed == 4
    assert s.by_sex == {"f": 3, "m": 2}
    # ages in 2026: 71, 23, 36, 46, 51
    assert s.by_age == {"<18": 0, "18-24": 1, "25-34": 0, "35-59": 3, "60+": 1, "unknown": 0}
    assert s.by_sector["youth"] == 1 and s.by_sector["aksakal_court"] == 1
    assert sum(s.by_sector.values()) == 5
    basics = next(r for r in s.by_phase if r.phase == "basics_ve")
    assert (basics.trainings, basics.sessions, basics.participants, basics.completed) == (1, 3, 5, 4)
    assert basics.hours == 4 * (3 + 3 + 2 + 3 + 3)
    assert s.hours == basics.hours
    nookat = next(r for r in s.by_community if r.community_id == NOOKAT)
    assert (nookat.trainings, nookat.participants, nookat.women, nookat.men) == (1, 5, 3, 2)
    assert sum(r.participants for r in s.by_community) == 5
    # a period without the sessions: nothing counted
    empty = reports.donor_summary(store, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert empty.participants == 0 and empty.trainings == 0
    # only the second day: everyone but nobody new
    one_day = reports.donor_summary(store, SESSIONS[1], SESSIONS[1], NOOKAT)
    assert one_day.sessions == 1 and one_day.participants == 5 and one_day.hours == 20
    with pytest.raises(UserError, match="starts after it ends"):
        reports.donor_summary(store, SESSIONS[2], SESSIONS[0])


def test_donor_summary_pdf_totals(demo_store, tmp_path):
    s = reports.donor_summary(demo_store)
    out = tmp_path / "s.pdf"
    documents.summary_pdf(demo_store, out, lang="ru")
    pages = text_of(out)
    text = "\n".join(pages)
    assert "Сводка по программе для доноров" in text
    assert "Все сообщества" in text
    assert sum(s.by_sex.values()) == s.participants == sum(r.participants for r in s.by_community)
    assert re.search(rf"Итого\s+{s.participants}\s+100", text)
    for name in ("Ноокат", "Кочкор", "Исфана"):
        assert name in text
    for i, page in enumerate(pages, 1):
        assert f"Страница {i} из {len(pages)}" in page
    qpdf_ok(out)


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


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


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


def test_pdf_has_the_new_sections_in_russian_with_babel_numbers(store, year_2021, tmp_path):
    logos = store.folder.root / "logos"
    logos.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "resources" / "fonts" / "LICENSE-DejaVu.txt",
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


@pytest.fixture
def summary(store):  # type: ignore[no-untyped-def]
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    ids = rosters.bulk_add_people(store, [
        rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT, 1980),
        rosters.PersonInput("Өмүрбекова Чолпон", "f", "youth", NOOKAT, 2001),
        rosters.PersonInput("Ташиев Эрлан", "m", "youth", NOOKAT, 1999),
    ], group_id=gid)
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Зордук-зомбулук экстремизминин негиздери", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    session = trainings.get_training(store, tid).sessions[0]
    trainings.record_bulk(store, [(session.id, pid, True) for pid in ids])
    return reports.donor_summary(store, dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(("lang", "women", "wrong"), [("en", "67%", "67 %"),
                                                      ("ru", "67 %", "67%"),
                                                      ("ky", "67 %", "67%")])


def test_summary_percent_in_the_document_language(summary, tmp_path, lang, women, wrong) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"summary-{lang}.pdf"
    render_summary(out, summary, lang=lang)
    # pypdf reads the no-break space back as a plain one; the font has no other space here
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages).replace("\u00a0", " ")
    assert women in text
    assert wrong not in text
