"""Tests of plan."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.formatting import fmt_int
from strive_desktop.pdf import documents
from strive_desktop.pdf.text import t
from strive_desktop.services import (
    plans,
)
from strive_desktop.storage.seed import community_id

from .conftest import qpdf_ok, text_of  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


def _plan(store) -> str:
    draft = plans.PlanDraft(
        title="Ноокат: алдын алуу планы 2026", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
        context="Жаштар жумушсуз.", vulnerable_groups="Мигранттардын үй-бүлөлөрү.",
        objectives="1. Маалымдуулук.\n2. Кызматташтык.",
        activities=[plans.ActivityInput(f"Иш-чара {i}", "Айыл өкмөтү", "Мектеп", dt.date(2026, 2, 1),
                                        dt.date(2026, 3, 1), 10000 * i, 2500, 500 * i, "Катышуучулар")
                    for i in range(1, 31)])
    return plans.create_plan(store, NOOKAT, draft)


def test_plan_pdf_title_page_sections_budget_totals_watermark_and_pages(store, tmp_path):
    pid = _plan(store)
    plans.save_revision(store, pid, "first")
    out = tmp_path / "p.pdf"
    documents.plan_pdf(store, pid, out, lang="ky")
    pages = text_of(out)
    assert len(pages) >= 3
    assert "Ноокат: алдын алуу планы 2026" in pages[0]
    assert "1-редакция" in pages[0]
    assert "КАРАЛАМА" in pages[0]  # the watermark: not "Долбоор", the word of the Project budget column
    text = "\n".join(pages)
    for word in ("Абал", "Аялуу топтор", "Максаттар", "Иш-чаралар", "Бекитилген", "Даярдаган"):
        assert word in text
    totals = plans.totals(plans.get_plan(store, pid).draft.activities)
    for value in (totals.project, totals.local, totals.other, totals.total):
        assert f"{value:,}".replace(",", " ") in text
    assert "4 650 000" in text and "4 957 500" in text  # project; all sources
    for i, page in enumerate(pages, 1):
        assert f"{len(pages)} беттин {i}-бети" in page
        assert "КАРАЛАМА" in page
    qpdf_ok(out)


def test_plan_edited_after_its_revision_says_so(store, tmp_path):
    pid = _plan(store)
    plans.save_revision(store, pid)
    draft = plans.get_plan(store, pid).draft
    draft.objectives = "Жаңы максат"
    plans.save_draft(store, pid, draft)
    out = tmp_path / "p.pdf"
    documents.plan_pdf(store, pid, out, lang="en")
    first = " ".join(text_of(out)[0].split())
    assert "Revision 1 of" in first and "with changes made since" in first
    assert "Жаңы максат" in " ".join(text_of(out)[1].split())


def test_approved_plan_has_no_draft_watermark(store, tmp_path):
    pid = _plan(store)
    plans.change_status(store, pid, "submitted")
    plans.change_status(store, pid, "approved")
    out = tmp_path / "p.pdf"
    documents.plan_pdf(store, pid, out, lang="en")
    text = "\n".join(text_of(out))
    assert "DRAFT" not in text
    assert "Approved" in text
    assert "Revision 2 of" in text and "changes made since" not in text
    qpdf_ok(out)


LANGS = ("en", "ru", "ky")


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
def test_plan_headers_are_whole_words(store, plan, tmp_path, lang):
    out = documents.plan_pdf(store, plan, tmp_path / f"plan-{lang}.pdf", lang=lang)
    text = _text(out)
    labels = [t(lang, k) for k in ("No.", "Activity", "Responsible", "Partners", "Dates", "Budget, som",
                                   "Project", "Local", "Other", "Total")]
    assert _broken(labels, text) == []
    # Millions in every budget column stay on one line too (12 500 000 x 11 = 137 500 000).
    assert fmt_int(137_500_000, lang).replace("\u00a0", " ") in text.replace("\u00a0", " ")  # 137,500,000 in English


@pytest.mark.parametrize(("lang", "word"), [("ky", "Жөнөтүлгөн"), ("ru", "Отправлен")])
def test_a_submitted_plan_prints_the_status_the_app_shows(store, plan, tmp_path, lang, word):
    plans.change_status(store, plan, "submitted")
    text = _text(documents.plan_pdf(store, plan, tmp_path / "plan.pdf", lang=lang))
    assert _whole(word, text)
    assert "Сунушталды" not in text and "Представлен" not in text
