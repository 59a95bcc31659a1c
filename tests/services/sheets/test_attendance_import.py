"""Attendance from a trainer's spreadsheet, matched to the training's sheet."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from strive_desktop.errors import UserError
from strive_desktop.services import rosters, trainings
from strive_desktop.services.rosters import PersonInput
from strive_desktop.services.sheets import attendance_import as ai
from strive_desktop.services.trainings import SessionInput, TrainingInput

from ...conftest import KOCHKOR, NOOKAT  # type: ignore[import-not-found]

DAYS = [dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 3, 12)]


@pytest.fixture
def training(store):  # type: ignore[no-untyped-def]
    g = rosters.create_group(store, NOOKAT, "Жаштар")
    for name in ("Асанова Гүлнара", "Токтогулов Бакыт"):
        rosters.add_person(store, PersonInput(name, "f", "youth", NOOKAT, birth_year=1990), group_id=g)
    rosters.add_person(store, PersonInput("Осмонов Нурлан", "m", "youth", KOCHKOR, birth_year=1985))
    return trainings.create_training(store, TrainingInput(community_id=NOOKAT, phase="basics_ve", title="Негиздер",
                                                          sessions=[SessionInput(d, 4.0) for d in DAYS]))


def _ticks(store, tid):  # type: ignore[no-untyped-def]
    sheet = trainings.attendance_sheet(store, tid)
    ids = [s.id for s in sheet.training.sessions]
    return {p.full_name: ([p.present[s] for s in ids], p.walk_in) for p in sheet.participants}


def test_trainers_sheet_with_date_headers_and_a_walk_in(store, training, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№", "ФИО", dt.datetime(2026, 3, 10), "11.03.2026", dt.datetime(2026, 3, 12)])
    ws.append([1, "Gulnara Asanova", "+", "+", "+"])
    ws.append([2, "Бакыт Токтогулов", 1, None, "н"])
    ws.append([3, "Осмонов Нурлан", "✓", "", ""])
    ws.append([4, "Белгисиз Адам", "+", "+", "+"])
    wb.save(tmp_path / "att.xlsx")
    pv = ai.preview_attendance(store, training, tmp_path / "att.xlsx")
    assert [r.kind for r in pv.rows] == ["participant", "participant", "walk_in", "refused"]
    assert "not stored" in pv.rows[3].reason.render()
    res = ai.apply_attendance(store, pv)
    assert res.walk_ins == 1 and [r.name for r in res.refused] == ["Белгисиз Адам"]
    ticks = _ticks(store, training)
    assert ticks["Асанова Гүлнара"] == ([True, True, True], False)
    assert ticks["Токтогулов Бакыт"] == ([True, False, False], False)
    assert ticks["Осмонов Нурлан"] == ([True, False, False], True)


def test_numbered_session_columns_in_a_csv_and_walk_ins_declined(store, training, tmp_path):
    f = tmp_path / "att.csv"
    f.write_bytes("Аты-жөнү;2-сабак;1-сабак\nАсанова Гүлнара;бар;жок\nОсмонов Нурлан;бар;бар\n".encode("utf-8-sig"))
    res = ai.apply_attendance(store, ai.preview_attendance(store, training, f), walk_ins=False)
    assert res.walk_ins == 0 and [r.name for r in res.refused] == ["Осмонов Нурлан"]
    ticks = _ticks(store, training)
    assert ticks["Асанова Гүлнара"][0] == [False, True, False]
    assert "Осмонов Нурлан" not in ticks


def test_a_sheet_without_names_is_refused_plainly(store, training, tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(UserError, match="No column of names"):
        ai.preview_attendance(store, training, f)


def test_the_summary_says_what_was_saved_in_the_readers_language(store, training, tmp_path):
    from strive_desktop.catalog import translator

    f = tmp_path / "att.csv"
    f.write_bytes("Аты-жөнү;1-сабак;2-сабак\nАсанова Гүлнара;бар;жок\nОсмонов Нурлан;бар;бар\n"
                  "Белгисиз Адам;бар;бар\n".encode("utf-8-sig"))
    res = ai.apply_attendance(store, ai.preview_attendance(store, training, f))
    assert res.summary().render() == "Recorded 5 mark(s); 1 walk-in(s) added; 1 row(s) refused."
    assert res.summary().render(translator("ru")) == ("Записано отметок: 5; добавлено пришедших без записи: 1; "
                                                      "отклонено строк: 1.")
    assert res.summary().render(translator("ky")) == ("Жазылган белгилер: 5; тизмесиз келип кошулгандар: 1; "
                                                      "четке кагылган саптар: 1.")
