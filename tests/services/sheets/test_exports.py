"""List exports re-read with openpyxl and csv, as Excel would open them."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from strive_desktop.errors import UserError
from strive_desktop.services import rosters, trainings
from strive_desktop.services.rosters import PersonInput
from strive_desktop.services.sheets import exports
from strive_desktop.services.trainings import SessionInput, TrainingInput

from ...conftest import NOOKAT  # type: ignore[import-not-found]

EVIL = ["=HYPERLINK(\"http://x\",\"y\")", "+996 cmd", "-2+3", "@SUM(A1)", "=1+1"]


@pytest.fixture
def filled(store):  # type: ignore[no-untyped-def]
    g = rosters.create_group(store, NOOKAT, "Ноокат жаштары")
    ids = []
    for i, (name, notes) in enumerate([("Асанова Гүлнара", EVIL[0]), ("Токтогулов Бакыт", EVIL[1]),
                                       ("Өмүрова Айжан", EVIL[2])]):
        res = rosters.add_person(store, PersonInput(name, "f" if i != 1 else "m", "youth", NOOKAT,
                                                    birth_year=1990 + i, notes=notes,
                                                    organisation=EVIL[3] if i == 0 else EVIL[4],
                                                    consent_date=dt.date(2024, 5, 1 + i)),
                                 group_id=g, joined_on=dt.date(2024, 1, 15))
        ids.append(res.person_id)
    tid = trainings.create_training(store, TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Негиздер", venue="АО",
        sessions=[SessionInput(dt.date(2024, 3, 1), 4.0), SessionInput(dt.date(2024, 3, 2), 4.0)]))
    info = trainings.get_training(store, tid)
    s1, s2 = [x.id for x in info.sessions]
    trainings.record_bulk(store, [(s1, ids[0], True), (s2, ids[0], True), (s1, ids[1], True), (s2, ids[1], False)])
    return store, ids


def test_people_xlsx_has_dates_frozen_header_widths_and_inert_formulas(filled, tmp_path):
    store, _ = filled
    out = tmp_path / "people.xlsx"
    assert exports.export_table(store, "people", out) == 3
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2"
    head = [c.value for c in ws[1]]
    assert head[:4] == ["Full name", "Sex", "Birth year", "Sector"]
    rows = [[c for c in r] for r in ws.iter_rows(min_row=2)]
    by_name = {r[0].value: r for r in rows}
    gulnara = by_name["Асанова Гүлнара"]
    assert gulnara[1].value == "Female" and gulnara[3].value == "Youth" and gulnara[2].value == 1990
    consent = gulnara[head.index("Consent date")]
    assert consent.is_date and consent.value.date() == dt.date(2024, 5, 1)
    texts = [c for r in rows for c in r if isinstance(c.value, str) and c.value[:1] in "=+-@\t"]
    assert {c.value for c in texts} >= set(EVIL)  # kept as typed ...
    assert all(c.data_type == "s" for c in texts)  # ... but text, never a formula
    assert ws.column_dimensions["A"].width >= len("Асанова Гүлнара")


def test_csv_is_utf8_with_bom_and_neutralised(filled, tmp_path):
    store, _ = filled
    out = tmp_path / "people.csv"
    exports.export_table(store, "people", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    cells = [c for r in rows[1:] for c in r]
    assert "Өмүрова Айжан" in cells and "01.05.2024" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t")]
    assert "'" + EVIL[0] in cells and "'+996 cmd" in cells
    assert exports.neutralise("\tx") == "'\tx"  # a tab cannot be typed into a name: checked here


def test_attendance_matrix_and_trainings(filled, tmp_path):
    store, ids = filled
    out = tmp_path / "att.xlsx"
    exports.export_table(store, "attendance", out)
    ws = openpyxl.load_workbook(out).active
    head = [c.value for c in ws[1]]
    assert head == ["Training", "Community", "Start", "Full name", "Sex", "Birth year", "#1", "#2",
                    "Hours attended", "Completed"]
    rows = {r[3]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["Асанова Гүлнара"][6:] == (1, 1, 8, 1)
    assert rows["Токтогулов Бакыт"][6:] == (1, 0, 4, 0)
    assert rows["Асанова Гүлнара"][2] == dt.datetime(2024, 3, 1)
    exports.export_table(store, "trainings", tmp_path / "t.csv")
    rows = list(csv.DictReader((tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["Title"] == "Негиздер" and rows[0]["Participants present"] == "2"
    assert rows[0]["Completed"] == "1" and rows[0]["Start"] == "01.03.2024"


def test_groups_plans_certificates_and_conflicts_export(filled, tmp_path):
    store, _ = filled
    for table in exports.TABLES:
        out = tmp_path / f"{table}.xlsx"
        exports.export_table(store, table, out)
        ws = openpyxl.load_workbook(out).active
        assert ws.max_column >= 5 and ws["A1"].font.b
    ws = openpyxl.load_workbook(tmp_path / "groups.xlsx").active
    assert {r[4] for r in ws.iter_rows(min_row=2, values_only=True)} == {
        "Асанова Гүлнара", "Токтогулов Бакыт", "Өмүрова Айжан"}
    with pytest.raises(UserError, match="Unknown table"):
        exports.export_table(store, "passwords", tmp_path / "x.xlsx")


def test_headers_in_the_interface_language(filled, tmp_path):
    store, _ = filled

    def russian(_ctx: str, text: str) -> str:
        return {"Full name": "ФИО", "Female": "Женский"}.get(text, text)

    out = tmp_path / "p.xlsx"
    exports.export_table(store, "people", out, translate=russian, lang="ru")
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "ФИО" and ws["B2"].value == "Женский"
    assert ws[2][4].value == "Ноокат"
