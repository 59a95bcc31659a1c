"""Review fixes on the printed documents: table headers never break inside a word, and the
words for statuses, sexes, sectors and phases on paper are the ones the interface shows."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.domain.enums import LABELS as SOURCE_LABELS
from strive_desktop.formatting import fmt_int
from strive_desktop.pdf import documents
from strive_desktop.pdf.text import label, t
from strive_desktop.services import plans, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "ru", "ky")


# -- headers --------------------------------------------------------------------------------------


@pytest.fixture
def training(store) -> str:
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


@pytest.fixture
def plan(store) -> str:
    draft = plans.PlanDraft(
        title="Ноокаттын алдын алуу планы", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
        context="Жаштар.", objectives="Маалымдуулук.",
        activities=[plans.ActivityInput(title=f"Иш-чара {i}", responsible="Айыл өкмөтү", budget_project=12_500_000,
                                   budget_local=250_000, budget_other=75_000,
                                   start=dt.date(2026, 2, 1), end=dt.date(2026, 3, 1)) for i in range(1, 12)])
    return plans.create_plan(store, NOOKAT, draft)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _whole(word: str, text: str) -> bool:
    """*word* appears in *text* with nothing of a word glued to either side."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _broken(labels: list[str], text: str) -> list[str]:
    return [w for label in labels for w in label.split() if not _whole(w, text)]


@pytest.mark.parametrize("lang", LANGS)
def test_attendance_sheet_headers_are_whole_words(store, training, tmp_path, lang):
    out = documents.attendance_sheet_pdf(store, training, tmp_path / f"sheet-{lang}.pdf", lang=lang)
    text = _text(out)
    labels = [t(lang, k) for k in ("No.", "Full name", "Sector", "Sex", "Signature")]
    assert _broken(labels, text) == []
    # a session's hours keep their unit on the same line: "4 саат", not "4" / "саат"
    assert re.search(rf"(?<!\w)4[ \u00a0]{re.escape(t(lang, 'h'))}(?!\w)", text)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_headers_are_whole_words(store, plan, tmp_path, lang):
    out = documents.plan_pdf(store, plan, tmp_path / f"plan-{lang}.pdf", lang=lang)
    text = _text(out)
    labels = [t(lang, k) for k in ("No.", "Activity", "Responsible", "Partners", "Dates", "Budget, som",
                                   "Project", "Local", "Other", "Total")]
    assert _broken(labels, text) == []
    # Millions in every budget column stay on one line too (12 500 000 x 11 = 137 500 000).
    assert fmt_int(137_500_000, lang).replace("\u00a0", " ") in text.replace("\u00a0", " ")  # 137,500,000 in English


def test_the_check_notices_a_word_broken_across_lines():
    assert _broken(["Жыныс"], "№ Аты-жөнү Сектор Жыны\nс Колу") == ["Жыныс"]
    assert _broken(["No."], "No\n. Full name") == ["No."]
    assert _broken(["Жыныс"], "№ Аты-жөнү Сектор Жыныс\nКолу") == []


# -- the same words as the interface ---------------------------------------------------------------


def _ts(lang: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of resources/translations/strive_<lang>.ts."""
    root = ET.parse(ROOT / "resources" / "translations" / f"strive_{lang}.ts").getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            out[(name, m.findtext("source"))] = m.findtext("translation") or ""
    return out


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_sexes_sectors_phases_and_statuses_read_as_on_screen(lang):
    ts = _ts(lang)
    checked = 0
    wrong = []
    for value, source in SOURCE_LABELS.items():
        checked += 1
        assert label("en", str(value)) == source, f"English label of {value}"
        screen = ts[("strive", source)]
        if label(lang, str(value)) != screen:
            wrong.append((str(value), label(lang, str(value)), screen))
    assert wrong == []
    assert checked >= 22  # sexes, sectors, phases, plan and activity statuses


SHARED = {  # PDF word -> where the interface shows the same thing
    "Phase": ("TrainingListModel", "Phase"),
    "Sector": ("PeopleTableModel", "Sector"),
    "Sex": ("PeopleTableModel", "Sex"),
    "Trainings": ("MainWindow", "Trainings"),
}


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_shared_headings_read_as_on_screen(lang):
    ts = _ts(lang)
    wrong = [(word, t(lang, word), ts[where]) for word, where in SHARED.items() if t(lang, word) != ts[where]]
    assert wrong == []


@pytest.mark.parametrize(("lang", "word"), [("ky", "Жөнөтүлгөн"), ("ru", "Отправлен")])
def test_a_submitted_plan_prints_the_status_the_app_shows(store, plan, tmp_path, lang, word):
    plans.change_status(store, plan, "submitted")
    text = _text(documents.plan_pdf(store, plan, tmp_path / "plan.pdf", lang=lang))
    assert _whole(word, text)
    assert "Сунушталды" not in text and "Представлен" not in text
