"""Dates and times in the window, written by the same Babel formatting as the PDFs and the
workbooks (strive_desktop/formatting.py), in the language the interface runs in (ui_lang):
"05.12.2026" and "14:07" in Russian and Kyrgyz, "Dec 5, 2026" and "2:07 PM" in English.
Times are shown in local wall-clock time: stored UTC stamps go through :func:`local`."""

from __future__ import annotations

import datetime as dt

from .percent import ui_lang


def local(t: dt.datetime) -> dt.datetime:
    """A stored stamp (naive UTC, or aware) in the machine's local time."""
    from ... import formatting

    return formatting.local_time(t)


def date_text(d: dt.date | None, empty: str = "") -> str:
    """05.12.2026 / Dec 5, 2026; *empty* for None."""
    if d is None:
        return empty
    from ... import formatting  # Babel: imported on first use, not on the start-up path

    return formatting.fmt_date(d, ui_lang())


def day_month_text(d: dt.date) -> str:
    """05.12 / Dec 5: a day in a narrow column whose year is shown elsewhere."""
    from ... import formatting

    return formatting.fmt_day_month(d, ui_lang())


def time_text(t: dt.datetime | dt.time) -> str:
    """14:07 / 2:07 PM, as given (pass local time)."""
    from ... import formatting

    return formatting.fmt_time(t, ui_lang())


def datetime_text(t: dt.datetime | None, empty: str = "") -> str:
    """05.12.2026 14:07 / Dec 5, 2026, 2:07 PM, as given (pass local time); *empty* for None."""
    if t is None:
        return empty
    from ... import formatting

    return formatting.fmt_datetime(t, ui_lang())


def range_text(start: dt.date | None, end: dt.date | None) -> str:
    """The dates of a training or a plan in a table column, as compact as CLDR writes an
    interval: Apr 6 – 7, 2026 / 06.04.2026—07.04.2026; one date when there is no end or it is
    the same; "" when there is no start."""
    if start is None:
        return ""
    from ... import formatting

    return formatting.fmt_range(start, end, ui_lang())


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    """05.03.2021 – 07.03.2021; one date when both are the same; "" when there is no start."""
    if start is None:
        return ""
    from ... import formatting

    return formatting.fmt_period(start, end or start, ui_lang())
