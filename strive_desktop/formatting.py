"""Numbers, percentages and dates written the way each language writes them, through Babel
(CLDR data for ky, ru and en; no Qt), shared by the PDFs, the workbooks and the window.

English "3,904" and "12.5"; Russian and Kyrgyz "3 904" and "12,5" (a no-break space between
thousands, a decimal comma). Percentages: "27%" in English, "27 %" in Russian and Kyrgyz (the
interface's convention, domain/percent.py). Dates: "Mar 5, 2021" in English, "05.03.2021" in
Russian and Kyrgyz; times "2:07 PM" / "14:07"; a day in a narrow column "Mar 5" / "05.03".
Times and date-times are shown as given: the caller passes local wall-clock time.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_interval as _babel_interval
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal, format_percent

LANGS = ("en", "ru", "ky")
DASH = "—"
_PERCENT_PATTERN = {"en": "#,##0%", "ru": "#,##0\u00a0%", "ky": "#,##0\u00a0%"}
_DATE_PATTERN = {"en": "medium", "ru": "dd.MM.yyyy", "ky": "dd.MM.yyyy"}
_TIME_PATTERN = {"en": "short", "ru": "HH:mm", "ky": "HH:mm"}
_RANGE_SKELETON = {"en": "yMMMd", "ru": "yMd", "ky": "yMd"}
_DAY_MONTH_PATTERN = {"en": "MMM d", "ru": "dd.MM", "ky": "dd.MM"}


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in LANGS else "en")


def fmt_int(n: float, lang: str) -> str:
    """A whole number with the language's thousands separator: 3,904 / 3 904."""
    return format_decimal(round(n), locale=_locale(lang))


def fmt_number(x: float, lang: str, digits: int = 1) -> str:
    """At most *digits* decimals, none for a whole number: 12.5 / 12,5; 3,904 / 3 904."""
    x = round(x, digits)
    if float(x).is_integer():
        return fmt_int(x, lang)
    return format_decimal(x, format="#,##0." + "#" * digits, locale=_locale(lang))


def fmt_percent(fraction: float | None, lang: str) -> str:
    """*fraction* (0-1) as a whole percentage: 27% / 27 %; a dash for None."""
    if fraction is None:
        return DASH
    return format_percent(fraction, format=_PERCENT_PATTERN.get(lang, "#,##0%"), locale=_locale(lang))


def fmt_share(n: float, total: float, lang: str) -> str:
    """*n* of *total* as a percentage; a dash when the total is 0."""
    return fmt_percent(n / total if total else None, lang)


def fmt_date(d: dt.date | None, lang: str) -> str:
    """A date: Mar 5, 2021 / 05.03.2021; a dash for None."""
    if d is None:
        return DASH
    return _babel_date(d, _DATE_PATTERN.get(lang, "medium"), locale=_locale(lang))


def fmt_day(d: dt.date | None, lang: str) -> str:
    """A date in a narrow column (the attendance sheet's session columns): 05.03.2021 in every
    language, with no space to wrap at; a dash for None."""
    if d is None:
        return DASH
    return _babel_date(d, "dd.MM.yyyy", locale=_locale(lang))


def local_time(t: dt.datetime) -> dt.datetime:
    """A stored stamp (naive UTC, or aware) in the machine's local time, for a person to read."""
    return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)).astimezone()


def fmt_day_month(d: dt.date | None, lang: str) -> str:
    """A day of the month without the year, for a column headed by its year elsewhere:
    Mar 5 / 05.03; a dash for None."""
    if d is None:
        return DASH
    return _babel_date(d, _DAY_MONTH_PATTERN.get(lang, "MMM d"), locale=_locale(lang))


def fmt_time(t: dt.datetime | dt.time | None, lang: str) -> str:
    """A wall-clock time to the minute: 2:07 PM / 14:07; a dash for None. An aware datetime
    is shown in its own zone, a naive one as it is."""
    if t is None:
        return DASH
    if isinstance(t, dt.datetime):
        t = t.time()  # drop the zone: Babel would otherwise read a naive time as UTC
    return _babel_time(t.replace(tzinfo=None), _TIME_PATTERN.get(lang, "short"), locale=_locale(lang))


def fmt_datetime(t: dt.datetime | None, lang: str) -> str:
    """A date and a time: Mar 5, 2021, 2:07 PM / 05.03.2021 14:07; a dash for None."""
    if t is None:
        return DASH
    sep = ", " if lang not in ("ru", "ky") else " "
    return fmt_date(t.date(), lang) + sep + fmt_time(t, lang)


def fmt_range(a: dt.date | None, b: dt.date | None, lang: str) -> str:
    """From *a* to *b* as compactly as CLDR writes an interval, for a table column:
    Apr 6 – 7, 2026 / 06.04.2026—07.04.2026; one date when *b* is None or the same;
    a dash when *a* is None."""
    if a is None:
        return DASH
    if b is None or b == a:
        return fmt_date(a, lang)
    return _babel_interval(a, b, _RANGE_SKELETON.get(lang, "yMMMd"), locale=_locale(lang))


def fmt_period(a: dt.date | None, b: dt.date | None, lang: str) -> str:
    """From *a* to *b*: 05.03.2021 – 07.03.2021, an open end as "…"; a dash when both are None."""
    if a is None and b is None:
        return DASH
    if a == b:
        return fmt_date(a, lang)
    return f"{fmt_date(a, lang) if a else '…'} – {fmt_date(b, lang) if b else '…'}"
