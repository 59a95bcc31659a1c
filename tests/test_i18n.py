"""Required-field messages name the field in the sentence's own language (review fix)."""

from __future__ import annotations

import pytest

from strive_desktop.errors import ValidationError
from strive_desktop.i18n import CONTEXT, Message
from strive_desktop.services import plans, rosters, trainings, vulnerable
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")

# A stand-in for QCoreApplication.translate with the Kyrgyz texts of the .ts file.
KY = {
    "{what} is required.": "«{what}» милдеттүү.",
    "{what} is too long (at most {n} characters).": "«{what}» өтө узун (эң көп {n} белги).",
    "The full name": "Аты-жөнү",
    "The group name": "Топтун аталышы",
    "The training title": "Тренингдин аталышы",
    "The plan title": "Пландын аталышы",
    "The category": "Категория",
}


def ky(context: str, text: str) -> str:
    assert context == CONTEXT
    return KY.get(text, text)


def test_a_message_argument_is_translated_with_the_sentence():
    msg = Message("{what} is required.", what=Message("The full name"))
    assert msg.render(ky) == "«Аты-жөнү» милдеттүү."
    assert msg.render() == "The full name is required."
    assert str(msg) == "The full name is required."


def test_plain_arguments_are_left_as_they_are():
    assert Message("{what} is required.", what="The full name").render(ky) == "«The full name» милдеттүү."
    assert Message("{what} is too long (at most {n} characters).", what=Message("The group name"),
                   n=200).render(ky) == "«Топтун аталышы» өтө узун (эң көп 200 белги)."


def test_every_required_name_or_title_is_named_in_kyrgyz(store):
    cases = [
        (lambda: rosters.add_person(store, rosters.PersonInput(" ", "f", "youth", NOOKAT)),
         "full_name", "«Аты-жөнү» милдеттүү."),
        (lambda: rosters.create_group(store, NOOKAT, "  "), "name", "«Топтун аталышы» милдеттүү."),
        (lambda: vulnerable.add_vulnerable_group(store, NOOKAT, ""), "category", "«Категория» милдеттүү."),
        (lambda: trainings.create_training(store, trainings.TrainingInput(NOOKAT, "phase1", "")),
         "title", "«Тренингдин аталышы» милдеттүү."),
        (lambda: plans.create_plan(store, NOOKAT, plans.PlanDraft(title="")),
         "title", "«Пландын аталышы» милдеттүү."),
        (lambda: rosters.create_group(store, NOOKAT, "x" * 201), "name",
         "«Топтун аталышы» өтө узун (эң көп 200 белги)."),
    ]
    for call, field, expected in cases:
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.errors[field].render(ky) == expected
