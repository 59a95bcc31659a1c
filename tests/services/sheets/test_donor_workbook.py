"""The donor workbook: every number found again by filtering the Participants sheet."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from strive_desktop.catalog import translator
from strive_desktop.services import reports
from strive_desktop.services.sheets.donor_workbook import donor_workbook


def test_every_breakdown_is_traceable_to_the_participants_sheet(demo_store, tmp_path):
    out = tmp_path / "donor.xlsx"
    n = donor_workbook(demo_store, out, date_from=dt.date(2021, 1, 1), date_to=dt.date(2030, 12, 31))
    s = reports.donor_summary(demo_store, dt.date(2021, 1, 1), dt.date(2030, 12, 31))
    assert n == s.participants > 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Key figures", "Sex and age", "Sex and sector", "Sex and phase", "Sex and community",
                             "Sex and year", "Participants", "Definitions"]
    people = list(wb["Participants"].iter_rows(values_only=True))
    head, rows = people[0], people[1:]
    assert len(rows) == s.participants
    col = {h: i for i, h in enumerate(head)}
    sex = {"Female": "Women", "Male": "Men"}
    checked = 0
    for name, column, match in (("Sex and age", "Age band", lambda v, k: v == k),
                                ("Sex and sector", "Sector", lambda v, k: v == k),
                                ("Sex and phase", None, None),
                                ("Sex and community", "Communities", lambda v, k: k in v.split(", ")),
                                ("Sex and year", "Year", lambda v, k: v == k)):
        sheet = list(wb[name].iter_rows(values_only=True))
        assert sheet[0][1:4] == ("Women", "Men", "Total")
        for key, women, men, total, _check in sheet[1:-1]:
            if column is None:  # phase: its own column, 1 where the person was trained in it
                found = [r for r in rows if r[col[key]] == 1]
            else:
                found = [r for r in rows if match(r[col[column]], key)]
            assert len(found) == total, (name, key)
            assert sum(1 for r in found if sex[r[col["Sex"]]] == "Women") == women
            assert women + men == total
            checked += 1
        assert sheet[-1][0] == "Total"
    assert checked > 20
    key = dict(wb["Key figures"].iter_rows(min_row=2, values_only=True))
    assert key["Participants"] == s.participants and key["Women"] == s.women
    assert key["Trainings"] == s.trainings
    assert wb["Participants"].freeze_panes == "A2"
    assert len(list(wb["Definitions"].iter_rows())) >= 6


@pytest.mark.parametrize(("lang", "period", "open_end"), [
    ("ru", "01.01.2021 – 31.12.2030", "01.01.2021 – …"),
    ("ky", "01.01.2021 – 31.12.2030", "01.01.2021 – …"),
    ("en", "Jan 1, 2021 – Dec 31, 2030", "Jan 1, 2021 – …"),
])
def test_the_period_is_written_in_the_workbooks_language(demo_store, tmp_path, lang, period, open_end):
    for date_to, expected in ((dt.date(2030, 12, 31), period), (None, open_end)):
        out = tmp_path / f"donor-{lang}.xlsx"
        donor_workbook(demo_store, out, date_from=dt.date(2021, 1, 1), date_to=date_to, lang=lang,
                       translate=translator(lang))
        rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True))
        assert rows[1][1] == expected  # the second key figure: the period
