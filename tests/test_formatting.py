"""Numbers, percentages and dates for ky, ru and en through Babel."""

from __future__ import annotations

import datetime as dt

from strive_desktop import formatting as f

NB = "\u00a0"


def test_numbers_per_language():
    assert f.fmt_int(3904, "en") == "3,904"
    assert f.fmt_int(3904, "ru") == f"3{NB}904" == f.fmt_int(3904, "ky")
    assert f.fmt_number(12.5, "en") == "12.5" and f.fmt_number(12.5, "ru") == "12,5"
    assert f.fmt_number(12.0, "ky") == "12" and f.fmt_number(1234.25, "ru") == f"1{NB}234,2"


def test_percent_and_dates_per_language():
    assert f.fmt_share(27, 100, "en") == "27%" and f.fmt_share(27, 100, "ru") == f"27{NB}%"
    assert f.fmt_share(1, 0, "ky") == "—"
    d = dt.date(2021, 3, 5)
    assert f.fmt_date(d, "ru") == "05.03.2021" == f.fmt_date(d, "ky")
    assert f.fmt_date(d, "en") == "Mar 5, 2021"
    assert f.fmt_period(d, dt.date(2021, 3, 7), "ru") == "05.03.2021 – 07.03.2021"
