"""The words on paper: statuses, sexes, sectors and phases read as the interface shows them, and the
check for a word broken across lines."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from strive_desktop.domain.enums import LABELS as SOURCE_LABELS
from strive_desktop.pdf.text import label, t

ROOT = Path(__file__).resolve().parents[2]


def _whole(word: str, text: str) -> bool:
    """*word* appears in *text* with nothing of a word glued to either side."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _broken(labels: list[str], text: str) -> list[str]:
    return [w for label in labels for w in label.split() if not _whole(w, text)]


def _ts(lang: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of resources/translations/strive_<lang>.ts."""
    root = ET.parse(ROOT / "resources" / "translations" / f"strive_{lang}.ts").getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            out[(name, m.findtext("source"))] = m.findtext("translation") or ""
    return out
SHARED = {  # PDF word -> where the interface shows the same thing
    "Phase": ("TrainingListModel", "Phase"),
    "Sector": ("PeopleTableModel", "Sector"),
    "Sex": ("PeopleTableModel", "Sex"),
    "Trainings": ("MainWindow", "Trainings"),
}


def test_the_check_notices_a_word_broken_across_lines():
    assert _broken(["Жыныс"], "№ Аты-жөнү Сектор Жыны\nс Колу") == ["Жыныс"]
    assert _broken(["No."], "No\n. Full name") == ["No."]
    assert _broken(["Жыныс"], "№ Аты-жөнү Сектор Жыныс\nКолу") == []


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


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_shared_headings_read_as_on_screen(lang):
    ts = _ts(lang)
    wrong = [(word, t(lang, word), ts[where]) for word, where in SHARED.items() if t(lang, word) != ts[where]]
    assert wrong == []
