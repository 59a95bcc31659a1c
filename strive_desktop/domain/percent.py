"""One way to write a percentage, by language: English "92%", Russian and Kyrgyz "92 %" with a
no-break space (so the sign never wraps to the next line). Used by the window and the PDFs."""

from __future__ import annotations

NBSP = "\u00a0"
DASH = "—"


def percent_text(number: float, lang: str) -> str:
    """*number* (already a percentage, 0-100) rounded to a whole number, with the sign."""
    whole = round(number)
    return f"{whole}%" if lang == "en" else f"{whole}{NBSP}%"


def percent(fraction: float | None, lang: str) -> str:
    """*fraction* (0-1) as a percentage; "—" when there is nothing to show."""
    return DASH if fraction is None else percent_text(fraction * 100, lang)


def share(n: float, total: float, lang: str) -> str:
    """*n* of *total* as a percentage; "—" for an empty total."""
    return percent_text(100 * n / total, lang) if total else DASH
