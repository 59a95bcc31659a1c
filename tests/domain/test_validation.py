"""Tests of validation."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from strive_desktop.domain.validation import (
    FieldProblem,
    format_phone,
    normalise_phone,
    parse_whole_som,
)
from strive_desktop.services import rosters
from strive_desktop.services.sheets import roster_import as ri
from strive_desktop.storage.models import Person

from ..conftest import (  # type: ignore[import-not-found]
    NOOKAT,  # type: ignore[import-not-found]
    link,
    ship,
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
        assert out is None or (out.startswith("+") and 11 <= len(out) <= 16 and out[1:].isdigit())


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


@pytest.mark.parametrize("raw,stored,shown", [
    ("+7 701 123 45 67", "+77011234567", "+7 701 123 4567"),          # Kazakhstan
    ("8 (916) 123-45-67", "+79161234567", "+7 916 123-45-67"),        # Russia, written as there
    ("+7 916 123 45 67", "+79161234567", "+7 916 123-45-67"),
    ("+998 90 123 45 67", "+998901234567", "+998 90 123 45 67"),      # Uzbekistan
    ("00992 93 123 4567", "+992931234567", "+992 93 123 4567"),       # Tajikistan, 00 for +
    ("+86 138 0013 8000", "+8613800138000", "+86 138 0013 8000"),     # China
    ("0555 12 34 56", "+996555123456", "+996 555 12 34 56"),          # Kyrgyzstan as before
    ("+996 (0555) 12 34 56", "+996555123456", "+996 555 12 34 56"),
])


def test_neighbouring_numbers_are_stored_in_e164_and_shown_grouped(raw, stored, shown):
    assert normalise_phone(raw) == stored
    assert format_phone(stored) == shown
    assert normalise_phone(shown) == stored  # what is shown can be typed back


@pytest.mark.parametrize("raw", ["+1 202 555 0101", "+7 000 123 45 67", "+998 12", "12345", "0055 123 456"])
def test_other_countries_and_impossible_numbers_are_refused_with_the_rule(raw):
    with pytest.raises(FieldProblem) as err:
        normalise_phone(raw)
    assert "+7, +998, +992, +86" in str(err.value)


def test_numbers_stored_by_an_older_version_still_pass_and_show():
    for old in ("+996555068833", "+996312123456", "+996123456789"):
        assert normalise_phone(old) == old
        assert normalise_phone(format_phone(old)) == old
    assert format_phone("+996555068833") == "+996 555 06 88 33"
    assert format_phone("not a number") == "not a number" and format_phone(None) == ""


def test_person_form_service_stores_a_russian_number(store):
    inp = rosters.PersonInput(full_name="Садыкова Жылдыз", sex="f", sector="women", community_id=NOOKAT,
                              phone="+7 916 123 45 67")
    res = rosters.add_person(store, inp)
    assert rosters.get_person(store, res.person_id).phone == "+79161234567"


def test_roster_spreadsheet_import_takes_neighbouring_numbers(store, tmp_path: Path):
    group = rosters.create_group(store, NOOKAT, "Ноокат жаштары")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ФИО", "Пол", "Телефон", "Сектор"])
    ws.append(["Асанова Гульнара", "ж", "+7 701 123 45 67", "Женщины"])
    ws.append(["Токтогулов Бакыт", "м", 998901234567, "Молодежь"])
    ws.append(["Осмонов Бек", "м", "+1 202 555 0101", "Молодежь"])
    wb.save(tmp_path / "r.xlsx")
    pv = ri.preview(store, ri.read_roster(tmp_path / "r.xlsx"), group)
    bad = [r for r in pv.rows if r.errors]
    assert len(bad) == 1 and bad[0].line == 4
    ri.apply_import(store, pv)
    with store.read() as s:
        phones = {n: ph for n, ph in s.execute(select(Person.full_name, Person.phone))}
    assert phones["Асанова Гульнара"] == "+77011234567"
    assert phones["Токтогулов Бакыт"] == "+998901234567"
    assert "Осмонов Бек" not in phones


def test_a_neighbouring_number_arrives_at_headquarters_unchanged(store, hq_store, tmp_path: Path):
    link(store, hq_store, tmp_path)
    res = rosters.add_person(store, rosters.PersonInput(
        full_name="Мамытова Айгүл", sex="f", sector="women", community_id=NOOKAT, phone="+992 93 123 4567"))
    ship(store, hq_store)
    assert rosters.get_person(hq_store, res.person_id).phone == "+992931234567"
