"""Phone numbers of Kyrgyzstan and of its neighbours: accepted, stored in E.164, shown grouped;
the same rule in the person form's service, the spreadsheet roster import and a sync package."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from strive_desktop.domain.validation import FieldProblem, format_phone, normalise_phone
from strive_desktop.services import rosters
from strive_desktop.services.sheets import roster_import as ri
from strive_desktop.storage.models import Person

from ..conftest import NOOKAT  # type: ignore[import-not-found]
from ..sync.conftest import link, ship  # type: ignore[import-not-found]


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
