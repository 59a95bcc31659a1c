"""Roster import from real XLSX and CSV files made in the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from strive_desktop.errors import UserError
from strive_desktop.services import rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.services.rosters import PersonInput
from strive_desktop.services.sheets import roster_import as ri
from strive_desktop.storage.models import AuditEntry, Membership, Person

from ...conftest import NOOKAT  # type: ignore[import-not-found]


@pytest.fixture
def group(store) -> str:  # type: ignore[no-untyped-def]
    return rosters.create_group(store, NOOKAT, "Ноокат жаштары")


def _people(store) -> dict[str, rosters.PersonRecord]:  # type: ignore[no-untyped-def]
    with store.read() as s:
        ids = list(s.scalars(select(Person.id).where(Person.deleted.is_(False))))
    return {r.full_name: r for r in (rosters.get_person(store, i) for i in ids)}


def _members(store, group_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.person_id for m in rosters.list_members(store, group_id)}


def office_sheet(path: Path) -> Path:
    """What an ayil okmotu keeps: a merged title, Russian headers, a merged sector column,
    an empty row, dates typed as text and as Excel dates, phones and PINs stored as numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Список членов консультативной группы, Ноокат"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["№", "ФИО", "Пол", "Дата рождения", "Телефон", "ПИН", "Сектор"])
    ws.append([1, "Асанова Гульнара", "ж", dt.datetime(1985, 3, 12), 555123456, None, "Женщины"])
    ws.append([2, "Токтогулов Бакыт", "М", "1979", "0700 12 34 56", 21505197900123, None])
    ws.append([None, None, None, None, None, None, None])
    ws.append([3, "Осмонова Айжан", "Ж", "05.11.2001", 996777000111, None, None])
    ws.append([4, "Bad Phone", "m", 1990, "12345", None, "Youth"])
    ws.merge_cells("G5:G7")  # "сектор" written once for rows 5-7
    ws["G5"] = "Молодежь"
    wb.save(path)
    return path


def test_office_xlsx_imports_with_merged_cells_dates_and_numeric_phones(store, group, tmp_path):
    roster = ri.read_roster(office_sheet(tmp_path / "список.xlsx"))
    assert roster.mapping[1:7] == ("full_name", "sex", "birth_year", "phone", "pin", "sector")
    assert roster.mapping[0] == ri.IGNORE
    pv = ri.preview(store, roster, group)
    assert [r.line for r in pv.rows] == [4, 5, 7, 8]
    bad = pv.rows[-1]
    assert not bad.ok and "phone number" in bad.errors[0].render()
    res = ri.apply_import(store, pv)
    assert (res.added, res.matched) == (3, 0)
    assert [(x.line, x.full_name) for x in res.refused] == [(8, "Bad Phone")]
    people = _people(store)
    a, b, o = people["Асанова Гульнара"], people["Токтогулов Бакыт"], people["Осмонова Айжан"]
    assert (a.sex, a.birth_year, a.phone, a.sector) == ("f", 1985, "+996555123456", "women")
    assert (b.sex, b.birth_year, b.phone, b.pin, b.sector) == ("m", 1979, "+996700123456", "21505197900123", "youth")
    assert (o.birth_year, o.phone, o.sector) == (2001, "+996777000111", "youth")  # merged sector cell
    assert _members(store, group) == {a.id, b.id, o.id}


def test_dry_run_saves_nothing(store, group, tmp_path):
    roster = ri.read_roster(office_sheet(tmp_path / "r.xlsx"))
    pv = ri.preview(store, roster, group)
    assert sum(r.ok for r in pv.rows) == 3
    assert _people(store) == {}


def test_cp1251_csv_with_semicolons(store, group, tmp_path):
    f = tmp_path / "group.csv"
    f.write_bytes("Фамилия;Имя;Пол;Год рождения;Телефон\r\n"
                  "Жумабаев;Эрлан;м;1992;0555 11 22 33\r\n"
                  "Ёлкина;Мария;ж;12.12.1960;\r\n".encode("cp1251"))
    roster = ri.read_roster(f)
    assert roster.mapping == ("last_name", "first_name", "sex", "birth_year", "phone")
    res = ri.apply_import(store, ri.preview(store, roster, group))
    assert res.added == 2 and not res.refused
    assert {"Жумабаев Эрлан", "Ёлкина Мария"} <= set(_people(store))


def test_utf8_bom_csv_with_kyrgyz_headers_and_commas(store, group, tmp_path):
    f = tmp_path / "тизме.csv"
    f.write_bytes("\ufeffАты-жөнү,Жынысы,Туулган жылы,Тармак\n"
                  "Өмүрбеков Нурлан,эркек,1988,жаштар\n"
                  "\"Сыдыкова Үмүт\",аял,1995,аялдар\n".encode())
    res = ri.apply_import(store, ri.preview(store, ri.read_roster(f), group))
    people = _people(store)
    assert res.added == 2
    assert (people["Өмүрбеков Нурлан"].sex, people["Сыдыкова Үмүт"].sector) == ("m", "women")


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(tmp_path):
    fake = tmp_path / "roster.xlsx"
    fake.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(UserError, match="not a spreadsheet"):
        ri.read_roster(fake)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UserError, match="not a spreadsheet"):
        ri.read_roster(broken)
    no_names = tmp_path / "numbers.csv"
    no_names.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UserError, match="No column of names"):
        ri.read_roster(no_names)


def _stored_person(store) -> str:  # type: ignore[no-untyped-def]
    res = rosters.add_person(store, PersonInput("Асанова Гульнара", "f", "women", NOOKAT, birth_year=1985))
    assert res.person_id
    return res.person_id


def test_a_person_already_stored_is_matched_or_added_as_new_on_request(store, group, tmp_path):
    known = _stored_person(store)
    f = tmp_path / "r.csv"
    f.write_text("ФИО;Пол;Год рождения\nGulnara Asanova;ж;1985\nАсанова Гульнара;ж;1985\n", encoding="utf-8")
    pv = ri.preview(store, ri.read_roster(f), group)
    first, second = pv.rows
    assert [m.id for m in first.matches] == [known] and first.default_decision == known
    assert second.repeats_line == 2 and "row 2" in second.errors[0].render()
    res = ri.apply_import(store, pv)
    assert (res.added, res.matched, len(res.refused)) == (0, 1, 1)
    assert _members(store, group) == {known}

    other = rosters.create_group(store, NOOKAT, "Second")
    res = ri.apply_import(store, ri.preview(store, ri.read_roster(f), other), {2: ri.NEW})
    assert res.added == 1
    assert len([p for p in _people(store).values() if p.full_name == "Gulnara Asanova"]) == 1


def test_row_errors_come_in_the_users_words(store, group, tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("Full name,Sex,Birth year,Sector\nOne,f,1980,women\nAidai Bekova,x,13.13.1990,women\n"
                 "Aidai Sultanova,f,1990,astronaut\n", encoding="utf-8")
    rows = ri.preview(store, ri.read_roster(f), group).rows
    texts = [" ".join(e.render() for e in r.errors) for r in rows]
    assert "surname and the given name" in texts[0]
    assert "Sex \"x\" is not understood" in texts[1] and "Birth year \"13.13.1990\"" in texts[1]
    assert "Sector \"astronaut\"" in texts[2]


def test_mapping_can_be_changed_by_header_letter_or_number(store, group, tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("Kim,Jynys,Comment\nAsel Abdieva,f,x\n", encoding="utf-8")
    with pytest.raises(UserError):
        ri.read_roster(f)  # no header names a column of names: the user must say
    t = tmp_path / "r2.csv"
    t.write_text("ФИО,Jynys,Comment\nAsel Abdieva,f,met in May\n", encoding="utf-8")
    roster = ri.read_roster(t)
    roster = roster.with_mapping({roster.column_index("B"): "sex", roster.column_index("Comment"): "notes"})
    res = ri.apply_import(store, ri.preview(store, roster, group))
    assert res.added == 1 and _people(store)["Asel Abdieva"].notes == "met in May"


def test_taking_an_import_back_tombstones_its_records_as_ordinary_changes(store, group, tmp_path):
    known = _stored_person(store)
    rosters.add_member(store, known, rosters.create_group(store, NOOKAT, "Old"))
    f = tmp_path / "r.csv"
    f.write_text("ФИО;Пол;Год рождения\nАсанова Гульнара;ж;1985\nБекова Айдай;ж;1990\n", encoding="utf-8")
    res = ri.apply_import(store, ri.preview(store, ri.read_roster(f), group))
    assert (res.added, res.matched) == (1, 1)
    assert len(_members(store, group)) == 2
    [info] = ri.list_imports(store)
    assert (info.added, info.matched, info.undone_at) == (1, 1, None)
    with store.read() as s:
        before = max(s.scalars(select(Person.change_counter)))
    assert ri.undo_import(store, res.import_id) == 3  # one person, two memberships
    assert set(_people(store)) == {"Асанова Гульнара"}  # the person who was already there stays
    assert _members(store, group) == set()
    with store.read() as s:
        gone = s.scalar(select(Person).where(Person.full_name == "Бекова Айдай"))
        assert gone.deleted and gone.change_counter > before  # a change the next package carries
        assert s.scalar(select(AuditEntry).where(AuditEntry.entity_id == gone.id,
                                                 AuditEntry.action == "delete")) is not None
        assert all(m.deleted for m in s.scalars(select(Membership).where(Membership.group_id == group)))
    with pytest.raises(UserError, match="already taken back"):
        ri.undo_import(store, res.import_id)


def test_a_name_with_a_patronymic_more_is_offered_as_the_same_person(store, group, tmp_path):
    res = rosters.add_person(store, PersonInput("Aibek Bakytovich Asanov", "m", "youth", NOOKAT, birth_year=1990))
    f = tmp_path / "r.csv"
    f.write_text("ФИО;Пол;Год рождения\nАсанов Айбек;м;1990\nАсанов Айбек;м;1970\n", encoding="utf-8")
    same_year, other_year = ri.preview(store, ri.read_roster(f), group).rows
    assert [m.id for m in same_year.matches] == [res.person_id]
    assert other_year.matches == () and other_year.default_decision == ri.NEW


def _word(i: int) -> str:
    """A distinct name word per number (digits are not part of a name key)."""
    return "Т" + "".join("бдлмнпрстф"[int(d)] + "о" for d in f"{i:04d}")


def test_a_5000_row_sheet_with_every_kind_of_cell(store, group, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Тизме: Ноокат"])
    ws.merge_cells("A1:E1")
    ws.append(["Аты-жөнү", "Жынысы", "Туулган күнү", "Телефон", "Тармак"])
    for i in range(5000):
        born: object = [dt.datetime(1980, 1, 2), "02.01.1980", 29222, "1980"][i % 4]  # 29222: Excel's 02.01.1980
        ws.append([f"Асанов Айбек {_word(i)}", "эркек" if i % 2 else "аял", born, 555000000 + i,
                   "жаштар" if i % 100 else None])
        if i % 500 == 0:
            ws.append([None] * 5)
    ws.merge_cells("E3:E5")  # one sector written over three rows
    wb.save(tmp_path / "big.xlsx")
    pv = ri.preview(store, ri.read_roster(tmp_path / "big.xlsx"), group)
    assert len(pv.rows) == 5000 and all(r.ok for r in pv.rows)
    res = ri.apply_import(store, pv)
    assert res.added == 5000 and not res.refused
    everyone = load_people_index(store)
    p = rosters.get_person(store, everyone.filtered(f"Асанов Айбек {_word(2)}").ids[0])
    assert (p.birth_year, p.phone, p.sector, p.sex) == (1980, "+996555000002", "youth", "f")
    assert {rosters.get_person(store, x).birth_year for x in everyone.filtered("Асанов").ids[:8]} == {1980}


def test_the_summary_says_what_the_import_did_in_the_readers_language(store, group, tmp_path):
    from strive_desktop.catalog import translator

    f = tmp_path / "group.csv"
    f.write_text("ФИО;Пол;Год рождения\nЖумабаев Эрлан;м;1992\nТоктогулов Бакыт;м;не знаю\n", encoding="utf-8")
    res = ri.apply_import(store, ri.preview(store, ri.read_roster(f), group))
    assert [m.render() for m in res.summary("Жаштар")] == [
        f"Import {res.import_id}: added 1, matched 0, refused 1 (group 'Жаштар')."]
    assert [m.render(translator("ky")) for m in res.summary("Жаштар")] == [
        f"{res.import_id} импорту: кошулду 1, дал келди 0, четке кагылды 1 ('Жаштар' тобу)."]
    # the same person again: matched, and a member of the group already
    again = tmp_path / "again.csv"
    again.write_text("ФИО;Пол;Год рождения\nЖумабаев Эрлан;м;1992\n", encoding="utf-8")
    res = ri.apply_import(store, ri.preview(store, ri.read_roster(again), group))
    assert [m.render(translator("ru")) for m in res.summary("Жаштар")] == [
        f"Импорт {res.import_id}: добавлено 0, сопоставлено 1, отклонено 0 (группа 'Жаштар').",
        "Сопоставленных людей, уже состоявших в группе: 1."]
