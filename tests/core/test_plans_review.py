"""Plan fixes from the newcomer review: budget amounts as typed, the note of an automatic revision."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.domain.validation import FieldProblem, parse_whole_som
from strive_desktop.services import plans
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
NOT_WHOLE = "is not a whole number of som"


@pytest.mark.parametrize(("typed", "amount"), [
    ("", 0), ("  ", 0), ("0", 0), ("12500", 12500),
    ("12 500", 12500), ("12\u00a0500", 12500), ("1\u202f250\u00a0000", 1250000), ("1'250'000", 1250000),
    ("12,500", 12500), ("1,250,000", 1250000), ("1.250.000", 1250000), ("12.500", 12500),
    (" 7 500 ", 7500), ("-300", -300), ("\u2212300", -300),
])
def test_whole_som_as_people_write_them(typed, amount):
    assert parse_whole_som(typed) == amount


@pytest.mark.parametrize("typed", ["1,5", "12 500,50", "12.5", "12,50", "1,2345", "1,250.000", "1.250,000",
                                   ".5", "5.", "12 500.00", "1 250,000"])
def test_a_comma_or_dot_that_is_not_thousands_is_refused_not_dropped(typed):
    """ "1,5" once became 15 and "12 500,50" 1 250 050 som without a word."""
    with pytest.raises(FieldProblem) as problem:
        parse_whole_som(typed)
    assert NOT_WHOLE in str(problem.value)
    assert typed.strip() in str(problem.value)  # the message quotes what was typed
    assert problem.value.message.args == {"amount": typed.strip()}  # filled in after translation


@pytest.mark.parametrize(("typed", "says"), [
    ("abc", "whole number, e.g. 12 500"), ("12 кг", "whole number, e.g. 12 500"), ("-", "whole number"),
    ("--5", "whole number"), ("١٢", "whole number"), ("9" * 16, "too large"),
])
def test_other_text_gets_a_message_too(typed, says):
    with pytest.raises(FieldProblem, match=says):
        parse_whole_som(typed)


def test_submitting_keeps_the_stored_note_stable(store: Store):
    """The revision frozen on Submit / Approve keeps its stored note ("submitted", "approved"):
    packages already sent carry it. The GUI translates it when it shows it."""
    draft = plans.PlanDraft("План 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31), objectives="1. Цель.",
                            activities=[plans.ActivityInput("Тренинг", budget_project=1000)])
    pid = plans.create_plan(store, NOOKAT, draft)
    plans.change_status(store, pid, "submitted")
    plans.change_status(store, pid, "approved")
    assert [(r.number, r.status, r.note) for r in plans.list_revisions(store, pid)] == [
        (2, "approved", "approved"), (1, "submitted", "submitted")]
