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


def test_times_and_date_times_per_language():
    t = dt.datetime(2026, 12, 5, 14, 7)
    assert f.fmt_time(t, "ru") == "14:07" == f.fmt_time(t, "ky")
    assert f.fmt_time(t, "en") == "2:07\u202fPM"
    assert f.fmt_datetime(t, "ru") == "05.12.2026 14:07" == f.fmt_datetime(t, "ky")
    assert f.fmt_datetime(t, "en") == "Dec 5, 2026, 2:07\u202fPM"
    # an aware time is shown on its own clock, not moved to UTC
    aware = t.replace(tzinfo=dt.timezone(dt.timedelta(hours=6)))
    assert f.fmt_time(aware, "ru") == "14:07"
    assert f.fmt_time(None, "en") == f.fmt_datetime(None, "ky") == "—"


def test_short_days_and_ranges_per_language():
    assert f.fmt_day_month(dt.date(2026, 12, 5), "ru") == "05.12" == f.fmt_day_month(dt.date(2026, 12, 5), "ky")
    assert f.fmt_day_month(dt.date(2026, 12, 5), "en") == "Dec 5"
    a, b = dt.date(2026, 4, 6), dt.date(2026, 4, 7)
    assert f.fmt_range(a, b, "en") == "Apr 6\u2009–\u20097, 2026"
    assert f.fmt_range(a, b, "ru") == "06.04.2026—07.04.2026"
    assert f.fmt_range(a, b, "ky") == "06.04.2026 – 07.04.2026"
    assert f.fmt_range(a, None, "ru") == "06.04.2026" == f.fmt_range(a, a, "ky")
    assert f.fmt_range(None, b, "en") == "—"
