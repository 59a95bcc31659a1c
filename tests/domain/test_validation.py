"""Tests of validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strive_desktop.domain.validation import (
    FieldProblem,
    format_phone,
    normalise_phone,
    parse_whole_som,
)

national = st.from_regex(r"[1-9][0-9]{8}", fullmatch=True)
sep = st.sampled_from(["", " ", "-", "  ", ".", " - "])


def _spread(digits: str, seps: list[str]) -> str:
    return "".join(d + seps[i % len(seps)] for i, d in enumerate(digits)).strip(" -.")


@given(national, st.lists(sep, min_size=1, max_size=5), st.sampled_from(["+996", "996", "0", ""]))
def test_every_written_form_normalises_to_the_same_number(n, seps, prefix):
    written = prefix + " " + _spread(n, seps) if prefix else _spread(n, seps)
    assert normalise_phone(written) == "+996" + n


@given(national)
def test_normalised_number_round_trips_through_its_display_form(n):
    stored = normalise_phone("0" + n)
    shown = format_phone(stored)
    assert shown.startswith("+996 ") and len(shown) == 17
    assert normalise_phone(shown) == stored
    assert normalise_phone(stored) == stored


@given(st.text(max_size=30))
def test_phone_input_is_either_accepted_or_explained(raw):
    try:
        out = normalise_phone(raw)
    except FieldProblem as exc:
        assert str(exc)
    else:
        assert out is None or (out.startswith("+996") and len(out) == 13 and out[1:].isdigit())


@pytest.mark.parametrize(("typed", "amount"), [
    ("12 500 сом", 12500), ("12500 som", 12500), ("12 500 с", 12500), ("12500с", 12500),
    ("1 250 000 сом.", 1250000), ("12,500 som", 12500), ("7 500 сомов", 7500), ("300 KGS", 300),
])


def test_parse_whole_som_takes_a_trailing_currency_word(typed, amount):
    assert parse_whole_som(typed) == amount


@pytest.mark.parametrize("typed", ["сом", "1,5 сом", "12 кг", "12 500 сом сом", "сом 12 500"])
def test_parse_whole_som_still_refuses_the_rest(typed):
    with pytest.raises(FieldProblem):
        parse_whole_som(typed)
