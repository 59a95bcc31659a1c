"""The donor summary PDF writes percentages in its document language's style: English "67%",
Russian and Kyrgyz "67 %" with a no-break space."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from strive_desktop.pdf.summary import render_summary
from strive_desktop.services import reports, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


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
