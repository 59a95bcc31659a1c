"""Characters the printed documents cannot draw are refused where they are typed, never printed as boxes."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest
from reportlab.pdfbase import pdfmetrics

from strive_desktop.domain.validation import PRINTABLE_RANGES, unprintable
from strive_desktop.errors import ValidationError
from strive_desktop.pdf import documents
from strive_desktop.pdf.fonts import BOLD, REGULAR, register_fonts
from strive_desktop.services import rosters, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_every_character_accepted_at_input_is_in_both_embedded_fonts():
    register_fonts()
    for name in (REGULAR, BOLD):
        cmap = pdfmetrics.getFont(name).face.charToGlyph
        missing = [hex(c) for a, b in PRINTABLE_RANGES for c in range(a, b + 1) if c not in cmap]
        assert missing == [], (name, missing[:10])


def test_kyrgyz_russian_and_latin_names_pass_emoji_and_other_scripts_do_not():
    assert unprintable("Мээримгүл Таалайбековна кызы Чыңгызхан — Ёлкин «Aibek» №5 O'Brien Ötüken") == []
    assert unprintable("Айбек 🙂 Асанов 🙂") == ["🙂"]
    assert unprintable("Aibek ❤️") == ["❤", "\ufe0f"]
    assert unprintable("王 Айбек") == ["王"]


def test_an_emoji_in_a_name_or_a_title_is_refused_with_a_clear_message_and_nothing_is_saved(store):
    with pytest.raises(ValidationError) as err:
        rosters.add_person(store, rosters.PersonInput(full_name="Айбек Асанов 🙂", sex="m", sector="youth",
                                                      community_id=NOOKAT, birth_year=1990))
    message = str(err.value.errors["full_name"])
    assert "cannot be printed" in message and "🙂" in message
    assert load_people_index(store).filtered("Асанов").ids == []
    with pytest.raises(ValidationError) as err:
        trainings.create_training(store, trainings.TrainingInput(
            community_id=NOOKAT, phase="basics_ve", title="Окуу 🎓", sessions=[
                trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    assert "cannot be printed" in str(err.value.errors["title"])
    assert trainings.list_trainings(store) == []


def test_text_typed_where_nothing_is_checked_prints_without_boxes(store, tmp_path):
    pid = rosters.add_person(store, rosters.PersonInput(full_name="Айбек Асанов", sex="m", sector="youth",
                                                        community_id=NOOKAT, birth_year=1990)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Окуу", venue="Зал 🏫 №2", trainers="Асель 👩‍🏫 Бекова",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    out = documents.attendance_sheet_pdf(store, tid, tmp_path / "sheet.pdf", lang="ky")
    register_fonts()
    cmap = pdfmetrics.getFont(REGULAR).face.charToGlyph
    with pdfplumber.open(str(out)) as pdf:
        chars = [ch["text"] for page in pdf.pages for ch in page.chars]
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert all(ord(c) in cmap for c in chars if c.strip())
    assert "Зал №2" in text and "Асель Бекова" in text
