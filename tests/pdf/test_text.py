"""Review fixes on the printed documents: table headers never break inside a word, and the
words for statuses, sexes, sectors and phases on paper are the ones the interface shows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from strive_desktop.domain.enums import LABELS as SOURCE_LABELS
from strive_desktop.pdf.text import LABELS, STRINGS

ROOT = Path(__file__).resolve().parents[2]
COLUMN = {"ru": 1, "ky": 2}


# -- headers --------------------------------------------------------------------------------------


def _whole(word: str, text: str) -> bool:
    """*word* appears in *text* with nothing of a word glued to either side."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _broken(labels: list[str], text: str) -> list[str]:
    return [w for label in labels for w in label.split() if not _whole(w, text)]


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
        row = LABELS.get(str(value))
        if row is None:  # community kinds and group roles are not printed
            continue
        checked += 1
        assert row[0] == source, f"English label of {value}"
        screen = ts[("strive", source)]
        if row[COLUMN[lang]] != screen:
            wrong.append((str(value), row[COLUMN[lang]], screen))
    assert wrong == []
    assert checked >= 22  # sexes, sectors, phases, plan and activity statuses


SHARED = {  # PDF word -> where the interface shows the same thing
    "phase": ("TrainingListModel", "Phase"),
    "sector": ("PeopleTableModel", "Sector"),
    "sex": ("PeopleTableModel", "Sex"),
    "trainings": ("MainWindow", "Trainings"),
}


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_shared_headings_read_as_on_screen(lang):
    ts = _ts(lang)
    wrong = [(key, STRINGS[key][COLUMN[lang]], ts[where]) for key, where in SHARED.items()
             if STRINGS[key][COLUMN[lang]] != ts[where]]
    assert wrong == []
