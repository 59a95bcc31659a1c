"""The rotation of automatic backups over simulated dates (services/backups.py to_keep)."""

import datetime as dt

from strive_desktop.services.backups import to_keep


def _daily(start: dt.datetime, days: int) -> list[dt.datetime]:
    return [start + dt.timedelta(days=i, hours=i % 5) for i in range(days)]


def test_a_year_and_a_half_of_daily_backups_keeps_7_days_4_weeks_12_months():
    stamps = _daily(dt.datetime(2025, 6, 1, 9), 550)
    keep = to_keep(stamps)
    newest = max(stamps)
    days = {t.date() for t in keep if (newest - t).days < 7}
    assert len(days) == 7  # the last seven days, every one
    weeks = {t.isocalendar()[:2] for t in keep}
    assert len(weeks) >= 4
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12
    oldest_month = min(months)
    assert oldest_month == ((newest.year - 1, newest.month + 1) if newest.month < 12 else (newest.year, 1))
    assert len(keep) <= 7 + 4 + 12
    assert newest in keep and min(stamps) not in keep


def test_several_backups_on_one_day_keep_the_newest_of_that_day():
    day = dt.datetime(2026, 3, 4)
    stamps = [day.replace(hour=h) for h in (8, 12, 18)]
    assert to_keep(stamps) == {day.replace(hour=18)}


def test_gaps_count_only_days_that_have_a_backup():
    # used on 10 scattered days over two months: the 7 newest days survive as dailies
    stamps = [dt.datetime(2026, 1, 1) + dt.timedelta(days=6 * i) for i in range(10)]
    keep = to_keep(stamps)
    assert set(sorted(stamps)[-7:]) <= keep
    assert to_keep([]) == set()
